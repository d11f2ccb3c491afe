"""A damaged write-ahead log: SQLite replays it only up to the damage and then deletes it. VITA keeps a copy,
says plainly that saved changes are missing, and never deletes the copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from storekit import PASSPHRASE, an_interview, make_store

from vita.errors_text import explain
from vita.store import Store
from vita.store.wal import FRAME_HEADER, WAL_HEADER, WalDamaged, read_wal, wal_path

NOTES = 60


def crash_snapshot(tmp_path: Path) -> tuple[Path, str]:
    """The store and its log as a kill -9 leaves them after NOTES committed notes (copied while it is open)."""
    live = tmp_path / "live" / "vita.db"
    store = make_store(live)
    session = store.start_session(an_interview())
    for n in range(NOTES):
        session.note(f"note {n}")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (live.name, live.name + "-wal"):
        shutil.copy(live.with_name(name), crashed / name)
    store.close()
    return crashed / "vita.db", session.interview.id


def notes(path: Path, interview_id: str) -> tuple[list[str], Store]:
    store = Store.open(path, PASSPHRASE)
    if interview_id not in {i.id for i in store.interviews()}:
        return [], store  # the whole interview was in the part of the log that was lost
    return [str(e.data["text"]) for e in store.events(interview_id)], store


def frame_offset(log: bytes, frame: int) -> int:
    page_size = int.from_bytes(log[8:12], "big")
    return WAL_HEADER + (frame - 1) * (FRAME_HEADER + page_size)


def test_an_intact_log_after_a_crash_gives_back_every_note_and_leaves_no_copy(tmp_path: Path) -> None:
    path, interview_id = crash_snapshot(tmp_path)
    reading = read_wal(wal_path(path).read_bytes())
    assert reading.committed == reading.applied > NOTES
    texts, store = notes(path, interview_id)
    with store:
        assert texts == [f"note {n}" for n in range(NOTES)]
        assert store.wal_damaged is None
    assert [p.name for p in path.parent.iterdir() if "wal" in p.name] == []  # the copy went with the log


@pytest.mark.parametrize("where", ["frame 30", "header"])
def test_a_damaged_log_is_reported_and_kept_beside_the_store(tmp_path: Path, where: str) -> None:
    path, interview_id = crash_snapshot(tmp_path)
    log = bytearray(wal_path(path).read_bytes())
    at = frame_offset(bytes(log), 30) + FRAME_HEADER + 100 if where == "frame 30" else 20
    log[at] ^= 0xFF
    wal_path(path).write_bytes(bytes(log))

    texts, store = notes(path, interview_id)
    with store:
        warning = store.wal_damaged
        assert isinstance(warning, WalDamaged)
        assert len(texts) < NOTES  # what SQLite alone would have said nothing about
        assert warning.reading.committed > warning.reading.applied
        assert "write-ahead log was damaged" in explain(warning) and "do not delete it" in explain(warning)
        assert warning.copy is not None and warning.copy.read_bytes() == bytes(log)
    assert warning.copy.exists()  # closing the store deleted its log, never the copy
    with Store.open(path, PASSPHRASE) as again:
        assert again.wal_damaged is None  # told once; the copy is still there
    assert warning.copy.exists()


def test_finishing_an_interview_checkpoints_the_log(store: Store) -> None:
    session = store.start_session(an_interview())
    for n in range(20):
        session.note(f"note {n}")
    assert wal_path(store.path).stat().st_size > 0
    session.finish()
    assert wal_path(store.path).stat().st_size == 0
