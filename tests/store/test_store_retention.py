"""The retention period: finished interviews are deleted once it has passed, everything else stays."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from storekit import PASSPHRASE, an_interview, make_store

from vita.content.model import Answer
from vita.interview.session import InterviewSession
from vita.store import Store, connection
from vita.store.retention import apply_retention, retention_cutoff
from vita.store.settings import Settings

DAY = dt.timedelta(days=1)
START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def finished_interview(store: Store, finished_at: dt.datetime, note: str) -> str:
    interview = an_interview(now=finished_at - dt.timedelta(minutes=20))
    store.add_interview(interview)
    moments = iter([finished_at - dt.timedelta(minutes=10), finished_at - dt.timedelta(minutes=5), finished_at])
    session = InterviewSession(interview, store, clock=lambda: next(moments))
    session.answer("safety.hurt", Answer.YES)
    session.note(note)
    session.finish()
    return interview.id


def test_interviews_finished_before_the_cutoff_are_deleted_with_their_log(store_path: Path) -> None:
    with make_store(store_path) as store:
        old = finished_interview(store, START, "Lena Sorokina, met at the old quarry")
        recent = finished_interview(store, START + 60 * DAY, "recent note")
        unfinished = an_interview(now=START - 30 * DAY)  # older than both, but never finished: kept
        store.start_session(unfinished).answer("safety.doctor", Answer.NO)

        deleted = store.delete_finished_before(START + 30 * DAY)

        assert deleted == 1
        assert {i.id for i in store.interviews()} == {recent, unfinished.id}
        assert store.events(recent) and store.events(unfinished.id)
        last = store.audit_log()[-1]
        assert last.action == "retention" and "deleted 1 interview(s)" in last.detail
        assert old not in last.detail
    with Store.open(store_path, PASSPHRASE) as store:
        assert old not in {i.id for i in store.interviews()}
        assert store.delete_finished_before(START + 30 * DAY) == 0  # nothing more to delete, no new audit line
        assert [e.action for e in store.audit_log()].count("retention") == 1


def test_the_writer_overwrites_what_it_deletes(tmp_path: Path) -> None:
    """secure_delete: freed pages are zeroed, so deleted answers leave no remnant even for someone who has the
    key. Shown on an unencrypted file with the store's own writer settings, where a remnant would be readable."""
    path = tmp_path / "plain.db"
    conn = connection.sqlcipher.connect(str(path), isolation_level=None)
    connection.configure_writer(path, conn)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES (?)", ["REMNANT-MARKER-7f3a " * 50])
    conn.execute("INSERT INTO notes VALUES ('kept')")
    conn.execute("DELETE FROM notes WHERE text != 'kept'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    text = subprocess.run(["strings", str(path)], capture_output=True, text=True, check=True).stdout
    assert "kept" in text  # the file is readable: the check would see a remnant
    assert "REMNANT-MARKER" not in text


def test_the_retention_rule_deletes_what_the_setting_says_and_zero_keeps_everything(store_path: Path) -> None:
    """What the app does on every unlock (vita.store.retention), with the period read from the settings."""
    with make_store(store_path) as store:
        old = finished_interview(store, START, "old")
        recent = finished_interview(store, START + 60 * DAY, "recent")
        now = START + 100 * DAY
        settings = Settings(store)
        settings.set("retention_days", 0)
        assert retention_cutoff(0, now) is None
        assert apply_retention(store, now, settings) == 0 and len(store.interviews()) == 2
        settings.set("retention_days", 90)
        assert apply_retention(store, now) == 1  # the setting read from the store itself
        assert {i.id for i in store.interviews()} == {recent}
        assert old not in {i.id for i in store.interviews()}
