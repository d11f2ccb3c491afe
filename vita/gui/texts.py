"""The one place where typed errors from the core become sentences for the officer."""

from __future__ import annotations

from vita.audio.errors import AudioError
from vita.content.errors import ContentError
from vita.content.officer import OfficerText
from vita.interview.session import InterviewFinished
from vita.record.errors import DirectoryError, ExportExists, RecordError
from vita.store.errors import StoreError


def explain(error: BaseException, tr: OfficerText = OfficerText()) -> str:  # noqa: B008 - immutable
    """A plain-words sentence about what went wrong and what was (not) lost, in the officer's language.
    Details that come from the core (a file name, a system error) are shown as they are."""
    if isinstance(error, StoreError):
        return tr(error.message)
    if isinstance(error, InterviewFinished):
        return tr("This interview is finished; nothing more can be added to it. Start a new interview instead.")
    if isinstance(error, AudioError):
        return tr(str(error))
    if isinstance(error, ExportExists):
        return tr("The record was not exported: {path} is already there and was not overwritten.", path=error.path)
    if isinstance(error, DirectoryError):
        return tr(
            "The record was not exported because the referral directory has a mistake: {problem}. "
            "Ask whoever looks after this computer to correct messages/referrals.toml.",
            problem=error,
        )
    if isinstance(error, RecordError):
        return tr("The record was not exported: {problem}.", problem=error)
    if isinstance(error, ContentError):
        return tr(
            "VITA's messages or translations cannot be used: {problem}. Run 'vita content check' for every problem.",
            problem=error,
        )
    if isinstance(error, PermissionError):
        return tr("The computer does not allow writing to {path}. Choose another folder.", path=error.filename)
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return tr(
            "The computer refused: {reason}{where}. Nothing saved before this was lost.",
            reason=error.strerror or error,
            where=where,
        )
    return tr(
        "Something unexpected went wrong ({kind}: {problem}). Everything saved before it is safe.",
        kind=type(error).__name__,
        problem=error,
    )
