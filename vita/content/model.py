"""Typed content objects: the catalogue, the languages and the translations, read-only once loaded."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    STATEMENT = "statement"
    QUESTION = "question"


class Audience(enum.StrEnum):
    """Who a message is for, and who an interview addresses."""

    ALL = "all"
    ADULT = "adult"
    CHILD = "child"


class Form(enum.StrEnum):
    """The grammatical form used to address the person."""

    UNSPECIFIED = "unspecified"
    FEMALE = "female"
    MALE = "male"


class Answer(enum.StrEnum):
    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"
    NOT_UNDERSTOOD = "not_understood"
    DECLINED = "declined"  # the person's own "I don't want to answer": their right, unlike no_answer
    NO_ANSWER = "no_answer"  # the officer's record that the person gave no reaction


# The answers the person can give, with the English word shown under each symbol in the person's view.
# Translated in every PO file like the messages, under msgctxt "answer.<value>". `no_answer` is missing on
# purpose: it is the officer's record that the person gave no reaction, never a choice offered to them.
PERSON_ANSWERS: dict[Answer, str] = {
    Answer.YES: "Yes",
    Answer.NO: "No",
    Answer.DONT_KNOW: "I don't know",
    Answer.NOT_UNDERSTOOD: "I don't understand",
    Answer.DECLINED: "I don't want to answer",
}
ANSWER_CONTEXT_PREFIX = "answer."


def answer_context(answer: Answer) -> str:
    """The PO msgctxt (and translation key) of an answer's word."""
    return ANSWER_CONTEXT_PREFIX + answer.value


class Element(enum.StrEnum):
    """Where an indicator sits in the record's summary."""

    ACT = "act"
    MEANS = "means"
    PURPOSE = "purpose"
    CHILD = "child"
    AGGRAVATED_SMUGGLING = "aggravated_smuggling"
    NEEDS = "needs"


class ReviewStatus(enum.StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"


# `dont_know` and `not_understood` open every branch of a message's condition: when in doubt, ask.
DOUBTFUL_ANSWERS = frozenset({Answer.DONT_KNOW, Answer.NOT_UNDERSTOOD})


@dataclass(frozen=True)
class Clause:
    """One clause of a condition or an indicator rule: an earlier question and the answers that satisfy it."""

    question: str
    answers: frozenset[Answer]


@dataclass(frozen=True)
class IndicatorRule:
    """The indicator fires when every clause holds (literally: no implicit doubt answers)."""

    clauses: tuple[Clause, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(c.question for c in self.clauses)


@dataclass(frozen=True)
class Indicator:
    id: str
    element: Element
    name: str
    source: str
    rules: tuple[IndicatorRule, ...] = ()


@dataclass(frozen=True)
class Module:
    """An optional set of messages that a deployment switches on."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Deployment:
    """messages/deployment.toml: the default country (ISO 3166 alpha-2) and the modules switched on."""

    country: str = ""
    modules: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Group:
    id: str
    name: str


@dataclass(frozen=True)
class Message:
    id: str
    group: str
    kind: Kind
    audience: Audience
    text: str
    note: str
    answers: tuple[Answer, ...] = ()
    when: tuple[Clause, ...] = ()  # asked only when every clause holds (doubtful answers open it too)
    module: str = ""  # "" for the core interview
    line: int = 0

    @property
    def is_question(self) -> bool:
        return self.kind is Kind.QUESTION

    def is_for(self, audience: Audience) -> bool:
        return self.audience is Audience.ALL or self.audience is audience


@dataclass(frozen=True)
class Catalogue:
    messages: tuple[Message, ...]
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    answer_labels: Mapping[Answer, str]
    source_language: str = "en"
    modules: tuple[Module, ...] = ()
    grouping: str = ""  # which grouping of indicators is this project's own reading (shown in the record)

    @property
    def core(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if not m.module)

    def message(self, message_id: str) -> Message:
        for message in self.messages:
            if message.id == message_id:
                return message
        raise KeyError(message_id)

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def in_group(self, group_id: str) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.group == group_id)

    @property
    def message_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.messages)


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str
    script: str
    direction: str
    regions: tuple[str, ...]

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


@dataclass(frozen=True)
class IncompleteLanguage:
    """A language whose translation lacks some messages: listed (greyed) but not offered for interviews."""

    language: Language
    missing: tuple[str, ...]  # the message ids with no text in it

    @property
    def reason(self) -> str:
        count = len(self.missing)
        return f"incomplete: {count} message{'s' if count != 1 else ''} not yet translated"


@dataclass(frozen=True)
class Translation:
    """One translated text: a message id, the variant it serves, and its review status."""

    message_id: str
    variant: str  # "" for the neutral form, else e.g. "female", "male", "child", "child|female"
    text: str
    status: ReviewStatus
    reviewer: str = ""
    line: int = 0

    @property
    def is_draft(self) -> bool:
        return self.status is ReviewStatus.DRAFT


def variant_chain(form: Form, audience: Audience) -> tuple[str, ...]:
    """The variants to try, most specific first, ending with the neutral form."""
    gendered = () if form is Form.UNSPECIFIED else (form.value,)
    chain: list[str] = []
    if audience is Audience.CHILD:
        chain += [f"child|{g}" for g in gendered] + ["child"]
    chain += [*list(gendered), ""]
    return tuple(chain)


@dataclass(frozen=True)
class TranslationSet:
    """All translations of one language, keyed by (message id, variant)."""

    language: Language
    entries: Mapping[tuple[str, str], Translation]

    def lookup(
        self, message_id: str, form: Form = Form.UNSPECIFIED, audience: Audience = Audience.ADULT
    ) -> Translation | None:
        """The text for a message in the most specific form available, or None when untranslated."""
        for variant in variant_chain(form, audience):
            found = self.entries.get((message_id, variant))
            if found is not None:
                return found
        return None

    def variants_of(self, message_id: str) -> tuple[str, ...]:
        return tuple(v for (mid, v) in self.entries if mid == message_id)

    @property
    def reviewed_count(self) -> int:
        return sum(1 for t in self.entries.values() if not t.is_draft)


@dataclass(frozen=True)
class Content:
    """Everything the program says: catalogue, languages, translations."""

    catalogue: Catalogue
    languages: tuple[Language, ...]
    translations: Mapping[str, TranslationSet]
    deployment: Deployment = field(default_factory=Deployment)
    # Languages left out of `languages` because texts are missing: shown as incomplete, never used for interviews
    # (their partial translations stay in `translations`, for synthesis and the content check).
    incomplete: tuple[IncompleteLanguage, ...] = ()

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def text(
        self, code: str, message_id: str, form: Form = Form.UNSPECIFIED, audience: Audience = Audience.ADULT
    ) -> Translation | None:
        """A message's text in a language, falling back from the gendered form to the neutral one."""
        translations = self.translations.get(code)
        return translations.lookup(message_id, form, audience) if translations else None

    def codes(self) -> Iterable[str]:
        """The languages offered for interviews (complete ones)."""
        return (language.code for language in self.languages)

    def listed_codes(self) -> tuple[str, ...]:
        """Every language of languages.toml, complete or not: what the audio tools work on."""
        return (*self.codes(), *(i.language.code for i in self.incomplete))
