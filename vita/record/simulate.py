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

from vita.content.countries import country_name
from vita.content.model import Answer, Audience, Content, Form
from vita.interview.controller import Draft, InterviewController
from vita.interview.model import Event, Interview
from vita.interview.plan import AGE_QUESTION, CONSENT_QUESTION, OPENING, describe_skip, skip_reason
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
    if not isinstance(country, str) or (country and not (COUNTRY.match(country) and country_name(country))):
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


class _MemoryStore:
    """The controller's store, in memory: a simulation never touches the encrypted store."""

    def __init__(self, clock: Callable[[], dt.datetime]) -> None:
        self._clock = clock
        self._sessions: dict[str, InterviewSession] = {}

    def append(self, interview_id: str, event: Event) -> None:
        del interview_id, event  # the session keeps its events; nothing else needs them

    def start_session(self, interview: Interview) -> InterviewSession:
        self._sessions[interview.id] = InterviewSession(interview, self, clock=self._clock)
        return self._sessions[interview.id]

    def session(self, interview_id: str) -> InterviewSession:
        return self._sessions[interview_id]


def _clock(start: dt.datetime) -> Callable[[], dt.datetime]:
    ticks: Iterator[int] = iter(range(1, 100_000))
    return lambda: start + dt.timedelta(seconds=15) * next(ticks)


def simulate(sim: Simulation, content: Content, directory: Directory, now: dt.datetime) -> SimulationResult:
    """Walk the interview as the officer would, with the same controller as the interview screen, answering
    from the file, and build its record."""
    started = now - dt.timedelta(minutes=20)
    draft = Draft(f"SIMULATION-{now:%Y%m%d-%H%M%S}", SIMULATION_PLACE, SIMULATION_OFFICER, sim.language, sim.country)
    store = _MemoryStore(_clock(started))
    controller = InterviewController.start(
        store, content.catalogue, draft, sim.form, sim.audience, started, sim.modules
    )
    asked_age = sim.audience is Audience.CHILD or AGE_QUESTION not in sim.answers
    while True:
        message = controller.current
        if not asked_age and message.group != OPENING:
            asked_age = True  # the officer's "this person may be a child", right after the opening
            controller.ask_age()
            continue
        controller.played()
        answer = sim.answers.get(message.id)
        if message.is_question and answer is not None and controller.state.answer(message.id) is None:
            if not controller.answer(answer).moved_on:
                break
        elif not controller.next():
            break
    for closing in controller.closing_messages():
        controller.played(closing.id)
    ignored = [_why_ignored(message_id, sim, content, controller) for message_id in sim.answers]
    if sim.consent != "not_asked":
        if not controller.consent_required():
            ignored.append(Ignored("consent", "a child is not asked for consent: child protection is informed"))
        else:
            controller.record_consent(sim.consent == "given")
    controller.finish()
    record = build_record(
        controller.interview, controller.events, content, directory, None, now, modules=sim.modules, simulation=True
    )
    return SimulationResult(record, tuple(i for i in ignored if i.reason))


def _why_ignored(message_id: str, sim: Simulation, content: Content, controller: InterviewController) -> Ignored:
    """Why an answer in the file was not used ("" when it was)."""
    state = controller.state
    if message_id in state.answers:
        return Ignored(message_id, "")
    message = content.catalogue.message(message_id)
    if message.module and message.module not in sim.modules:
        return Ignored(message_id, f"module {message.module!r} is not switched on")
    if message not in controller.plan:
        who = "a child" if state.audience is Audience.CHILD else "an adult"
        where = "asked on the finish screen" if message.id == CONSENT_QUESTION else f"not in the interview of {who}"
        return Ignored(message_id, where)
    reason = skip_reason(message, state.answers, content.catalogue)
    return Ignored(message_id, describe_skip(reason, content.catalogue) if reason else "not asked")
