"""The main window: a frame with one screen at a time, the routes between the screens (vita/gui/routes.py), and
what cuts across every screen: the person's window, quick-hide and the auto-lock. The interview itself is run
by the core's InterviewController, which the routes hand to the screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from vita.gui.context import AppContext
from vita.gui.frame import WindowFrame
from vita.gui.privacy import IdleLock
from vita.gui.qt_values import set_direction
from vita.gui.scheduled_check import ScheduledCheck
from vita.gui.screens.unlock import UnlockScreen
from vita.gui.widgets import key_action

if TYPE_CHECKING:  # neither is needed to show the window: the store loads after it is on screen
    from vita.interview.controller import InterviewController
    from vita.store import Store

HIDE_KEY = "F12"
# Small enough for a 1366×768 screen at 150 % (910×512 logical pixels, less the title bar and task bar): the
# screens scroll when the window is smaller than they need, and buttons elide their words but never their key.
MINIMUM_SIZE = QtCore.QSize(760, 400)


class MainWindow(QtWidgets.QMainWindow):
    screen_changed = QtCore.Signal(str)  # the screen's accessible name
    locked = QtCore.Signal()
    # build_screens() makes the other screens (start, languages, finder, addressee, interview, finish), the person's
    # view and the routes, after the window is on show.

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._before_lock: tuple[QtWidgets.QWidget, tuple[str, str] | None] | None = (
            None  # screen, (interview, message)
        )
        self.setWindowTitle("VITA")
        self.setMinimumSize(MINIMUM_SIZE)
        self.hide_action = key_action(self, context.tr("Hide"), HIDE_KEY, self.toggle_hidden)
        self.surface = WindowFrame(context.typography, self.hide_action, HIDE_KEY)
        self.blank, self.sound_notice, self.stack = self.surface.blank, self.surface.sound_notice, self.surface.screens
        self.scroller = self.surface.scroller
        self.setCentralWidget(self.surface)
        # The window owns every Qt object it runs on, so that they are deleted with it, on the GUI thread. Left
        # to Python they sit in reference cycles with the window, and the collector frees them whenever it runs:
        # often on a worker thread (the runner's, the store's, a decoder's), where deleting a Qt object crashes.
        context.audio.setParent(self)
        context.runner.setParent(self)
        self.unlock = UnlockScreen(context)
        self.stack.addWidget(self.unlock)
        self.stack.currentChanged.connect(self._screen_shown)
        app = QtCore.QCoreApplication.instance()
        assert app is not None, "the main window needs a running QApplication"
        self.idle_lock = IdleLock(app, self)
        self.idle_lock.idle.connect(self.lock)
        self.scheduled_check = ScheduledCheck(context)  # the store's full check, at lock or close when it is due
        self.unlock.unlocked.connect(self._unlocked)
        self.unlock.language_changed.connect(lambda _code: self.retranslate())
        self.ready = False
        self._early_unlock: str | None = None
        context.runner.busy_changed.connect(self.surface.show_busy)
        self.unlock.prepare()
        self._screen_shown()

    def build_screens(self) -> None:
        """Make the other screens. Called once the unlock screen is on show: their modules (the record, the
        PDF writer, the store's tables) take a moment to load, and the officer is typing the passphrase."""
        from vita.gui.audit_view import show_audit_trail
        from vita.gui.person_view import PersonView
        from vita.gui.routes import InterviewRoutes, Screens
        from vita.gui.studio.routes import StudioRoutes, StudioScreens

        screens = Screens.build(self.context)
        for screen in screens.all():
            self.stack.addWidget(screen)
        self.start, self.languages, self.finder = screens.start, screens.languages, screens.finder
        self.addressee, self.interview, self.finish = screens.addressee, screens.interview, screens.finish
        self.routes = InterviewRoutes(self.context, screens, self._show, self)
        self.studio = StudioScreens.build(self.context)
        for screen in self.studio.all():
            self.stack.addWidget(screen)
        self.studio_routes = StudioRoutes(self.context, self.studio, self._show, self)
        self.studio_routes.left.connect(lambda: self.routes.to_start())
        # A language or a voice a pack or the studio brought is listed at once, even on the screen shown now.
        self.studio_routes.content_read.connect(self.languages.follow_content)
        self.start.studio_requested.connect(self.studio_routes.enter)
        self.person_view = PersonView(self.context.typography, self.interview.person_actions)
        # A window of its own (no parent, so it can go full screen on another monitor), deleted with this one.
        self.destroyed.connect(self.person_view.deleteLater)
        self.person_view.addAction(self.hide_action)
        self.start.settings_requested.connect(self.edit_settings)
        self.start.audit_requested.connect(lambda: show_audit_trail(self.context, self))
        self.interview.person_view_toggled.connect(self.toggle_person_view)
        self.interview.frame_changed.connect(self.person_view.show_frame)
        self.finish.person_view_toggled.connect(self.toggle_person_view)
        self.finish.frame_changed.connect(self.person_view.show_frame)
        self.ready = True
        self._screen_shown()
        early, self._early_unlock = self._early_unlock, None
        if early is not None and self.context.store is not None:
            self._unlocked(self.context.store, early)

    def retranslate(self) -> None:
        """Show the interface in the language just chosen: the screens are made again in it. Only between
        interviews (the first start and the settings, reached from the start screen, are where it is chosen)."""
        self.hide_action.setText(self.context.tr("Hide"))
        set_direction(self, self.context.tr.is_rtl)
        if not self.ready:
            return
        on_unlock = self.current_screen is self.unlock
        self.studio_routes.suspend()
        old = [self.start, self.languages, self.finder, self.addressee, self.interview, self.finish, *self.studio.all()]
        for screen in old:
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self.person_view.close()
        self.person_view.deleteLater()
        self.ready = False
        self.build_screens()
        if on_unlock:
            self._show(self.unlock)
        else:
            self.routes.to_start("")

    @property
    def controller(self) -> InterviewController | None:
        return self.routes.controller if self.ready else None

    @property
    def current_screen(self) -> QtWidgets.QWidget:
        screen = self.stack.currentWidget()
        assert screen is not None
        return screen

    def _show(self, screen: QtWidgets.QWidget) -> None:
        if self.ready and screen not in (self.interview, self.finish):  # the screens that address the person
            self.person_view.hide()
        self.stack.setCurrentWidget(screen)
        focus = getattr(screen, "initial_focus", None)
        (focus() if callable(focus) else screen).setFocus()

    def _screen_shown(self, _index: int = 0) -> None:
        screen, audio, bar = self.current_screen, self.context.audio, self.surface
        bar.title.setText(screen.accessibleName())
        starting = (self.start, self.languages) if self.ready else ()
        self.sound_notice.setVisible(self.ready and bool(audio.unavailable_reason) and screen in starting)
        self.sound_notice.setText(audio.unavailable_reason)
        draft = self.routes.draft if self.ready else None
        if self.controller is not None and screen not in (self.start, self.unlock):
            interview = self.controller.interview
            bar.context_line.setText(f"{interview.case_reference} · {interview.place} · {interview.officer}")
        else:
            new = self.context.tr("new interview")
            bar.context_line.setText(f"{draft.case_reference} · {new}" if draft else "")
        if self.ready and screen is self.start and self.scheduled_check.pending and self.context.store:
            self.start.show_problem(self.scheduled_check.notice(self.context.store))
        self.screen_changed.emit(screen.accessibleName())

    # -- unlocking, locking, hiding --------------------------------------------------------------------

    def _unlocked(self, store: Store, problem: str) -> None:
        """The store is open and the retention rule applied (both in the background, by the unlock screen)."""
        from vita.gui.audit_view import store_notices
        from vita.gui.settings_dialog import apply_output_settings

        self.context.store = store
        if not self.ready:  # the passphrase was quicker than the content: carry on once the screens are built
            self._early_unlock = problem
            return
        apply_output_settings(self.context)
        self.idle_lock.arm(float(self.context.settings.get("auto_lock_minutes")))
        before, self._before_lock = self._before_lock, None
        self.scheduled_check.hold(store)  # damage it found is told on the start screen, not over an interview
        if before is not None and before[1] is not None:
            screen, (interview_id, message_id) = before[0], before[1]
            self.routes.open(screen if screen is self.finish else self.interview, interview_id, message_id)
        elif before is not None and before[0] in (self.languages, self.addressee):
            self._show(before[0])
        else:
            # what opening the store found and did (a damaged log, an export a crash left, damage found by the
            # scheduled check at the last lock) is said at once
            found = (problem, self.scheduled_check.notice(store), *store_notices(store))
            self.routes.to_start("\n\n".join(text for text in found if text))

    def lock(self) -> None:
        """Close the store and ask for the passphrase. A running interview is paused in its log first."""
        if self.context.store is None or not self.ready:
            return
        self.idle_lock.disarm()
        self._quiet()
        self.context.runner.wait()  # an export or a scan still running finishes before the store closes
        self.studio_routes.suspend()  # the microphone is closed; what was kept is in the overlay
        self._before_lock = (self.current_screen, self.routes.suspend())
        store, self.context.store = self.context.store, None
        self.scheduled_check.close_store(store)  # in the background, after the full check when it is due
        self.surface.reveal()
        self.unlock.prepare(locked_after_minutes=self.idle_lock.minutes)
        self._show(self.unlock)
        self.locked.emit()

    def _quiet(self) -> None:
        """Stop every sound and close the person's window (before hiding or locking)."""
        if self.ready:
            self.context.audio.stop()
            self.finder.halt()
            self.studio.record.halt()
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
        from vita.gui.settings_dialog import SettingsDialog, apply_output_settings

        dialog = SettingsDialog(self.context, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            if dialog.language_changed:
                self.retranslate()
            apply_output_settings(self.context)
            self.idle_lock.arm(float(self.context.settings.get("auto_lock_minutes")))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.idle_lock.detach()
        if self.ready:
            self.person_view.close()
        self.context.audio.close()
        self.context.runner.shutdown()  # lets a running export finish writing its files
        store, self.context.store = self.context.store, None
        if store is not None:  # an app never locked gets its check too, as it closes
            self.hide()  # nothing is left on screen waiting for it
            self.scheduled_check.close_store_now(store)  # the store closed after the full check when it is due
        self.context.close_store_thread()
        super().closeEvent(event)
