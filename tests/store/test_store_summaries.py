"""Each finished interview's summary (schema version 5): written with its FINISHED event, deleted with the
interview, computed once for the interviews of an older store, and always what replaying the log gives."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from storekit import PASSPHRASE, an_interview, make_store, raw_database

from vita.content.model import Answer, Audience, Catalogue, Form
from vita.interview.model import Event, Interview
from vita.interview.outcome import outcome
from vita.interview.session import InterviewSession
from vita.stats.counts import count_interviews, count_outcomes
from vita.store import Store, schema
from vita.store.reading import timestamp

LANGUAGES = ("ar", "fa", "ru", "so", "ti", "uk")


class ListLog:
    """Collects events as an older VITA would have logged them, to be written below the Store API."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def append(self, interview_id: str, event: Event) -> None:
        self.events.append(event)


def officers_keys(session: InterviewSession, catalogue: Catalogue, rng: random.Random, *, finish: bool) -> None:
    """What an officer's keys make, at random: answers (some corrected, some doubtful), language and form
    changes, notes, and the end, or not."""
    questions = [m for m in catalogue.messages if m.is_question]
    for message in rng.sample(questions, rng.randrange(len(questions) + 1)):
        session.answer(message.id, rng.choice(message.answers))
        if rng.random() < 0.2:  # corrected, perhaps twice
            session.answer(message.id, rng.choice(message.answers))
        if rng.random() < 0.05:
            session.change_language(rng.choice(LANGUAGES))
        if rng.random() < 0.05:
            session.change_form(rng.choice([Form.FEMALE, Form.MALE]), rng.choice(list(Audience)))
        if rng.random() < 0.05:
            session.note("words the officer typed", message_id=message.id)
    if finish:
        session.finish()


def an_older_interview(n: int, rng: random.Random) -> Interview:
    return an_interview(
        60 * 24 * 3 * n,  # every three days: the counts span several months
        language=rng.choice(LANGUAGES),
        audience=Audience.CHILD if rng.random() < 0.2 else Audience.ADULT,
    )


def quick(store: Store) -> Store:
    """No sync to the disk after each event: these tests are about what is stored, not about power cuts."""
    store._conn.execute("PRAGMA synchronous = OFF")
    return store


def test_given_a_seeded_store_each_summary_is_what_replaying_the_log_gives(store: Store, catalogue) -> None:
    rng, store = random.Random(5), quick(store)
    for n in range(80):
        officers_keys(store.start_session(an_older_interview(n, rng)), catalogue, rng, finish=rng.random() < 0.85)

    finished = store.interviews(finished=True)
    assert 55 < len(finished) < 80, "some interviews are left unfinished, and they have no summary"
    replayed = sorted((outcome(i, store.events(i.id)) for i in finished), key=lambda o: o.started_at)
    assert sorted(store.outcomes(), key=lambda o: o.started_at) == replayed
    assert any(len(o.answers) > 10 for o in replayed) and any(o.audience is Audience.CHILD for o in replayed)
    counted = count_outcomes(store.outcomes(), catalogue)
    assert counted == count_interviews([(i, store.events(i.id)) for i in finished], catalogue)
    assert sum(c.count for c in counted if c.dimension == "indicator") > 50, "the answers touch indicators"


def test_the_summary_is_written_in_the_transaction_that_finishes_the_interview(store: Store) -> None:
    session = store.start_session(an_interview())
    session.answer("safety.hurt", Answer.YES)
    session.answer("safety.hurt", Answer.NO)
    session.change_language("fa")
    assert list(store.outcomes()) == [] and len(store.unfinished()) == 1
    session.finish()
    (summary,) = store.outcomes()
    assert (summary.language, summary.answers) == ("fa", {"safety.hurt": Answer.NO})
    assert store.unfinished() == []
    stored = store._db.execute("SELECT finished_at FROM summaries").fetchone()[0]
    assert stored == timestamp(session.events[-1].at), "retention counts from the FINISHED event's time"


def test_deleting_interviews_past_retention_deletes_their_summaries(store: Store) -> None:
    started = []
    for minutes in (0, 60 * 24 * 60):
        interview = an_interview(minutes)
        store.add_interview(interview)
        InterviewSession(interview, store, clock=lambda at=interview.started_at: at).finish()
        started.append(interview.started_at)
    cutoff = started[1] - dt.timedelta(days=1)
    assert store.finished_before(cutoff) == 1
    assert store.delete_finished_before(cutoff) == 1
    assert [o.started_at for o in store.outcomes()] == [started[1]]
    assert store._db.execute("SELECT count(*) FROM summaries").fetchone()[0] == 1


def test_given_a_store_of_the_previous_version_upgrading_it_gives_the_same_statistics(
    store_path: Path, catalogue
) -> None:
    """A store as VITA wrote it at schema version 4 (no summaries): the upgrade computes each finished
    interview's summary once, from its log, and the statistics are those of replaying every log."""
    store_path.parent.mkdir(parents=True)
    db = raw_database(store_path, create=True)
    assert schema.migrate(db, target=4) == [1, 2, 3, 4]
    rng = random.Random(4)
    logs: list[tuple[Interview, list[Event]]] = []
    for n in range(80):
        interview, log = an_older_interview(n, rng), ListLog()
        officers_keys(InterviewSession(interview, log), catalogue, rng, finish=rng.random() < 0.85)
        logs.append((interview, log.events))
        header = {"started_at": timestamp(interview.started_at), "form": interview.form.value}
        header["audience"] = interview.audience.value
        for field in ("id", "case_reference", "place", "officer", "language", "country"):
            header[field] = getattr(interview, field)
        db["interviews"].insert(header)
        db["events"].insert_all(
            {"interview_id": interview.id, "seq": e.seq, "at": timestamp(e.at), "type": e.type.value,
             "data": json.dumps(dict(e.data), ensure_ascii=False, sort_keys=True)}
            for e in log.events
        )  # fmt: skip
    db.conn.close()
    replayed = count_interviews(logs, catalogue)
    unfinished = sum(1 for interview, events in logs if not outcome(interview, events).finished)
    assert 0 < unfinished < 30

    with Store.open(store_path, PASSPHRASE) as store:
        assert store.upgraded_from == 4 and store.info().schema_version == schema.SCHEMA_VERSION == 5
        assert count_outcomes(store.outcomes(), catalogue) == replayed
        assert sum(c.count for c in replayed if c.dimension == "interviews") == 80 - unfinished
        assert len(store.unfinished()) == unfinished
        # an interview left unfinished before the upgrade is summarised when it is finished after it
        resumed = store.session(store.unfinished()[0].id)
        resumed.finish()
        after = count_outcomes(store.outcomes(), catalogue)
    assert sum(c.count for c in after if c.dimension == "interviews") == 80 - unfinished + 1
    with Store.open(store_path, PASSPHRASE) as store:  # upgraded once: nothing more to do
        assert store.upgraded_from is None and count_outcomes(store.outcomes(), catalogue) == after


def test_a_new_store_and_an_upgraded_one_summarise_alike(store_path: Path, tmp_path: Path, catalogue) -> None:
    """The same interviews, one store made new and one upgraded from version 4 before they were finished."""
    upgraded_path = tmp_path / "upgraded.db"
    db = raw_database(upgraded_path, create=True)
    schema.migrate(db, target=4)
    db.conn.close()
    for path in (store_path, upgraded_path):
        with quick(make_store(path) if path == store_path else Store.open(path, PASSPHRASE)) as store:
            rng = random.Random(9)
            for n in range(20):
                officers_keys(store.start_session(an_older_interview(n, rng)), catalogue, rng, finish=True)
    with Store.open(store_path, PASSPHRASE) as new, Store.open(upgraded_path, PASSPHRASE) as upgraded:
        assert sorted(new.outcomes(), key=lambda o: o.started_at) == sorted(
            upgraded.outcomes(), key=lambda o: o.started_at
        )
