"""The interview's own error, apart from the session, so that the store's errors (which the unlock screen
needs) can extend it without loading the interview model."""

from __future__ import annotations


class InterviewFinished(Exception):
    """Raised when something is logged after the interview was finished."""
