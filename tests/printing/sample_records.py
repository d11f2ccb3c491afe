"""The sample interview (vita.record.sample) run to its end and built into a record, for the PDF tests.
Not a test module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vita.content.model import Audience, Content
from vita.interview.model import Interview
from vita.interview.session import InterviewSession
from vita.record.build import build_record
from vita.record.codec import to_document
from vita.record.model import Record
from vita.record.referrals import load_directory
from vita.record.sample import run_sample, sample_interview, stepping_clock

REPO = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


class NullLog:
    """An event log that keeps nothing: these tests read the session's own events."""

    def append(self, interview_id: str, event: object) -> None:
        pass


def sample_session(language: str, audience: Audience = Audience.ADULT) -> tuple[Interview, InterviewSession]:
    """The sample interview's header and its session, run to the end."""
    header = sample_interview(language, audience, NOW)
    session = InterviewSession(header, NullLog(), clock=stepping_clock(header.started_at))
    run_sample(session)
    return header, session


def sample_record(content: Content, language: str, audience: Audience = Audience.ADULT) -> tuple[Record, str]:
    """The sample interview's record with the shipped referral directory, and its digest."""
    header, session = sample_session(language, audience)
    record = build_record(
        header, session.events, content, load_directory(REPO / "messages" / "referrals.toml"), now=NOW
    )
    return record, to_document(record)["digest"]["value"]
