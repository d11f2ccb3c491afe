"""Quick-hide blanks the window at one key; the auto-lock closes the store after the idle time and asks for
the passphrase; a running interview carries on where it was."""

from __future__ import annotations

import datetime as dt

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.content.model import Answer
from vita.interview.model import EventType, Interview, utc_now
from vita.interview.session import InterviewSession
from vita.store import Store

from tests.gui.conftest import PASSPHRASE, TEST_KDF_COST, start_interview

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


def test_unlocking_deletes_interviews_past_their_retention_and_the_start_screen_says_so(
    make_window, keyboard, qtbot: QtBot, tmp_path
) -> None:
    """Finished interviews are kept for the retention period only; unfinished ones are kept to be resumed."""
    now = utc_now()
    with Store.create(tmp_path / "data" / "vita.db", PASSPHRASE, kdf_cost=TEST_KDF_COST) as store:
        ids = {}
        for name, days_ago, finish in (("old", 120, True), ("recent", 10, True), ("unfinished", 200, False)):
            moment = now - dt.timedelta(days=days_ago)
            interview = Interview.start(place="P", officer="O", language="en", now=moment)
            store.add_interview(interview)
            session = InterviewSession(interview, store, clock=lambda moment=moment: moment)  # it happened then
            session.answer("safety.hurt", Answer.NO)
            if finish:
                session.finish()
            ids[name] = session.interview.id
    window = make_window(retention_days=90)
    keys = keyboard(window)
    keys.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock.unlocked, timeout=10_000):
        keys.press(Key.Key_Return)
    kept = {i.id for i in window.context.store.interviews()}
    assert kept == {ids["recent"], ids["unfinished"]}
    assert "deleted 90 days after they end" in window.start.purpose.text()
    assert window.start.purpose.isVisible()
