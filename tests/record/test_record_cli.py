"""`vita export`, `vita stats` and `vita verify` as an officer runs them, against a real encrypted store."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from recordkit import border_header

from vita.content.model import Answer
from vita.store import Store, kdf

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "a long passphrase at the border"
NOTE = "Hidden in a lorry; says her name is Amina."


def run_vita(*args: str, data: Path, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "VITA_PASSPHRASE")}
    env["VITA_DATA"] = str(data)
    if passphrase is not None:
        env["VITA_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "vita", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A store holding one finished and one unfinished interview."""
    folder = tmp_path / "data"
    with Store.create(folder / "vita.db", PASSPHRASE, kdf_cost=kdf.MIN_COST) as store:
        for reference, finish in (("BG-2026-17", True), ("BG-2026-18", False)):
            header = border_header(language="ar", reference=reference)
            session = store.start_session(header)
            session.played("control.debt")
            session.answer("control.debt", Answer.YES)
            session.answer("control.work_off_debt", Answer.YES)
            session.note(NOTE)
            if finish:
                session.finish()
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_writes_the_record_and_the_audit_trail_names_who_exported_it(data: Path, tmp_path: Path) -> None:
    result = run_vita("export", "BG-2026-17", "--out", str(tmp_path / "out"), "--officer", "Officer Ivanov", data=data)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["BG-2026-17.json", "BG-2026-17.pdf"]
    document = json.loads((tmp_path / "out" / "BG-2026-17.json").read_text(encoding="utf-8"))
    assert document["digest"]["value"] in result.stdout
    assert (
        subprocess.run(["qpdf", "--check", str(tmp_path / "out" / "BG-2026-17.pdf")], capture_output=True).returncode
        == 0
    )
    with Store.open(data / "vita.db", PASSPHRASE) as store:
        (entry,) = store.audit_log()
    assert (entry.action, entry.officer) == ("export", "Officer Ivanov")
    assert "BG-2026-17" in entry.detail


def test_an_unfinished_or_unknown_interview_is_refused_with_a_clear_message(data: Path, tmp_path: Path) -> None:
    unfinished = run_vita("export", "BG-2026-18", "--out", str(tmp_path / "out"), data=data)
    assert unfinished.returncode == 1
    assert "BG-2026-18 is not finished" in unfinished.stderr
    unknown = run_vita("export", "BG-1999-1", "--out", str(tmp_path / "out"), data=data)
    assert unknown.returncode == 1 and "no interview has the case reference" in unknown.stderr
    assert not (tmp_path / "out").exists()


def test_a_wrong_or_missing_passphrase_is_refused_and_the_store_is_not_changed(data: Path, tmp_path: Path) -> None:
    before = digest(data / "vita.db")
    wrong = run_vita("export", "BG-2026-17", "--out", str(tmp_path / "out"), data=data, passphrase="not the one at all")
    assert wrong.returncode == 1 and "passphrase does not open the store" in wrong.stderr
    missing = run_vita("stats", data=data, passphrase=None)
    assert missing.returncode == 1 and "no passphrase: set VITA_PASSPHRASE" in missing.stderr
    assert digest(data / "vita.db") == before
    assert not (tmp_path / "out").exists()


def test_stats_give_counts_only_and_say_they_hold_no_personal_data(data: Path) -> None:
    as_json = run_vita("stats", "--format", "json", "--since", "2026-01", data=data)
    as_csv = run_vita("stats", data=data)
    assert as_json.returncode == 0 and as_csv.returncode == 0, as_json.stderr + as_csv.stderr
    for text in (as_json.stdout, as_csv.stdout):
        for secret in ("BG-2026", "Petrova", "Kapitan", "Amina", "lorry"):
            assert secret not in text
    counts = {(c["dimension"], c["value"]): c for c in json.loads(as_json.stdout)["counts"]}
    assert counts[("interviews", "all")] == {  # one interview (the unfinished one is not counted): too few to show
        "month": "2026-03",
        "dimension": "interviews",
        "value": "all",
        "count": None,
        "suppressed": True,
    }
    assert counts[("indicator", "debt_bondage")]["count"] is None
    assert as_csv.stdout.startswith("# VITA anonymous statistics") and "No names" in as_csv.stdout.splitlines()[0]
    assert "Counts below 5 are suppressed" in as_csv.stdout.splitlines()[1]


def test_stats_show_small_counts_only_when_the_setting_allows(data: Path) -> None:
    with Store.open(data / "vita.db", PASSPHRASE) as store:
        store.set_setting("stats_min_count", "1")
    counts = {(c["dimension"], c["value"]): c["count"] for c in json.loads(run_vita("stats", "--format", "json",
              data=data).stdout)["counts"]}  # fmt: skip
    assert counts[("interviews", "all")] == 1 and counts[("indicator", "debt_bondage")] == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_stats_written_to_a_file_never_follow_a_planted_link(data: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "stats.csv").symlink_to(victim)
    result = run_vita("stats", "--out", str(tmp_path / "stats.csv"), data=data)
    assert result.returncode == 1 and "link" in result.stderr
    assert victim.read_text() == "precious"


def test_stats_refuse_a_month_they_cannot_read(data: Path) -> None:
    result = run_vita("stats", "--since", "2026-13", data=data)
    assert result.returncode == 1 and "write it as YYYY-MM" in result.stderr


def test_verify_refuses_a_file_that_is_not_a_record(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"kind": "invoice"}', encoding="utf-8")
    result = run_vita("verify", str(other), data=tmp_path)
    assert result.returncode == 1 and "not a VITA record" in result.stderr
