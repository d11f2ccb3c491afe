"""For the child processes of the kill tests: count the file-system steps a piece of work takes, and SIGKILL the
process just before a chosen one. Not a test module."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Any


class StepKiller:
    """Wraps functions (os.rename, shutil.copy2…) so that each call is a step; the `kill_at`-th call is never
    made: the process dies just before it (0: never). `renames` lists the steps that were os.rename calls."""

    def __init__(self, kill_at: int) -> None:
        self.kill_at = kill_at
        self.steps = 0
        self.renames: list[int] = []

    def wrap(self, owner: object, *names: str) -> None:
        for name in names:
            setattr(owner, name, self._counted(getattr(owner, name)))

    def _counted(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            self.steps += 1
            if function.__name__ == "rename":
                self.renames.append(self.steps)
            if self.steps == self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)

        return step
