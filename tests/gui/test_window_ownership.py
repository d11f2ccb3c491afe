"""A closed window leaves no Qt object for Python's garbage collector: what it runs on (the sound bridge, the
background runner, the auto-lock, the person's window) is deleted with it, on the GUI thread.

Python's collector runs on whichever thread happens to allocate (the runner's, the store's, a decoder's); a Qt
object it frees there is deleted off the GUI thread. That is how the GUI test processes crashed (exit 139 or 134)
while the window of an earlier test was collected during the next test's event loop."""

from __future__ import annotations

import gc
from pathlib import Path

import shiboken6

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.audio.fake import FakeBackend
from vita.paths import Paths

from vita.gui.app import launch

from tests.gui.conftest import TEST_KDF_COST, Keyboard, start_interview


def left_to_the_collector() -> list[str]:
    """The Qt objects alive only because Python owns them (the application itself aside)."""
    return sorted(
        type(candidate).__name__
        for candidate in gc.get_objects()
        if isinstance(candidate, QtCore.QObject)
        and not isinstance(candidate, QtCore.QCoreApplication)
        and shiboken6.isValid(candidate)
        and shiboken6.ownedByPython(candidate)
    )


def delete_later_now() -> None:
    for _ in range(2):  # the window's deletion posts the person's window's
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)


def test_a_closed_and_deleted_window_leaves_no_qt_object_to_the_garbage_collector(
    qtbot: QtBot, repo_root: Path, tmp_path: Path
) -> None:
    gc.collect()
    delete_later_now()
    assert left_to_the_collector() == [], "the test starts clean"
    output = FakeBackend()
    window = launch(
        Paths(repo_root, tmp_path / "data"),
        backend_factory=lambda: output,
        kdf_cost=TEST_KDF_COST,
        setting_overrides={"export_dir": str(tmp_path / "records"), "finder_pause_seconds": 0.01},
    )
    window.resize(1366, 768)
    window.activateWindow()
    keys = Keyboard(qtbot, window)
    start_interview(window, keys, qtbot)  # the first message plays: the sound bridge and the runner are in use
    keys.press(QtCore.Qt.Key.Key_P)  # the person's window, a top-level window of its own
    qtbot.waitUntil(window.person_view.isVisible)
    assert window.idle_lock.armed
    window.close()
    window.deleteLater()
    delete_later_now()
    assert left_to_the_collector() == []
    assert not QtWidgets.QApplication.topLevelWidgets(), "neither window is left on the screen's list"


def test_a_window_whose_studio_was_used_leaves_no_qt_object_to_the_garbage_collector(
    qtbot: QtBot, repo_root: Path, tmp_path: Path
) -> None:
    """Record and keep a take, leave the sitting, review the text: the studio's screens, timers, runner jobs and
    the recorder are the window's, deleted with it."""
    from vita.audio.espeak import EspeakEngine

    from tests.gui.studio_speaker import SpeakerFromFiles
    from tests.gui.test_studio import keep_first_take

    gc.collect()
    delete_later_now()
    assert left_to_the_collector() == [], "the test starts clean"
    output = FakeBackend(auto_finish=True)
    window = launch(
        Paths(repo_root, tmp_path / "data", tmp_path / "overlay"),
        backend_factory=lambda: output,
        kdf_cost=TEST_KDF_COST,
        setting_overrides={"export_dir": str(tmp_path / "records")},
    )
    window.resize(1366, 768)
    window.activateWindow()
    speaker = SpeakerFromFiles(window, EspeakEngine())
    window.context.recorder_factory = speaker
    keys = Keyboard(qtbot, window)
    keep_first_take(window, keys, qtbot)
    assert left_to_the_collector() == ["MainWindow", "PersonView"], "the sitting's objects are the window's"
    keys.press(QtCore.Qt.Key.Key_Escape)
    keys.press(QtCore.Qt.Key.Key_F5)
    keys.type("Rita Reviewer")
    with qtbot.waitSignal(window.studio_routes.opened, timeout=20_000):
        keys.press(QtCore.Qt.Key.Key_Return)
    review = window.studio.review
    with qtbot.waitSignal(review.marked, timeout=20_000):
        keys.press(QtCore.Qt.Key.Key_V)
    keys.press(QtCore.Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.context.runner.idle, timeout=20_000):  # the library is read again on leaving
        keys.press(QtCore.Qt.Key.Key_Escape)
    assert window.current_screen is window.start
    # While the window is open, only the two windows themselves are Python's (nothing else is left behind).
    assert left_to_the_collector() == ["MainWindow", "PersonView"]
    window.close()
    window.deleteLater()
    delete_later_now()
    assert left_to_the_collector() == []
    assert not QtWidgets.QApplication.topLevelWidgets(), "no window of the studio is left on the screen's list"
