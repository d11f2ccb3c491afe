"""First start: set the passphrase, saying what it protects and what is lost if it is forgotten.
Later starts, and after the auto-lock: ask for it. The key derivation (scrypt, about half a second) and the
retention rule run in the background (the store's own thread), so the window stays alive meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.content.officer import N_, OfficerText

from vita.gui.context import AppContext
from vita.gui.interface_language import LanguageChooser, apply_interface_language
from vita.gui.qt_values import set_direction
from vita.gui.widgets import KeyButton, key_action, label, line_edit

if TYPE_CHECKING:
    from vita.store import Store

FIRST_START_TEXT = N_(
    "VITA keeps the answers of every interview on this computer, encrypted with a passphrase that you choose now. "
    "Without it nobody can read them — not a thief, not another program, and not you: if the passphrase is "
    "forgotten, the stored interviews cannot be recovered by anyone. Records you have already exported are not "
    "affected. Choose a short sentence you will remember, of at least 8 characters, and keep it as you keep "
    "your work keys."
)
UNLOCK_TEXT = N_("The interviews on this computer are encrypted. Enter the passphrase to open them.")
LOCKED_TEXT = N_("VITA locked itself after {minutes} without use. Nothing was lost. Enter the passphrase to go on.")
DAMAGE_HINT_AFTER = 3
DAMAGE_HINT = N_(
    "If you are certain the passphrase is right, the start of the file may be damaged: a backup can be restored."
)


class UnlockScreen(QtWidgets.QWidget):
    unlocked = QtCore.Signal(object, str)  # the opened Store; a problem to show on the start screen, or ""
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
        self.status = label("", t, "error", name=tr("Problem"))
        self.status.setVisible(False)
        self.submit_action = key_action(self, tr("Unlock"), "Return", self.submit, "Enter")
        self.submit_button = KeyButton(self.submit_action, t, primary=True)
        self.refusals = 0  # wrong passphrases in a row
        self.passphrase_label = label(tr("Passphrase:"), t)
        # The interface language is chosen before anything else, so the first start already speaks it.
        self.language_label = label(tr("Language of the interface:"), t)
        self.language = LanguageChooser(context)
        self.language.currentIndexChanged.connect(self._language_chosen)

        column = QtWidgets.QVBoxLayout()
        column.setSpacing(8)
        for widget in (self.language_label, self.language, self.title, self.explanation, self.passphrase_label,
                       self.passphrase, self.repeat_label, self.repeat, self.status, self.submit_button):  # fmt: skip
            column.addWidget(widget)
        column.addStretch(1)
        outer = QtWidgets.QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 8)  # wide: the first-start text takes fewer lines on a short screen
        outer.addStretch(1)
        self.prepare()

    @property
    def creating(self) -> bool:
        return not self.context.paths.database.is_file()  # no import of the store before the window shows

    def prepare(self, locked_after_minutes: float | None = None) -> None:
        """Show the right form: first start, unlock, or unlock after the auto-lock."""
        creating = self.creating
        tr = self.context.tr
        set_direction(self, tr.is_rtl)  # the interface language's
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
            from vita.store.weak_passphrases import passphrase_problem  # its lists load when first needed

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
        self.passphrase.setEnabled(False)
        self.submit_action.setEnabled(False)
        context = self.context
        path, creating, cost, owner = context.paths.database, self.creating, context.kdf_cost, context.store_thread
        overrides, now = dict(context.setting_overrides), context.clock()

        def open_store() -> tuple[Store, str]:
            from vita.errors_text import explain
            from vita.store import (  # the store loads after the window is on screen (in the background)
                Store,
                StoreError,
            )
            from vita.store.retention import apply_retention
            from vita.store.settings import Settings

            if creating:
                store = Store.create(path, passphrase, owner=owner, **({} if cost is None else {"kdf_cost": cost}))
            else:
                store = Store.open(path, passphrase, owner)
            try:  # the retention rule, once the store is open; a failure never keeps the officer out
                apply_retention(store, now, Settings(store, overrides))
            except StoreError as error:
                return store, explain(error, tr)
            return store, ""

        tr = context.tr
        busy = tr("Setting the passphrase…") if creating else tr("Opening the store…")
        context.runner.run(open_store, self._opened, self._refused, busy=busy)

    def _opened(self, result: tuple[Store, str]) -> None:
        self.submit_action.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.refusals = 0
        self.passphrase.clear()
        self.repeat.clear()
        self.unlocked.emit(*result)

    def _refused(self, error: BaseException) -> None:
        from vita.errors_text import explain
        from vita.store import WrongPassphrase

        self.submit_action.setEnabled(True)
        self.passphrase.setEnabled(True)
        problem = explain(error, self.context.tr)
        if isinstance(error, WrongPassphrase):
            self.refusals += 1
            if self.refusals >= DAMAGE_HINT_AFTER:  # only now is damage worth mentioning, as a possibility
                problem += " " + self.context.tr(DAMAGE_HINT)
        self._show_problem(problem)
        self.passphrase.setFocus()
        self.passphrase.selectAll()  # retype over it at once


def _minutes(value: float, tr: OfficerText) -> str:
    if value < 1:
        return tr("{count} seconds", count=round(value * 60))
    whole = round(value)
    return tr("1 minute") if whole == 1 else tr("{count} minutes", count=whole)
