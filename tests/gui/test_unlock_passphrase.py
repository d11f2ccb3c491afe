"""A wrong passphrase: the screen says at once that it is working, then says only what is true, and leaves the
field selected so the officer can type it again straight away."""

from __future__ import annotations

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PASSPHRASE, unlock_new_store

Key = QtCore.Qt.Key


def test_a_wrong_passphrase_shows_work_at_once_then_only_the_truth_with_the_field_ready_for_retyping(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    window.lock()
    unlock = window.unlock
    assert window.current_screen is unlock

    for attempt in range(1, 4):
        keys.type("not the passphrase")
        keys.press(Key.Key_Return)
        assert window.context.runner.busy  # said at once, before the key derivation has finished
        assert not unlock.passphrase.isEnabled()
        qtbot.waitUntil(lambda: unlock.status.isVisible(), timeout=10_000)
        assert not window.context.runner.busy
        assert "does not open the store" in unlock.status.text()
        assert ("damaged" in unlock.status.text()) == (attempt == 3)  # only a possibility, and only after 3
        assert unlock.passphrase.hasFocus() and unlock.passphrase.selectedText() == "not the passphrase"

    keys.type(PASSPHRASE)  # replaces the selected text
    with qtbot.waitSignal(unlock.unlocked, timeout=10_000):
        keys.press(Key.Key_Return)
    assert window.current_screen is window.start
