"""A built-in sample interview for `vita sample-record`: realistic answers, a correction, a slowed replay, notes.

Everything about it is invented; the names say so. It drives a real InterviewSession, so the sample goes
through the same core, store and exporter as a real interview.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from vita.content.model import Answer, Audience, Form
from vita.interview.model import Interview
from vita.interview.session import InterviewSession

SAMPLE_OFFICER = "Sample Officer (invented)"
SAMPLE_PLACE = "Sample border crossing (invented, for demonstration)"
SAMPLE_NOTE_1 = "Sample note: the person pointed at the 'No' card, then at the man waiting outside."
SAMPLE_NOTE_2 = "Sample note: pay goes to the 'boss'; the person first answered yes, then corrected it."

Y, N, DK, NU, DL = Answer.YES, Answer.NO, Answer.DONT_KNOW, Answer.NOT_UNDERSTOOD, Answer.DECLINED

# (message id, answers in the order given — a second answer is a correction; None for a statement)
ADULT_SCRIPT: tuple[tuple[str, tuple[Answer, ...] | None], ...] = (
    ("opening.greeting", None),
    ("opening.records_answers", None),
    ("opening.how_to_answer", None),
    ("opening.stop_repeat", None),
    ("opening.understand_language", (Y,)),
    ("safety.hurt", (N,)),
    ("safety.doctor", (Y,)),
    ("safety.food_water_rest", (Y,)),
    ("safety.safe_to_talk", (Y,)),
    ("safety.controller_nearby", (N,)),
    ("journey.life_danger", (Y,)),
    ("journey.hurt", (N,)),
    ("journey.sexual_violence", (DL,)),
    ("journey.held_for_money", (N,)),
    ("journey.fear_return", (DK,)),
    ("work.context", (Y,)),
    ("control.free_to_leave", (N,)),
    ("control.paid", (Y, N)),
    ("control.threats", (Y,)),
    ("control.documents_held", (Y,)),
    ("control.debt", (Y,)),
    ("control.work_off_debt", (Y,)),
    ("control.job_promised", (N,)),
    ("help.support_organisation", (Y,)),
    ("help.woman_officer", (NU, N)),
    ("closing.thank_you", None),
    ("closing.wait_here", None),
)

CHILD_SCRIPT: tuple[tuple[str, tuple[Answer, ...] | None], ...] = (
    ("opening.greeting", None),
    ("children.reassurance", None),
    ("opening.records_answers", None),
    ("opening.how_to_answer", None),
    ("opening.understand_language", (Y,)),
    ("children.under_18", (Y,)),
    ("children.alone", (Y,)),
    ("children.hurt", (N,)),
    ("children.made_to_work", (N,)),
    ("safety.hurt", (N,)),
    ("safety.food_water_rest", (Y,)),
    ("journey.life_danger", (Y,)),
    ("journey.fear_return", (DK,)),
    ("work.context", (N,)),
    ("control.threats", (N,)),
    ("help.support_organisation", (Y,)),
    ("closing.wait_here", None),
)


def sample_interview(language: str, audience: Audience, now: dt.datetime) -> Interview:
    form = Form.FEMALE if audience is Audience.ADULT else Form.MALE
    return Interview.start(
        place=SAMPLE_PLACE,
        officer=SAMPLE_OFFICER,
        language=language,
        form=form,
        audience=audience,
        case_reference=f"SAMPLE-{now:%Y%m%d}-{'ADULT' if audience is Audience.ADULT else 'CHILD'}",
        now=now - dt.timedelta(minutes=25),
        country="TR",  # the sample referral directory serves Türkiye and Belgium
    )


def stepping_clock(start: dt.datetime, step: dt.timedelta = dt.timedelta(seconds=20)) -> Callable[[], dt.datetime]:
    """A clock for the sample: each event twenty seconds after the last, so the record reads like a real one."""
    ticks: Iterator[int] = iter(range(1, 10_000))
    return lambda: start + step * next(ticks)


def run_sample(session: InterviewSession) -> None:
    """Play the sample script through a session: plays, answers, a correction, a slowed replay, notes, finish."""
    child = session.interview.audience is Audience.CHILD
    for message_id, answers in CHILD_SCRIPT if child else ADULT_SCRIPT:
        session.played(message_id)
        if answers is None:
            continue
        for index, answer in enumerate(answers):
            if index:  # before a correction the officer plays the question again, slower
                session.played(message_id, slow=True)
            session.answer(message_id, answer)
        if message_id == "safety.controller_nearby" and not child:
            session.note(SAMPLE_NOTE_1, message_id)
        if message_id == "control.paid":
            session.note(SAMPLE_NOTE_2, message_id)
    if not child:
        session.record_consent(True)
    session.finish()
