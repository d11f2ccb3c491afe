"""The one place where typed errors from the core become sentences for the officer."""

from __future__ import annotations

from vita.audio.errors import AudioError
from vita.content.errors import ContentError
from vita.interview.session import InterviewFinished
from vita.paths import ContentNotFound
from vita.record.errors import DirectoryError, ExportExists, RecordError
from vita.store.errors import StoreError


def explain(error: BaseException) -> str:
    """A plain-words sentence about what went wrong and what was (not) lost."""
    if isinstance(error, StoreError):
        return error.message
    if isinstance(error, InterviewFinished):
        return "This interview is finished; nothing more can be added to it. Start a new interview instead."
    if isinstance(error, AudioError):
        return str(error)
    if isinstance(error, ExportExists):
        return f"The record was not exported: {error.path} is already there and was not overwritten."
    if isinstance(error, DirectoryError):
        return (
            "The record was not exported because the referral directory has a mistake: "
            f"{error}. Ask whoever looks after this computer to correct messages/referrals.toml."
        )
    if isinstance(error, RecordError):
        return f"The record was not exported: {error}."
    if isinstance(error, ContentNotFound):
        return f"{error}. Reinstall VITA, or set VITA_CONTENT to the folder that holds its content."
    if isinstance(error, ContentError):
        return f"VITA's messages or translations cannot be used: {error}. Run 'vita content check' for every problem."
    if isinstance(error, PermissionError):
        return f"The computer does not allow writing to {error.filename}. Choose another folder."
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"The computer refused: {error.strerror or error}{where}. Nothing saved before this was lost."
    return f"Something unexpected went wrong ({type(error).__name__}: {error}). Everything saved before it is safe."
