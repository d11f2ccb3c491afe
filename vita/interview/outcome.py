"""What an interview came to, as statistics count it: when it started, the language and the audience it ended
in, the answers as they stand, and whether it finished. No names, places, notes or other free text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from vita.content.model import Answer, Audience
from vita.interview.model import Event, Interview, derive_state


@dataclass(frozen=True)
class Outcome:
    started_at: dt.datetime
    language: str
    audience: Audience
    answers: Mapping[str, Answer]  # message id -> the current answer (the last one selected or corrected)
    finished: bool


def outcome(interview: Interview, events: Iterable[Event]) -> Outcome:
    """The outcome by replaying the log. A store may compute the same in SQL (Store.outcomes), tested equal."""
    state = derive_state(interview, events)
    answers = {message_id: record.answer for message_id, record in state.answers.items()}
    return Outcome(interview.started_at, state.language, state.audience, answers, state.finished)
