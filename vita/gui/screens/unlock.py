"""First start: set the passphrase, saying what it protects and what is lost if it is forgotten.
Later starts, and after the auto-lock: ask for it. The key derivation (scrypt, about half a second) and the
retention rule run in the background (the store's own thread), so the window stays alive meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.errors_text import explain
from vita.store import StoreError
from vita.store.settings import Settings

from vita.gui.context import AppContext
from vita.gui.widgets import KeyButton, key_action, label, line_edit

if TYPE_CHECKING:
    from vita.store import Store

FIRST_START_TEXT = (
    "VITA keeps the answers of every interview on this computer, encrypted with a passphrase that you choose now. "
    "Without it nobody can read them — not a thief, not another program, and not you: if the passphrase is "
    "forgotten, the stored interviews cannot be recovered by anyone. Records you have already exported are not "
    "affected. Choose a short sentence you will remember, of at least 8 characters, and keep it as you keep "
    "your work keys."
)
UNLOCK_TEXT = "The interviews on this computer are encrypted. Enter the passphrase to open them."
LOCKED_TEXT = "VITA locked itself after {minutes} without use. Nothing was lost. Enter the passphrase to go on."


class UnlockScreen(QtWidgets.QWidget):
    unlocked = QtCore.Signal(object, str)  # the opened Store; a problem to show on the start screen, or ""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName("Unlock VITA")
        t = context.typography
        self.title = label("", t, "title", bold=True)
        self.explanation = label("", t, "info")
        self.passphrase = line_edit(t, "Passphrase")
        self.passphrase.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat = line_edit(t, "Passphrase again")
        self.repeat.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat_label = label("The same passphrase again:", t)
        self.status = label("", t, "error", name="Problem")
        self.status.setVisible(False)
        self.submit_action = key_action(self, "Unlock", "Return", self.submit, "Enter")
        self.submit_button = KeyButton(self.submit_action, t, primary=True)

        column = QtWidgets.QVBoxLayout()
        column.setSpacing(14)
        for widget in (self.title, self.explanation, label("Passphrase:", t), self.passphrase, self.repeat_label,
                       self.repeat, self.status, self.submit_button):  # fmt: skip
            column.addWidget(widget)
        column.addStretch(1)
        outer = QtWidgets.QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.prepare()

    @property
    def creating(self) -> bool:
        return not self.context.paths.database.is_file()  # no import of the store before the window shows

    def prepare(self, locked_after_minutes: float | None = None) -> None:
        """Show the right form: first start, unlock, or unlock after the auto-lock."""
        creating = self.creating
        self.title.setText("Set a passphrase to protect the answers" if creating else "Enter the passphrase")
        if creating:
            self.explanation.setText(FIRST_START_TEXT)
        elif locked_after_minutes is not None:
            self.explanation.setText(LOCKED_TEXT.format(minutes=_minutes(locked_after_minutes)))
        else:
            self.explanation.setText(UNLOCK_TEXT)
        self.repeat.setVisible(creating)
        self.repeat_label.setVisible(creating)
        self.submit_action.setText("Set passphrase and start" if creating else "Unlock")
        self.passphrase.clear()
        self.repeat.clear()
        self._show_problem("")
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.passphrase

    def _show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def submit(self) -> None:
        """Enter: on first start, Enter in the first field moves on to the second."""
        passphrase = self.passphrase.text()
        if self.creating and self.passphrase.hasFocus() and not self.repeat.text():
            self.repeat.setFocus()
            return
        if self.creating:
            from vita.store import passphrase_problem  # the store loads after the window is on screen

            problem = passphrase_problem(passphrase)
            if problem:
                self._show_problem(f"Choose another passphrase: {problem}.")
                self.passphrase.setFocus()
                return
            if passphrase != self.repeat.text():
                self._show_problem("The two passphrases are not the same. Type them again.")
                self.repeat.clear()
                self.repeat.setFocus()
                return
        elif not passphrase:
            self._show_problem("Type the passphrase first.")
            return
        self._show_problem("")
        self.passphrase.setEnabled(False)
        self.submit_action.setEnabled(False)
        context = self.context
        path, creating, cost, owner = context.paths.database, self.creating, context.kdf_cost, context.store_thread
        overrides, now = dict(context.setting_overrides), context.clock()

        def open_store() -> tuple[Store, str]:
            from vita.store import Store  # the store loads after the window is on screen (in the background)
            from vita.store.retention import apply_retention

            if creating:
                store = Store.create(path, passphrase, owner=owner, **({} if cost is None else {"kdf_cost": cost}))
            else:
                store = Store.open(path, passphrase, owner)
            try:  # the retention rule, once the store is open; a failure never keeps the officer out
                apply_retention(store, now, Settings(store, overrides))
            except StoreError as error:
                return store, explain(error)
            return store, ""

        busy = "Setting the passphrase…" if creating else "Opening the store…"
        context.runner.run(open_store, self._opened, self._refused, busy=busy)

    def _opened(self, result: tuple[Store, str]) -> None:
        self.submit_action.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.clear()
        self.repeat.clear()
        self.unlocked.emit(*result)

    def _refused(self, error: BaseException) -> None:
        self.submit_action.setEnabled(True)
        self.passphrase.setEnabled(True)
        self._show_problem(explain(error))
        self.passphrase.selectAll()
        self.passphrase.setFocus()


def _minutes(value: float) -> str:
    if value < 1:
        return f"{round(value * 60)} seconds"
    whole = round(value)
    return "1 minute" if whole == 1 else f"{whole} minutes"
