"""The store's full integrity check on a schedule (unlocking reads only the header: vita/store/connection.py).

Every `integrity_check_days` (a setting; 0 = never) the app reads every page when it locks, just before the store
closes: the officer has stepped away or chosen to lock, no screen waits on the store, and the check must run on
the store's own connection, which it blocks for about a second per 10,000 interviews. An unlock typed meanwhile
waits its turn on the store's thread.

The last check (when, and what it found) is kept in the store's settings table under a key no setting uses, so
it needs no schema step; `vita doctor` shows it. Damage is written to the audit trail and the app log, and the
record says whether the officer has been told, so the words are shown once and the check is not repeated before
its period is over. A damaged store may refuse the writes: the caller gets the result anyway, and a result the
store refused is parked beside its file (`park`) until the next unlock keeps it (`keep_parked`), so that damage
found as the app closes is not lost with the process.

Qt-free: the window runs it through its background runner, tests with an injected clock.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from vita.safe_files import write_file
from vita.store.errors import StoreError

PERIOD_SETTING = "integrity_check_days"
RECORD_KEY = "scheduled_integrity_check"  # in the settings table; not a declared setting, never shown as one
AUTOMATIC = "VITA (automatic)"
PARKED_SUFFIX = ".check"  # beside the store's file: a result the store refused, until the next unlock
SHOWN_PROBLEMS = 3  # of SQLite's list, which can run to hundreds of lines for one bad page


class CheckedStore(Protocol):
    def integrity_problems(self) -> list[str]: ...

    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...

    def record_audit(self, action: str, detail: str, officer: str) -> None: ...


@dataclass(frozen=True)
class CheckRecord:
    """One scheduled check: when it ran, what it found (empty: sound), whether the officer has been told, whether
    it finished (a record is kept as it starts, so a check cut short is not retried at every lock), and whether
    the store kept its result: after SQLCipher meets a damaged page the connection refuses every write, so the
    result of a check that found damage is kept at the next unlock, on a fresh connection (`keep`)."""

    at: dt.datetime
    problems: tuple[str, ...] = ()
    told: bool = True
    finished: bool = True
    kept: bool = True

    @property
    def sound(self) -> bool:
        return self.finished and not self.problems

    def as_json(self) -> str:
        at = self.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
        return json.dumps({"at": at, "problems": list(self.problems), "told": self.told, "finished": self.finished})

    @classmethod
    def from_json(cls, text: str) -> CheckRecord:
        data: Any = json.loads(text)
        at = dt.datetime.fromisoformat(str(data["at"]))
        if at.tzinfo is None:
            raise ValueError("a check time without its time zone")
        problems = tuple(str(p) for p in data.get("problems", []))
        return cls(at, problems, bool(data.get("told", True)), bool(data.get("finished", True)))

    def describe(self) -> str:
        """For `vita doctor` and the app log: no personal data (page numbers and SQLite's words only)."""
        when = f"{self.at:%Y-%m-%d %H:%M} UTC"
        if not self.finished:
            return f"The last scheduled integrity check ({when}) did not finish, or its result could not be kept."
        if self.sound:
            return f"The last scheduled integrity check ({when}) found the store sound."
        return f"The last scheduled integrity check ({when}) found damage: {'; '.join(self.problems)}."


def last_check(store: CheckedStore) -> CheckRecord | None:
    """The last scheduled check, or None if none ran (or its record is unreadable: then one is due)."""
    try:
        text = store.get_setting(RECORD_KEY, None)
        return None if text is None else CheckRecord.from_json(text)
    except Exception:  # unreadable, whatever SQLite or the JSON said: a check is due, and reading never fails
        return None


def is_due(last: CheckRecord | None, now: dt.datetime, days: float) -> bool:
    """True when the period has passed since `last` (or none ran). A check dated in the future (the clock was
    set wrong, then put right) counts as due, or the schedule would stop until that date."""
    if days <= 0:
        return False
    if last is None or last.at > now:
        return True
    return now - last.at >= dt.timedelta(days=days)


def run_if_due(store: CheckedStore, now: dt.datetime, days: float, log: logging.Logger) -> CheckRecord | None:
    """Run the full check if it is due, keep its record, and note damage in the audit trail and the app log.
    Returns what it found, or None when it was not due. Never raises a StoreError: a store that cannot keep
    the result still gets it reported to the caller (and logged), with `kept` False."""
    if not is_due(last_check(store), now, days):
        return None
    _write_record(store, CheckRecord(now, finished=False))
    started = time.perf_counter()
    problems = tuple(store.integrity_problems()[:SHOWN_PROBLEMS])
    took = time.perf_counter() - started
    record = CheckRecord(now, problems, told=not problems)
    if record.sound:
        log.info("The scheduled integrity check found the store sound (%.1f s).", took)
    else:
        log.warning("%s The store was left as it is. (%.1f s)", record.describe(), took)
    kept = keep(store, record)
    if not kept:
        log.warning("The result of the scheduled integrity check could not be kept in the store yet.")
    return replace(record, kept=kept)


def keep(store: CheckedStore, record: CheckRecord) -> bool:
    """Write the check's record and, for damage, its audit entry; False if the store refused (nothing is lost:
    the caller keeps the record and tries again at the next unlock). The entry is written only with the record,
    so trying again never writes it twice."""
    if not _write_record(store, record):
        return False
    if record.sound:
        return True
    when = f"{record.at:%Y-%m-%d %H:%M} UTC"
    detail = f"the scheduled check of {when} found damage: {'; '.join(record.problems)}; nothing was deleted"
    try:
        store.record_audit("integrity check", detail, AUTOMATIC)
    except StoreError:
        _write_record(store, replace(record, finished=False))  # so that the entry is tried again
        return False
    return True


def _write_record(store: CheckedStore, record: CheckRecord) -> bool:
    try:
        store.set_setting(RECORD_KEY, record.as_json())
    except StoreError:
        return False
    return True


def untold_damage(store: CheckedStore) -> CheckRecord | None:
    """The last check's damage if the officer has not been told of it yet (the app closed before they were)."""
    last = last_check(store)
    return last if last is not None and last.finished and last.problems and not last.told else None


def mark_told(store: CheckedStore, record: CheckRecord) -> None:
    """The officer has seen the words (a record the store could not keep is kept now, as told). A failure only
    means they may see the words once more."""
    told = replace(record, told=True, kept=True)
    last = last_check(store)
    if last is not None and last.finished and (last.at, last.problems) == (record.at, record.problems):
        if not last.told:
            _write_record(store, told)
    elif not record.kept:
        keep(store, told)


def parked_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + PARKED_SUFFIX)


def park(store_path: Path, record: CheckRecord) -> bool:
    """Keep a result the store refused beside its file, for the next unlock: the check's time and SQLite's words,
    no personal data (the app log holds the same). False if even that failed (the app log still has it)."""
    try:
        write_file(parked_path(store_path), record.as_json().encode("utf-8"), replace=True)
    except OSError:  # SafeFileError is one
        return False
    return True


def keep_parked(store: CheckedStore, store_path: Path) -> None:
    """After an unlock, on a fresh connection: a parked result is kept in the store (with its audit entry, as
    `keep` does) and its file removed. An unreadable file is removed: the app log has what it said."""
    path = parked_path(store_path)
    try:
        data = path.read_bytes()
    except OSError:  # none parked (the usual case), or unreadable: nothing to keep
        return
    try:
        record = CheckRecord.from_json(data.decode("utf-8"))
    except (ValueError, KeyError, TypeError):  # UnicodeDecodeError and JSON's errors are ValueErrors
        path.unlink(missing_ok=True)
        return
    if keep(store, record):
        path.unlink(missing_ok=True)
