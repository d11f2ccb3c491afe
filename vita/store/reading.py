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
            iid, reference, started_at, place, officer, language, Form(form), Audience(audience), country or ""
        )
    except (TypeError, ValueError) as error:
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
    """One row of OUTCOMES: a finished interview's start, last language and audience, and answers."""
    _id, started_at, language, audience, sheet = row
    try:
        answers = {message_id: ANSWERS[answer] for message_id, answer in json.loads(sheet or "{}").items()}
        return Outcome(dt.datetime.fromisoformat(started_at), language, Audience(audience), answers, True)
    except (KeyError, TypeError, ValueError) as error:
        raise CorruptStore(path, f"an interview's answers in it cannot be read ({error})") from error


INTERVIEW_COLUMNS = "id, case_reference, started_at, place, officer, language, form, audience, country"
# Per finished interview: its last language and audience (else the header's), and the last answer to each
# question (SQLite takes the other columns of a max() group from the row with the maximum).
OUTCOMES = """
WITH done AS MATERIALIZED (
    SELECT i.id, i.started_at,
        coalesce((SELECT language FROM (
                    SELECT json_extract(e.data, '$.language') AS language, max(e.seq) FROM events e {by_type}
                    WHERE e.interview_id = i.id AND e.type = 'language_changed')), i.language) AS language,
        coalesce((SELECT audience FROM (
                    SELECT json_extract(e.data, '$.audience') AS audience, max(e.seq) FROM events e {by_type}
                    WHERE e.interview_id = i.id AND e.type = 'form_changed'
                          AND json_extract(e.data, '$.audience') IS NOT NULL)), i.audience) AS audience
    FROM interviews i WHERE {where}
),
sheets AS MATERIALIZED (
    SELECT e.interview_id AS id,
           json_group_object(json_extract(e.data, '$.message_id'), json_extract(e.data, '$.answer') ORDER BY e.seq)
               AS answers
    FROM events e NOT INDEXED WHERE e.type IN ('answer_selected', 'answer_corrected')
    GROUP BY e.interview_id
)
SELECT d.id, d.started_at, d.language, d.audience, s.answers FROM done d LEFT JOIN sheets s ON s.id = d.id
"""
# The few language and form changes of an interview are found through the (interview, type) index: left to
# itself, SQLite walks the interview's whole log by sequence number, five times slower at 10,000 interviews.
# The answers are read in one pass over the table (NOT INDEXED): through the primary key's index every row
# costs a look-up in the table, three times slower. Each interview's answers come back as one JSON object
# in the order they were given, so a question answered twice appears twice and the later answer wins when it
# is read (json.loads keeps the last of repeated names), as in derive_state. One row per interview: handing
# 200,000 answer rows to Python took longer than finding them.
ANSWERS = {answer.value: answer for answer in Answer}
BY_TYPE = "INDEXED BY idx_events_interview_id_type"
IS_FINISHED = "EXISTS (SELECT 1 FROM events e WHERE e.interview_id = i.id AND e.type = 'finished')"
