"""The store's everyday behaviour: interviews and their logs go in, come back out, and resume."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from storekit import PASSPHRASE, TEST_COST, an_interview, make_store

from vita.content.model import Answer, Audience, Form
from vita.errors_text import explain
from vita.interview.model import Event, EventType, derive_state
from vita.interview.session import InterviewFinished
from vita.store import (
    EventOutOfOrder,
    InterviewAlreadyFinished,
    InterviewExists,
    Store,
    StoreExists,
    StoreInUse,
    StoreMissing,
    UnknownInterview,
    WeakPassphrase,
    WrongPassphrase,
    passphrase_problem,
    schema,
)

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_given_a_new_store_reopening_it_gives_back_the_interview_and_its_log(store_path: Path) -> None:
    interview = an_interview(place="Port of Varna — berth 4", officer="Ортега")
    with make_store(store_path) as store:
        session = store.start_session(interview)
        session.played("opening.who_we_are", slow=True)
        session.answer("safety.hurt", Answer.YES)
        session.answer("safety.hurt", Answer.NO)
        session.note("سمعت صوتاً في الخارج", message_id="safety.hurt")
        written = session.events

    with Store.open(store_path, PASSPHRASE) as store:
        assert store.interview(interview.id) == interview
        assert tuple(store.events(interview.id)) == written
        state = store.session(interview.id).state
    assert state.answer("safety.hurt") is Answer.NO
    assert state.answers["safety.hurt"].history[0][0] is Answer.YES
    assert state.plays["opening.who_we_are"].slowed == 1
    assert state.notes[0].text == "سمعت صوتاً في الخارج"


def test_event_times_and_data_round_trip_exactly(store: Store) -> None:
    interview = an_interview()
    store.add_interview(interview)
    local = dt.timezone(dt.timedelta(hours=3))
    event = Event(1, dt.datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=local), EventType.NOTE_ADDED, {"text": "x"})
    store.append(interview.id, event)
    (back,) = store.events(interview.id)
    assert back == event  # the same instant, even though it is stored in UTC
    assert back.at.utcoffset() == dt.timedelta(0)


def test_creating_over_an_existing_store_is_refused_and_changes_nothing(store_path: Path, digests) -> None:
    make_store(store_path).close()
    before = digests(store_path)
    with pytest.raises(StoreExists):
        make_store(store_path, "another passphrase entirely")
    assert digests(store_path) == before
    Store.open(store_path, PASSPHRASE).close()


def test_creating_leaves_only_the_store_in_its_folder(store_path: Path) -> None:
    make_store(store_path).close()
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["vita.db"]


def test_opening_a_missing_store_says_so(tmp_path: Path) -> None:
    assert not Store.exists(tmp_path / "nothing.db")
    with pytest.raises(StoreMissing) as missing:
        Store.open(tmp_path / "nothing.db", PASSPHRASE)
    assert missing.value.path == tmp_path / "nothing.db"
    assert "There is no VITA store" in explain(missing.value)


def test_an_empty_passphrase_is_refused(store_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        Store.create(store_path, "   ", kdf_cost=TEST_COST)
    assert not store_path.exists()


def test_the_passphrase_advice_asks_for_a_few_words() -> None:
    assert passphrase_problem("short") is not None
    assert passphrase_problem("the river at dawn") is None


def test_events_must_follow_each_other_without_gaps(store: Store) -> None:
    interview = an_interview()
    store.add_interview(interview)
    store.append(interview.id, Event(1, AT, EventType.PAUSED))
    with pytest.raises(EventOutOfOrder):
        store.append(interview.id, Event(3, AT, EventType.RESUMED))
    with pytest.raises(EventOutOfOrder):
        store.append(interview.id, Event(1, AT, EventType.RESUMED))
    assert [e.seq for e in store.events(interview.id)] == [1]


def test_events_for_an_unknown_interview_are_refused(store: Store) -> None:
    with pytest.raises(UnknownInterview):
        store.append("no-such-id", Event(1, AT, EventType.PAUSED))
    with pytest.raises(UnknownInterview):
        store.events("no-such-id")
    with pytest.raises(UnknownInterview):
        store.session("no-such-id")


def test_an_interview_cannot_be_added_twice(store: Store) -> None:
    interview = an_interview()
    store.add_interview(interview)
    with pytest.raises(InterviewExists):
        store.add_interview(interview)


def test_given_a_finished_interview_the_store_refuses_more_events(store: Store) -> None:
    session = store.start_session(an_interview())
    session.finish()
    with pytest.raises(InterviewAlreadyFinished) as refused:
        store.append(session.interview.id, Event(2, AT, EventType.NOTE_ADDED, {"text": "late"}))
    assert isinstance(refused.value, InterviewFinished)  # the same family the session raises
    resumed = store.session(session.interview.id)
    with pytest.raises(InterviewFinished):
        resumed.note("late")
    assert len(store.events(session.interview.id)) == 1


def test_unfinished_interviews_are_offered_newest_first(store: Store) -> None:
    old, done, new = an_interview(0), an_interview(10), an_interview(20)
    for interview in (old, done, new):
        store.add_interview(interview)
    store.session(done.id).finish()
    assert [i.id for i in store.unfinished()] == [new.id, old.id]
    assert [i.id for i in store.interviews(finished=True)] == [done.id]
    assert [i.id for i in store.interviews()] == [new.id, done.id, old.id]


def test_interviews_since_a_time_include_that_time(store: Store) -> None:
    early, on_time, late = an_interview(0), an_interview(60), an_interview(120)
    for interview in (early, on_time, late):
        store.add_interview(interview)
    since = on_time.started_at.astimezone(dt.timezone(dt.timedelta(hours=-5)))  # any zone means the same instant
    assert [i.id for i in store.interviews(since=since)] == [late.id, on_time.id]
    assert store.interviews(finished=True, since=since) == []
    with pytest.raises(ValueError, match="time zone"):
        store.interviews(since=dt.datetime(2026, 3, 1))


def test_a_resumed_session_carries_on_the_same_log(store_path: Path) -> None:
    with make_store(store_path) as store:
        session = store.start_session(an_interview(language="ti", form=Form.MALE, audience=Audience.CHILD))
        session.answer("child.alone", Answer.YES)
        session.pause()
    with Store.open(store_path, PASSPHRASE) as store:
        (offered,) = store.unfinished()
        session = store.session(offered.id)
        assert session.state.paused
        event = session.resume()
        assert event.seq == 3
        session.finish()
        assert store.unfinished() == []
        state = derive_state(store.interview(offered.id), store.events(offered.id))
    assert state.finished and not state.paused and state.answer("child.alone") is Answer.YES


def test_the_audit_trail_keeps_who_exported_what_in_order(store: Store) -> None:
    store.record_audit("export", "VITA-20260301-AB12 pdf+json to /media/usb", "Officer Petrova")
    store.record_audit("export", "VITA-20260301-CD34 pdf to /media/usb", "Officer Dimitrov")
    log = store.audit_log()
    assert [(e.action, e.officer) for e in log] == [("export", "Officer Petrova"), ("export", "Officer Dimitrov")]
    assert log[0].at <= log[1].at and log[0].at.tzinfo is not None


def test_settings_are_kept_inside_the_store(store_path: Path) -> None:
    with make_store(store_path) as store:
        assert store.get_setting("officer") is None
        assert store.get_setting("officer", "unknown") == "unknown"
        store.set_setting("officer", "Officer Petrova")
        store.set_setting("officer", "Officer Dimitrov")
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.get_setting("officer") == "Officer Dimitrov"


def test_changing_the_passphrase_locks_out_the_old_one(store_path: Path, digests) -> None:
    with make_store(store_path) as store:
        interview = an_interview()
        store.start_session(interview).note("kept across the change")
        with pytest.raises(WrongPassphrase):
            store.change_passphrase("not the passphrase", "whatever comes next")
        store.change_passphrase(PASSPHRASE, "a brand new passphrase")
    before = digests(store_path)
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    assert digests(store_path) == before
    with Store.open(store_path, "a brand new passphrase") as store:
        assert store.events(interview.id)[0].data["text"] == "kept across the change"


def test_the_passphrase_is_compared_as_text_not_as_keystrokes(store_path: Path) -> None:
    """'é' typed as one code point or as e + combining accent is the same passphrase."""
    Store.create(store_path, "caf\u00e9 au lait", kdf_cost=TEST_COST).close()
    Store.open(store_path, "cafe\u0301 au lait").close()


def test_a_second_program_cannot_open_a_store_that_is_open(store: Store, digests) -> None:
    before = digests(store.path)
    with pytest.raises(StoreInUse):
        Store.open(store.path, PASSPHRASE)
    assert digests(store.path) == before
    store.add_interview(an_interview())  # the first one carries on


def test_the_store_is_used_from_the_thread_that_opened_it(store: Store) -> None:
    interview = an_interview()
    errors: list[BaseException] = []

    def from_another_thread() -> None:
        try:
            store.add_interview(interview)
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=from_another_thread)
    worker.start()
    worker.join()
    assert len(errors) == 1 and "thread" in str(errors[0])
    assert store.interviews() == []


def test_the_store_reports_its_health_without_personal_data(store: Store) -> None:
    session = store.start_session(an_interview())
    session.note("Amina")
    info = store.info()
    assert (info.schema_version, info.journal_mode, info.synchronous) == (schema.SCHEMA_VERSION, "wal", "full")
    assert (info.interviews, info.unfinished, info.events) == (1, 1, 1)
    assert info.kdf == f"scrypt N=2^{TEST_COST} r=8 p=2"
    assert "Amina" not in repr(info) and "Petrova" not in repr(info)


def test_close_is_idempotent(store_path: Path) -> None:
    store = make_store(store_path)
    store.close()
    store.close()


@pytest.mark.parametrize(
    "passphrase", ["aaaaaaaa", "        x       ", "abababab", "password123", "Passw0rd", "12345678", "qwertyuiop",
                   "abcdefghij", "98765432", "1q2w3e4r", "Azerty123", "ЙЦУКЕНГШ"]
)  # fmt: skip
def test_common_and_trivially_repeated_passphrases_are_refused_with_a_reason(store_path: Path, passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    assert problem is not None and ("first" in problem or "at least" in problem)
    with pytest.raises(WeakPassphrase) as refused:
        Store.create(store_path, passphrase, kdf_cost=TEST_COST)
    assert explain(refused.value).startswith("Choose another passphrase")
    assert not store_path.exists()


@pytest.mark.parametrize("passphrase", ["the river at dawn", "correct horse battery", "Kapıkule lane 3 at night"])
def test_a_sentence_of_ones_own_is_accepted(passphrase: str) -> None:
    assert passphrase_problem(passphrase) is None
