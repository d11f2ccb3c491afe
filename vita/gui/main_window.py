"""The main window: a strip at the top, one screen at a time below it, and the routes between the screens.

unlock → start → language (or the finder) → form and age → interview → finish → start. The person's
window, the quick-hide and the auto-lock live here too, because they cut across every screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Audience, Form
from vita.interview.model import Interview
from vita.interview.plan import interview_plan
from vita.interview.session import InterviewSession
from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.privacy import BlankPanel, IdleLock
from vita.gui.screens.unlock import UnlockScreen
from vita.gui.settings_dialog import SettingsDialog, apply_output_settings
from vita.gui.texts import explain
from vita.gui.widgets import KeyButton, key_action, label

if TYPE_CHECKING:
    from vita.store import Store

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
        self.session: InterviewSession | None = None
        self._pending: dict[str, str] = {}  # a new interview's header until its language and form are chosen
        self._changing = False  # the language and form screens change a running interview
        self._before_lock: tuple[QtWidgets.QWidget, str | None] | None = None
        self._locked_message: str | None = None  # the message on screen when the lock came
        self.setWindowTitle("VITA")
        self.setMinimumSize(MINIMUM_SIZE)
        t = context.typography

        self.unlock = UnlockScreen(context)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.unlock)
        self.stack.currentChanged.connect(self._screen_shown)

        self.title = label("VITA", t, "title", bold=True)
        self.title.setWordWrap(False)
        self.context_line = label("", t, name="Interview")
        self.hide_action = key_action(self, "Hide", HIDE_KEY, self.toggle_hidden)
        bar = QtWidgets.QFrame()
        bar.setObjectName("TopBar")
        bar_layout = QtWidgets.QHBoxLayout(bar)
        bar_layout.setContentsMargins(14, 6, 14, 6)
        bar_layout.addWidget(self.title)
        bar_layout.addSpacing(20)
        bar_layout.addWidget(self.context_line, 1)
        bar_layout.addWidget(KeyButton(self.hide_action, t))
        self.sound_notice = label(context.audio.unavailable_reason, t, "notice", name="Sound")
        self.sound_notice.setVisible(False)

        page = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(bar)
        column.addWidget(self.sound_notice)
        column.addWidget(self.stack, 1)
        self.blank = BlankPanel(t, HIDE_KEY)
        self.blank.addAction(self.hide_action)
        self.surface = QtWidgets.QStackedWidget()
        self.surface.addWidget(page)
        self.surface.addWidget(self.blank)
        self.setCentralWidget(self.surface)

        app = QtCore.QCoreApplication.instance()
        assert app is not None, "the main window needs a running QApplication"
        self.idle_lock = IdleLock(app)
        self.idle_lock.idle.connect(self.lock)
        self.unlock.unlocked.connect(self._unlocked)
        self.ready = False
        self.unlock.prepare()
        self.stack.setCurrentWidget(self.unlock)
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

        context = self.context
        self.start = StartScreen(context)
        self.languages = LanguageScreen(context)
        self.finder = FinderScreen(context)
        self.addressee = AddresseeScreen(context)
        self.interview = InterviewScreen(context)
        self.finish = FinishScreen(context)
        for screen in (self.start, self.languages, self.finder, self.addressee, self.interview, self.finish):
            self.stack.addWidget(screen)
        self.person_view = PersonView(context.typography, self.interview.person_actions)
        self.person_view.addAction(self.hide_action)
        self._connect()
        self.ready = True
        self._screen_shown()

    def _connect(self) -> None:
        self.start.new_interview.connect(self._new_interview)
        self.start.resume.connect(self._resume)
        self.start.settings_requested.connect(self.edit_settings)
        self.languages.chosen.connect(self._language_chosen)
        self.languages.finder_requested.connect(self._start_finder)
        self.languages.back.connect(self._back_from_languages)
        self.finder.chosen.connect(self._language_chosen)
        self.finder.cancelled.connect(lambda: self._show(self.languages))
        self.addressee.chosen.connect(self._form_chosen)
        self.addressee.back.connect(self._back_from_addressee)
        self.interview.finish_requested.connect(self._to_finish)
        self.interview.change_language_requested.connect(self._change_language)
        self.interview.change_form_requested.connect(self._change_form)
        self.interview.person_view_toggled.connect(self.toggle_person_view)
        self.interview.frame_changed.connect(self.person_view.show_frame)
        self.finish.back.connect(lambda: self._show(self.interview))
        self.finish.done.connect(self._interview_done)

    # -- navigation ------------------------------------------------------------------------------------

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
        screen = self.current_screen
        self.title.setText(screen.accessibleName())
        self.sound_notice.setVisible(
            self.ready and bool(self.context.audio.unavailable_reason) and screen in (self.start, self.languages)
        )
        self.sound_notice.setText(self.context.audio.unavailable_reason)
        if self.session is not None and screen in self._interview_screens():
            interview = self.session.interview
            self.context_line.setText(f"{interview.case_reference} · {interview.place} · {interview.officer}")
        elif self._pending:
            self.context_line.setText(f"{self._pending['reference']} · new interview")
        else:
            self.context_line.setText("")
        self.screen_changed.emit(screen.accessibleName())

    def _interview_screens(self) -> tuple[QtWidgets.QWidget, ...]:
        return (self.interview, self.finish, self.languages, self.addressee) if self.ready else ()

    def _apply_retention(self, store: Store) -> str | None:
        """Delete the finished interviews whose retention period has passed (PRODUCT.md: keep only what is
        needed). A failure never keeps the officer out: it is returned in plain words for the start screen."""
        days = int(self.context.settings.get("retention_days"))
        if days <= 0:
            return None
        try:
            store.delete_finished_before(self.context.clock() - dt.timedelta(days=days))
        except StoreError as error:
            return explain(error)
        return None

    def _unlocked(self, store: Store) -> None:
        assert self.ready, "build_screens() runs before the event loop delivers the officer's keys"
        self.context.store = store
        retention_problem = self._apply_retention(store)
        apply_output_settings(self.context)
        self.idle_lock.arm(float(self.context.settings.get("auto_lock_minutes")))
        resume = self._before_lock
        self._before_lock = None
        if resume is not None and resume[1] is not None:
            screen, interview_id = resume[0], resume[1]
            try:
                self.session = store.session(interview_id)
                if not self.session.state.finished:
                    self.session.resume()
            except StoreError as error:
                self.session = None
                self.start.prepare()
                self._show(self.start)
                self.start.show_problem(explain(error))
                return
            message_id = self._locked_message
            self._changing = False
            if screen is self.finish:
                self.finish.attach(self.session)
            else:
                self.interview.attach(self.session, message_id)
                screen = self.interview if screen not in (self.interview, self.finish) else screen
            self._show(screen)
            return
        if resume is not None and resume[0] in (self.languages, self.addressee):
            self._show(resume[0])
            return
        self.start.prepare()
        self._show(self.start)
        if retention_problem:
            self.start.show_problem(retention_problem)

    def _new_interview(self, reference: str, place: str, officer: str) -> None:
        self._pending = {"reference": reference, "place": place, "officer": officer}
        self._changing = False
        self.languages.prepare()
        self._show(self.languages)

    def _resume(self, interview_id: str) -> None:
        try:
            self.session = self.context.unlocked.session(interview_id)
            if self.session.state.paused:
                self.session.resume()
        except StoreError as error:
            self.start.show_problem(explain(error))
            return
        self._pending = {}
        self.interview.attach(self.session)
        self._show(self.interview)

    def _start_finder(self) -> None:
        codes = self.languages.visible_codes()
        languages = [lang for lang in self.context.content.languages if lang.code in codes]
        self._show(self.finder)
        self.finder.start(languages)

    def _language_chosen(self, code: str) -> None:
        language = self.context.language(code)
        # Decode while the officer chooses the form, the opening first (it is the same for every audience).
        opening_first = [m.id for m in interview_plan(self.context.content.catalogue, Audience.ADULT)]
        self.context.audio.prepare_language(code, order=opening_first)
        if self._changing and self.session is not None:
            if code != self.session.state.language and not self._write(lambda s: s.change_language(code)):
                return
            self._changing = False
            self.interview.attach(self.session, self.interview.current.id)
            self._show(self.interview)
            return
        self._pending["language"] = code
        self.addressee.prepare(language)
        self._show(self.addressee)

    def _form_chosen(self, form: Form, audience: Audience) -> None:
        if self._changing and self.session is not None:
            state = self.session.state
            if (form, audience) != (state.form, state.audience) and not self._write(
                lambda s: s.change_form(form, audience)
            ):
                return
            self._changing = False
            self.interview.attach(self.session, self.interview.current.id)
            self._show(self.interview)
            return
        pending = self._pending
        interview = Interview.start(
            place=pending["place"], officer=pending["officer"], language=pending["language"], form=form,
            audience=audience, case_reference=pending["reference"], now=self.context.clock(),
        )  # fmt: skip
        try:
            self.session = self.context.unlocked.start_session(interview)
        except StoreError as error:
            self.addressee.summary.setText(explain(error))
            return
        self._pending = {}
        self.interview.attach(self.session)
        self._show(self.interview)
        self.interview.play()

    def _back_from_languages(self) -> None:
        if self._changing:
            self._changing = False
            self._show(self.interview)
        else:
            self._pending = {}
            self.start.prepare()
            self._show(self.start)

    def _back_from_addressee(self) -> None:
        if self._changing:
            self._changing = False
            self._show(self.interview)
        else:
            self._show(self.languages)

    def _change_language(self) -> None:
        self._changing = True
        self.context.audio.stop()
        self.languages.prepare()
        self._show(self.languages)

    def _change_form(self) -> None:
        assert self.session is not None
        self._changing = True
        self.context.audio.stop()
        state = self.session.state
        self.addressee.prepare(self.context.language(state.language), state.form, state.audience)
        self._show(self.addressee)

    def _to_finish(self) -> None:
        assert self.session is not None
        self.finish.attach(self.session)
        self._show(self.finish)

    def _interview_done(self) -> None:
        self.interview.detach()
        self.session = None
        self.start.prepare()
        self._show(self.start)

    def _write(self, change: Callable[[InterviewSession], object]) -> bool:
        assert self.session is not None
        try:
            change(self.session)
        except StoreError as error:
            QtWidgets.QMessageBox.warning(self, "VITA", explain(error))
            return False
        return True

    # -- across screens --------------------------------------------------------------------------------

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.context, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            apply_output_settings(self.context)
            self.idle_lock.arm(float(self.context.settings.get("auto_lock_minutes")))

    def toggle_person_view(self) -> None:
        if self.person_view.isVisible():
            self.person_view.hide()
            self.activateWindow()
        else:
            self.person_view.present(QtGui.QGuiApplication.screens(), self.screen())

    @property
    def hidden(self) -> bool:
        return self.surface.currentWidget() is self.blank

    def toggle_hidden(self) -> None:
        """Blank the window at once (and the person's window), or bring both back."""
        if self.hidden:
            self.surface.setCurrentIndex(0)
            self.current_screen.setFocus()
            return
        if self.ready:
            self.context.audio.stop()
            self.finder.halt()
            self.person_view.hide()
        self.surface.setCurrentWidget(self.blank)
        self.blank.setFocus()

    def lock(self) -> None:
        """Close the store and ask for the passphrase. A running interview is paused in its log first."""
        if self.context.store is None or not self.ready:
            return
        self.idle_lock.disarm()
        self.context.audio.stop()
        self.finder.halt()
        self.person_view.hide()
        screen = self.current_screen
        interview_id = None
        self._locked_message = None
        if self.session is not None:
            interview_id = self.session.interview.id
            self._locked_message = self.interview.current.id if self.interview.plan else None
            if not self.session.state.finished and not self.session.state.paused:
                with contextlib.suppress(StoreError):  # locking must never fail; the pause is only a note in the log
                    self.session.pause()
        self._before_lock = (screen, interview_id)
        self.interview.detach()
        self.session = None
        self.context.store.close()
        self.context.store = None
        self.surface.setCurrentIndex(0)
        self.unlock.prepare(locked_after_minutes=self.idle_lock.minutes)
        self._show(self.unlock)
        self.locked.emit()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.idle_lock.disarm()
        if self.ready:
            self.person_view.close()
        self.context.audio.close()
        if self.context.store is not None:
            self.context.store.close()
            self.context.store = None
        super().closeEvent(event)
