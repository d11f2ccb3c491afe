"""The interview model: the current state is derived from the append-only log, and nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import re

from vita.content.model import Answer, Audience, Form
from vita.interview.model import Event, EventType, Interview, derive_state, new_case_reference

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def at(minute: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minute)


def interview(**overrides: object) -> Interview:
    fields: dict[str, object] = {"place": "Port of Bari", "officer": "Officer Rossi", "language": "ti", "now": START}
    fields.update(overrides)
    return Interview.start(**fields)  # type: ignore[arg-type]


def log(*entries: tuple[EventType, dict[str, object]]) -> list[Event]:
    return [Event(n, at(n), kind, data) for n, (kind, data) in enumerate(entries, start=1)]


def test_a_new_interview_has_a_readable_case_reference_and_its_own_id() -> None:
    first, second = interview(), interview()
    assert re.fullmatch(r"VITA-20260301-[0-9A-F]{4}", first.case_reference)
    assert first.id != second.id
    assert first.started_at == START
    assert (first.form, first.audience) == (Form.UNSPECIFIED, Audience.ADULT)
    assert new_case_reference(START).startswith("VITA-20260301-")
    assert interview(case_reference="BG-2026-17").case_reference == "BG-2026-17"


def test_given_an_empty_log_the_state_is_the_header() -> None:
    header = interview(language="ar", form=Form.FEMALE, audience=Audience.CHILD)
    state = derive_state(header, [])
    assert (state.language, state.form, state.audience) == ("ar", Form.FEMALE, Audience.CHILD)
    assert state.answers == {} and state.plays == {} and state.notes == ()
    assert state.consent is None and not state.paused and not state.finished
    assert state.languages_used == ("ar",)
    assert state.answer("safety.hurt") is None


def test_a_corrected_answer_is_current_and_every_earlier_answer_is_kept_oldest_first() -> None:
    state = derive_state(
        interview(),
        log(
            (EventType.ANSWER_SELECTED, {"message_id": "control.passport", "answer": "dont_know"}),
            (EventType.ANSWER_CORRECTED, {"message_id": "control.passport", "answer": "no", "replaces": 1}),
            (EventType.ANSWER_CORRECTED, {"message_id": "control.passport", "answer": "yes", "replaces": 2}),
        ),
    )
    record = state.answers["control.passport"]
    assert state.answer("control.passport") is Answer.YES
    assert (record.seq, record.at) == (3, at(3))
    assert record.corrected
    assert record.history == ((Answer.DONT_KNOW, at(1)), (Answer.NO, at(2)))


def test_an_answer_given_once_is_not_marked_corrected() -> None:
    state = derive_state(interview(), log((EventType.ANSWER_SELECTED, {"message_id": "safety.hurt", "answer": "no"})))
    assert not state.answers["safety.hurt"].corrected


def test_plays_count_every_time_and_how_many_were_slowed() -> None:
    state = derive_state(
        interview(),
        log(
            (EventType.MESSAGE_PLAYED, {"message_id": "opening.who", "slow": False}),
            (EventType.MESSAGE_PLAYED, {"message_id": "opening.who", "slow": True}),
            (EventType.MESSAGE_PLAYED, {"message_id": "opening.who", "slow": True}),
            (EventType.MESSAGE_PLAYED, {"message_id": "safety.hurt"}),
        ),
    )
    assert (state.plays["opening.who"].times, state.plays["opening.who"].slowed) == (3, 2)
    assert (state.plays["safety.hurt"].times, state.plays["safety.hurt"].slowed) == (1, 0)


def test_notes_keep_their_order_time_and_question() -> None:
    state = derive_state(
        interview(),
        log(
            (EventType.NOTE_ADDED, {"text": "pointed at the card", "message_id": "safety.hurt"}),
            (EventType.NOTE_ADDED, {"text": "a man waited outside", "message_id": None}),
        ),
    )
    assert [(n.text, n.message_id, n.at) for n in state.notes] == [
        ("pointed at the card", "safety.hurt", at(1)),
        ("a man waited outside", None, at(2)),
    ]


def test_language_changes_are_current_and_every_language_used_is_listed_once_in_order() -> None:
    state = derive_state(
        interview(language="fa"),
        log(
            (EventType.LANGUAGE_CHANGED, {"language": "prs"}),
            (EventType.LANGUAGE_CHANGED, {"language": "fa"}),
            (EventType.LANGUAGE_CHANGED, {"language": "ps"}),
        ),
    )
    assert state.language == "ps"
    assert state.languages_used == ("fa", "prs", "ps")


def test_a_form_change_sets_form_and_audience() -> None:
    state = derive_state(
        interview(form=Form.UNSPECIFIED, audience=Audience.ADULT),
        log((EventType.FORM_CHANGED, {"form": "male", "audience": "child"})),
    )
    assert (state.form, state.audience) == (Form.MALE, Audience.CHILD)


def test_consent_is_the_last_answer_given() -> None:
    state = derive_state(
        interview(),
        log((EventType.CONSENT_RECORDED, {"consent": True}), (EventType.CONSENT_RECORDED, {"consent": False})),
    )
    assert state.consent is False


def test_pause_and_resume_toggle_and_finish_records_the_end_time() -> None:
    paused = derive_state(interview(), log((EventType.PAUSED, {})))
    assert paused.paused
    finished = derive_state(interview(), log((EventType.PAUSED, {}), (EventType.RESUMED, {}), (EventType.FINISHED, {})))
    assert not finished.paused and finished.finished and finished.finished_at == at(3)


def test_the_log_is_replayed_in_sequence_order_whatever_order_it_is_given_in() -> None:
    events = log(
        (EventType.ANSWER_SELECTED, {"message_id": "q", "answer": "yes"}),
        (EventType.ANSWER_CORRECTED, {"message_id": "q", "answer": "no", "replaces": 1}),
    )
    assert derive_state(interview(), reversed(events)).answer("q") is Answer.NO
