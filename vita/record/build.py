"""Build the identification record of a finished interview from its log, the content and the referral directory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vita.content.model import Answer, Audience, Content, Element, Form, Message
from vita.interview.model import Event, EventType, Interview, InterviewState, derive_state, utc_now
from vita.record.errors import InterviewNotFinished
from vita.record.model import (
    ELEMENT_TITLES,
    CaseInfo,
    Consent,
    ContentProvenance,
    DirectoryInfo,
    EarlierAnswer,
    ElementSummary,
    HeardText,
    IndicatorHit,
    LanguageInfo,
    NoteItem,
    PersonInfo,
    Plays,
    QuestionItem,
    Record,
    StatementItem,
    TextStatus,
)
from vita.record.provenance import AudioProvenance, summarise_audio
from vita.record.referrals import Directory, recommend

from vita import __version__

CONSENT_QUESTION = "help.want_help"  # for an adult, a yes is consent to referral (catalogue note)


@dataclass(frozen=True)
class _Context:
    language: str
    form: Form
    audience: Audience


@dataclass
class _Seen:
    """What the log says about one message: when it first came up and the context of its last play."""

    first_seq: int
    played_in: _Context | None = None
    answered_in: _Context | None = None


def _replay(interview: Interview, events: Sequence[Event]) -> tuple[dict[str, _Seen], list[tuple[str, str]]]:
    """Walk the log keeping the language and form in force, so each text is shown as the person heard it."""
    context = _Context(interview.language, interview.form, interview.audience)
    seen: dict[str, _Seen] = {}
    played: list[tuple[str, str]] = []
    for event in events:
        data = event.data
        if event.type is EventType.LANGUAGE_CHANGED:
            context = _Context(data["language"], context.form, context.audience)
        elif event.type is EventType.FORM_CHANGED:
            context = _Context(
                context.language, Form(data.get("form", context.form)), Audience(data.get("audience", context.audience))
            )
        elif event.type is EventType.MESSAGE_PLAYED:
            entry = seen.setdefault(data["message_id"], _Seen(event.seq))
            entry.played_in = context
            played.append((context.language, data["message_id"]))
        elif event.type in (EventType.ANSWER_SELECTED, EventType.ANSWER_CORRECTED):
            entry = seen.setdefault(data["message_id"], _Seen(event.seq))
            # The person answered what they last heard; an answer taken without playing uses the current context.
            entry.answered_in = entry.played_in or context
    return seen, played


def _heard(content: Content, message_id: str, context: _Context) -> HeardText:
    found = content.text(context.language, message_id, context.form, context.audience)
    if found is None:
        return HeardText(context.language, context.form, context.audience, None, "", TextStatus.MISSING)
    status = TextStatus.DRAFT if found.is_draft else TextStatus.REVIEWED
    return HeardText(
        context.language, context.form, context.audience, found.text, found.variant, status, found.reviewer
    )


def _language_info(content: Content, code: str) -> LanguageInfo:
    try:
        language = content.language(code)
    except KeyError:  # a language since removed from languages.toml: keep the record, say what is known
        return LanguageInfo(code, code, code, "Zyyy", "ltr")
    return LanguageInfo(language.code, language.english_name, language.native_name, language.script, language.direction)


def _message(content: Content, message_id: str) -> Message | None:
    try:
        return content.catalogue.message(message_id)
    except KeyError:
        return None


def _consent(state: InterviewState, child: bool) -> Consent:
    if child:
        return Consent(
            "not_required",
            "age",
            "Children are referred to child protection whether or not they consent.",
        )
    if state.consent is not None:
        status, verb = ("given", "gave") if state.consent else ("refused", "refused")
        return Consent(
            status, "recorded by the officer", f"The officer recorded that the person {verb} consent to referral."
        )
    answer = state.answer(CONSENT_QUESTION)
    if answer is Answer.YES:
        return Consent(
            "given", f"answer to {CONSENT_QUESTION}", "The person answered yes to 'Do you want us to help you?'."
        )
    if answer is Answer.NO:
        return Consent(
            "refused", f"answer to {CONSENT_QUESTION}", "The person answered no to 'Do you want us to help you?'."
        )
    return Consent("not_recorded", "none", "Consent to referral was not recorded: ask the person before referring.")


def _indicator_summary(content: Content, questions: Iterable[QuestionItem]) -> tuple[ElementSummary, ...]:
    sources: dict[str, list[str]] = {}
    for question in questions:
        for indicator_id in question.indicators:
            sources.setdefault(indicator_id, []).append(question.message_id)
    summaries = []
    for element in Element:
        hits = tuple(
            IndicatorHit(indicator.id, indicator.name, indicator.source, tuple(sources[indicator.id]))
            for indicator in content.catalogue.indicators
            if indicator.element is element and indicator.id in sources
        )
        summaries.append(ElementSummary(element, ELEMENT_TITLES[element], hits))
    return tuple(summaries)


def build_record(
    interview: Interview,
    events: Iterable[Event],
    content: Content,
    directory: Directory,
    audio: AudioProvenance | None = None,
    now: dt.datetime | None = None,
) -> Record:
    """The record of a finished interview. Raises InterviewNotFinished for one still running."""
    events = sorted(events, key=lambda e: e.seq)
    state = derive_state(interview, events)
    if state.finished_at is None:
        raise InterviewNotFinished(interview.case_reference)
    seen, played = _replay(interview, events)
    labels = content.catalogue.answer_labels

    questions: list[QuestionItem] = []
    statements: list[StatementItem] = []
    for message_id, entry in sorted(seen.items(), key=lambda item: item[1].first_seq):
        message = _message(content, message_id)
        english = message.text if message else "(this message is no longer in the catalogue)"
        group = message.group if message else message_id.partition(".")[0]
        plays = state.plays.get(message_id)
        counted = Plays(plays.times, plays.slowed) if plays else Plays(0, 0)
        heard = _heard(
            content,
            message_id,
            entry.answered_in or entry.played_in or _Context(state.language, state.form, state.audience),
        )
        current = state.answers.get(message_id)
        if current is None and (message is None or not message.is_question):
            statements.append(StatementItem(message_id, group, english, heard, counted))
            continue
        history = (
            tuple(EarlierAnswer(answer, labels.get(answer, answer.value), at) for answer, at in current.history)
            if current
            else ()
        )
        questions.append(
            QuestionItem(
                message_id=message_id,
                group=group,
                english=english,
                heard=heard,
                answer=current.answer if current else None,
                answer_label=labels.get(current.answer, current.answer.value) if current else None,
                answered_at=current.at if current else None,
                history=history,
                plays=counted,
                indicators=message.indicators_for(current.answer) if message and current else (),
            )
        )

    summary = _indicator_summary(content, questions)
    elements = {s.element.value for s in summary if s.found}
    child = state.audience is Audience.CHILD or Element.CHILD.value in elements
    consent = _consent(state, child)
    referrals = recommend(
        directory,
        indicators={hit.id for s in summary for hit in s.found},
        names={hit.id: hit.name for s in summary for hit in s.found},
        elements=elements,
        child=child,
        language=state.language,
        wants_help=consent.status == "given",
    )
    heard_all = [q.heard for q in questions] + [s.heard for s in statements]
    provenance = ContentProvenance(
        draft=sum(h.status == TextStatus.DRAFT for h in heard_all),
        reviewed=sum(h.status == TextStatus.REVIEWED for h in heard_all),
        missing=sum(h.status == TextStatus.MISSING for h in heard_all),
        audio=summarise_audio(audio, played),
    )
    finished_at = state.finished_at
    return Record(
        created_at=(now or utc_now()).astimezone(dt.UTC),
        generator_version=__version__,
        case=CaseInfo(
            reference=interview.case_reference,
            interview_id=interview.id,
            place=interview.place,
            officer=interview.officer,
            started_at=interview.started_at,
            finished_at=finished_at,
            duration_seconds=max(0, int((finished_at - interview.started_at).total_seconds())),
        ),
        person=PersonInfo(state.audience, state.form, child, state.language, state.languages_used),
        languages=tuple(_language_info(content, code) for code in state.languages_used),
        questions=tuple(questions),
        statements=tuple(statements),
        notes=tuple(NoteItem(n.at, n.text, n.message_id) for n in state.notes),
        indicators=summary,
        consent=consent,
        directory=DirectoryInfo(directory.name, directory.sample),
        referrals=referrals,
        content=provenance,
    )
