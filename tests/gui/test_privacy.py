"""Quick-hide blanks the window at one key; the auto-lock closes the store after the idle time and asks for
the passphrase; a running interview carries on where it was."""

from __future__ import annotations

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.interview.model import EventType

from tests.gui.conftest import PASSPHRASE, start_interview

Key = QtCore.Qt.Key


def test_f12_blanks_the_window_and_the_persons_view_and_brings_them_back(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    keys.press(Key.Key_Right, Key.Key_P)
    assert window.person_view.isVisible()
    position = window.interview.position
    keys.press(Key.Key_F12)
    assert window.hidden and window.surface.currentWidget() is window.blank
    assert not window.interview.isVisible() and not window.person_view.isVisible()
    keys.press(Key.Key_Y)  # keys of the hidden screen do nothing while hidden
    assert window.interview.session.state.answers == {}
    keys.press(Key.Key_F12)
    assert not window.hidden and window.current_screen is window.interview
    assert window.interview.position == position


def test_after_the_idle_time_the_app_locks_and_the_interview_resumes_after_the_passphrase(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window(auto_lock_minutes=0.01)  # 0.6 s
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    keys.press(Key.Key_Right, Key.Key_Right)
    message = window.interview.current.id
    interview_id = window.interview.session.interview.id
    with qtbot.waitSignal(window.locked, timeout=10_000):
        pass  # nobody touches anything
    assert window.context.store is None and window.interview.session is None
    assert window.current_screen is window.unlock
    assert "locked itself" in window.unlock.explanation.text()

    keys.type("not the passphrase")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.unlock.status.isVisible())
    assert window.current_screen is window.unlock and window.context.store is None

    window.unlock.passphrase.clear()
    keys.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock.unlocked, timeout=10_000):
        keys.press(Key.Key_Return)
    assert window.current_screen is window.interview
    assert window.interview.session.interview.id == interview_id and window.interview.current.id == message
    kinds = [e.type for e in window.interview.session.events]
    assert kinds[-2:] == [EventType.PAUSED, EventType.RESUMED]


def test_activity_keeps_the_app_unlocked(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window(auto_lock_minutes=0.02)  # 1.2 s
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    locked: list[bool] = []
    window.locked.connect(lambda: locked.append(True))
    timer = QtCore.QElapsedTimer()
    timer.start()
    while timer.elapsed() < 2_000:  # keep pressing keys for longer than the idle time
        keys.press(Key.Key_Right, Key.Key_Left)
        qtbot.wait(200)
    assert locked == [] and window.context.store is not None
