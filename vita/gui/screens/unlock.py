"""First start: set the passphrase, saying what it protects and what is lost if it is forgotten.
Later starts, and after the auto-lock: ask for it. The key is derived (scrypt, a second or more on an old laptop)
on a worker thread while the screen says so; the store itself is opened on the GUI thread, the one that uses it."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from vita.content.officer import N_, OfficerText
from vita.errors_text import explain
from vita.store import Store, StoreError, WrongPassphrase, passphrase_problem

from vita.gui.background import Outcome, run_in_background
from vita.gui.context import AppContext
from vita.gui.interface_language import apply_interface_language, language_chooser
from vita.gui.widgets import KeyButton, key_action, label, line_edit

FIRST_START_TEXT = N_(
    "VITA keeps the answers of every interview on this computer, encrypted with a passphrase that you choose now. "
    "Without it nobody can read them — not a thief, not another program, and not you: if the passphrase is "
    "forgotten, the stored interviews cannot be recovered by anyone. Records you have already exported are not "
    "affected. Choose a short sentence you will remember, of at least 8 characters, and keep it as you keep "
    "your work keys."
)
UNLOCK_TEXT = N_("The interviews on this computer are encrypted. Enter the passphrase to open them.")
DAMAGE_HINT_AFTER = 3
DAMAGE_HINT = N_(
    "If you are certain the passphrase is right, the start of the file may be damaged: a backup can be restored."
)
LOCKED_TEXT = N_("VITA locked itself after {minutes} without use. Nothing was lost. Enter the passphrase to go on.")


class UnlockScreen(QtWidgets.QWidget):
    unlocked = QtCore.Signal(object)  # the opened Store
    language_changed = QtCore.Signal(str)  # the officer chose another interface language

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("Unlock VITA"))
        t = context.typography
        self.title = label("", t, "title", bold=True)
        self.explanation = label("", t, "info")
        self.passphrase = line_edit(t, tr("Passphrase"))
        self.passphrase.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat = line_edit(t, tr("Passphrase again"))
        self.repeat.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat_label = label(tr("The same passphrase again:"), t)
        self.passphrase_label = label(tr("Passphrase:"), t)
        # The interface language is chosen before anything else, so the first start already speaks it.
        self.language_label = label(tr("Language of the interface:"), t)
        self.language = language_chooser(context)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.status = label("", t, "error", name=tr("Problem"))
        self.status.setVisible(False)
        self.submit_action = key_action(self, tr("Unlock"), "Return", self.submit, "Enter")
        self.submit_button = KeyButton(self.submit_action, t, primary=True)
        self.refusals = 0  # wrong passphrases in a row
        # Shown the moment Enter is pressed: deriving the key takes a second or more on an old laptop.
        self.progress = label(tr("Checking the passphrase…"), t, "notice", name=tr("Working"))
        self.progress.setVisible(False)

        column = QtWidgets.QVBoxLayout()
        column.setSpacing(8)
        for widget in (self.language_label, self.language, self.title, self.explanation, self.passphrase_label,
                       self.passphrase, self.repeat_label, self.repeat, self.progress, self.status,
                       self.submit_button):  # fmt: skip
            column.addWidget(widget)
        column.addStretch(1)
        outer = QtWidgets.QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 8)  # wide: the first-start text takes fewer lines on a short screen
        outer.addStretch(1)
        self.prepare()

    @property
    def creating(self) -> bool:
        return not Store.exists(self.context.paths.database)

    def prepare(self, locked_after_minutes: float | None = None) -> None:
        """Show the right form: first start, unlock, or unlock after the auto-lock."""
        creating = self.creating
        tr = self.context.tr
        self.setLayoutDirection(QtWidgets.QApplication.layoutDirection())
        self.title.setText(tr("Set a passphrase to protect the answers") if creating else tr("Enter the passphrase"))
        if creating:
            self.explanation.setText(tr(FIRST_START_TEXT))
        elif locked_after_minutes is not None:
            self.explanation.setText(tr(LOCKED_TEXT, minutes=_minutes(locked_after_minutes, tr)))
        else:
            self.explanation.setText(tr(UNLOCK_TEXT))
        self.repeat.setVisible(creating)
        self.repeat_label.setVisible(creating)
        self.submit_action.setText(tr("Set passphrase and start") if creating else tr("Unlock"))
        self.repeat_label.setText(tr("The same passphrase again:"))
        self.passphrase_label.setText(tr("Passphrase:"))
        self.language_label.setText(tr("Language of the interface:"))
        self.passphrase.clear()
        self.repeat.clear()
        self._show_problem("")
        self.passphrase.setEnabled(True)
        self.passphrase.setFocus()

    def _language_chosen(self, _index: int) -> None:
        code = str(self.language.currentData())
        if code == self.context.tr.language:
            return
        problem = apply_interface_language(self.context, code)
        self.prepare()
        if problem:
            self._show_problem(problem)
        self.language_changed.emit(code)

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
            problem = passphrase_problem(passphrase)
            if problem:
                self._show_problem(self.context.tr("Choose another passphrase: {problem}.", problem=problem))
                self.passphrase.setFocus()
                return
            if passphrase != self.repeat.text():
                self._show_problem(self.context.tr("The two passphrases are not the same. Type them again."))
                self.repeat.clear()
                self.repeat.setFocus()
                return
        elif not passphrase:
            self._show_problem(self.context.tr("Type the passphrase first."))
            return
        self._show_problem("")
        self._busy(True)
        creating, path, cost = self.creating, self.context.paths.database, self.context.kdf_cost

        def derive() -> tuple[bytes, bytes] | bytes:  # the slow part (scrypt), on a worker thread
            if creating:
                return Store.new_key(passphrase) if cost is None else Store.new_key(passphrase, kdf_cost=cost)
            return Store.key_for(path, passphrase)

        run_in_background(self, derive, lambda outcome: self._open(passphrase, creating, outcome))

    def _busy(self, busy: bool) -> None:
        """While the key is derived: say so at once, and keep the officer from typing into a field in use."""
        self.passphrase.setEnabled(not busy)
        self.repeat.setEnabled(not busy)
        self.submit_action.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        else:
            QtWidgets.QApplication.restoreOverrideCursor()

    def _open(self, passphrase: str, creating: bool, outcome: Outcome) -> None:
        """Back on the GUI thread: make or open the store with the derived key (quick), or say what went wrong."""
        path = self.context.paths.database
        store: Store | None = None
        problem = ""
        try:
            if outcome.error is not None:
                raise outcome.error
            if creating:
                store = Store.create(path, passphrase, prepared=outcome.value)
            else:
                store = Store.open_with_key(path, outcome.value)
        except StoreError as error:
            problem = explain(error, self.context.tr)
            if isinstance(error, WrongPassphrase):
                self.refusals += 1
                if self.refusals >= DAMAGE_HINT_AFTER:  # only now is damage worth mentioning, as a possibility
                    problem += " " + self.context.tr(DAMAGE_HINT)
        finally:
            self._busy(False)
        if store is None:
            self._show_problem(problem)
            self.passphrase.setFocus()
            self.passphrase.selectAll()  # retype over it at once
            return
        self.refusals = 0
        self.passphrase.clear()
        self.repeat.clear()
        self.unlocked.emit(store)


def _minutes(value: float, tr: OfficerText) -> str:
    if value < 1:
        return tr("{count} seconds", count=round(value * 60))
    whole = round(value)
    return tr("1 minute") if whole == 1 else tr("{count} minutes", count=whole)
