"""The one way the window runs slow work: a callable in a worker thread, its result or its typed error handed
back on the GUI thread by a queued signal, and a busy state while anything runs (Anki's
`taskman.run_in_background`, Picard's `run_task`).

Used for everything that can take more than ~50 ms: unlocking (key derivation), exporting and the PDF, loading
the content and the audio manifest, store scans and retention. The task must not touch widgets; the callbacks
run on the GUI thread and may. Store calls made by a task go through the store's own thread
(vita/store/owner.py), so no connection is ever shared between threads.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6 import QtCore

if TYPE_CHECKING:  # concurrent.futures loads with the first task, after the window is on screen
    from concurrent.futures import Future

T = TypeVar("T")
WORKERS = 2  # the machines are small: two tasks at once (say, the PDF and a store scan) and no more


class Runner(QtCore.QObject):
    """Runs tasks off the GUI thread. `busy_changed(text)` says what runs ("" when nothing does)."""

    busy_changed = QtCore.Signal(str)
    idle = QtCore.Signal()  # the last running task has been delivered
    # Emitted on a worker thread, so always received later, on the GUI thread: Qt queues a signal that crosses
    # threads by itself (and QueuedConnection is one of Qt's enums the first window does without).
    _delivered = QtCore.Signal(int)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        # Qt's pool, not Python's: its threads are QThreads with an event dispatcher, which Qt's text layout and
        # PDF writer expect of the thread they run on.
        self._pool = QtCore.QThreadPool(self)
        self._pool.setMaxThreadCount(WORKERS)
        self._numbers = itertools.count(1)
        # task number -> (what it is, future, on_done, on_error); touched on the GUI thread only
        self._running: dict[
            int, tuple[str, Future[Any], Callable[[Any], object], Callable[[BaseException], object]]
        ] = {}
        self._delivered.connect(self._deliver)

    @property
    def busy(self) -> str:
        """What is running, in the officer's words ("" when nothing is)."""
        return next((what for what, *_rest in reversed(self._running.values()) if what), "")

    def run(
        self,
        task: Callable[[], T],
        on_done: Callable[[T], object],
        on_error: Callable[[BaseException], object],
        busy: str = "",
    ) -> None:
        """Start `task` in a worker. Exactly one of `on_done(result)` or `on_error(error)` is called later, on the
        GUI thread, never before `run` returns. `busy` is shown while it runs ("" for a task too quick to say)."""
        number = next(self._numbers)
        from concurrent.futures import Future

        future: Future[T] = Future()

        def work() -> None:
            future.set_running_or_notify_cancel()
            try:
                future.set_result(task())
            except BaseException as error:  # handed to on_error on the GUI thread, whatever it is
                future.set_exception(error)
            self._delivered.emit(number)

        self._running[number] = (busy, future, on_done, on_error)
        self._pool.start(QtCore.QRunnable.create(work))
        if busy:
            self.busy_changed.emit(self.busy)

    def _deliver(self, number: int) -> None:
        what, future, on_done, on_error = self._running.pop(number)
        if what:
            self.busy_changed.emit(self.busy)
        error = future.exception()
        try:
            if error is not None:
                on_error(error)
            else:
                on_done(future.result())
        finally:
            if not self._running:
                self.idle.emit()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Run the event loop until every task has been delivered (start-up, closing and the benchmark); the
        window keeps painting and taking keys meanwhile. False on timeout."""
        if self._running:
            loop = QtCore.QEventLoop()
            self.idle.connect(loop.quit)
            QtCore.QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            self.idle.disconnect(loop.quit)
        return not self._running

    def shutdown(self) -> None:
        """At close: drop the tasks not started yet (they never run, and nothing is delivered for them) and wait
        for the running ones. What those finish is still delivered if the event loop runs again."""
        self._pool.clear()
        self._pool.waitForDone()
