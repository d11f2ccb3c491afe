"""Helpers for the record tests: an in-memory event log, a fixed clock, and hand-made content in two languages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from vita.content.errors import Problems
from vita.content.loader import collect_content, load_catalogue
from vita.content.model import (
    Audience,
    Content,
    Form,
    Language,
    ReviewStatus,
    Translation,
    TranslationSet,
)
from vita.interview.model import Event, Interview
from vita.interview.session import InterviewSession
from vita.record.referrals import Directory, load_directory
from vita.record.sample import run_sample, sample_interview, stepping_clock

REPO = Path(__file__).resolve().parents[2]
START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
EXPORTED = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


class MemoryLog:
    """An EventLog that keeps events in a list: the record tests need the log, not the disk."""

    def __init__(self) -> None:
        self.events: dict[str, list[Event]] = {}

    def append(self, interview_id: str, event: Event) -> None:
        self.events.setdefault(interview_id, []).append(event)


def clock(start: dt.datetime = START, step_seconds: int = 30) -> Callable[[], dt.datetime]:
    return stepping_clock(start, dt.timedelta(seconds=step_seconds))


def border_header(
    *,
    language: str = "xa",
    form: Form = Form.FEMALE,
    audience: Audience = Audience.ADULT,
    reference: str = "BG-2026-17",
    now: dt.datetime | None = START,
    country: str = "",
) -> Interview:
    """The header the record tests start from: Officer Petrova at the Kapitan Andreevo crossing (now=None: the
    real clock)."""
    return Interview.start(
        place="Kapitan Andreevo crossing",
        officer="Officer Petrova",
        language=language,
        form=form,
        audience=audience,
        case_reference=reference,
        now=now,
        country=country,
    )


def session(
    *,
    language: str = "xa",
    form: Form = Form.FEMALE,
    audience: Audience = Audience.ADULT,
    reference: str = "BG-2026-17",
    country: str = "",
) -> tuple[InterviewSession, MemoryLog]:
    header = border_header(language=language, form=form, audience=audience, reference=reference, country=country)
    log = MemoryLog()
    return InterviewSession(header, log, clock=clock()), log


def events_of(running: InterviewSession) -> list[Event]:
    return list(running.events)


# Two small languages with known texts, so assertions do not depend on translations that are still changing:
# "xa" is written right to left in Arabic script with gendered forms; "xb" is in Latin with a child form.
XA = Language("xa", "Testarabic", "عربية", "Arab", "rtl", ())
XB = Language("xb", "Testlatin", "Latina", "Latn", "ltr", ())
XA_TEXTS = {
    ("safety.hurt", ""): "هل أنت مصاب؟",
    ("safety.hurt", "female"): "هل أنتِ مصابة؟",
    ("safety.hurt", "male"): "هل أنتَ مصاب؟",
    ("control.paid", ""): "هل تحصل على أجر؟",
    ("control.paid", "female"): "هل تحصلين على أجر؟",
    ("control.debt", ""): "هل عليك دين؟",
    ("help.consent_referral", ""): "هل يمكننا إخبار منظمة؟",
    ("opening.greeting", ""): "مرحبا",
    ("children.alone", ""): "هل أنت وحدك؟",
}
XB_TEXTS = {
    ("safety.hurt", ""): "Dolesne?",
    ("control.paid", ""): "Pecunia?",
    ("children.alone", "child"): "Solus es, puer?",
}


def small_content() -> Content:
    problems = Problems()
    catalogue = load_catalogue(REPO / "messages" / "catalogue.toml", problems)
    assert catalogue is not None, problems

    def entries(texts: dict[tuple[str, str], str], status: ReviewStatus) -> dict[tuple[str, str], Translation]:
        reviewer = "A. Translator" if status is ReviewStatus.REVIEWED else ""
        return {key: Translation(key[0], key[1], text, status, reviewer) for key, text in texts.items()}

    return Content(
        catalogue,
        (XA, XB),
        {
            "xa": TranslationSet(XA, entries(XA_TEXTS, ReviewStatus.DRAFT)),
            "xb": TranslationSet(XB, entries(XB_TEXTS, ReviewStatus.REVIEWED)),
        },
    )


def shipped_content() -> Content:
    """The repository's content; tolerant of unrelated languages still being written."""
    content, problems = collect_content(REPO)
    assert content is not None, [str(p) for p in problems.errors]
    return content


def sample_directory() -> Directory:
    return load_directory(REPO / "messages" / "referrals.toml")


def finished_sample(content_language: str = "ar", audience: Audience = Audience.ADULT) -> tuple[Interview, list[Event]]:
    """The built-in sample interview, run through a real session into memory."""
    header = sample_interview(content_language, audience, EXPORTED)
    log = MemoryLog()
    run_sample(InterviewSession(header, log, clock=stepping_clock(header.started_at)))
    return header, log.events[header.id]
