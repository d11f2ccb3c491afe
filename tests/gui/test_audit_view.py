"""After a crash during an export, the officer is told at unlock, and F8 on the start screen shows the audit
trail as plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.store import AuditFile, Store, audit

from vita.gui.audit_view import AuditDialog

from tests.gui.conftest import PASSPHRASE, TEST_KDF_COST

Key = QtCore.Qt.Key


def test_an_export_a_crash_left_is_reported_at_unlock_and_f8_shows_the_trail(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "records"
    with Store.create(tmp_path / "data" / "vita.db", PASSPHRASE, kdf_cost=TEST_KDF_COST) as store:
        store.record_audit("export", "BG-1: <b>BG-1.json</b> and BG-1.pdf", "Officer Ivanov")
        store.begin_audit("export", "BG-2: BG-2.json", "Officer Petrova", [AuditFile.of(out / "BG-2.json", b"{}")])
    window = make_window()
    keys = keyboard(window)
    keys.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock.unlocked, timeout=10_000):
        keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.start)
    assert "VITA stopped during an export last time" in window.start.problem.text()

    keys.press(Key.Key_F8)
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activeModalWidget(), AuditDialog))
    dialog = QtWidgets.QApplication.activeModalWidget()
    assert isinstance(dialog, AuditDialog)
    shown = dialog.text.toPlainText()
    assert audit.CLEANED in shown and "Officer Petrova: BG-2" in shown
    assert "<b>BG-1.json</b>" in shown  # shown as typed, never as markup
    assert shown.index("BG-2") < shown.index("BG-1")  # newest first
    dialog.reject()
