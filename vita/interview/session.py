"""A running interview: turns the officer's actions into events and hands each one to the store at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from vita.content.model import Answer, Audience, Form
from vita.interview.errors import InterviewFinished
from vita.interview.model import Event, EventType, Interview, InterviewState, derive_state, utc_now


class EventLog(Protocol):
    """Where events go. The store implements it; `append` must not return before the event is durable."""

    def append(self, interview_id: str, event: Event) -> None: ...


class InterviewSession:
    def __init__(
        self,
        interview: Interview,
        log: EventLog,
        events: list[Event] | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.interview = interview
        self._log = log
        self._events: list[Event] = list(events or [])
        self._clock = clock
        self._state = derive_state(interview, self._events)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    @property
    def state(self) -> InterviewState:
        return self._state

    def _append(self, kind: EventType, **data: Any) -> Event:
        if self._state.finished:
            raise InterviewFinished(self.interview.case_reference)
        seq = self._events[-1].seq + 1 if self._events else 1
        event = Event(seq, self._clock(), kind, data)
        self._log.append(self.interview.id, event)  # durable first, then visible
        self._events.append(event)
        self._state = derive_state(self.interview, self._events)
        return event

    def played(self, message_id: str, slow: bool = False, shown: bool = False) -> Event:
        if shown:  # a message with no clip: shown as text, never "played"
            return self._append(EventType.MESSAGE_PLAYED, message_id=message_id, slow=False, shown=True)
        return self._append(EventType.MESSAGE_PLAYED, message_id=message_id, slow=slow)

    def playback_ended(self, message_id: str, completed: bool) -> Event:
        return self._append(EventType.PLAYBACK_ENDED, message_id=message_id, completed=completed)

    def answer(self, message_id: str, answer: Answer) -> Event:
        """Log an answer. Answering a question that already has a different answer is a correction."""
        current = self._state.answers.get(message_id)
        if current is None:
            return self._append(EventType.ANSWER_SELECTED, message_id=message_id, answer=answer.value)
        if current.answer is answer:
            return next(e for e in reversed(self._events) if e.seq == current.seq)
        return self._append(
            EventType.ANSWER_CORRECTED, message_id=message_id, answer=answer.value, replaces=current.seq
        )

    def note(self, text: str, message_id: str | None = None) -> Event:
        return self._append(EventType.NOTE_ADDED, text=text, message_id=message_id)

    def change_language(self, code: str) -> Event:
        return self._append(EventType.LANGUAGE_CHANGED, language=code)

    def change_form(self, form: Form, audience: Audience, reason: str = "") -> Event:
        """Address the person differently; `reason` says why (e.g. "children.under_18=yes") for the record."""
        if reason:
            return self._append(EventType.FORM_CHANGED, form=form.value, audience=audience.value, reason=reason)
        return self._append(EventType.FORM_CHANGED, form=form.value, audience=audience.value)

    def record_consent(self, consent: bool) -> Event:
        return self._append(EventType.CONSENT_RECORDED, consent=consent)

    def pause(self) -> Event:
        return self._append(EventType.PAUSED)

    def resume(self) -> Event:
        return self._append(EventType.RESUMED)

    def finish(self) -> Event:
        return self._append(EventType.FINISHED)
