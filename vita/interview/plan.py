"""The order in which an interview walks through the catalogue, and which messages the answers make irrelevant.
Qt-free, so it is tested without a window.

The opening comes first; for a child the children's questions come straight after it, and the children's
reassurance is said right after the greeting. The language finder's own clip is not part of an interview, and
the closing messages and the consent question belong to the finish screen. Messages of a module are in the plan
only when the deployment switches the module on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from vita.content.conditions import closed_by
from vita.content.model import Answer, Audience, Catalogue, Message
from vita.content.officer import OfficerText
from vita.interview.model import AnswerRecord, InterviewState

FINDER_MESSAGE = "opening.raise_hand"
CHILD_REASSURANCE = "children.reassurance"
CONSENT_QUESTION = "help.consent_referral"  # asked on the finish screen, of an adult only
AGE_QUESTION = "children.under_18"  # the officer may play it to anyone who may be a child
OPENING, CHILDREN, CLOSING = "opening", "children", "closing"
# Answers to the age question that switch the interview to child mode: when in doubt, treat as a child.
CHILD_ANSWERS = frozenset({Answer.YES, Answer.DONT_KNOW})
ENGLISH = OfficerText()  # the record's words; the screen passes the officer's language


def interview_plan(
    catalogue: Catalogue, audience: Audience, modules: Collection[str] = frozenset()
) -> tuple[Message, ...]:
    """The messages of an interview in the order they are played (core messages plus the modules given)."""
    wanted = [
        m
        for m in catalogue.messages
        if m.is_for(audience)
        and m.id not in (FINDER_MESSAGE, CONSENT_QUESTION)
        and m.group != CLOSING
        and (not m.module or m.module in modules)
    ]
    opening = [m for m in wanted if m.group == OPENING]
    children = [m for m in wanted if m.group == CHILDREN]
    rest = [m for m in wanted if m.group not in (OPENING, CHILDREN)]
    if audience is not Audience.CHILD:
        return tuple(opening + rest)
    reassurance = [m for m in children if m.id == CHILD_REASSURANCE]
    children = [m for m in children if m.id != CHILD_REASSURANCE]
    return tuple(opening[:1] + reassurance + opening[1:] + children + rest)


def closing_messages(catalogue: Catalogue, audience: Audience) -> tuple[Message, ...]:
    return tuple(m for m in catalogue.messages if m.group == CLOSING and m.is_for(audience))


def skip_reason(message: Message, answers: Mapping[str, AnswerRecord], catalogue: Catalogue) -> str | None:
    """Why `message` is not asked given the answers so far, or None when it is asked.

    The reason is id-like, "QUESTION=ANSWER" ("work.context=no"; "control.debt=unanswered" when the question that
    opens the branch has no answer yet): the GUI and the record make words from it with `describe_skip`.
    """
    current = {mid: record.answer for mid, record in answers.items()}
    closed = closed_by(message, current)
    if closed is None:
        return None
    return f"{closed.clause.question}={closed.answer.value if closed.answer else UNANSWERED}"


UNANSWERED = "unanswered"  # the answer part of a skip reason when the opening question has no answer yet


def is_pending(reason: str | None) -> bool:
    """Whether a skip reason only means "not yet": the question that opens the branch has no answer so far."""
    return reason is not None and reason.partition("=")[2] == UNANSWERED


def describe_pending(reason: str, catalogue: Catalogue, tr: OfficerText = ENGLISH) -> str:
    """A pending message in plain words for the officer: which question's answer decides whether it is asked."""
    question_id = reason.partition("=")[0]
    try:
        question = f'"{catalogue.message(question_id).text}"'
    except KeyError:
        question = question_id
    return tr("Not yet relevant: asked only if the answer to {question} opens it.", question=question)


def describe_skip(reason: str, catalogue: Catalogue, tr: OfficerText = ENGLISH) -> str:
    """A skip reason in plain words (English for the record, the officer's language on screen): which answer
    made the message irrelevant."""
    question_id, _, answer = reason.partition("=")
    try:
        question = catalogue.message(question_id)
    except KeyError:
        return tr("Not asked: not relevant after the answer to {question}.", question=question_id)
    if answer == UNANSWERED:
        return tr(
            'Not asked: relevant only after an answer to "{question}" ({id}), which was not answered.',
            question=question.text,
            id=question_id,
        )
    try:
        label = tr.content("answer", answer, catalogue.answer_labels.get(Answer(answer), answer))
    except ValueError:
        label = answer
    return tr(
        'Not asked: not relevant after the answer "{answer}" to "{question}" ({id}).',
        answer=label,
        question=question.text,
        id=question_id,
    )


def switches_to_child_mode(message_id: str, answer: Answer) -> bool:
    """A yes (or "I don't know") to the age question switches the interview to child mode from there on."""
    return message_id == AGE_QUESTION and answer in CHILD_ANSWERS


def consent_required(state: InterviewState) -> bool:
    """An adult is asked for consent to referral; a child is not: child protection is informed without it."""
    return state.audience is not Audience.CHILD
