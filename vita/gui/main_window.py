"""The main window routes between screens: unlock → start → language (or the finder) → form and age →
interview → finish → start. It also keeps what cuts across every screen: the person's window, quick-hide and
the auto-lock. The interview itself is run by the core's InterviewController; the screens talk to it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Audience, Form
from vita.interview.controller import Draft, InterviewController
from vita.store import Store, StoreError
from vita.store.retention import apply_retention

from vita.gui.context import AppContext
from vita.gui.frame import WindowFrame
from vita.gui.privacy import IdleLock
from vita.gui.screens.unlock import UnlockScreen
from vita.gui.settings_dialog import SettingsDialog, apply_output_settings
from vita.gui.widgets import key_action

from vita.errors_text import explain

if TYPE_CHECKING:
    from vita.gui.person_view import PersonView
    from vita.gui.screens.addressee import AddresseeScreen
    from vita.gui.screens.finder import FinderScreen
    from vita.gui.screens.finish import FinishScreen
    from vita.gui.screens.interview import InterviewScreen
    from vita.gui.screens.languages import LanguageScreen
    from vita.gui.screens.start import StartScreen

HIDE_KEY = "F12"
MINIMUM_SIZE = QtCore.QSize(1024, 600)


class MainWindow(QtWidgets.QMainWindow):
    screen_changed = QtCore.Signal(str)  # the screen's accessible name
    locked = QtCore.Signal()
    # Made by build_screens(), after the window is on show.
    start: StartScreen
    languages: LanguageScreen
    finder: FinderScreen
    addressee: AddresseeScreen
    interview: InterviewScreen
    finish: FinishScreen
    person_view: PersonView

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.controller: InterviewController | None = None
        self.draft: Draft | None = None  # a new interview's header until its language and form are chosen
        self._changing = False  # the language and form screens change a running interview
        self._before_lock: tuple[QtWidgets.QWidget, str | None, str | None] | None = None  # screen, interview, message
        self.setWindowTitle("VITA")
        self.setMinimumSize(MINIMUM_SIZE)
        self.hide_action = key_action(self, "Hide", HIDE_KEY, self.toggle_hidden)
        self.surface = WindowFrame(context.typography, self.hide_action, HIDE_KEY)
        self.blank, self.sound_notice, self.stack = self.surface.blank, self.surface.sound_notice, self.surface.screens
        self.setCentralWidget(self.surface)
        self.unlock = UnlockScreen(context)
        self.stack.addWidget(self.unlock)
        self.stack.currentChanged.connect(self._screen_shown)
        app = QtCore.QCoreApplication.instance()
        assert app is not None, "the main window needs a running QApplication"
        self.idle_lock = IdleLock(app)
        self.idle_lock.idle.connect(self.lock)
        self.unlock.unlocked.connect(self._unlocked)
        self.ready = False
        self.unlock.prepare()
        self._screen_shown()

    def build_screens(self) -> None:
        """Make the other screens. Called once the unlock screen is on show: their modules (the record, the
        PDF writer, the store's tables) take a moment to load, and the officer is typing the passphrase."""
        from vita.gui.person_view import PersonView
        from vita.gui.screens.addressee import AddresseeScreen
        from vita.gui.screens.finder import FinderScreen
        from vita.gui.screens.finish import FinishScreen
        from vita.gui.screens.interview import InterviewScreen
        from vita.gui.screens.languages import LanguageScreen
        from vita.gui.screens.start import StartScreen

        c = self.context
        self.start, self.languages, self.finder = StartScreen(c), LanguageScreen(c), FinderScreen(c)
        self.addressee, self.interview, self.finish = AddresseeScreen(c), InterviewScreen(c), FinishScreen(c)
        for screen in (self.start, self.languages, self.finder, self.addressee, self.interview, self.finish):
            self.stack.addWidget(screen)
        self.person_view = PersonView(c.typography, self.interview.person_actions)
        self.person_view.addAction(self.hide_action)
        self.start.new_interview.connect(self._new_interview)
        self.start.resume.connect(lambda interview_id: self._open(self.interview, interview_id))
        self.start.settings_requested.connect(self.edit_settings)
        self.languages.chosen.connect(self._language_chosen)
        self.languages.finder_requested.connect(self._start_finder)
        self.languages.back.connect(lambda: self._back(self.start))
        self.finder.chosen.connect(self._language_chosen)
        self.finder.cancelled.connect(lambda: self._show(self.languages))
        self.addressee.chosen.connect(self._form_chosen)
        self.addressee.back.connect(lambda: self._back(self.languages))
        self.interview.finish_requested.connect(lambda: self._open(self.finish))
        self.interview.change_language_requested.connect(lambda: self._change(self.languages))
        self.interview.change_form_requested.connect(lambda: self._change(self.addressee))
        self.interview.person_view_toggled.connect(self.toggle_person_view)
        self.interview.frame_changed.connect(self.person_view.show_frame)
        self.finish.back.connect(lambda: self._show(self.interview))
        self.finish.done.connect(self._interview_done)
        self.ready = True
        self._screen_shown()

    # -- routing ---------------------------------------------------------------------------------------

    @property
    def current_screen(self) -> QtWidgets.QWidget:
        screen = self.stack.currentWidget()
        assert screen is not None
        return screen

    def _show(self, screen: QtWidgets.QWidget) -> None:
        if self.ready and screen is not self.interview:
            self.person_view.hide()
        self.stack.setCurrentWidget(screen)
        focus = getattr(screen, "initial_focus", None)
        (focus() if callable(focus) else screen).setFocus()

    def _screen_shown(self, _index: int = 0) -> None:
        screen, audio, bar = self.current_screen, self.context.audio, self.surface
        bar.title.setText(screen.accessibleName())
        self.sound_notice.setVisible(self.ready and bool(audio.unavailable_reason) and screen in self._starting())
        self.sound_notice.setText(audio.unavailable_reason)
        if self.controller is not None and screen not in (self.start, self.unlock):
            interview = self.controller.interview
            bar.context_line.setText(f"{interview.case_reference} · {interview.place} · {interview.officer}")
        else:
            bar.context_line.setText(f"{self.draft.case_reference} · new interview" if self.draft else "")
        self.screen_changed.emit(screen.accessibleName())

    def _starting(self) -> tuple[QtWidgets.QWidget, ...]:
        return (self.start, self.languages) if self.ready else ()

    def _open(self, screen: QtWidgets.QWidget, interview_id: str | None = None, at: str | None = None) -> None:
        """Show the interview or finish screen for the running interview, or for one resumed from the store."""
        if interview_id is not None:
            try:
                self.controller = InterviewController.resume(
                    self.context.unlocked, interview_id, self.context.content.catalogue, at
                )
            except StoreError as error:
                self.controller = None
                self._to_start(explain(error))
                return
        assert self.controller is not None
        self.draft, self._changing = None, False
        (self.finish if screen is self.finish else self.interview).attach(self.controller)
        self._show(screen)

    def _to_start(self, problem: str = "") -> None:
        self.start.prepare()
        self._show(self.start)
        if problem:
            self.start.show_problem(problem)

    def _new_interview(self, reference: str, place: str, officer: str) -> None:
        self.draft, self._changing = Draft(reference, place, officer), False
        self.languages.prepare()
        self._show(self.languages)

    def _start_finder(self) -> None:
        codes = self.languages.visible_codes()
        self._show(self.finder)
        self.finder.start([lang for lang in self.context.content.languages if lang.code in codes])

    def _language_chosen(self, code: str) -> None:
        self.context.audio.prepare_language(code)  # decode while the officer chooses the form
        if self._changing and self.controller is not None:
            self._change_running(lambda c: c.change_language(code))
            return
        assert self.draft is not None
        self.draft = Draft(self.draft.case_reference, self.draft.place, self.draft.officer, code)
        self.addressee.prepare(self.context.language(code))
        self._show(self.addressee)

    def _form_chosen(self, form: Form, audience: Audience) -> None:
        if self._changing and self.controller is not None:
            self._change_running(lambda c: c.change_form(form, audience))
            return
        assert self.draft is not None
        try:
            self.controller = InterviewController.start(
                self.context.unlocked, self.context.content.catalogue, self.draft, form, audience, self.context.clock()
            )
        except StoreError as error:
            self.addressee.summary.setText(explain(error))
            return
        self._open(self.interview)
        self.interview.play()

    def _change(self, screen: QtWidgets.QWidget) -> None:
        """The officer changes the running interview's language or form: the same screens as for a new one."""
        assert self.controller is not None
        self._changing = True
        self.context.audio.stop()
        if screen is self.addressee:
            state = self.controller.state
            self.addressee.prepare(self.context.language(state.language), state.form, state.audience)
        else:
            self.languages.prepare()
        self._show(screen)

    def _change_running(self, change: Callable[[InterviewController], object]) -> None:
        assert self.controller is not None
        try:
            change(self.controller)
        except StoreError as error:
            QtWidgets.QMessageBox.warning(self, "VITA", explain(error))
            return
        self._open(self.interview)

    def _back(self, previous: QtWidgets.QWidget) -> None:
        if self._changing:
            self._changing = False
            self._show(self.interview)
        elif previous is self.start:
            self.draft = None
            self._to_start()
        else:
            self._show(previous)

    def _interview_done(self) -> None:
        self.interview.detach()
        self.controller = None
        self._to_start()

    # -- unlocking, locking, hiding --------------------------------------------------------------------

    def _unlocked(self, store: Store) -> None:
        assert self.ready, "build_screens() runs before the event loop delivers the officer's keys"
        self.context.store = store
        try:
            apply_retention(store, self.context.clock(), self.context.settings)
            problem = ""
        except StoreError as error:  # never keeps the officer out: said on the start screen
            problem = explain(error)
        apply_output_settings(self.context)
        self.idle_lock.arm(float(self.context.settings.get("auto_lock_minutes")))
        before, self._before_lock = self._before_lock, None
        if before is not None and before[1] is not None:
            screen, interview_id, message_id = before
            self._open(screen if screen is self.finish else self.interview, interview_id, message_id)
        elif before is not None and before[0] in (self.languages, self.addressee):
            self._show(before[0])
        else:
            self._to_start(problem)

    def lock(self) -> None:
        """Close the store and ask for the passphrase. A running interview is paused in its log first."""
        if self.context.store is None or not self.ready:
            return
        self.idle_lock.disarm()
        self._quiet()
        interview_id = message_id = None
        if self.controller is not None:
            interview_id, message_id = self.controller.interview.id, self.controller.current.id
            with contextlib.suppress(StoreError):  # locking must never fail; the pause is only a note in the log
                self.controller.pause()
        self._before_lock = (self.current_screen, interview_id, message_id)
        self.interview.detach()
        self.controller = None
        self.context.store.close()
        self.context.store = None
        self.surface.reveal()
        self.unlock.prepare(locked_after_minutes=self.idle_lock.minutes)
        self._show(self.unlock)
        self.locked.emit()

    def _quiet(self) -> None:
        """Stop every sound and close the person's window (before hiding or locking)."""
        if self.ready:
            self.context.audio.stop()
            self.finder.halt()
            self.person_view.hide()

    @property
    def hidden(self) -> bool:
        return self.surface.hidden

    def toggle_hidden(self) -> None:
        """Blank the window at once (and the person's window), or bring both back."""
        if self.hidden:
            self.surface.reveal()
            self.current_screen.setFocus()
            return
        self._quiet()
        self.surface.blank_out()

    def toggle_person_view(self) -> None:
        if self.person_view.isVisible():
            self.person_view.hide()
            self.activateWindow()
        else:
            self.person_view.present(QtGui.QGuiApplication.screens(), self.screen())

    def edit_settings(self) -> None:
        if SettingsDialog(self.context, self).exec() == QtWidgets.QDialog.DialogCode.Accepted:
            apply_output_settings(self.context)
            self.idle_lock.arm(float(self.context.settings.get("auto_lock_minutes")))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.idle_lock.disarm()
        if self.ready:
            self.person_view.close()
        self.context.audio.close()
        if self.context.store is not None:
            self.context.store.close()
            self.context.store = None
        super().closeEvent(event)
