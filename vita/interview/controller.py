"""One interview as the officer runs it: the plan, where we are in it, and every action the officer takes.

Qt-free. The GUI screens ask it what to show and tell it what the officer did; the command line and the tests
drive it the same way. It takes the store it needs as an argument, returns values and raises typed errors
(the store's errors pass through unchanged; `vita.errors_text` turns them into the officer's words).

Each action is logged through the session before anything moves, so a failure to save leaves the interview
exactly where it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from vita.content.model import Answer, Audience, Catalogue, Form, Message
from vita.content.officer import OfficerText
from vita.interview import plan as plans
from vita.interview.model import Event, EventType, Interview, InterviewState, utc_now
from vita.interview.session import InterviewSession


class InterviewStore(Protocol):
    """What the controller needs of the store (vita.store.Store implements it)."""

    def start_session(self, interview: Interview) -> InterviewSession: ...

    def session(self, interview_id: str) -> InterviewSession: ...


class InterviewActionError(Exception):
    """Base of the controller's refusals. Carries data; `vita.errors_text` says it in words."""


class NotAQuestion(InterviewActionError):
    """An answer was given while a statement is on screen."""

    def __init__(self, message_id: str) -> None:
        super().__init__(message_id)
        self.message_id = message_id


class AnswerNotOffered(InterviewActionError):
    """The question does not offer this answer (the catalogue lists the answers each question takes)."""

    def __init__(self, message_id: str, answer: Answer) -> None:
        super().__init__(message_id, answer)
        self.message_id = message_id
        self.answer = answer


class EmptyPlan(InterviewActionError):
    """The catalogue has no message for this audience: there is nothing to ask."""

    def __init__(self, audience: Audience) -> None:
        super().__init__(audience)
        self.audience = audience


@dataclass(frozen=True)
class Draft:
    """A new interview's header while its language and form are being chosen."""

    case_reference: str
    place: str
    officer: str
    language: str | None = None
    country: str = ""  # ISO 3166 alpha-2, pre-filled from messages/deployment.toml


@dataclass(frozen=True)
class PlanEntry:
    """One message of the plan and, when the answers so far make it irrelevant, why it is skipped."""

    message: Message
    skip_reason: str | None = None

    @property
    def skipped(self) -> bool:
        return self.skip_reason is not None

    @property
    def pending(self) -> bool:
        """Not yet relevant: the question that opens its branch has no answer so far (it may still be asked)."""
        return plans.is_pending(self.skip_reason)

    @property
    def closed(self) -> bool:
        """Made irrelevant by an answer given: it will not be asked unless that answer is corrected."""
        return self.skipped and not self.pending


@dataclass(frozen=True)
class Progress:
    position: int  # 0-based
    total: int
    answered: int
    questions: int  # questions relevant now or pending (their branch is not yet opened or closed)
    pending: int = 0  # of `questions`, those waiting for the answer that decides whether they are asked


@dataclass(frozen=True)
class AnswerOutcome:
    """What answering did: the answer before (None if there was none), and whether the plan moved on."""

    message_id: str
    before: Answer | None
    after: Answer
    moved_on: bool  # False at the last message: the interview is ready to be finished

    @property
    def corrected(self) -> bool:
        return self.before is not None and self.before is not self.after


class InterviewController:
    """The running interview: plan, position, answering, correcting, notes, language and form, consent, end."""

    def __init__(
        self,
        session: InterviewSession,
        catalogue: Catalogue,
        at: str | None = None,
        modules: Collection[str] = frozenset(),
    ) -> None:
        self.session = session
        self.catalogue = catalogue
        self.modules = frozenset(modules)  # the optional modules the deployment switches on
        self.entries: tuple[PlanEntry, ...] = ()
        self.position = 0
        self._asking_age_from: str | None = None  # where the officer was when they chose "may be a child"
        self._playing: str | None = None  # the message whose clip this controller started, until it ends
        self._resume_after_children: str | None = None  # where to go on after a switch to child mode
        self._replan()
        if not self.entries:
            raise EmptyPlan(self.state.audience)
        self.position = self._index_of(at) if at is not None else self.resume_point()

    # -- starting and resuming -------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        store: InterviewStore,
        catalogue: Catalogue,
        draft: Draft,
        form: Form,
        audience: Audience,
        now: dt.datetime | None = None,
        modules: Collection[str] = frozenset(),
    ) -> InterviewController:
        """Add a new interview to the store and stand at its first message."""
        if draft.language is None:
            raise ValueError("a language is chosen before the form")
        interview = Interview.start(
            place=draft.place, officer=draft.officer, language=draft.language, form=form, audience=audience,
            case_reference=draft.case_reference, now=now or utc_now(), country=draft.country,
        )  # fmt: skip
        return cls(store.start_session(interview), catalogue, modules=modules)

    @classmethod
    def resume(
        cls,
        store: InterviewStore,
        interview_id: str,
        catalogue: Catalogue,
        at: str | None = None,
        modules: Collection[str] = frozenset(),
    ) -> InterviewController:
        """Carry on an interview from the store: at message `at` if given (after a lock), otherwise at the first
        message not yet played or answered. A paused interview is logged as resumed."""
        session = store.session(interview_id)
        if session.state.paused and not session.state.finished:
            session.resume()
        return cls(session, catalogue, at, modules)

    # -- what to show ----------------------------------------------------------------------------------

    @property
    def interview(self) -> Interview:
        return self.session.interview

    @property
    def state(self) -> InterviewState:
        return self.session.state

    @property
    def events(self) -> tuple[Event, ...]:
        return self.session.events

    @property
    def plan(self) -> tuple[Message, ...]:
        return tuple(entry.message for entry in self.entries)

    @property
    def current(self) -> Message:
        return self.entries[self.position].message

    def upcoming(self) -> list[str]:
        """The plan's message ids in the order they will be needed: from the current one on, then those
        before it (the order in which the sound decodes a language's clips)."""
        ids = [entry.message.id for entry in self.entries]
        return ids[self.position :] + ids[: self.position]

    @property
    def current_entry(self) -> PlanEntry:
        return self.entries[self.position]

    @property
    def at_start(self) -> bool:
        return self._step(-1) is None

    def progress(self) -> Progress:
        # Pending questions count: otherwise the total would jump up each time a branch opens.
        questions = [e for e in self.entries if e.message.is_question and not e.closed]
        answered = sum(1 for e in questions if not e.skipped and e.message.id in self.state.answers)
        pending = sum(1 for e in questions if e.pending)
        return Progress(self.position, len(self.entries), answered, len(questions), pending)

    def answered_before_correction(self, entry: PlanEntry) -> bool:
        """An answer to a question whose branch a later correction closed: kept in the record, counts for nothing."""
        return entry.closed and entry.message.id in self.state.answers

    def describe(self, entry: PlanEntry, tr: OfficerText = plans.ENGLISH) -> str | None:
        """Why a message is skipped or pending, in plain words for the officer; None when it is asked."""
        if entry.skip_reason is None:
            return None
        if entry.pending:
            return plans.describe_pending(entry.skip_reason, self.catalogue, tr)
        return plans.describe_skip(entry.skip_reason, self.catalogue, tr)

    def resume_point(self) -> int:
        """The first message not skipped and not yet played or answered: where an interrupted interview goes on."""
        state = self.state
        for index, entry in enumerate(self.entries):
            message = entry.message
            done = message.id in state.answers if message.is_question else message.id in state.plays
            if not done and not entry.skipped:
                return index
        return len(self.entries) - 1

    def closing_messages(self) -> tuple[Message, ...]:
        return plans.closing_messages(self.catalogue, self.state.audience)

    def events_if_finished(self, now: dt.datetime) -> list[Event]:
        """The log as it will be when the interview ends now: what the finish screen's preview is built from."""
        events = list(self.events)
        if not self.state.finished:
            events.append(Event(events[-1].seq + 1 if events else 1, now, EventType.FINISHED, {}))
        return events

    # -- moving ----------------------------------------------------------------------------------------

    def go_to(self, position: int) -> bool:
        """Stand at any message of the plan, skipped or not (the officer may always go back to one)."""
        if not 0 <= position < len(self.entries):
            return False
        self.position = position
        return True

    def next(self) -> bool:
        """Move to the next message that is not skipped; False at the end of the plan (time to finish)."""
        step = self._step(+1)
        if step is not None and self._leaves_childrens_questions(step):
            step = self._first_open_after(step)
        if step is None:
            return False
        self.position = step
        return True

    def _leaves_childrens_questions(self, step: int) -> bool:
        return (
            self.state.audience is Audience.CHILD
            and self.current.group == plans.CHILDREN
            and self.entries[step].message.group != plans.CHILDREN
        )

    def _first_open_after(self, start: int) -> int | None:
        """After the children's questions: the first relevant message from `start` (or from where the officer was
        when the interview switched to child mode) that is not a question answered already, so that no answer
        is asked again without the officer choosing to go back to it."""
        if self._resume_after_children is not None:
            start = max(start, self._index_of(self._resume_after_children))
        answers = self.state.answers
        for index in range(start, len(self.entries)):
            entry = self.entries[index]
            if not entry.skipped and not (entry.message.is_question and entry.message.id in answers):
                return index
        return None

    def back(self) -> bool:
        step = self._step(-1)
        if step is None:
            return False
        self.position = step
        return True

    def _step(self, direction: int) -> int | None:
        index = self.position + direction
        while 0 <= index < len(self.entries):
            if not self.entries[index].skipped:
                return index
            index += direction
        return None

    # -- what the officer did --------------------------------------------------------------------------

    def played(self, message_id: str | None = None, slow: bool = False, shown: bool = False) -> Event:
        """Log that a message (the current one unless named) was played, or, with no clip, shown to the person."""
        event = self.session.played(message_id or self.current.id, slow=slow, shown=shown)
        self._playing = None if shown else event.data["message_id"]
        return event

    def playback_ended(self, message_id: str, completed: bool) -> Event | None:
        """The player's report that the clip this controller started was heard to the end or stopped early.
        Reports of clips it did not start (the language finder's) or already reported are ignored."""
        if message_id != self._playing or self.state.finished:
            return None
        self._playing = None
        return self.session.playback_ended(message_id, completed)

    def answer(self, answer: Answer) -> AnswerOutcome:
        """Log the person's answer to the current question, then move on. A different answer to an answered
        question is a correction (the earlier one stays in the log); the same answer again logs nothing."""
        message = self.current
        if not message.is_question:
            raise NotAQuestion(message.id)
        if answer not in message.answers:
            raise AnswerNotOffered(message.id, answer)
        before = self.state.answer(message.id)
        if before is not answer:
            self.session.answer(message.id, answer)
            self._replan()
        if message.id == plans.AGE_QUESTION:
            return AnswerOutcome(message.id, before, answer, self._after_age(answer))
        return AnswerOutcome(message.id, before, answer, self.next())

    def ask_age(self) -> bool:
        """The officer's action "this person may be a child": stand at the age question, whatever the plan.
        False when it is on screen already."""
        if self.current.id == plans.AGE_QUESTION:
            return False
        self._asking_age_from = self.current.id
        self._replan()
        self.position = self._index_of(plans.AGE_QUESTION)
        return True

    def _after_age(self, answer: Answer) -> bool:
        """A yes (or "I don't know") switches to child mode from here on, recorded with why; the children's
        questions come next. Otherwise the interview goes back to where the officer asked."""
        came_from, self._asking_age_from = self._asking_age_from, None
        state = self.state
        if state.audience is not Audience.CHILD and plans.switches_to_child_mode(plans.AGE_QUESTION, answer):
            self.session.change_form(state.form, Audience.CHILD, reason=f"{plans.AGE_QUESTION}={answer.value}")
            self._resume_after_children = came_from
            self._replan()
            self.position = self._index_of(plans.AGE_QUESTION)
            return self.next()
        if came_from is not None:
            self._replan()
            self.position = self._index_of(came_from)
            return True
        return self.next()

    def consent_required(self) -> bool:
        """Whether the finish screen asks for consent (an adult) or records that it is not required (a child)."""
        return plans.consent_required(self.state)

    def note(self, text: str) -> Event | None:
        """Log a note about the current message; a blank note logs nothing."""
        text = text.strip()
        if not text:
            return None
        return self.session.note(text, self.current.id)

    def change_language(self, code: str) -> bool:
        """Carry on in another language at the same message; False if it is the language already in use."""
        if code == self.state.language:
            return False
        self.session.change_language(code)
        return True

    def change_form(self, form: Form, audience: Audience) -> bool:
        """Address the person differently. A change of age changes the plan; the current message stays on
        screen if the new plan has it. The officer may switch a child interview back to an adult one."""
        state = self.state
        if (form, audience) == (state.form, state.audience):
            return False
        current = self.current.id
        reason = "the officer's choice" if audience is not state.audience else ""
        self.session.change_form(form, audience, reason=reason)
        self._replan()
        self.position = self._index_of(current)
        return True

    def record_consent(self, consent: bool) -> Event:
        return self.session.record_consent(consent)

    def pause(self) -> Event | None:
        """Note in the log that the interview stopped (the app locked); nothing if it is finished or paused."""
        if self.state.finished or self.state.paused:
            return None
        return self.session.pause()

    def finish(self) -> Event | None:
        """End the interview (once): nothing can be added to it afterwards."""
        if self.state.finished:
            return None
        return self.session.finish()

    # -- the plan --------------------------------------------------------------------------------------

    def _replan(self) -> None:
        """Ask the plan for the messages and, with the answers so far, which of them are skipped and why."""
        state = self.state
        messages = list(plans.interview_plan(self.catalogue, state.audience, self.modules))
        asked_age = self._asking_age_from is not None or plans.AGE_QUESTION in state.answers
        if asked_age and all(m.id != plans.AGE_QUESTION for m in messages):
            # An adult's plan has no age question; once the officer asks it, it stays in the plan after the opening.
            at = max((i + 1 for i, m in enumerate(messages) if m.group == plans.OPENING), default=0)
            messages.insert(at, self.catalogue.message(plans.AGE_QUESTION))
        if state.audience is Audience.CHILD and self._switched_at_age():
            # The children's reassurance is said next, right after the age question, not back at the greeting
            # the interview has already passed.
            reassurance = [m for m in messages if m.id == plans.CHILD_REASSURANCE]
            messages = [m for m in messages if m.id != plans.CHILD_REASSURANCE]
            at = next((i + 1 for i, m in enumerate(messages) if m.id == plans.AGE_QUESTION), 0)
            messages[at:at] = reassurance
        self.entries = tuple(PlanEntry(m, plans.skip_reason(m, state.answers, self.catalogue)) for m in messages)
        self.position = min(self.position, max(len(self.entries) - 1, 0))

    def _switched_at_age(self) -> bool:
        """Whether the interview became a child's through an answer to the age question (not from the start)."""
        prefix = f"{plans.AGE_QUESTION}="
        return any(
            e.type is EventType.FORM_CHANGED
            and e.data.get("audience") == Audience.CHILD.value
            and str(e.data.get("reason", "")).startswith(prefix)
            for e in self.events
        )

    def _index_of(self, message_id: str) -> int:
        for index, entry in enumerate(self.entries):
            if entry.message.id == message_id:
                return index
        return self.resume_point()
