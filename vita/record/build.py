"""Build the identification record of a finished interview from its log, the content and the referral directory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from vita.content.conditions import Finding, closed_by, find_indicators
from vita.content.model import Answer, Audience, Content, Element, Form, Message
from vita.interview.model import Event, EventType, Interview, InterviewState, derive_state, utc_now
from vita.interview.plan import CONSENT_QUESTION, describe_skip, interview_plan, skip_reason
from vita.record.errors import InterviewNotFinished
from vita.record.model import (
    ELEMENT_TITLES,
    AudienceChange,
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
    SkippedItem,
    StatementItem,
    TextStatus,
)
from vita.record.provenance import AudioProvenance, summarise_audio
from vita.record.referrals import Directory, recommend_for_country

from vita import __version__


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


def _replay(
    interview: Interview, events: Sequence[Event]
) -> tuple[dict[str, _Seen], list[tuple[str, str]], list[tuple[str, str]], list[AudienceChange]]:
    """Walk the log keeping the language and form in force, so each text is shown as the person heard it.
    Also which messages were played in a voice and which shown as text (no clip, a refused one, no sound)."""
    context = _Context(interview.language, interview.form, interview.audience)
    seen: dict[str, _Seen] = {}
    played: list[tuple[str, str]] = []
    shown: list[tuple[str, str]] = []
    changes: list[AudienceChange] = []
    for event in events:
        data = event.data
        if event.type is EventType.LANGUAGE_CHANGED:
            context = _Context(data["language"], context.form, context.audience)
        elif event.type is EventType.FORM_CHANGED:
            audience = Audience(data.get("audience", context.audience))
            if audience is not context.audience:
                changes.append(AudienceChange(event.at, audience, str(data.get("reason") or "the officer's choice")))
            context = _Context(context.language, Form(data.get("form", context.form)), audience)
        elif event.type is EventType.MESSAGE_PLAYED:
            entry = seen.setdefault(data["message_id"], _Seen(event.seq))
            entry.played_in = context
            (shown if data.get("shown") else played).append((context.language, data["message_id"]))
        elif event.type in (EventType.ANSWER_SELECTED, EventType.ANSWER_CORRECTED):
            entry = seen.setdefault(data["message_id"], _Seen(event.seq))
            # The person answered what they last heard; an answer taken without playing uses the current context.
            entry.answered_in = entry.played_in or context
    return seen, played, shown, changes


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
            "A child is not asked: children are referred to child protection whether or not they consent.",
        )
    if state.consent is not None:
        status, verb = ("given", "gave") if state.consent else ("refused", "refused")
        return Consent(
            status, "recorded by the officer", f"The officer recorded that the person {verb} consent to referral."
        )
    answer = state.answer(CONSENT_QUESTION)
    asked = "to 'May we tell an organisation that helps people about you, so that they can help you?'"
    if answer is Answer.YES:
        return Consent("given", f"answer to {CONSENT_QUESTION}", f"The person answered yes {asked}.")
    if answer in (Answer.NO, Answer.DECLINED):
        word = "no" if answer is Answer.NO else "that they do not want to answer"
        return Consent("refused", f"answer to {CONSENT_QUESTION}", f"The person answered {word} {asked}.")
    return Consent("not_recorded", "none", "Consent to referral was not recorded: ask the person before referring.")


def _indicator_summary(content: Content, findings: Iterable[Finding]) -> tuple[ElementSummary, ...]:
    found = list(findings)
    return tuple(
        ElementSummary(
            element,
            ELEMENT_TITLES[element],
            tuple(
                IndicatorHit(f.indicator.id, f.indicator.name, f.indicator.source, f.questions)
                for f in found
                if f.indicator.element is element
            ),
        )
        for element in Element
    )


def _answer_words(reason: str, content: Content) -> str:
    """ "children.under_18=yes" as words: the person answered "Yes" to "Are you younger than eighteen?"."""
    message_id, _, value = reason.partition("=")
    try:
        message, answer = content.catalogue.message(message_id), Answer(value)
    except (KeyError, ValueError):
        return reason
    label = content.catalogue.answer_labels.get(answer, value)
    return f'the person answered "{label}" to "{message.text}" ({message_id})'


def _before_correction(message: Message | None, state: InterviewState, content: Content) -> str:
    """Why an answered question no longer counts: the answer that opened its branch was corrected since."""
    if message is None or message.id not in state.answers:
        return ""
    closed = closed_by(message, {mid: record.answer for mid, record in state.answers.items()})
    if closed is None:
        return ""
    question = closed.clause.question
    answer = content.catalogue.answer_labels.get(closed.answer, "none") if closed.answer else "none"
    return (
        f"Asked before the correction of the answer to {question} (now: {answer}); "
        "this answer stays in the record and counts for no indicator."
    )


def _skipped(
    content: Content, state: InterviewState, seen: Collection[str], modules: Collection[str]
) -> tuple[SkippedItem, ...]:
    """The questions of the plan that the answers made irrelevant and that were therefore not asked."""
    items = []
    for message in interview_plan(content.catalogue, state.audience, modules):
        if message.id in seen or not message.is_question:
            continue
        reason = skip_reason(message, state.answers, content.catalogue)
        if reason is not None:
            explanation = describe_skip(reason, content.catalogue)
            items.append(SkippedItem(message.id, message.group, message.text, reason, explanation))
    return tuple(items)


def build_record(
    interview: Interview,
    events: Iterable[Event],
    content: Content,
    directory: Directory,
    audio: AudioProvenance | None = None,
    now: dt.datetime | None = None,
    modules: Collection[str] | None = None,
    simulation: bool = False,
) -> Record:
    """The record of a finished interview. Raises InterviewNotFinished for one still running.

    `modules` are the optional modules the interview's plan had (default: those the deployment switches on).
    """
    events = sorted(events, key=lambda e: e.seq)
    state = derive_state(interview, events)
    if state.finished_at is None:
        raise InterviewNotFinished(interview.case_reference)
    seen, played, shown, audience_changes = _replay(interview, events)
    audience_changes = [AudienceChange(c.at, c.audience, _answer_words(c.reason, content)) for c in audience_changes]
    labels = content.catalogue.answer_labels
    findings = find_indicators(content.catalogue, {mid: record.answer for mid, record in state.answers.items()})

    questions: list[QuestionItem] = []
    statements: list[StatementItem] = []
    for message_id, entry in sorted(seen.items(), key=lambda item: item[1].first_seq):
        message = _message(content, message_id)
        english = message.text if message else "(this message is no longer in the catalogue)"
        group = message.group if message else message_id.partition(".")[0]
        plays = state.plays.get(message_id)
        counted = Plays(plays.times, plays.slowed, plays.shown, plays.heard, plays.stopped) if plays else Plays(0, 0)
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
                indicators=tuple(f.indicator.id for f in findings if message_id in f.questions),
                asked_before_correction=_before_correction(message, state, content),
            )
        )

    summary = _indicator_summary(content, findings)
    elements = {s.element.value for s in summary if s.found}
    child = state.audience is Audience.CHILD or Element.CHILD.value in elements
    consent = _consent(state, child)
    referrals, referral_note = recommend_for_country(
        directory,
        country=interview.country,
        indicators={hit.id for s in summary for hit in s.found},
        elements=elements,
        child=child,
        language=state.language,
        wants_help=consent.status == "given",
        names={indicator.id: indicator.name for indicator in content.catalogue.indicators},
    )
    heard_all = [q.heard for q in questions] + [s.heard for s in statements]
    provenance = ContentProvenance(
        draft=sum(h.status == TextStatus.DRAFT for h in heard_all),
        reviewed=sum(h.status == TextStatus.REVIEWED for h in heard_all),
        missing=sum(h.status == TextStatus.MISSING for h in heard_all),
        audio=summarise_audio(audio, played, shown),
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
            country=interview.country,
        ),
        person=PersonInfo(
            state.audience, state.form, child, state.language, state.languages_used, tuple(audience_changes)
        ),
        languages=tuple(_language_info(content, code) for code in state.languages_used),
        questions=tuple(questions),
        statements=tuple(statements),
        notes=tuple(NoteItem(n.at, n.text, n.message_id) for n in state.notes),
        indicators=summary,
        consent=consent,
        directory=DirectoryInfo(directory.name, directory.sample),
        referrals=referrals,
        content=provenance,
        skipped=_skipped(content, state, seen, content.deployment.modules if modules is None else modules),
        indicator_grouping=content.catalogue.grouping,
        referral_note=referral_note,
        simulation=simulation,
    )
