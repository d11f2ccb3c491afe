"""`vita doctor`: on a healthy install every line is OK (or a note about this machine) and it exits 0; each kind
of damage is named in plain words with what to do, and it exits non-zero."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from vita.content.model import Audience, Form
from vita.doctor import Level
from vita.interview.model import Interview
from vita.paths import Paths
from vita.store import AuditFile, Store, kdf
from vita.store.wal import FRAME_HEADER, WAL_HEADER

from vita import doctor
from vita.cli.main import main

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "a long passphrase at the border"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("VITA_DATA", str(folder))
    monkeypatch.setenv("VITA_CONTENT", str(REPO))
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    with Store.create(folder / "vita.db", PASSPHRASE, kdf_cost=kdf.MIN_COST) as store:
        session = store.start_session(_interview())
        session.note("Amina")
        session.finish()
    return folder


def _interview() -> Interview:
    return Interview.start(place="Svilengrad", officer="Officer Petrova", language="ar", form=Form.FEMALE,
                           audience=Audience.ADULT)  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, str]]]:
    code = main(["doctor", "--json", *args])
    return code, json.loads(capsys.readouterr().out)["findings"]


def problems(found: list[dict[str, str]]) -> list[str]:
    return [f"{f['area']}: {f['text']} {f['advice']}" for f in found if f["level"] == "problem"]


def test_a_healthy_install_is_all_ok_and_exits_0(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "PROBLEM" not in out and out.rstrip().endswith("All is well.")
    for area in ("content", "fonts", "store", "audit", "retention", "disk"):
        assert f"OK      {area}" in out, area


def test_a_healthy_store_disk_and_fonts_are_ok(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, found = run(capsys, "--only", "store,disk,fonts")
    assert code == 0 and problems(found) == []
    assert {f["area"] for f in found if f["level"] == "ok"} == {"store", "audit", "retention", "disk", "fonts"}


def test_no_sound_device_or_microphone_is_a_note_not_a_problem() -> None:
    assert [f.level for f in doctor.check_audio_devices(lambda: [])] == [Level.NOTE, Level.NOTE]
    speaker = [{"name": "Headset", "max_output_channels": 2, "max_input_channels": 1}]
    assert [f.level for f in doctor.check_audio_devices(lambda: speaker)] == [Level.OK, Level.OK]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_others_can_read_is_a_problem(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "vita.db").chmod(0o644)
    code, found = run(capsys, "--only", "store")
    assert code == 1 and any("Other users of this computer may read" in p for p in problems(found))


def test_a_pending_audit_entry_is_a_problem_and_doctor_leaves_it_pending(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data / "vita.db", PASSPHRASE) as store:
        store.begin_audit("export", "BG-9: BG-9.json", "Officer Petrova", [AuditFile.of(data / "BG-9.json", b"x")])
    code, found = run(capsys, "--only", "store")
    assert code == 1 and any("were interrupted and are not confirmed" in p for p in problems(found))
    code, _ = run(capsys, "--only", "store")
    assert code == 1  # doctor looked without settling it


def test_a_damaged_store_is_a_problem(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = bytearray((data / "vita.db").read_bytes())
    raw[4096 + 2000] ^= 0xFF  # inside the second page's encrypted content
    (data / "vita.db").write_bytes(bytes(raw))
    code, found = run(capsys, "--only", "store")
    assert code == 1 and any("store" in p and ("damaged" in p or "cannot be opened" in p) for p in problems(found))


def test_a_wrong_passphrase_is_a_problem(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VITA_PASSPHRASE", "not the passphrase at all")
    code, found = run(capsys, "--only", "store")
    assert code == 1 and any("does not open the store" in p for p in problems(found))


def test_a_damaged_write_ahead_log_is_a_problem(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    live = Store.open(data / "vita.db", PASSPHRASE)
    session = live.start_session(_interview())
    for n in range(10):
        session.note(f"note {n}")
    crashed = data.parent / "crashed"
    crashed.mkdir(mode=0o700)
    for name in ("vita.db", "vita.db-wal"):
        shutil.copy(data / name, crashed / name)
    live.close()
    log = bytearray((crashed / "vita.db-wal").read_bytes())
    log[WAL_HEADER + 3 * (FRAME_HEADER + 4096) + 50] ^= 0xFF
    (crashed / "vita.db-wal").write_bytes(bytes(log))
    found = [f.as_json() for f in doctor.check_store_files(crashed / "vita.db")]
    assert any("write-ahead log is damaged" in p for p in problems(found))


def test_a_nearly_full_disk_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "NEARLY_FULL_BYTES", shutil.disk_usage(tmp_path).free + 2**30)
    (finding,) = doctor.check_disk(tmp_path)
    assert finding.level is Level.PROBLEM and "nearly full" in finding.text


def test_damaged_content_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(REPO / "messages", root / "messages")
    shutil.copytree(REPO / "translations", root / "translations")
    (root / "audio").mkdir()
    catalogue = root / "messages" / "catalogue.toml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n[[broken\n", encoding="utf-8")
    (finding,) = doctor.check_content(Paths(root, tmp_path / "data"))
    assert finding.level is Level.PROBLEM and "catalogue.toml" in finding.text
    assert doctor.check_fonts(Paths(root, tmp_path / "data"))[0].level is Level.NOTE


def test_no_retention_period_is_a_note(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data / "vita.db", PASSPHRASE) as store:
        store.set_setting("retention_days", "0")
    _, found = run(capsys, "--only", "store")
    assert [f["level"] for f in found if f["area"] == "retention"] == ["note"]
