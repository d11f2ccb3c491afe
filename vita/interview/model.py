"""An interview is a header plus an append-only event log; everything else is derived from the log.

Nothing is ever overwritten: a corrected answer is a new event that names the one it replaces,
so the record can show both.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from vita.clock import utc_now
from vita.content.model import Answer, Audience, Form


class EventType(enum.StrEnum):
    # {message_id, slow: bool, shown: bool (optional)}: shown = a message with no clip, presented as text only
    MESSAGE_PLAYED = "message_played"
    PLAYBACK_ENDED = "playback_ended"  # {message_id, completed: bool}: heard to the end, or stopped early
    ANSWER_SELECTED = "answer_selected"  # {message_id, answer}
    ANSWER_CORRECTED = "answer_corrected"  # {message_id, answer, replaces: seq of the event corrected}
    NOTE_ADDED = "note_added"  # {text, message_id: str | None}
    LANGUAGE_CHANGED = "language_changed"  # {language}
    FORM_CHANGED = "form_changed"  # {form, audience, reason: str (optional, e.g. "children.under_18=yes")}
    CONSENT_RECORDED = "consent_recorded"  # {consent: bool}
    PAUSED = "paused"  # {}
    RESUMED = "resumed"  # {}
    FINISHED = "finished"  # {}


def new_case_reference(now: dt.datetime | None = None) -> str:
    """A readable, unique-enough case reference such as VITA-20261123-7F3A."""
    now = now or utc_now()
    return f"VITA-{now:%Y%m%d}-{uuid.uuid4().hex[:4].upper()}"


@dataclass(frozen=True)
class Interview:
    """The header: set when the interview starts. Language and form may change later through events."""

    id: str
    case_reference: str
    started_at: dt.datetime
    place: str
    officer: str
    language: str
    form: Form = Form.UNSPECIFIED
    audience: Audience = Audience.ADULT
    country: str = ""  # ISO 3166 alpha-2 where the interview takes place: referrals are chosen for it

    @classmethod
    def start(
        cls,
        *,
        place: str,
        officer: str,
        language: str,
        form: Form = Form.UNSPECIFIED,
        audience: Audience = Audience.ADULT,
        case_reference: str | None = None,
        now: dt.datetime | None = None,
        country: str = "",
    ) -> Interview:
        now = now or utc_now()
        return cls(
            id=uuid.uuid4().hex,
            case_reference=case_reference or new_case_reference(now),
            started_at=now,
            place=place,
            officer=officer,
            language=language,
            form=form,
            audience=audience,
            country=country,
        )


@dataclass(frozen=True)
class Event:
    seq: int  # 1, 2, 3… within one interview, in the order things happened
    at: dt.datetime
    type: EventType
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AnswerRecord:
    """The answer to one question as it stands, with every earlier answer it replaced."""

    message_id: str
    answer: Answer
    at: dt.datetime
    seq: int
    history: tuple[tuple[Answer, dt.datetime], ...] = ()  # earlier answers, oldest first

    @property
    def corrected(self) -> bool:
        return bool(self.history)


@dataclass(frozen=True)
class Plays:
    """How a message reached the person: voice plays started (`times`, some slowed), text-only presentations
    (`shown`: no clip, never counted as played), and of the plays, how many were heard to the end or stopped."""

    times: int = 0
    slowed: int = 0
    shown: int = 0
    heard: int = 0
    stopped: int = 0


@dataclass(frozen=True)
class Note:
    text: str
    at: dt.datetime
    message_id: str | None


@dataclass(frozen=True)
class InterviewState:
    """Everything derived from the header and the log."""

    language: str
    form: Form
    audience: Audience
    answers: Mapping[str, AnswerRecord]
    plays: Mapping[str, Plays]
    notes: tuple[Note, ...]
    consent: bool | None
    paused: bool
    finished_at: dt.datetime | None
    languages_used: tuple[str, ...]

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def answer(self, message_id: str) -> Answer | None:
        record = self.answers.get(message_id)
        return record.answer if record else None


def derive_state(interview: Interview, events: Iterable[Event]) -> InterviewState:
    """Replay the log. The current answer to a question is the last one selected or corrected."""
    language, form, audience = interview.language, interview.form, interview.audience
    languages_used = [language]
    answers: dict[str, AnswerRecord] = {}
    plays: dict[str, Plays] = {}
    notes: list[Note] = []
    consent: bool | None = None
    paused = False
    finished_at: dt.datetime | None = None
    for event in sorted(events, key=lambda e: e.seq):
        data = event.data
        match event.type:
            case EventType.MESSAGE_PLAYED:
                before = plays.get(data["message_id"], Plays())
                if data.get("shown"):
                    plays[data["message_id"]] = replace(before, shown=before.shown + 1)
                else:
                    plays[data["message_id"]] = replace(
                        before, times=before.times + 1, slowed=before.slowed + bool(data.get("slow"))
                    )
            case EventType.PLAYBACK_ENDED:
                before = plays.get(data["message_id"], Plays())
                completed = bool(data.get("completed"))
                plays[data["message_id"]] = replace(
                    before, heard=before.heard + completed, stopped=before.stopped + (not completed)
                )
            case EventType.ANSWER_SELECTED | EventType.ANSWER_CORRECTED:
                mid = data["message_id"]
                previous = answers.get(mid)
                history = (*previous.history, (previous.answer, previous.at)) if previous else ()
                answers[mid] = AnswerRecord(mid, Answer(data["answer"]), event.at, event.seq, history)
            case EventType.NOTE_ADDED:
                notes.append(Note(data["text"], event.at, data.get("message_id")))
            case EventType.LANGUAGE_CHANGED:
                language = data["language"]
                if language not in languages_used:
                    languages_used.append(language)
            case EventType.FORM_CHANGED:
                form = Form(data.get("form", form))
                audience = Audience(data.get("audience", audience))
            case EventType.CONSENT_RECORDED:
                consent = bool(data["consent"])
            case EventType.PAUSED:
                paused = True
            case EventType.RESUMED:
                paused = False
            case EventType.FINISHED:
                finished_at = event.at
    return InterviewState(
        language, form, audience, answers, plays, tuple(notes), consent, paused, finished_at, tuple(languages_used)
    )
