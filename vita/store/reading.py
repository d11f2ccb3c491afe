"""How the store's rows are read back: the SQL the reads share and the rows turned into values.

Kept apart from store.py so that the Store class stays about what is stored and when (see store.py).
Every reader raises CorruptStore, naming the store's file, when a row cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vita.content.model import Answer, Audience, Form
from vita.interview.model import Event, EventType, Interview
from vita.interview.outcome import Outcome
from vita.store.errors import CorruptStore


def timestamp(moment: dt.datetime) -> str:
    """UTC ISO 8601 with microseconds: one fixed width, so text order is time order in SQL."""
    if moment.tzinfo is None:
        raise ValueError(f"a time without a time zone cannot be stored: {moment.isoformat()}")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def filters(finished: bool | None, since: dt.datetime | None) -> tuple[list[str], list[str]]:
    where, params = [], []
    if finished is not None:
        where.append(("" if finished else "NOT ") + IS_FINISHED)
    if since is not None:
        where.append("i.started_at >= ?")
        params.append(timestamp(since))
    return where, params


def interview_from(path: Path, row: tuple[Any, ...]) -> Interview:
    try:
        iid, reference, started, place, officer, language, form, audience, country = row
        started_at = dt.datetime.fromisoformat(started)
        return Interview(
            iid, reference, started_at, place, officer, language, FORMS[form], AUDIENCES[audience], country or ""
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CorruptStore(path, f"an interview in it cannot be read ({error})") from error


def event_from(path: Path, row: tuple[Any, ...]) -> Event:
    seq, at, kind, data = row
    try:
        payload = json.loads(data)
        if not isinstance(payload, Mapping):
            raise ValueError("event data is not an object")
        return Event(seq, dt.datetime.fromisoformat(at), EventType(kind), payload)
    except ValueError as error:
        raise CorruptStore(path, f"event {seq} cannot be read ({error})") from error


def outcome_from(path: Path, row: tuple[Any, ...]) -> Outcome:
    """One row of OUTCOMES: a finished interview's start, the language and audience it ended in, its answers."""
    started_at, language, audience, sheet = row
    try:
        answers = {message_id: ANSWERS[answer] for message_id, answer in json.loads(sheet).items()}
        return Outcome(dt.datetime.fromisoformat(started_at), language, AUDIENCES[audience], answers, True)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CorruptStore(path, f"an interview's answers in it cannot be read ({error})") from error


INTERVIEW_COLUMNS = "id, case_reference, started_at, place, officer, language, form, audience, country"
OUTCOMES = "SELECT s.started_at, s.language, s.audience, s.answers FROM summaries s"
OUTCOMES_SINCE = OUTCOMES + " WHERE s.started_at >= ?"
ANSWERS = {answer.value: answer for answer in Answer}
AUDIENCES = {audience.value: audience for audience in Audience}
FORMS = {form.value: form for form in Form}
# An interview is finished when its FINISHED event is logged, and its summary is written in the same transaction.
IS_FINISHED = "EXISTS (SELECT 1 FROM summaries s WHERE s.interview_id = i.id)"
