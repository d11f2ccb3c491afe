"""The store's one owner: a single thread on which the connection is opened and every store call runs
(Anki's database executor). SQLite connections are bound to the thread that opened them (sqlcipher3 checks
`check_same_thread`), so once the window moves work to background threads, no two threads may share one.
A Store opened with an owner hands each call to that thread and waits for its result; calls made on the
owner thread itself (a store method calling another) run directly.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Concatenate, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class StoreThread:
    """The thread that owns the store's connection. Make one per app; `shutdown` when the app closes."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vita-store")
        self.ident = self._executor.submit(threading.get_ident).result()

    @property
    def is_current(self) -> bool:
        return threading.get_ident() == self.ident

    def call(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `function` on the owner thread and return its result (or raise its error) to the caller."""
        if self.is_current:
            return function(*args, **kwargs)
        return self._executor.submit(function, *args, **kwargs).result()

    def submit(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        """Queue `function` on the owner thread now, and return its future: every call queued after it, from any
        thread, runs after it (the window closes the store at lock this way, before an unlock can open it)."""
        return self._executor.submit(function, *args, **kwargs)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)


class Owned(Protocol):
    """An object whose calls may have to run on an owner thread (the Store)."""

    @property
    def owner(self) -> StoreThread | None: ...


T = TypeVar("T", bound=Owned)


def owned(method: Callable[Concatenate[T, P], R]) -> Callable[Concatenate[T, P], R]:
    """Run the method on the object's owner thread, when it has one."""

    @functools.wraps(method)
    def call(self: T, *args: P.args, **kwargs: P.kwargs) -> R:
        if self.owner is None:
            return method(self, *args, **kwargs)
        return self.owner.call(method, self, *args, **kwargs)

    return call
