"""No export escapes the audit trail: its entry is made first (pending), and the next unlock finishes or cleans
up whatever a crash left, and says so in the entry."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from storekit import PASSPHRASE, make_store

from vita.safe_files import partial_name
from vita.store import AuditFile, Store, audit

JSON, PDF = b'{"record": "complete"}\n', b"%PDF-1.4 complete\n"


def crashed_export(store_path: Path, out: Path, *, write: tuple[str, ...]) -> None:
    """An export killed after its pending entry was committed and after writing `write` (final or partial)."""
    out.mkdir(exist_ok=True)
    files = [AuditFile.of(out / "CASE.json", JSON), AuditFile.of(out / "CASE.pdf", PDF)]
    with make_store(store_path) as store:
        store.begin_audit("export", "CASE: CASE.json and CASE.pdf", "Officer Petrova", files)
    for name in write:
        data = JSON if ".json" in name else PDF
        (out / name).write_bytes(data[: len(data) // 2] if name.endswith(".partial") else data)


def test_a_complete_export_left_unconfirmed_is_kept_and_marked_done_after_a_crash(
    store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    crashed_export(store_path, out, write=("CASE.json", "CASE.pdf"))
    with Store.open(store_path, PASSPHRASE) as store:
        (entry,) = store.recovered
        assert store.audit_log(state=audit.PENDING) == []
    assert entry.state == audit.RECOVERED and "found complete and kept" in entry.outcome
    assert (out / "CASE.json").read_bytes() == JSON and (out / "CASE.pdf").read_bytes() == PDF


def test_a_hidden_partial_left_by_a_kill_while_writing_is_deleted_and_the_audit_says_so(
    store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    crashed_export(store_path, out, write=("CASE.json", partial_name("CASE.pdf")))
    with Store.open(store_path, PASSPHRASE) as store:
        (entry,) = store.audit_log()
    assert entry.state == audit.CLEANED and "incomplete export was deleted" in entry.outcome
    assert list(out.iterdir()) == []  # neither the lone JSON nor the plaintext partial remains


def test_an_export_that_wrote_nothing_is_marked_so(store_path: Path, tmp_path: Path) -> None:
    crashed_export(store_path, tmp_path / "out", write=())
    with Store.open(store_path, PASSPHRASE) as store:
        (entry,) = store.audit_log()
    assert entry.state == audit.CLEANED and "no file of this export was on the disk" in entry.outcome


@pytest.mark.skipif(os.name != "posix", reason="POSIX links")
def test_recovery_never_follows_or_deletes_a_file_that_is_not_the_exports(store_path: Path, tmp_path: Path) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim"
    victim.write_bytes(JSON)  # even with the very bytes the entry names
    crashed_export(store_path, out, write=())
    (out / "CASE.json").symlink_to(victim)
    (out / "CASE.pdf").write_bytes(b"someone else's file")
    with Store.open(store_path, PASSPHRASE) as store:
        (entry,) = store.audit_log()
    assert entry.state == audit.CLEANED
    assert victim.read_bytes() == JSON and (out / "CASE.json").is_symlink()
    assert (out / "CASE.pdf").read_bytes() == b"someone else's file"


def test_doctor_can_look_without_settling(store_path: Path, tmp_path: Path) -> None:
    crashed_export(store_path, tmp_path / "out", write=("CASE.json", "CASE.pdf"))
    with Store.open(store_path, PASSPHRASE, recover=False) as store:
        assert [e.state for e in store.audit_log()] == [audit.PENDING]
    with Store.open(store_path, PASSPHRASE) as store:
        assert [e.state for e in store.audit_log()] == [audit.RECOVERED]


def test_found_by_the_fault_series_an_interrupted_re_export_is_finished_not_half_deleted(
    store_path: Path, tmp_path: Path
) -> None:
    """Killed between placing the new JSON and the new PDF of a re-export (overwrite): recovery used to delete
    the new JSON as 'incomplete', leaving the case with no JSON at all. Every file was complete (each is synced
    under its hidden name before any is placed), so recovery now finishes the export."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "CASE.pdf").write_bytes(b"%PDF the earlier export")
    crashed_export(store_path, out, write=("CASE.json",))
    (out / partial_name("CASE.pdf")).write_bytes(PDF)  # complete, not yet in place
    with Store.open(store_path, PASSPHRASE) as store:
        (entry,) = store.audit_log()
    assert entry.state == audit.RECOVERED and "put in place" in entry.outcome
    assert sorted(p.name for p in out.iterdir()) == ["CASE.json", "CASE.pdf"]
    assert (out / "CASE.json").read_bytes() == JSON and (out / "CASE.pdf").read_bytes() == PDF
