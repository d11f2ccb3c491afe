"""Typed errors of the record, the referral directory and the export. Each message is fit to show an officer."""

from __future__ import annotations

from pathlib import Path


class RecordError(Exception):
    """Base class: something stopped a record from being built, written or checked."""


class InterviewNotFinished(RecordError):
    def __init__(self, case_reference: str) -> None:
        self.case_reference = case_reference
        super().__init__(f"interview {case_reference} is not finished: finish it before exporting its record")


class UnknownCase(RecordError):
    def __init__(self, reference: str) -> None:
        self.reference = reference
        super().__init__(f"no interview has the case reference or id {reference!r}")


class InvalidRecord(RecordError):
    """The record does not match its JSON Schema; it is not written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"the record does not match its schema: {problems[0] if problems else '?'}{more}")


class NotARecord(RecordError):
    """A file given to `vita verify` is not a VITA record at all."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(f"{path}: not a VITA record: {why}")


class ExportExists(RecordError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} exists already; not overwritten (choose another folder, or pass --overwrite)")


class DirectoryProblem:
    """One problem in the referral directory, with the file and line it is on."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class DirectoryError(RecordError):
    """The referral directory cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[DirectoryProblem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0] if problems else 'referral directory problem'}{more}")
