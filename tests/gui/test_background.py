"""Slow work runs off the GUI thread: while the key is derived and while the record is written, a timer on the
GUI thread keeps firing and the window says it is busy. Results and errors come back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.store import WrongPassphrase, kdf

from vita.gui import runner as runner_module
from vita.gui.screens import finish as finish_module

from tests.gui.conftest import start_interview

Key = QtCore.Qt.Key
TICKS_WANTED = 5


class Heartbeat:
    """A repeating timer on the GUI thread. `hold(work)` makes `work` wait, on whatever thread it runs, until
    the timer has fired TICKS_WANTED times while it waits (at most 10 s): run on the GUI thread, the timer could
    not fire at all, and the count stays at zero."""

    def __init__(self, busy_label: QtWidgets.QLabel) -> None:
        self.busy_label = busy_label
        self.during = 0
        self.busy_seen: list[str] = []
        self.working = threading.Event()
        self.enough = threading.Event()
        self.timer = QtCore.QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if self.working.is_set():
            self.during += 1
            if self.busy_label.isVisible():
                self.busy_seen.append(self.busy_label.text())
            if self.during >= TICKS_WANTED:
                self.enough.set()

    def hold(self, work: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.working.set()
            try:
                self.enough.wait(timeout=10)
                return work(*args, **kwargs)
            finally:
                self.working.clear()

        return held


def test_the_window_stays_alive_and_says_it_is_busy_while_unlocking_and_exporting(
    make_window, keyboard, qtbot: QtBot, monkeypatch
) -> None:
    window = make_window()
    keys = keyboard(window)
    unlocking = Heartbeat(window.surface.busy)
    monkeypatch.setattr(kdf, "derive_key", unlocking.hold(kdf.derive_key))
    start_interview(window, keys, qtbot)  # sets the passphrase: the key derivation is held
    assert unlocking.during >= TICKS_WANTED
    assert unlocking.busy_seen and "passphrase" in unlocking.busy_seen[0]
    qtbot.waitUntil(lambda: not window.context.runner.busy)
    assert not window.surface.busy.isVisible(), window.surface.busy.text()  # and gone when done

    exporting = Heartbeat(window.surface.busy)
    monkeypatch.setattr(finish_module, "pdf_bytes", exporting.hold(finish_module.pdf_bytes))
    keys.press(Key.Key_E, Key.Key_E)  # ending early is confirmed by a second E
    assert window.current_screen is window.finish
    keys.press(Key.Key_Y)  # the export waits until consent is settled
    with qtbot.waitSignal(window.finish.exported, timeout=30_000) as exported:
        keys.press(Key.Key_E)
        assert not window.finish.export_action.isEnabled()  # no second export while one runs
    assert exporting.during >= TICKS_WANTED
    assert exporting.busy_seen and "record" in exporting.busy_seen[0]
    assert exported.args[0].pdf_path.read_bytes().startswith(b"%PDF")
    assert window.finish.export_action.isEnabled()


def test_a_wrong_passphrase_comes_back_as_words_on_the_unlock_screen_after_the_background_work(
    make_window, keyboard, qtbot: QtBot, tmp_path
) -> None:
    from vita.store import Store

    from tests.gui.conftest import PASSPHRASE, TEST_KDF_COST

    Store.create(tmp_path / "data" / "vita.db", PASSPHRASE, kdf_cost=TEST_KDF_COST).close()
    window = make_window()
    keys = keyboard(window)
    keys.type("not the passphrase")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.unlock.status.isVisible())
    assert "does not open the store" in window.unlock.status.text()
    assert window.context.store is None and window.current_screen is window.unlock
    assert window.unlock.passphrase.isEnabled()


def test_the_runner_delivers_results_and_typed_errors_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = runner_module.Runner()
    gui_thread = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []
    busy: list[str] = []
    runner.busy_changed.connect(busy.append)

    def refused() -> None:
        raise WrongPassphrase()

    runner.run(lambda: threading.get_ident(), lambda r: seen.append(("done", r, threading.get_ident() == gui_thread)),
               lambda e: seen.append(("error", e, True)), busy="Counting…")  # fmt: skip
    runner.run(refused, lambda r: seen.append(("done", r, True)),
               lambda e: seen.append(("error", type(e), threading.get_ident() == gui_thread)))  # fmt: skip
    assert seen == []  # never delivered before run() returns
    assert runner.wait(10_000)
    worker = next(value for kind, value, _ in seen if kind == "done")
    assert worker != gui_thread
    assert sorted((kind, on_gui) for kind, _, on_gui in seen) == [("done", True), ("error", True)]
    assert ("error", WrongPassphrase, True) in seen
    assert busy == ["Counting…", ""]
    runner.shutdown()
