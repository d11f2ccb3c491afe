"""The officer's path through the screens of an interview: start → language (or the finder) → form and age →
interview → finish → start, and the detours to change the language or the form of a running interview.

Which screen comes next is decided here; what the interview is (its plan, its answers, its end) is the core's
InterviewController, which this module only starts, resumes and hands to the screens.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore, QtWidgets

from vita.content.model import Audience, Form
from vita.errors_text import explain
from vita.interview.controller import Draft, InterviewController
from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.screens.addressee import AddresseeScreen
from vita.gui.screens.finder import FinderScreen
from vita.gui.screens.finish import FinishScreen
from vita.gui.screens.interview import InterviewScreen
from vita.gui.screens.languages import LanguageScreen
from vita.gui.screens.start import StartScreen

Show = Callable[[QtWidgets.QWidget], None]


@dataclass(frozen=True)
class Screens:
    start: StartScreen
    languages: LanguageScreen
    finder: FinderScreen
    addressee: AddresseeScreen
    interview: InterviewScreen
    finish: FinishScreen

    @classmethod
    def build(cls, context: AppContext) -> Screens:
        return cls(StartScreen(context), LanguageScreen(context), FinderScreen(context), AddresseeScreen(context),
                   InterviewScreen(context), FinishScreen(context))  # fmt: skip

    def all(self) -> tuple[QtWidgets.QWidget, ...]:
        return (self.start, self.languages, self.finder, self.addressee, self.interview, self.finish)


class InterviewRoutes(QtCore.QObject):
    """Connects the screens' signals to the next screen, and holds the running interview's controller."""

    def __init__(
        self,
        context: AppContext,
        screens: Screens,
        show: Callable[[QtWidgets.QWidget], None],
        window: QtWidgets.QWidget,
    ) -> None:
        super().__init__(window)
        self.context, self.s, self._show, self._window = context, screens, show, window
        self.controller: InterviewController | None = None
        self.draft: Draft | None = None  # a new interview's header until its language and form are chosen
        self.changing = False  # the language and form screens change a running interview
        s = screens
        s.start.new_interview.connect(self._new_interview)
        s.start.resume.connect(lambda interview_id: self.open(s.interview, interview_id))
        s.languages.chosen.connect(self._language_chosen)
        s.languages.finder_requested.connect(self._start_finder)
        s.languages.back.connect(lambda: self._back(s.start))
        s.finder.chosen.connect(self._language_chosen)
        s.finder.cancelled.connect(lambda: self._show(s.languages))
        s.addressee.chosen.connect(self._form_chosen)
        s.addressee.back.connect(lambda: self._back(s.languages))
        s.interview.finish_requested.connect(lambda: self.open(s.finish))
        s.interview.change_language_requested.connect(lambda: self._change(s.languages))
        s.interview.change_form_requested.connect(lambda: self._change(s.addressee))
        s.finish.back.connect(lambda: self._show(s.interview))
        s.finish.done.connect(self._done)

    def to_start(self, problem: str = "") -> None:
        self.s.start.prepare()
        self._show(self.s.start)
        if problem:
            self.s.start.show_problem(problem)

    def open(self, screen: QtWidgets.QWidget, interview_id: str | None = None, at: str | None = None) -> None:
        """Show the interview or finish screen for the running interview, or for one resumed from the store
        (at message `at` after a lock, else where it stopped)."""
        if interview_id is not None:
            try:
                self.controller = InterviewController.resume(
                    self.context.unlocked,
                    interview_id,
                    self.context.content.catalogue,
                    at,
                    self.context.content.deployment.modules,
                )
            except StoreError as error:
                self.controller = None
                self.to_start(explain(error, self.context.tr))
                return
        assert self.controller is not None
        self.draft, self.changing = None, False
        (self.s.finish if screen is self.s.finish else self.s.interview).attach(self.controller)
        self._show(screen)

    def suspend(self) -> tuple[str, str] | None:
        """Before a lock: pause the running interview in its log and let go of it; returns what to reopen."""
        controller, self.controller = self.controller, None
        self.s.interview.detach()
        if controller is None:
            return None
        with contextlib.suppress(StoreError):  # locking must never fail; the pause is only a note in the log
            controller.pause()
        return controller.interview.id, controller.current.id

    def _new_interview(self, reference: str, place: str, officer: str, country: str) -> None:
        self.draft, self.changing = Draft(reference, place, officer, country=country), False
        self.s.languages.prepare()
        self._show(self.s.languages)

    def _start_finder(self) -> None:
        codes = self.s.languages.visible_codes()
        self._show(self.s.finder)
        self.s.finder.start([lang for lang in self.context.content.languages if lang.code in codes])

    def _language_chosen(self, code: str) -> None:
        self.context.audio.prepare_language(code)  # decode while the officer chooses the form
        if self.changing and self.controller is not None:
            self._change_running(lambda c: c.change_language(code))
            return
        assert self.draft is not None
        self.draft = Draft(self.draft.case_reference, self.draft.place, self.draft.officer, code, self.draft.country)
        self.s.addressee.prepare(self.context.language(code))
        self._show(self.s.addressee)

    def _form_chosen(self, form: Form, audience: Audience) -> None:
        if self.changing and self.controller is not None:
            self._change_running(lambda c: c.change_form(form, audience))
            return
        assert self.draft is not None
        try:
            self.controller = InterviewController.start(
                self.context.unlocked,
                self.context.content.catalogue,
                self.draft,
                form,
                audience,
                self.context.clock(),
                self.context.content.deployment.modules,
            )
        except StoreError as error:
            self.s.addressee.summary.setText(explain(error, self.context.tr))
            return
        self.open(self.s.interview)
        self.s.interview.play()

    def _change(self, screen: QtWidgets.QWidget) -> None:
        """The officer changes the running interview's language or form: the same screens as for a new one."""
        assert self.controller is not None
        self.changing = True
        self.context.audio.stop()
        if screen is self.s.addressee:
            state = self.controller.state
            self.s.addressee.prepare(self.context.language(state.language), state.form, state.audience)
        else:
            self.s.languages.prepare()
        self._show(screen)

    def _change_running(self, change: Callable[[InterviewController], object]) -> None:
        assert self.controller is not None
        try:
            change(self.controller)
        except StoreError as error:
            QtWidgets.QMessageBox.warning(self._window, "VITA", explain(error, self.context.tr))
            return
        self.open(self.s.interview)

    def _back(self, previous: QtWidgets.QWidget) -> None:
        if self.changing:
            self.changing = False
            self._show(self.s.interview)
        elif previous is self.s.start:
            self.draft = None
            self.to_start()
        else:
            self._show(previous)

    def _done(self) -> None:
        self.s.interview.detach()
        self.controller = None
        self.to_start()
