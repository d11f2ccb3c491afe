"""The app's own log: a small text file in the data folder for problems worth knowing about later (sound
devices, for a start). It must never hold personal data: only fixed sentences and device facts go in, never
case details, answers, notes or names.

Qt-free. `OnceLog` writes a recurring problem once, in words, and counts the repeats instead of flooding.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

FILE_NAME = "vita.log"
LOGGER = "vita"
MAX_BYTES = 256 * 1024


def log_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def open_app_log(data_dir: Path) -> logging.Logger:
    """Send VITA's log to data_dir/vita.log (replacing an earlier data folder's file, as tests open many)."""
    import logging.handlers  # its sockets and pickling are not needed before the window is on screen

    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if getattr(handler, "vita_app_log", False):
            logger.removeHandler(handler)
            handler.close()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_path(data_dir), maxBytes=MAX_BYTES, backupCount=1, encoding="utf-8"
        )
    except OSError:
        return logger  # a read-only data folder must not stop the app; the log is a convenience
    handler.vita_app_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the terminal stays quiet: problems go to the file
    return logger


class OnceLog:
    """Logs each kind of problem the first time it happens; later occurrences are only counted."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self.counts: Counter[str] = Counter()

    def problem(self, key: str, words: str) -> None:
        self.counts[key] += 1
        if self.counts[key] == 1:
            self._logger.warning("%s (logged once; repeats are counted)", words)

    def summary(self) -> None:
        """At the end of a session: how often each problem came back."""
        for key, count in self.counts.items():
            if count > 1:
                self._logger.info("%s happened %d times in this session", key, count)
