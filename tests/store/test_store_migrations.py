"""The schema grows by ordered migrations; a store made by an earlier version opens and is brought up to date."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from storekit import PASSPHRASE, make_store, raw_database

from vita.content.model import Answer
from vita.interview.model import EventType
from vita.store import MigrationFailed, Store, schema


@pytest.fixture
def version_1_store(store_path: Path) -> Iterator[Path]:
    """A store as VITA wrote it at schema version 1: interviews and events, no audit trail, no settings."""
    store_path.parent.mkdir(parents=True)
    db = raw_database(store_path, create=True)
    assert schema.migrate(db, target=1) == [1]
    db["interviews"].insert(
        {
            "id": "a1",
            "case_reference": "VITA-20250101-0001",
            "started_at": "2025-01-01T08:00:00.000000+00:00",
            "place": "Svilengrad",
            "officer": "Officer Ivanova",
            "language": "fa",
            "form": "male",
            "audience": "child",
        }
    )
    for seq, kind, data in [
        (1, "message_played", {"message_id": "child.reassure", "slow": True}),
        (2, "answer_selected", {"message_id": "child.alone", "answer": "yes"}),
    ]:
        db["events"].insert(
            {
                "interview_id": "a1",
                "seq": seq,
                "at": f"2025-01-01T08:0{seq}:00.000000+00:00",
                "type": kind,
                "data": json.dumps(data),
            }
        )
    db.conn.close()
    yield store_path


def test_migrations_are_numbered_by_their_position() -> None:
    assert schema.SCHEMA_VERSION == len(schema.MIGRATIONS) == 5


def test_version_1_really_lacks_what_version_2_adds(version_1_store: Path) -> None:
    db = raw_database(version_1_store)
    assert schema.version_of(db) == 1
    assert {"interviews", "events"} <= set(db.table_names())
    assert not {"audit", "settings"} & set(db.table_names())
    db.conn.close()


def test_given_a_version_1_store_opening_it_upgrades_it_and_keeps_every_interview(version_1_store: Path) -> None:
    with Store.open(version_1_store, PASSPHRASE) as store:
        assert store.info().schema_version == schema.SCHEMA_VERSION
        interview = store.interview("a1")
        assert (interview.officer, interview.language, interview.audience.value) == ("Officer Ivanova", "fa", "child")
        assert interview.country == ""  # stored before interviews recorded their country
        events = store.events("a1")
        assert [e.type for e in events] == [EventType.MESSAGE_PLAYED, EventType.ANSWER_SELECTED]
        assert events[0].at == dt.datetime(2025, 1, 1, 8, 1, tzinfo=dt.UTC)
        # what version 2 added works on the upgraded file
        store.record_audit("export", "VITA-20250101-0001 pdf", "Officer Ivanova")
        store.set_setting("place", "Svilengrad")
        session = store.session("a1")
        assert session.state.answer("child.alone") is Answer.YES
        assert session.finish().seq == 3
    with Store.open(version_1_store, PASSPHRASE) as store:
        assert [e.action for e in store.audit_log()] == ["export"]
        assert store.get_setting("place") == "Svilengrad"
        assert store.interviews(finished=True)[0].id == "a1"


def test_an_upgraded_store_has_the_same_schema_as_a_new_one(version_1_store: Path, tmp_path: Path) -> None:
    Store.open(version_1_store, PASSPHRASE).close()
    make_store(tmp_path / "new.db").close()

    def layout(path: Path) -> list[tuple[str, str]]:
        db = raw_database(path)
        rows = db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").fetchall()
        db.conn.close()
        return rows

    assert layout(version_1_store) == layout(tmp_path / "new.db")


def test_a_failing_migration_leaves_the_store_as_it_was(version_1_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_step(db: Database) -> None:
        db["audit"].create({"id": int}, pk="id")  # a change that must be rolled back with the step
        raise RuntimeError("disk said no")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken_step])
    with pytest.raises(MigrationFailed) as failed:
        Store.open(version_1_store, PASSPHRASE)
    assert failed.value.version == 2 and "disk said no" in str(failed.value)
    db = raw_database(version_1_store)
    assert schema.version_of(db) == 1 and "audit" not in db.table_names()
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    db.conn.close()

    monkeypatch.undo()
    with Store.open(version_1_store, PASSPHRASE) as store:  # the real upgrade still succeeds afterwards
        assert len(store.events("a1")) == 2


def test_an_interview_keeps_its_country_through_the_store(tmp_path: Path) -> None:
    """Version 3: the country of the interview is stored with it, so its record picks that country's referrals."""
    from vita.interview.model import Interview

    with make_store(tmp_path / "vita.db") as store:
        interview = Interview.start(place="Kapıkule", officer="Officer A", language="ar", country="TR")
        store.add_interview(interview)
        assert store.interview(interview.id).country == "TR"
