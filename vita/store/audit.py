"""The audit trail: who exported what, and when, with no export able to escape it.

An export is logged in three steps (PRODUCT.md: keep an audit trail of who exported what):

1. `begin`: a "pending" entry names the files the export will write and the SHA-256 of each one's bytes;
2. the files are written (vita.safe_files);
3. `settle`: the entry becomes "done" (or "failed", with what happened).

A crash between 1 and 3 leaves a pending entry. At the next unlock `recover` looks at the disk: if every
file is there with the bytes the entry names, the export is complete and the entry becomes "done after a
crash"; otherwise the hidden partial files and any of its files that did get written are deleted and the
entry becomes "cleaned up after a crash". Either way the entry says so in plain words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from vita.safe_files import is_partial_name, place_file

PENDING = "pending"
DONE = "done"
FAILED = "failed"
RECOVERED = "done after a crash"
CLEANED = "cleaned up after a crash"
STATES = (PENDING, DONE, FAILED, RECOVERED, CLEANED)


@dataclass(frozen=True)
class AuditFile:
    """A file an audited action writes, and the SHA-256 of the bytes it was to hold."""

    path: Path
    sha256: str

    @classmethod
    def of(cls, path: Path, data: bytes) -> AuditFile:
        return cls(Path(path), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    action: str
    detail: str
    officer: str
    id: int = 0
    state: str = DONE
    files: tuple[AuditFile, ...] = field(default_factory=tuple)
    outcome: str = ""

    def describe(self) -> str:
        """The entry as plain text an officer reads; the outcome of a settled crash on a second line."""
        when = self.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        text = f"{when}  {self.action:<10} {self.state:<19} {self.officer}: {self.detail}"
        return text + (f"\n{'':>22}{self.outcome}" if self.outcome else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "action": self.action,
            "state": self.state,
            "officer": self.officer,
            "detail": self.detail,
            "files": [{"path": str(f.path), "sha256": f.sha256} for f in self.files],
            "outcome": self.outcome,
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _files_json(files: tuple[AuditFile, ...] | list[AuditFile]) -> str:
    return json.dumps([{"path": str(f.path), "sha256": f.sha256} for f in files], ensure_ascii=False)


def _files_from(text: str) -> tuple[AuditFile, ...]:
    try:
        items = json.loads(text)
        return tuple(AuditFile(Path(item["path"]), str(item["sha256"])) for item in items)
    except (ValueError, TypeError, KeyError):
        return ()  # an unreadable list names no file: recovery then has nothing to delete


def add(
    db: Database, action: str, detail: str, officer: str, *, state: str = DONE, files: list[AuditFile] | None = None
) -> int:
    """A new entry; returns its id. The caller holds the transaction."""
    table = db.table("audit")
    table.insert(
        {
            "at": _now(),
            "action": action,
            "detail": detail,
            "officer": officer,
            "state": state,
            "files": _files_json(files or []),
            "outcome": "",
        }
    )
    return int(table.last_pk)  # type: ignore[arg-type]


def settle(db: Database, entry_id: int, state: str, outcome: str = "") -> None:
    """Mark a pending entry done, failed or recovered. The caller holds the transaction."""
    if state not in STATES or state == PENDING:
        raise ValueError(f"an audit entry cannot be settled as {state!r}")
    db.execute("UPDATE audit SET state = ?, outcome = ? WHERE id = ?", [state, outcome, entry_id])


_COLUMNS = "id, at, action, detail, officer, state, files, outcome"


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    entry_id, at, action, detail, officer, state, files, outcome = row
    return AuditEntry(
        dt.datetime.fromisoformat(at), action, detail, officer, entry_id, state, _files_from(files), outcome
    )


def entries(db: Database, *, state: str | None = None) -> list[AuditEntry]:
    """Oldest first; only those in `state` if given."""
    where, params = ("WHERE state = ?", [state]) if state else ("", [])
    return [_entry(row) for row in db.execute(f"SELECT {_COLUMNS} FROM audit {where} ORDER BY id", params)]


def _sha256(path: Path) -> str | None:
    """The file's SHA-256, or None if there is no plain file at `path` (a link is not ours)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class Plan:
    """What recovery does with a pending entry's files: put complete hidden files in place, delete the rest."""

    state: str
    outcome: str
    place: list[tuple[Path, Path]]  # (complete hidden file, its final name)
    delete: list[Path]


def examine(entry: AuditEntry) -> Plan:
    """Look at a pending entry's files on disk and decide. The files of an export are all written and synced
    under hidden names before any is put in place, so if each file is either in place or complete under its
    hidden name, the export can be finished; otherwise nothing of it was placed and the hidden files go."""
    partials = {item.path: _listed_partials(item.path.parent, item.path.name) for item in entry.files}
    in_place = [item for item in entry.files if _sha256(item.path) == item.sha256]
    ready = {
        item.path: next((p for p in partials[item.path] if _sha256(p) == item.sha256), None)
        for item in entry.files
        if item not in in_place
    }
    leftovers = [p for found in partials.values() for p in found]
    names = ", ".join(item.path.name for item in entry.files)
    if entry.files and all(ready.values()):
        moves = [(hidden, final) for final, hidden in ready.items() if hidden is not None]
        rest = [p for p in leftovers if p not in {hidden for hidden, _ in moves}]
        how = "found complete and kept" if not moves else "found complete and put in place"
        return Plan(RECOVERED, f"VITA stopped before confirming this; {names} were {how}", moves, rest)
    doomed = [item.path for item in in_place] + leftovers
    if doomed:
        gone = ", ".join(p.name for p in doomed)
        return Plan(CLEANED, f"VITA stopped while writing; the incomplete export was deleted ({gone})", [], doomed)
    return Plan(CLEANED, "VITA stopped before this was confirmed; no file of this export was on the disk", [], [])


def _listed_partials(folder: Path, final_name: str) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if is_partial_name(p.name) and p.name.startswith(f".{final_name}.")]
    except OSError:
        return []


def recover(db: Database) -> list[AuditEntry]:
    """Finish or clean up every pending entry a crash left; returns the settled entries. Holds no transaction
    itself (the caller commits each settlement). Files are deleted before the entry is settled, so a crash
    during recovery leaves the entry pending and recovery simply runs again."""
    settled = []
    for entry in entries(db, state=PENDING):
        plan = examine(entry)
        for hidden, final in plan.place:
            place_file(hidden, final, replace=True)  # replaces the name itself (an earlier export, even a link)
        for path in plan.delete:
            path.unlink(missing_ok=True)  # unlinks a link itself, never what it points to
        settle(db, entry.id, plan.state, plan.outcome)
        settled.append(_entry(db.execute(f"SELECT {_COLUMNS} FROM audit WHERE id = ?", [entry.id]).fetchone()))
    return settled
