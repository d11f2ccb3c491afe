"""What can go wrong with the store. Every error carries a message in plain words an officer can act on."""

from __future__ import annotations

from pathlib import Path

from vita.interview.session import InterviewFinished


class StoreError(Exception):
    """Base of every store error. `str(error)` is a plain-words message for the officer."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class StoreExists(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is already a VITA store at {path}. It was not changed.", path)


class StoreMissing(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no VITA store at {path}.", path)


class WrongPassphrase(StoreError):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            "This passphrase does not open the store. Check it and try again (capital letters count). "
            "The store was not changed. If you are sure the passphrase is right, the start of the file "
            "is damaged: restore it from a backup.",
            path,
        )


class CorruptStore(StoreError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"The store at {path} cannot be used: {why}. It was not changed. Restore it from a backup, "
            "or move it aside so VITA can start a new one.",
            path,
        )
        self.why = why


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"The store at {path} was made by a newer version of VITA (store format {found}; this version "
            f"reads up to {supported}). It was not changed. Use the newer VITA to open it.",
            path,
        )
        self.found = found
        self.supported = supported


class MigrationFailed(StoreError):
    def __init__(self, path: Path, version: int, detail: str) -> None:
        super().__init__(
            f"The store at {path} could not be brought up to date (step {version} failed: {detail}). "
            "It was left as it was and nothing was lost.",
            path,
        )
        self.version = version


class StoreInUse(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"The store at {path} is open in another VITA window or program. Close that one first.", path)


class StoreFull(StoreError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"The disk is full: {what} was NOT saved. Everything saved before it is safe. "
            "Free some space on the disk, then do it again."
        )


class DiskFullAtOpen(StoreFull):
    """The store cannot be opened because its disk has no room left (SQLite says only "disk I/O error")."""

    def __init__(self, path: Path, free_bytes: int) -> None:
        StoreError.__init__(
            self,
            f"The disk is full ({free_bytes // 1024} KiB free), so VITA cannot open the store at {path}. "
            "Nothing in it was lost. Free some space on that disk (move or delete other files), then unlock again.",
            path,
        )
        self.free_bytes = free_bytes


class StoreWriteFailed(StoreError):
    def __init__(self, what: str, detail: str) -> None:
        super().__init__(f"VITA could not save {what} ({detail}). Everything saved before it is safe.")


class WeakPassphrase(StoreError):
    def __init__(self, why: str) -> None:
        super().__init__(f"Choose another passphrase: {why}.")


class PassphraseNotText(StoreError):
    """The passphrase holds characters that are not text (bytes that were not UTF-8, read as lone surrogates)."""

    def __init__(self) -> None:
        super().__init__(
            "The passphrase is not valid text (it came from a program or terminal that does not use UTF-8). "
            "Type it again. The store was not changed."
        )


class UnknownInterview(StoreError):
    def __init__(self, interview_id: str) -> None:
        super().__init__(f"There is no interview {interview_id} in this store.")
        self.interview_id = interview_id


class InterviewExists(StoreError):
    def __init__(self, interview_id: str) -> None:
        super().__init__(f"The interview {interview_id} is already in this store; it was not added twice.")
        self.interview_id = interview_id


class EventOutOfOrder(StoreError):
    """The log is gapless: event n+1 may only follow event n."""

    def __init__(self, interview_id: str, expected: int, got: int) -> None:
        super().__init__(
            f"Event {got} of interview {interview_id} was not saved: the next event should be number {expected}. "
            "Is the interview open twice?"
        )
        self.expected = expected
        self.got = got


class InterviewAlreadyFinished(StoreError, InterviewFinished):
    """The store's own guard for a finished interview; also an `InterviewFinished`, like the session's."""

    def __init__(self, interview_id: str) -> None:
        StoreError.__init__(self, f"The interview {interview_id} is finished; nothing more can be added to it.")
        self.interview_id = interview_id
