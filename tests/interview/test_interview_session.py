"""A running interview: each action of the officer becomes one event, durable in the log before it is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from vita.content.model import Answer, Audience, Form
from vita.interview.model import Event, EventType, Interview
from vita.interview.session import InterviewFinished, InterviewSession

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


class ListLog:
    """An EventLog that keeps events in a list (the real one, the store, is tested in tests/store)."""

    def __init__(self) -> None:
        self.appended: list[tuple[str, Event]] = []
        self.fail_with: Exception | None = None

    def append(self, interview_id: str, event: Event) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.appended.append((interview_id, event))


def ticking_clock() -> Iterator[dt.datetime]:
    minute = 0
    while True:
        minute += 1
        yield START + dt.timedelta(minutes=minute)


@pytest.fixture
def header() -> Interview:
    return Interview.start(place="Port of Bari", officer="Officer Rossi", language="ti", now=START)


@pytest.fixture
def log() -> ListLog:
    return ListLog()


@pytest.fixture
def session(header: Interview, log: ListLog) -> InterviewSession:
    clock = ticking_clock()
    return InterviewSession(header, log, clock=lambda: next(clock))


def test_each_action_is_one_event_numbered_in_order_and_sent_to_the_log(
    session: InterviewSession, log: ListLog, header: Interview
) -> None:
    session.played("opening.who", slow=True)
    session.answer("safety.hurt", Answer.YES)
    session.note("limping", message_id="safety.hurt")
    session.change_language("am")
    session.change_form(Form.FEMALE, Audience.CHILD)
    session.record_consent(True)
    session.pause()
    session.resume()
    session.finish()
    assert [e.seq for e in session.events] == list(range(1, 10))
    assert [e.type for e in session.events] == [
        EventType.MESSAGE_PLAYED,
        EventType.ANSWER_SELECTED,
        EventType.NOTE_ADDED,
        EventType.LANGUAGE_CHANGED,
        EventType.FORM_CHANGED,
        EventType.CONSENT_RECORDED,
        EventType.PAUSED,
        EventType.RESUMED,
        EventType.FINISHED,
    ]
    assert log.appended == [(header.id, e) for e in session.events]
    assert session.events[0].at == START + dt.timedelta(minutes=1)  # times come from the injected clock
    state = session.state
    assert (state.language, state.form, state.audience, state.consent) == ("am", Form.FEMALE, Audience.CHILD, True)
    assert state.finished_at == START + dt.timedelta(minutes=9)


def test_a_different_answer_is_a_correction_that_names_the_answer_it_replaces(session: InterviewSession) -> None:
    first = session.answer("control.free_to_leave", Answer.YES)
    correction = session.answer("control.free_to_leave", Answer.NO)
    assert correction.type is EventType.ANSWER_CORRECTED
    assert correction.data == {"message_id": "control.free_to_leave", "answer": "no", "replaces": first.seq}
    record = session.state.answers["control.free_to_leave"]
    assert record.answer is Answer.NO and record.history == ((Answer.YES, first.at),)
    assert len(session.events) == 2  # the first answer is still in the log


def test_giving_the_same_answer_again_logs_nothing(session: InterviewSession, log: ListLog) -> None:
    first = session.answer("safety.hurt", Answer.YES)
    again = session.answer("safety.hurt", Answer.YES)
    assert again == first and len(log.appended) == 1


def test_given_a_finished_interview_every_action_is_refused_and_nothing_is_logged(
    session: InterviewSession, log: ListLog
) -> None:
    session.finish()
    actions = [
        lambda: session.played("x"),
        lambda: session.answer("x", Answer.NO),
        lambda: session.note("late"),
        lambda: session.change_language("en"),
        lambda: session.change_form(Form.MALE, Audience.ADULT),
        lambda: session.record_consent(False),
        lambda: session.pause(),
        lambda: session.resume(),
        lambda: session.finish(),
    ]
    for action in actions:
        with pytest.raises(InterviewFinished):
            action()
    assert len(log.appended) == len(session.events) == 1


def test_when_the_log_refuses_an_event_the_session_does_not_show_it(session: InterviewSession, log: ListLog) -> None:
    session.answer("safety.hurt", Answer.YES)
    log.fail_with = OSError("disk full")
    with pytest.raises(OSError):
        session.answer("safety.hurt", Answer.NO)
    assert session.state.answer("safety.hurt") is Answer.YES and len(session.events) == 1
    log.fail_with = None
    assert session.answer("safety.hurt", Answer.NO).seq == 2  # the next try takes the same number


def test_a_session_rebuilt_from_its_log_continues_at_the_next_number(header: Interview, log: ListLog) -> None:
    earlier = [
        Event(1, START, EventType.ANSWER_SELECTED, {"message_id": "child.alone", "answer": "yes"}),
        Event(2, START, EventType.PAUSED, {}),
    ]
    session = InterviewSession(header, log, earlier)
    assert session.state.paused and session.state.answer("child.alone") is Answer.YES
    assert session.resume().seq == 3
    assert [e.seq for _, e in log.appended] == [3]
