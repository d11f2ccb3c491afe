"""Exporting from a real encrypted store: both files or none, private to the owner, and an audit entry every time."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from recordkit import EXPORTED, border_header, sample_directory, small_content

from vita.content.model import Answer
from vita.errors_text import explain
from vita.interview.model import Interview
from vita.record.build import build_record
from vita.record.errors import ExportExists, InterviewNotFinished, UnknownCase
from vita.record.export import EXPORT_ACTION, export_interview, file_stem, find_interview
from vita.record.model import Record
from vita.safe_files import FileInTheWay, UnsafeFolder
from vita.store import Store, StoreFull, audit, kdf


def fake_pdf(record: Record, digest: str) -> bytes:
    """Stands in for the Qt renderer, which has its own tests: holds the digest so the pairing can be checked."""
    return b"%PDF-1.4\n% " + digest.encode() + b"\n"


def broken_pdf(record: Record, digest: str) -> bytes:
    raise OSError("disk full while drawing")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.create(tmp_path / "vita.db", "a long passphrase at the border", kdf_cost=kdf.MIN_COST) as opened:
        yield opened


def interview_in(store: Store, *, finish: bool = True, reference: str = "BG-2026-17/a") -> Interview:
    header = border_header(reference=reference, now=None)
    session = store.start_session(header)
    session.played("safety.hurt")
    session.answer("safety.hurt", Answer.YES)
    session.note("Limping; asked for water.")
    if finish:
        session.finish()
    return header


def export(store: Store, header: Interview, out: Path, **kw: object) -> object:
    options: dict[str, object] = {
        "content": small_content(),
        "directory": sample_directory(),
        "audio": None,
        "out_dir": out,
        "exported_by": "Officer Ivanov",
        "render_pdf": fake_pdf,
        "now": EXPORTED,
    }
    options.update(kw)
    return export_interview(store, header, **options)  # type: ignore[arg-type]


def test_export_writes_json_and_pdf_readable_by_the_owner_only_and_audits_it(store: Store, tmp_path: Path) -> None:
    header = interview_in(store)
    result = export(store, header, tmp_path / "out")

    assert result.json_path.name == "BG-2026-17_a.json" and result.pdf_path.name == "BG-2026-17_a.pdf"
    document = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert document["case"]["reference"] == "BG-2026-17/a"
    assert document["notes"][0]["text"] == "Limping; asked for water."
    assert result.digest in result.pdf_path.read_text(errors="replace")
    for path in (result.json_path, result.pdf_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["BG-2026-17_a.json", "BG-2026-17_a.pdf"]
    (entry,) = store.audit_log()
    assert (entry.action, entry.officer, entry.state) == (EXPORT_ACTION, "Officer Ivanov", audit.DONE)
    assert "BG-2026-17/a" in entry.detail and result.digest in entry.detail


def test_the_exported_record_is_the_one_built_from_the_stored_log(store: Store, tmp_path: Path) -> None:
    header = interview_in(store)
    result = export(store, header, tmp_path)
    rebuilt = build_record(header, store.events(header.id), small_content(), sample_directory(), now=EXPORTED)
    assert result.record == rebuilt


def test_an_unfinished_interview_is_not_exported_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    header = interview_in(store, finish=False)
    with pytest.raises(InterviewNotFinished):
        export(store, header, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert store.audit_log() == []


def test_an_earlier_export_is_never_overwritten_unless_asked(store: Store, tmp_path: Path) -> None:
    header = interview_in(store)
    first = export(store, header, tmp_path)
    before = first.json_path.read_bytes()
    with pytest.raises(ExportExists, match="not overwritten"):
        export(store, header, tmp_path, now=None)
    assert first.json_path.read_bytes() == before
    export(store, header, tmp_path, overwrite=True, now=None)
    assert first.json_path.read_bytes() != before
    assert len(store.audit_log()) == 2


def test_when_the_pdf_fails_no_file_is_left_and_nothing_is_audited(store: Store, tmp_path: Path) -> None:
    header = interview_in(store)
    with pytest.raises(OSError, match="disk full while drawing"):
        export(store, header, tmp_path / "out", render_pdf=broken_pdf)
    assert list((tmp_path / "out").iterdir()) == []
    assert store.audit_log() == []


def test_an_interview_is_found_by_case_reference_or_id(store: Store) -> None:
    header = interview_in(store)
    other = interview_in(store, reference="BG-2026-18")
    assert find_interview(store, "BG-2026-17/a").id == header.id
    assert find_interview(store, f" {other.id} ").case_reference == "BG-2026-18"
    with pytest.raises(UnknownCase, match="BG-1999-1"):
        find_interview(store, "BG-1999-1")


def test_file_names_are_safe_whatever_the_case_reference() -> None:
    assert file_stem("VITA-20261123-7F3A") == "VITA-20261123-7F3A"
    assert file_stem("../../etc/passwd") == "etc_passwd"
    assert file_stem("Dossier n° 12 / Ankara") == "Dossier_n_12_Ankara"
    assert file_stem("///") == "record"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    target = tmp_path / "officer-bashrc"
    target.write_bytes(b"precious")
    target.chmod(0o644)
    return target


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and permissions")
def test_links_planted_under_the_names_the_export_writes_are_never_written_through(
    store: Store, tmp_path: Path, victim: Path
) -> None:
    """The attack: case references are predictable, so links wait under CASE.json, CASE.pdf and their partials."""
    header = interview_in(store)
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    for name in ("BG-2026-17_a.json", "BG-2026-17_a.pdf", ".BG-2026-17_a.pdf.partial", ".BG-2026-17_a.json.partial"):
        (out / name).symlink_to(victim)
    with pytest.raises(FileInTheWay, match="link"):
        export(store, header, out, overwrite=True)
    assert victim.read_bytes() == b"precious" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert all(p.is_symlink() for p in out.iterdir()) and len(list(out.iterdir())) == 4
    (entry,) = store.audit_log()
    assert entry.state == audit.FAILED and "nothing was written" in entry.outcome


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and permissions")
def test_links_under_the_old_partial_names_do_not_stop_the_export_or_receive_it(
    store: Store, tmp_path: Path, victim: Path
) -> None:
    header = interview_in(store)
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    (out / ".BG-2026-17_a.pdf.partial").symlink_to(victim)
    result = export(store, header, out)
    assert victim.read_bytes() == b"precious"
    assert not result.pdf_path.is_symlink() and stat.S_IMODE(result.pdf_path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("unsafe", ["world-writable", "symlinked"])
def test_an_unsafe_export_folder_is_refused_in_plain_words_before_anything_is_written(
    store: Store, tmp_path: Path, unsafe: str
) -> None:
    header = interview_in(store)
    real = tmp_path / "real"
    real.mkdir()
    if unsafe == "world-writable":
        real.chmod(0o777)
        out = real
    else:
        out = tmp_path / "records"
        out.symlink_to(real, target_is_directory=True)
    with pytest.raises(UnsafeFolder) as refused:
        export(store, header, out)
    assert "Choose a folder of your own" in explain(refused.value)
    assert list(real.iterdir()) == []
    assert store.audit_log() == []


def test_an_export_the_audit_cannot_confirm_leaves_no_file_and_the_next_unlock_says_so(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = interview_in(store)
    settle = store.settle_audit

    def disk_full_at_confirmation(entry_id: int, state: str, outcome: str = "") -> None:
        if state == audit.DONE:
            raise StoreFull("the audit entry that confirms this export")
        settle(entry_id, state, outcome)

    monkeypatch.setattr(store, "settle_audit", disk_full_at_confirmation)
    with pytest.raises(StoreFull):
        export(store, header, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    assert [e.state for e in store.audit_log()] == [audit.PENDING]
    path = store.path
    store.close()
    with Store.open(path, "a long passphrase at the border") as reopened:
        (entry,) = reopened.audit_log()
    assert entry.state == audit.CLEANED and "no file of this export was on the disk" in entry.outcome


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_write_private_is_the_safe_writer_too(tmp_path: Path, victim: Path) -> None:
    """Other writers of record files (vita simulate) use codec.write_private: it must not follow a link either."""
    from vita.record.codec import write_private

    out = tmp_path / "sim"
    out.mkdir(mode=0o700)
    (out / "SIM.json").symlink_to(victim)
    with pytest.raises(FileInTheWay):
        write_private(out / "SIM.json", b"{}")
    assert victim.read_bytes() == b"precious"
    write_private(out / "OTHER.json", b"{}")
    assert stat.S_IMODE((out / "OTHER.json").stat().st_mode) == 0o600
