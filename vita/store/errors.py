"""What can go wrong with the store. Each error carries data (the file, what was being saved, SQLite's detail);
`vita.errors_text.explain` turns it into the sentence an officer reads, in one place for the GUI and the CLI.
`str(error)` names the class and its data, for a log or a traceback; it is not meant for the officer."""

from __future__ import annotations

from pathlib import Path

from vita.interview.errors import InterviewFinished


class StoreError(Exception):
    """Base of every store error."""

    def __init__(self, path: Path | None = None, *data: object) -> None:
        super().__init__(path, *data)
        self.path = path

    def __str__(self) -> str:
        data = ", ".join(f"{name}={value}" for name, value in vars(self).items() if value is not None)
        return f"{type(self).__name__}({data})"


class StoreExists(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(path)


class StoreMissing(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(path)


class StoreUnreadable(StoreError):
    """The operating system refuses access to the file or its folder."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail)
        self.detail = detail


class StoreOpenFailed(StoreError):
    """SQLite could not open the file, for a reason none of the other errors covers."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail)
        self.detail = detail


class StoreCreateFailed(StoreError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail)
        self.detail = detail


class WalUnavailable(StoreError):
    """The file system would not take write-ahead logging, which the store's durability depends on."""

    def __init__(self, path: Path, mode: str) -> None:
        super().__init__(path, mode)
        self.mode = mode


class WrongPassphrase(StoreError):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path)


class CorruptStore(StoreError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(path, why)
        self.why = why


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(path, found, supported)
        self.found = found
        self.supported = supported


class MigrationFailed(StoreError):
    def __init__(self, path: Path, version: int, detail: str) -> None:
        super().__init__(path, version, detail)
        self.version = version
        self.detail = detail


class StoreInUse(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(path)


class StoreFull(StoreError):
    """The disk filled up while saving `what` (words naming the thing that was not saved)."""

    def __init__(self, what: str) -> None:
        super().__init__(None, what)
        self.what = what


class DiskFullAtOpen(StoreFull):
    """The store cannot be opened because its disk has no room left (SQLite says only "disk I/O error")."""

    def __init__(self, path: Path, free_kib: int) -> None:
        StoreError.__init__(self, path, free_kib)
        self.what = "the store"
        self.free_kib = free_kib


class StoreWriteFailed(StoreError):
    def __init__(self, what: str, detail: str) -> None:
        super().__init__(None, what, detail)
        self.what = what
        self.detail = detail


class WeakPassphrase(StoreError):
    def __init__(self, why: str) -> None:
        super().__init__(None, why)
        self.why = why


class PassphraseNotText(StoreError):
    """The passphrase holds characters that are not text (bytes that were not UTF-8, read as lone surrogates);
    `variable` names the environment variable it came from, if it came from one."""

    def __init__(self, variable: str | None = None) -> None:
        super().__init__(None, variable)
        self.variable = variable


class UnknownInterview(StoreError):
    def __init__(self, interview_id: str) -> None:
        super().__init__(None, interview_id)
        self.interview_id = interview_id


class InterviewExists(StoreError):
    def __init__(self, interview_id: str) -> None:
        super().__init__(None, interview_id)
        self.interview_id = interview_id


class EventOutOfOrder(StoreError):
    """The log is gapless: event n+1 may only follow event n."""

    def __init__(self, interview_id: str, expected: int, got: int) -> None:
        super().__init__(None, interview_id, expected, got)
        self.interview_id = interview_id
        self.expected = expected
        self.got = got


class InterviewAlreadyFinished(StoreError, InterviewFinished):
    """The store's own guard for a finished interview; also an `InterviewFinished`, like the session's."""

    def __init__(self, interview_id: str) -> None:
        StoreError.__init__(self, None, interview_id)
        self.interview_id = interview_id


class NoPassphrase(StoreError):
    """A command needs the store's passphrase and has neither the environment variable nor a terminal to ask."""

    def __init__(self, variable: str) -> None:
        super().__init__(None, variable)
        self.variable = variable
