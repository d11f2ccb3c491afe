"""The studio's typed errors; their words for the officer are in vita/errors_text.py."""

from __future__ import annotations


class StudioError(Exception):
    """The studio cannot work on this language or text; the message says why in plain words."""


class RecorderUnavailable(RuntimeError):
    """The input device cannot be opened or delivers no sound; the message names it and says why."""


class StudioRefusal(StudioError, ValueError):
    """What was given cannot be used (a speaker without consent, a take without speech, an empty comment): the
    message says what to do. A ValueError too, as the studio's API promises."""
