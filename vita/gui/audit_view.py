"""The audit trail in the app: a read-only window reachable from the start screen (key F8), and the notices
the officer must see after unlocking (an export a crash left unconfirmed, a damaged write-ahead log).

Everything is shown as plain text: entries hold file names and case references typed by people."""

from __future__ import annotations

from PySide6 import QtWidgets

from vita.errors_text import explain
from vita.store import Store, StoreError

from vita.gui.context import AppContext

AUDIT_KEY = "F8"


def store_notices(store: Store) -> list[str]:
    """What opening the store found and did, in plain words, for the start screen."""
    notices = []
    if store.wal_damaged is not None:
        notices.append(explain(store.wal_damaged))
    if store.recovered:
        outcomes = "; ".join(f"{entry.detail.split(':')[0]}: {entry.outcome}" for entry in store.recovered)
        notices.append(
            f"VITA stopped during an export last time. The audit trail now says what happened ({outcomes}). "
            f"Press {AUDIT_KEY} to read the audit trail."
        )
    return notices


def audit_text(store: Store) -> str:
    entries = store.audit_log()
    if not entries:
        return "The audit trail is empty: nothing has been exported or deleted yet."
    return "\n".join(entry.describe() for entry in reversed(entries))  # newest first on screen


class AuditDialog(QtWidgets.QDialog):
    """The audit trail, newest first, read-only."""

    def __init__(self, context: AppContext, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail: exports and deletions")
        self.setAccessibleName("Audit trail")
        self.text = QtWidgets.QPlainTextEdit()  # plain text: never interprets markup
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Audit entries")
        context.typography.apply(self.text)
        try:
            self.text.setPlainText(audit_text(context.unlocked))
        except StoreError as error:
            self.text.setPlainText(explain(error))
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.resize(900, 480)


def show_audit_trail(context: AppContext, parent: QtWidgets.QWidget | None = None) -> AuditDialog:
    dialog = AuditDialog(context, parent)
    dialog.open()
    return dialog
