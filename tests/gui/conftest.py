"""GUI fixtures: the real app over the shipped content, a real encrypted store in tmp_path, and the test fake as
the sound output (the only part a test machine may lack). Offscreen unless VITA_TEST_ON_DISPLAY=1."""

from __future__ import annotations

import gc
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.audio.fake import FakeBackend
from vita.content.model import Answer, Message
from vita.paths import Paths

from vita.gui.app import launch
from vita.gui.main_window import MainWindow
from vita.gui.workarounds import keep_none_alive

keep_none_alive()  # before the first Qt call of the test run; see vita/gui/workarounds.py

PASSPHRASE = "correct horse battery"
# The answer keys of the interview screen.
ANSWER_KEYS = {Answer.YES: QtCore.Qt.Key.Key_Y, Answer.NO: QtCore.Qt.Key.Key_N, Answer.DONT_KNOW: QtCore.Qt.Key.Key_D,
               Answer.NOT_UNDERSTOOD: QtCore.Qt.Key.Key_U, Answer.DECLINED: QtCore.Qt.Key.Key_R,
               Answer.NO_ANSWER: QtCore.Qt.Key.Key_0}  # fmt: skip
TEST_KDF_COST = 10  # scrypt N=2^10: a test store opens in milliseconds


@pytest.fixture
def fake_output() -> FakeBackend:
    return FakeBackend(auto_finish=True)


@pytest.fixture
def opened_files() -> list[Path]:
    return []


@pytest.fixture
def make_window(
    qtbot: QtBot, repo_root: Path, tmp_path: Path, fake_output: FakeBackend, opened_files: list[Path]
) -> Iterator[Callable[..., MainWindow]]:
    """Start the app like `vita` does, with the data folder in tmp_path; settings can be overridden."""
    windows: list[MainWindow] = []

    def make(backend_factory: Callable[[], object] | None = None, **overrides: object) -> MainWindow:
        settings = {"export_dir": str(tmp_path / "records"), "finder_pause_seconds": 0.01, **overrides}

        def record_open(path: Path) -> bool:
            opened_files.append(path)
            return True

        window = launch(
            Paths(repo_root, tmp_path / "data"),
            backend_factory=backend_factory or (lambda: fake_output),  # type: ignore[arg-type,return-value]
            kdf_cost=TEST_KDF_COST,
            setting_overrides=settings,
            open_file=record_open,
        )
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.ready:
            window.person_view.close()
        window.idle_lock.detach()
    windows.clear()  # pytest keeps this fixture until after the teardown: let the windows go now


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_the_gui_thread() -> Iterator[None]:
    """A test's windows are deleted, and their Python wrappers collected, in the test's own teardown on the GUI
    thread. The window owns every Qt object it runs on (see tests/gui/test_window_ownership.py), so a wrapper
    collected later, on whatever thread, frees nothing of Qt's; this keeps one test's garbage out of the next."""
    yield
    # Windows closed by this test are deleted here, in its own teardown, not in the next test's event loop.
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)
    gc.collect()
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete.value)


class Keyboard:
    """Presses keys where the focus is, as an officer does: no clicks, no calls into the screens."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    def target(self) -> QtWidgets.QWidget:
        focus = QtWidgets.QApplication.focusWidget()
        active = QtWidgets.QApplication.activeWindow()
        return focus if focus is not None else active if active is not None else self.window

    def press(self, *keys: QtCore.Qt.Key) -> None:
        for key in keys:
            self.qtbot.keyClick(self.target(), key)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.target(), text)


@pytest.fixture
def keyboard(qtbot: QtBot) -> Callable[[MainWindow], Keyboard]:
    return lambda window: Keyboard(qtbot, window)


def unlock_new_store(window: MainWindow, keys: Keyboard, qtbot: QtBot) -> None:
    """First start: set the passphrase by keyboard and wait for the start screen."""
    keys.type(PASSPHRASE)
    keys.press(QtCore.Qt.Key.Key_Return)
    keys.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock.unlocked, timeout=10_000):
        keys.press(QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.start)


def to_language_screen(window: MainWindow, keys: Keyboard, qtbot: QtBot) -> None:
    """From a locked first start to the language screen, by keyboard: the post, Tab, the officer, Return."""
    unlock_new_store(window, keys, qtbot)
    keys.type("Post")
    keys.press(QtCore.Qt.Key.Key_Tab)
    keys.type("Officer")
    keys.press(QtCore.Qt.Key.Key_Return)
    assert window.current_screen is window.languages


def start_interview(
    window: MainWindow, keys: Keyboard, qtbot: QtBot, search: str = "english", *form_keys: QtCore.Qt.Key
) -> None:
    """From a locked first start to the first message of a new interview, by keyboard."""
    unlock_new_store(window, keys, qtbot)
    keys.type("Test post")
    keys.press(QtCore.Qt.Key.Key_Tab)
    keys.type("Officer T")
    keys.press(QtCore.Qt.Key.Key_Return)
    keys.type(search)
    keys.press(QtCore.Qt.Key.Key_Return)
    keys.press(*form_keys, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.interview)


def answer_to_the_end(window: MainWindow, keys: Keyboard, choose: Callable[[Message], Answer]) -> None:
    """Through the interview by keyboard to the finish screen: Right past each statement, each question answered
    with `choose(message)` (its first answer when that one is not offered)."""
    screen = window.interview
    for _ in range(80):
        if window.current_screen is not screen:
            break
        message = screen.current
        if not message.is_question:
            keys.press(QtCore.Qt.Key.Key_Right)
            continue
        wanted = choose(message)
        keys.press(ANSWER_KEYS[wanted if wanted in message.answers else message.answers[0]])
    assert window.current_screen is window.finish


def pdf_text(path: Path) -> str:
    """A PDF's text as pdftotext reads it, in NFKC and without format characters (the bidi marks)."""
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(c for c in unicodedata.normalize("NFKC", out) if unicodedata.category(c) != "Cf")
