"""The identification record as a value: everything the PDF and the JSON show, already decided.

Built by `vita.record.build.build_record`; written by `vita.record.codec` (JSON) and `vita.printing.pdf` (PDF).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vita.content.model import Answer, Audience, Element, Form
from vita.content.officer import N_
from vita.record.referrals import Recommendation

SCHEMA_VERSION = 1

NOT_A_LEGAL_DETERMINATION = N_(
    "This record is not a legal determination. It records the questions that were asked, the answers the officer "
    "selected, and which known indicators those answers touch. Whether a person is a victim of trafficking or of "
    "another crime is decided by the competent authorities after a full assessment. Help and referral do not depend "
    "on the person cooperating with an investigation."
)

ELEMENT_TITLES: dict[Element, str] = {
    Element.ACT: N_("Act — recruitment, transport, transfer, harbouring or receipt of persons"),
    Element.MEANS: N_("Means — threat, force, coercion, deception, abuse of vulnerability, debt"),
    Element.PURPOSE: N_("Purpose — exploitation"),
    Element.CHILD: N_("Child signals — for a child the means element is not needed"),
    Element.AGGRAVATED_SMUGGLING: N_("Aggravated smuggling — crimes against the person during the journey"),
    Element.NEEDS: N_("Urgent needs — act on these now, whatever else is found"),
}


class TextStatus:
    DRAFT = "draft"
    REVIEWED = "reviewed"
    MISSING = "missing"


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    english_name: str
    native_name: str
    script: str  # ISO 15924
    direction: str  # ltr | rtl


@dataclass(frozen=True)
class HeardText:
    """The text in the person's language, in the form and for the audience in force when it was played."""

    language: str
    form: Form
    audience: Audience
    text: str | None  # None when the message has no translation in this language
    variant: str  # the translation variant used: "", "female", "child|male"…
    status: str  # TextStatus
    reviewer: str = ""


@dataclass(frozen=True)
class Plays:
    times: int
    slowed: int


@dataclass(frozen=True)
class EarlierAnswer:
    answer: Answer
    label: str
    at: dt.datetime


@dataclass(frozen=True)
class QuestionItem:
    message_id: str
    group: str
    english: str
    heard: HeardText
    answer: Answer | None  # None when the question was played but not answered
    answer_label: str | None
    answered_at: dt.datetime | None
    history: tuple[EarlierAnswer, ...]  # earlier answers that a correction replaced, oldest first
    plays: Plays
    indicators: tuple[str, ...]  # indicator ids the current answer touches
    # Non-empty when the answer that opened this question's branch was later corrected: the answer stays in the
    # record, says so, and counts for no indicator.
    asked_before_correction: str = ""


@dataclass(frozen=True)
class SkippedItem:
    """A question of the plan that the answers made irrelevant: not asked, and why."""

    message_id: str
    group: str
    english: str
    reason: str  # id-like, e.g. "work.context=no"
    explanation: str  # the same in plain English


@dataclass(frozen=True)
class StatementItem:
    message_id: str
    group: str
    english: str
    heard: HeardText
    plays: Plays


@dataclass(frozen=True)
class NoteItem:
    at: dt.datetime
    text: str
    message_id: str | None


@dataclass(frozen=True)
class IndicatorHit:
    id: str
    name: str
    source: str
    questions: tuple[str, ...]  # the message ids whose answers touch it


@dataclass(frozen=True)
class ElementSummary:
    element: Element
    title: str
    found: tuple[IndicatorHit, ...]


@dataclass(frozen=True)
class Consent:
    status: str  # given | refused | not_recorded | not_required
    source: str  # how it was established
    explanation: str


@dataclass(frozen=True)
class AudioSummary:
    state: str  # none | synthetic | recorded | mixed | unknown
    recorded: int
    synthetic: int
    without_clip: int
    detail: str


@dataclass(frozen=True)
class ContentProvenance:
    draft: int
    reviewed: int
    missing: int
    audio: AudioSummary

    @property
    def any_draft(self) -> bool:
        return self.draft > 0


@dataclass(frozen=True)
class CaseInfo:
    reference: str
    interview_id: str
    place: str
    officer: str
    started_at: dt.datetime
    finished_at: dt.datetime
    duration_seconds: int
    country: str = ""  # ISO 3166 alpha-2 of the place of the interview; "" when not recorded


@dataclass(frozen=True)
class AudienceChange:
    """The interview switched between adult and child mode: when, to what, and why."""

    at: dt.datetime
    audience: Audience
    reason: str


@dataclass(frozen=True)
class PersonInfo:
    audience: Audience
    form: Form
    treated_as_child: bool
    language: str
    languages_used: tuple[str, ...]
    audience_changes: tuple[AudienceChange, ...] = ()


@dataclass(frozen=True)
class DirectoryInfo:
    name: str
    sample: bool


@dataclass(frozen=True)
class Record:
    created_at: dt.datetime
    generator_version: str
    case: CaseInfo
    person: PersonInfo
    languages: tuple[LanguageInfo, ...]
    questions: tuple[QuestionItem, ...]
    statements: tuple[StatementItem, ...]
    notes: tuple[NoteItem, ...]
    indicators: tuple[ElementSummary, ...]
    consent: Consent
    directory: DirectoryInfo
    referrals: tuple[Recommendation, ...]
    content: ContentProvenance
    statement: str = NOT_A_LEGAL_DETERMINATION
    schema_version: int = SCHEMA_VERSION
    skipped: tuple[SkippedItem, ...] = ()
    indicator_grouping: str = ""  # which grouping of the indicators is this project's own reading
    referral_note: str = ""  # how the directory was narrowed by country, in plain words
    # A simulation (`vita simulate`) is never an identification record: its JSON has its own kind and every PDF
    # page carries a banner.
    simulation: bool = False

    def language(self, code: str) -> LanguageInfo:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(hit.id for summary in self.indicators for hit in summary.found)
