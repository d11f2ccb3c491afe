"""Run slow work off the GUI thread and hand the result back to it: `run_in_background(owner, task, on_done)`.

One small runner in the style of Anki's taskman: the task runs on Qt's global thread pool; its result (or the
exception it raised) reaches `on_done` on the GUI thread through a queued signal, and only while `owner` lives.
The task must not touch widgets or the store's connection (both belong to the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore


class Outcome:
    """What a background task gave: its value, or the exception it raised."""

    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error


class _Carrier(QtCore.QObject):
    done = QtCore.Signal(object)  # Outcome, delivered on the thread the carrier lives on (the GUI thread)


class _Task(QtCore.QRunnable):
    def __init__(self, task: Callable[[], Any], carrier: _Carrier) -> None:
        super().__init__()
        self._task = task
        self._carrier = carrier

    def run(self) -> None:
        try:
            outcome = Outcome(self._task())
        except BaseException as error:  # handed to the GUI thread, which turns it into words
            outcome = Outcome(error=error)
        self._carrier.done.emit(outcome)


def run_in_background(owner: QtCore.QObject, task: Callable[[], Any], on_done: Callable[[Outcome], None]) -> None:
    carrier = _Carrier(owner)  # a child of the owner: if the owner is gone, so is the delivery

    def deliver(outcome: Outcome) -> None:
        carrier.deleteLater()
        on_done(outcome)

    carrier.done.connect(deliver, QtCore.Qt.ConnectionType.QueuedConnection)
    QtCore.QThreadPool.globalInstance().start(_Task(task, carrier))
