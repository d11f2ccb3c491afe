"""`vita simulate`: what the record of an interview would be, from a file of answers, with no store and no window.

Trainers use it to show what a record looks like; tests use it to check the indicator rules through the same
plan, session and record builder as a real interview. The interview is walked in plan order: a message whose
condition does not hold is skipped exactly as the interview screen would skip it, and an answer the file gives
to such a message is ignored and reported. The result is marked as a simulation everywhere (its own JSON kind,
a banner on every PDF page), so it cannot stand in for an identification record.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vita.content.model import Answer, Audience, Content, Form, Message
from vita.interview.model import Event, Interview
from vita.interview.plan import (
    AGE_QUESTION,
    CONSENT_QUESTION,
    OPENING,
    closing_messages,
    describe_skip,
    interview_plan,
    skip_reason,
    switches_to_child_mode,
)
from vita.interview.session import InterviewSession
from vita.record.build import build_record
from vita.record.model import Record
from vita.record.referrals import Directory

KEYS = {"language", "form", "audience", "country", "modules", "answers", "consent"}
CONSENT_VALUES = ("given", "refused", "not_asked")
COUNTRY = re.compile(r"^[A-Z]{2}$")
SIMULATION_PLACE = "Simulation: no interview took place"
SIMULATION_OFFICER = "vita simulate"


class SimulationError(Exception):
    """A file of answers that cannot be simulated. `key` names where the problem is ("answers.safety.hurt")."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}" if key else problem)
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class Simulation:
    """A checked file of answers."""

    language: str
    form: Form
    audience: Audience
    country: str
    modules: frozenset[str]
    answers: Mapping[str, Answer]
    consent: str  # given | refused | not_asked


@dataclass(frozen=True)
class Ignored:
    """An answer in the file that the interview would never have asked for, and why."""

    message_id: str
    reason: str


@dataclass(frozen=True)
class SimulationResult:
    record: Record
    ignored: tuple[Ignored, ...]


def _choice(data: Mapping[str, Any], key: str, allowed: Collection[str], default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise SimulationError(key, "is missing")
    if not isinstance(value, str) or value not in allowed:
        raise SimulationError(key, f"{value!r} is not one of: {', '.join(sorted(allowed))}")
    return value


def parse_simulation(data: object, content: Content) -> Simulation:
    """Check a decoded answers file against the content. Raises SimulationError naming the key at fault."""
    if not isinstance(data, dict):
        raise SimulationError("", "the file must hold a JSON object")
    for key in data:
        if key not in KEYS:
            raise SimulationError(str(key), f"unknown key (expected: {', '.join(sorted(KEYS))})")
    language = _choice(data, "language", set(content.codes()))
    form = Form(_choice(data, "form", {f.value for f in Form}, Form.UNSPECIFIED.value))
    audience = Audience(_choice(data, "audience", {Audience.ADULT.value, Audience.CHILD.value}))
    country = data.get("country", content.deployment.country)
    if not isinstance(country, str) or (country and not COUNTRY.match(country)):
        raise SimulationError("country", f'{country!r} is not an ISO 3166 two-letter code such as "TR"')
    known_modules = {m.id for m in content.catalogue.modules}
    modules = data.get("modules", sorted(known_modules))
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        raise SimulationError("modules", "must be a list of module ids")
    for index, module in enumerate(modules):
        if module not in known_modules:
            raise SimulationError(
                f"modules[{index}]", f"unknown module {module!r} (known: {', '.join(sorted(known_modules))})"
            )
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, dict):
        raise SimulationError("answers", "must be an object of message id → answer")
    answers: dict[str, Answer] = {}
    for message_id, value in raw_answers.items():
        key = f"answers.{message_id}"
        try:
            message = content.catalogue.message(message_id)
        except KeyError:
            raise SimulationError(key, "no message has this id in the catalogue") from None
        if not message.is_question:
            raise SimulationError(key, "this message is a statement: it takes no answer")
        allowed = [a.value for a in message.answers]
        if not isinstance(value, str) or value not in allowed:
            raise SimulationError(key, f"{value!r} is not one of: {', '.join(allowed)}")
        answers[message_id] = Answer(value)
    consent = _choice(data, "consent", CONSENT_VALUES, "not_asked")
    return Simulation(language, form, audience, country, frozenset(modules), answers, consent)


def load_simulation(path: Path, content: Content) -> Simulation:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimulationError("", f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SimulationError("", f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SimulationError("", f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return parse_simulation(data, content)


class _MemoryLog:
    """Events go nowhere but memory: a simulation never touches the store."""

    def append(self, interview_id: str, event: Event) -> None:
        del interview_id, event


def _clock(start: dt.datetime) -> Callable[[], dt.datetime]:
    ticks: Iterator[int] = iter(range(1, 100_000))
    return lambda: start + dt.timedelta(seconds=15) * next(ticks)


def _plan(sim: Simulation, content: Content, audience: Audience) -> list[Message]:
    plan = list(interview_plan(content.catalogue, audience, sim.modules))
    if audience is Audience.ADULT and AGE_QUESTION in sim.answers:
        # The officer's action "this person may be a child": asked right after the opening.
        age = content.catalogue.message(AGE_QUESTION)
        after_opening = max((i + 1 for i, m in enumerate(plan) if m.group == OPENING), default=0)
        plan.insert(after_opening, age)
    return plan


def simulate(sim: Simulation, content: Content, directory: Directory, now: dt.datetime) -> SimulationResult:
    """Walk the interview as the officer would, answering from the file, and build its record."""
    started = now - dt.timedelta(minutes=20)
    interview = Interview.start(
        place=SIMULATION_PLACE,
        officer=SIMULATION_OFFICER,
        language=sim.language,
        form=sim.form,
        audience=sim.audience,
        case_reference=f"SIMULATION-{now:%Y%m%d-%H%M%S}",
        now=started,
        country=sim.country,
    )
    session = InterviewSession(interview, _MemoryLog(), clock=_clock(started))
    audience = sim.audience
    plan = _plan(sim, content, audience)
    done: set[str] = set()
    index = 0
    while index < len(plan):
        message = plan[index]
        index += 1
        if message.id in done or skip_reason(message, session.state.answers, content.catalogue) is not None:
            continue
        done.add(message.id)
        session.played(message.id)
        answer = sim.answers.get(message.id)
        if answer is None:
            continue
        session.answer(message.id, answer)
        if audience is Audience.ADULT and switches_to_child_mode(message.id, answer):
            audience = Audience.CHILD
            session.change_form(sim.form, audience, reason=f"{message.id}={answer.value}")
            plan = _plan(sim, content, audience)
            index = 0  # the child's plan, from the start; what was already asked is not asked again
    for message in closing_messages(content.catalogue, audience):
        session.played(message.id)
    ignored = [_why_ignored(message_id, sim, content, session, audience) for message_id in sim.answers]
    if sim.consent != "not_asked":
        if audience is Audience.CHILD:
            ignored.append(Ignored("consent", "a child is not asked for consent: child protection is informed"))
        else:
            session.record_consent(sim.consent == "given")
    session.finish()
    record = build_record(
        interview, session.events, content, directory, None, now, modules=sim.modules, simulation=True
    )
    return SimulationResult(record, tuple(i for i in ignored if i.reason))


def _why_ignored(
    message_id: str, sim: Simulation, content: Content, session: InterviewSession, audience: Audience
) -> Ignored:
    """Why an answer in the file was not used ("" when it was)."""
    if message_id in session.state.answers:
        return Ignored(message_id, "")
    message = content.catalogue.message(message_id)
    if message.module and message.module not in sim.modules:
        return Ignored(message_id, f"module {message.module!r} is not switched on")
    if message not in _plan(sim, content, audience):
        who = "a child" if audience is Audience.CHILD else "an adult"
        where = "asked on the finish screen" if message.id == CONSENT_QUESTION else f"not in the interview of {who}"
        return Ignored(message_id, where)
    reason = skip_reason(message, session.state.answers, content.catalogue)
    return Ignored(message_id, describe_skip(reason, content.catalogue) if reason else "not asked")
