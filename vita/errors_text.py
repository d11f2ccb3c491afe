"""The one place where typed errors from the core become sentences for the officer: the window and the
command line both call `explain`. The errors carry data (a path, what was being saved, a count); the words are
here, so they can later be given in the officer's language without touching the code that raises them.

Each class is looked up along its method resolution order, so the most specific phrasing wins and a new
subclass is at least explained as its base class is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from vita.content.officer import N_

if TYPE_CHECKING:
    from vita.store.errors import StoreError

SAFE = "Everything saved before it is safe."


def _at(error: StoreError) -> str:
    return f" at {error.path}" if error.path else ""


def _without(detail: str, path: str) -> str:
    return detail.replace(path, "the file") if path else detail


@cache
def _words() -> dict[type[BaseException], Callable[[Any], str]]:
    """Each error class with its words. Built when the first error is explained: the modules that raise them
    (the store, the record, the packs' cryptography…) are not loaded before the window is on screen."""
    from vita.audio.errors import AudioError, ClipRefused
    from vita.content.errors import ContentError
    from vita.interview.controller import AnswerNotOffered, EmptyPlan, NotAQuestion
    from vita.interview.session import InterviewFinished
    from vita.packs.signing import PackError
    from vita.paths import ContentNotFound
    from vita.record.errors import DirectoryError, ExportExists, NotARecord, RecordError
    from vita.safe_files import DiskFull, FileExists, FileInTheWay, SafeFileError, UnsafeFolder, WriteFailed
    from vita.stats.counts import BadMonth
    from vita.store import errors as store
    from vita.store.settings import BadSettingValue, UnknownSetting
    from vita.store.wal import WalDamaged
    from vita.studio.errors import RecorderUnavailable, StudioError, StudioRefusal

    return {
        store.StoreExists: lambda e: f"There is already a VITA store at {e.path}. It was not changed.",
        store.StoreMissing: lambda e: f"There is no VITA store at {e.path}.",
        store.StoreUnreadable: lambda e: (
            f"VITA may not read or write {e.path} ({e.detail}). Check the folder's permissions."
        ),
        store.StoreOpenFailed: lambda e: f"VITA could not open {e.path} ({e.detail}).",
        store.StoreCreateFailed: lambda e: f"VITA could not make the store at {e.path} ({e.detail}).",
        store.WalUnavailable: lambda e: (
            f"VITA could not switch {e.path} to write-ahead logging (it stayed in {e.mode} mode)."
        ),
        # Only what is true: almost always the passphrase was mistyped. (Damage to the file's first page looks the
        # same; the unlock screen mentions it only after several refusals.)
        store.WrongPassphrase: lambda e: N_(
            "This passphrase does not open the store. Check it and try again (capital letters count). "
            "The store was not changed."
        ),
        store.CorruptStore: lambda e: (
            f"The store{_at(e)} cannot be used: {e.why}. It was not changed. Restore it from a backup, "
            "or move it aside so VITA can start a new one."
        ),
        store.NewerSchema: lambda e: (
            f"The store{_at(e)} was made by a newer version of VITA (store format {e.found}; this version "
            f"reads up to {e.supported}). It was not changed. Use the newer VITA to open it."
        ),
        store.MigrationFailed: lambda e: (
            f"The store{_at(e)} could not be brought up to date (step {e.version} failed: {e.detail}). "
            "It was left as it was and nothing was lost."
        ),
        store.StoreInUse: lambda e: (
            f"The store{_at(e)} is open in another VITA window or program. Close that one first."
        ),
        store.StoreFull: lambda e: (
            f"The disk is full: {e.what} was NOT saved. {SAFE} Free some space on the disk, then do it again."
        ),
        store.DiskFullAtOpen: lambda e: (
            f"The disk is full ({e.free_kib} KiB free), so VITA cannot open the store at {e.path}. "
            "Nothing in it was lost. Free some space on that disk (move or delete other files), then unlock again."
        ),
        store.StoreWriteFailed: lambda e: f"VITA could not save {e.what} ({e.detail}). {SAFE}",
        store.WeakPassphrase: lambda e: f"Choose another passphrase: {e.why}.",
        store.PassphraseNotText: lambda e: (
            f"the passphrase in {e.variable} is not valid UTF-8 text; set it again from a terminal that uses UTF-8 "
            "(for example: export LANG=C.UTF-8)"
            if e.variable
            else "The passphrase is not valid text (it came from a program or terminal that does not use UTF-8). "
            "Type it again. The store was not changed."
        ),
        store.UnknownInterview: lambda e: f"There is no interview {e.interview_id} in this store.",
        store.InterviewExists: lambda e: (
            f"The interview {e.interview_id} is already in this store; it was not added twice."
        ),
        store.EventOutOfOrder: lambda e: (
            f"Event {e.got} of interview {e.interview_id} was not saved: the next event should be number "
            f"{e.expected}. Is the interview open twice?"
        ),
        store.InterviewAlreadyFinished: lambda e: (
            f"The interview {e.interview_id} is finished; nothing more can be added to it. "
            "Start a new interview instead."
        ),
        store.NoPassphrase: lambda e: f"no passphrase: set {e.variable} or run this in a terminal to be asked for it",
        WalDamaged: lambda e: (
            f"The store at {e.path} was opened, but its write-ahead log was damaged: the last changes saved before "
            f"VITA stopped (log frames {e.reading.applied + 1} to {e.reading.committed}) could not be read back and "
            "are missing from the store. "
            + (
                f"A copy of the damaged log was kept at {e.copy}: do not delete it; give it to whoever looks after "
                "this computer."
                if e.copy
                else "VITA could not keep a copy of the damaged log."
            )
        ),
        store.StoreError: lambda e: f"The store{_at(e)} could not be used. {SAFE}",
        InterviewFinished: lambda e: N_(
            "This interview is finished; nothing more can be added to it. Start a new interview instead."
        ),
        NotAQuestion: lambda e: f"{e.message_id} is not a question: there is nothing to answer.",
        AnswerNotOffered: lambda e: f"The question {e.message_id} does not take the answer '{e.answer.value}'.",
        EmptyPlan: lambda e: (
            f"VITA's messages have nothing to ask for this person ({e.audience.value}). Run 'vita content check'."
        ),
        UnknownSetting: lambda e: f"There is no setting called '{e.key}'. 'vita settings list' shows them all.",
        BadSettingValue: lambda e: f"The setting '{e.key}' was not changed: '{e.value}' is not {e.expected}.",
        # The officer hears of a refused clip while interviewing: what it means for the message, never where the file
        # is (the app's log has the path).
        ClipRefused: lambda e: (
            f"The recording of this message cannot be used: {_without(e.reason, str(e.path))}. "
            "The message is shown as text only."
        ),
        AudioError: str,  # audio errors already name the file and the clip; they read as they are
        NotARecord: lambda e: Exception.__str__(e),  # names the file and why: read by `vita verify`
        BadMonth: str,
        ExportExists: lambda e: f"The record was not exported: {e.path} is already there and was not overwritten.",
        DirectoryError: lambda e: (
            "The record was not exported because the referral directory has a mistake: "
            f"{Exception.__str__(e)}. Ask whoever looks after this computer to correct messages/referrals.toml."
        ),
        RecordError: lambda e: f"The record was not exported: {Exception.__str__(e)}.",
        ContentNotFound: lambda e: (
            f"{Exception.__str__(e)}. Reinstall VITA, or set VITA_CONTENT to the folder that holds its content."
        ),
        PackError: str,  # pack refusals already say why and that nothing was changed
        StudioRefusal: lambda e: f"{Exception.__str__(e)[:1].upper()}{Exception.__str__(e)[1:]}.",
        StudioError: lambda e: f"The studio cannot go on: {Exception.__str__(e)}. Nothing recorded was lost.",
        RecorderUnavailable: lambda e: (
            f"The microphone cannot be used: {Exception.__str__(e)}. Plug it in or choose another input device, "
            "then record again. The takes kept so far are safe."
        ),
        ContentError: lambda e: (
            f"VITA's messages or translations cannot be used: {Exception.__str__(e)}. "
            "Run 'vita content check' for every problem."
        ),
        UnsafeFolder: lambda e: f"VITA did not write into {e.path}: {e.why}. Choose a folder of your own.",
        FileInTheWay: lambda e: (
            f"VITA did not write {e.path}: "
            f"{'a link that someone else may have put there' if e.is_link else 'something that is not a plain file'} "
            "is already there. It was left as it was."
        ),
        FileExists: lambda e: f"{e.path} exists already and was not overwritten.",
        DiskFull: lambda e: f"The disk is full: {e.path} was NOT written. Free some space, then do it again.",
        WriteFailed: lambda e: f"VITA could not write {e.path} ({e.detail}).",
        SafeFileError: lambda e: f"VITA did not write {e.path}.",
        PermissionError: lambda e: f"The computer does not allow writing to {e.filename}. Choose another folder.",
        OSError: lambda e: (
            f"The computer refused: {e.strerror or e}{f' ({e.filename})' if e.filename else ''}. "
            "Nothing saved before this was lost."
        ),
    }


def _as_given(text: str) -> str:
    return text


def explain(error: BaseException, tr: Callable[[str], str] = _as_given) -> str:
    """A plain-words sentence about what went wrong and what was (not) lost; `tr` gives it in the officer's
    language where the interface catalogue has it (the sentences without details, marked N_ above)."""
    for kind in type(error).__mro__:
        words = _words().get(kind)
        if words is not None:
            return tr(words(error))
    return f"Something unexpected went wrong ({type(error).__name__}: {error}). {SAFE}"
