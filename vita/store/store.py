"""The encrypted, crash-safe store of interviews: an SQLCipher file used through sqlite-utils.

Threading rule: a Store owns one connection and is used from one thread only, the thread that opened it.
Opened with an owner (vita/store/owner.py), it is opened on the owner's thread and every call from any other
thread is handed to it, so the window's background tasks share the store without sharing the connection.
Without an owner (the command line, the tests), using it from another thread raises sqlcipher3's
ProgrammingError rather than risking interleaved writes. Only one Store
(one process) may have a file open at a time; a second one gets StoreInUse.

Durability: every write is its own transaction, committed and synced (WAL, synchronous=FULL) before the
method returns, so a killed process, a power cut or a full disk loses at most the event being written.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from vita.interview.model import Event, EventType, Interview
from vita.interview.outcome import Outcome
from vita.interview.session import InterviewSession
from vita.safe_files import DiskFull, FileExists, SafeFileError, place_file
from vita.store import audit, connection, kdf, reading, schema, summaries
from vita.store.audit import AuditEntry, AuditFile
from vita.store.errors import (
    CorruptStore,
    EventOutOfOrder,
    InterviewAlreadyFinished,
    InterviewExists,
    MigrationFailed,
    NewerSchema,
    StoreCreateFailed,
    StoreError,
    StoreExists,
    StoreFull,
    StoreMissing,
    StoreWriteFailed,
    UnknownInterview,
    WeakPassphrase,
    WrongPassphrase,
)
from vita.store.owner import StoreThread
from vita.store.owner import owned as _owned
from vita.store.private import keep_private, make_private
from vita.store.reading import timestamp
from vita.store.wal import WalDamaged, WalGuard
from vita.store.weak_passphrases import weakness


@dataclass(frozen=True)
class StoreInfo:
    """What `vita store check` reports. Holds no personal data."""

    path: Path
    schema_version: int
    kdf: str
    cipher_version: str
    journal_mode: str
    synchronous: str
    interviews: int
    unfinished: int
    events: int
    size_bytes: int


class Store:
    """Interviews, their event logs, the audit trail and settings, in one encrypted file.

    Implements `vita.interview.session.EventLog`. Use `Store.create` or `Store.open`, not the constructor."""

    def __init__(self, path: Path, conn: connection.Connection, key: bytes, owner: StoreThread | None = None) -> None:
        self.path = path
        self.owner = owner
        self._conn = conn
        self._db = Database(conn, execute_plugins=False)
        # Enough to check the old passphrase in change_passphrase; the key itself is not kept here.
        self._key_digest = hashlib.sha256(key).digest()
        self.upgraded_from: int | None = None  # the schema version found, if opening upgraded the file
        self.recovered: list[AuditEntry] = []  # audit entries a crash left pending, settled when it was opened
        self.wal_damaged: WalDamaged | None = None  # a warning for the officer: opened, but the log lost changes

    # -- opening and closing -------------------------------------------------------------------------------

    @staticmethod
    def exists(path: Path) -> bool:
        return Path(path).is_file()

    @classmethod
    def create(
        cls, path: Path, passphrase: str, *, kdf_cost: int = kdf.DEFAULT_COST, owner: StoreThread | None = None
    ) -> Store:
        """Make a new encrypted store. It appears at `path` complete or not at all.

        `kdf_cost` is log2 of scrypt's N; lower it only in tests. With an `owner`, made on the owner's thread."""
        if owner is not None and not owner.is_current:
            return owner.call(cls.create, path, passphrase, kdf_cost=kdf_cost, owner=owner)
        path = Path(path)
        if path.exists():
            raise StoreExists(path)
        if not passphrase.strip():
            raise WeakPassphrase("a store cannot be protected by an empty passphrase")
        if weakness(passphrase):
            raise WeakPassphrase(str(weakness(passphrase)))
        salt = kdf.new_salt(kdf_cost)
        key = kdf.derive_key(passphrase, salt)
        draft = path.with_name(f".{path.name}.creating-{secrets.token_hex(4)}")
        try:
            make_private(path, draft)
            conn = connection.connect(str(draft), key, salt=salt)
            try:
                connection.configure_writer(draft, conn)
                schema.migrate(Database(conn, execute_plugins=False))
            finally:
                conn.close()  # checkpoints the log into the file and removes it
            place_file(draft, path)  # synced, and never replacing a store made by someone else meanwhile
        except connection.DatabaseError as error:
            raise connection.translate(path, error) from error
        except FileExists:
            raise StoreExists(path) from None
        except DiskFull as error:
            raise StoreFull("the new store") from error
        except SafeFileError as error:  # the data folder is a link, someone else's, or open to others
            raise StoreCreateFailed(path, getattr(error, "why", None) or str(error)) from error
        except OSError as error:
            if error.errno == errno.ENOSPC:
                raise StoreFull("the new store") from error
            raise StoreCreateFailed(path, error.strerror or str(error)) from error
        finally:
            for leftover in (draft, draft.with_name(draft.name + "-wal"), draft.with_name(draft.name + "-shm")):
                leftover.unlink(missing_ok=True)
        try:
            conn = connection.connect(str(path), key)
        except connection.DatabaseError as error:
            raise connection.translate(path, error) from error
        try:
            connection.configure_writer(path, conn)
        except BaseException:
            conn.close()
            raise
        return cls(path, conn, key, owner)

    @classmethod
    def open(cls, path: Path, passphrase: str, owner: StoreThread | None = None, *, recover: bool = True) -> Store:
        """Open an existing store, upgrading its schema if it is older than this code. With an `owner`, the key
        is derived and the file opened on the owner's thread.

        Exports a crash left unconfirmed are finished or cleaned up (`recovered`), unless `recover` is False
        (`vita doctor` looks without changing anything).

        A wrong passphrase, a damaged file or a newer schema raise a typed error and leave the file untouched."""
        if owner is not None and not owner.is_current:
            return owner.call(cls.open, path, passphrase, owner, recover=recover)
        path = Path(path)
        if not path.is_file():
            raise StoreMissing(path)
        salt = connection.read_salt(path)
        key = kdf.derive_key(passphrase, salt)
        if recover:  # `vita doctor` (recover=False) reports loose modes instead of changing them
            keep_private(path)
        version = connection.inspect(path, key)  # read-only: refusals change nothing
        if version > schema.SCHEMA_VERSION:
            raise NewerSchema(path, version, schema.SCHEMA_VERSION)
        guard = WalGuard.before_open(path)  # SQLite deletes a damaged log once open: keep a copy first
        try:
            conn = connection.connect(str(path), key)
        except connection.DatabaseError as error:
            raise connection.translate(path, error) from error
        try:
            connection.configure_writer(path, conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # replays the log now
            db = Database(conn, execute_plugins=False)
            try:
                upgraded = schema.migrate(db)
            except Exception as error:
                failed = schema.version_of(db) + 1
                raise MigrationFailed(path, failed, str(error) or type(error).__name__) from error
        except BaseException:
            conn.close()
            guard.after_open()  # a copy of a damaged log stays; an ordinary one goes
            raise
        store = cls(path, conn, key, owner)
        store.upgraded_from = version if upgraded else None
        store.wal_damaged = guard.after_open()
        if recover:
            try:
                store.recovered = store.recover_audit()
            except BaseException:
                store.close()
                raise
        return store

    @_owned
    def close(self) -> None:
        """Close the file (idempotent). Everything was already committed as it happened."""
        with suppress(connection.DatabaseError):
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """One transaction, committed and synced on exit; SQLite's failures become typed errors."""
        try:
            with self._db.atomic():
                yield
        except StoreError:
            raise
        except connection.DatabaseError as error:
            name = connection.error_name(error)
            if name.startswith("SQLITE_FULL"):
                raise StoreFull(what) from error
            if name.startswith("SQLITE_CORRUPT"):
                raise CorruptStore(self.path, f"SQLite found damage in it while saving {what}") from error
            raise StoreWriteFailed(what, str(error)) from error

    # -- interviews and events -----------------------------------------------------------------------------

    @_owned
    def add_interview(self, interview: Interview) -> None:
        with self._writing(f"the new interview {interview.case_reference}"):
            if self._db.execute("SELECT 1 FROM interviews WHERE id = ?", [interview.id]).fetchone():
                raise InterviewExists(interview.id)
            self._db.table("interviews").insert(
                {
                    "id": interview.id,
                    "case_reference": interview.case_reference,
                    "started_at": timestamp(interview.started_at),
                    "place": interview.place,
                    "officer": interview.officer,
                    "language": interview.language,
                    "form": interview.form.value,
                    "audience": interview.audience.value,
                    "country": interview.country,
                }
            )

    @_owned
    def append(self, interview_id: str, event: Event) -> None:
        """Add one event to an interview's log; it is on the disk when this returns.

        The log is gapless and closed by FINISHED: event n+1 must follow event n, and nothing follows FINISHED."""
        with self._writing(_WHAT_WAS_LOST[EventType(event.type)]):
            self._require(interview_id)
            last, finished = self._db.execute(
                "SELECT coalesce(max(seq), 0), coalesce(sum(type = ?), 0) FROM events WHERE interview_id = ?",
                [EventType.FINISHED.value, interview_id],
            ).fetchone()
            if finished:
                raise InterviewAlreadyFinished(interview_id)
            if event.seq != last + 1:
                raise EventOutOfOrder(interview_id, last + 1, event.seq)
            self._db.table("events").insert(
                {
                    "interview_id": interview_id,
                    "seq": event.seq,
                    "at": timestamp(event.at),
                    "type": EventType(event.type).value,
                    "data": json.dumps(dict(event.data), ensure_ascii=False, sort_keys=True),
                }
            )
            if EventType(event.type) is EventType.FINISHED:  # finished and summarised in one transaction
                summaries.write(self._db, interview_id)
        if EventType(event.type) is EventType.FINISHED:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Copy the log into the store file and empty it, so a damaged log can only ever hold one interview's
        changes. A failure here loses nothing (the log still holds every commit): it is left for next time."""
        with suppress(connection.DatabaseError):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def _require(self, interview_id: str) -> None:
        if not self._db.execute("SELECT 1 FROM interviews WHERE id = ?", [interview_id]).fetchone():
            raise UnknownInterview(interview_id)

    @_owned
    def interview(self, interview_id: str) -> Interview:
        row = self._db.execute(
            f"SELECT {reading.INTERVIEW_COLUMNS} FROM interviews WHERE id = ?", [interview_id]
        ).fetchone()
        if row is None:
            raise UnknownInterview(interview_id)
        return reading.interview_from(self.path, row)

    @_owned
    def events(self, interview_id: str) -> list[Event]:
        """The interview's log in order."""
        self._require(interview_id)
        rows = self._db.execute(
            "SELECT seq, at, type, data FROM events WHERE interview_id = ? ORDER BY seq", [interview_id]
        )
        return [reading.event_from(self.path, row) for row in rows]

    @_owned
    def session(self, interview_id: str) -> InterviewSession:
        """The interview as it stands, ready to carry on: its new events are logged back into this store."""
        return InterviewSession(self.interview(interview_id), self, self.events(interview_id))

    @_owned
    def start_session(self, interview: Interview) -> InterviewSession:
        self.add_interview(interview)
        return InterviewSession(interview, self, [])

    def unfinished(self) -> list[Interview]:
        """Interviews with no FINISHED event, newest first: offered for resumption on start."""
        return self.interviews(finished=False)

    @_owned
    def interviews(self, *, finished: bool | None = None, since: dt.datetime | None = None) -> list[Interview]:
        """Interview headers, newest first; `since` compares with the start time (inclusive)."""
        where, params = reading.filters(finished, since)
        sql = f"SELECT {reading.INTERVIEW_COLUMNS} FROM interviews i"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY started_at DESC, rowid DESC"
        return [reading.interview_from(self.path, row) for row in self._db.execute(sql, params)]

    def outcomes(self, *, since: dt.datetime | None = None) -> Iterator[Outcome]:
        """What each finished interview came to, one at a time, read from its summary (vita/store/summaries.py):
        no log is replayed, and memory does not grow with the store. A test holds it equal to replaying each log."""
        sql, params = (reading.OUTCOMES, []) if since is None else (reading.OUTCOMES_SINCE, [timestamp(since)])
        # Not @_owned itself (a generator would be run by the caller's thread): the query and each batch of
        # rows are read on the owner thread, the outcomes are built on the caller's.
        found = self._execute(sql, params)
        while batch := self._fetch(found):
            for row in batch:
                yield reading.outcome_from(self.path, row)

    @_owned
    def _execute(self, sql: str, params: list[str]) -> Any:
        return self._db.execute(sql, params)

    @_owned
    def _fetch(self, cursor: Any, size: int = 500) -> list[Any]:
        return list(cursor.fetchmany(size))

    @_owned
    def delete_finished_before(self, cutoff: dt.datetime) -> int:
        """Delete every interview that finished before `cutoff`, with its whole log; returns how many.

        The retention period (PRODUCT.md: keep only what the referral needs). Unfinished interviews are never
        deleted here. Exported records are files outside the store and are not touched. The audit trail says
        how many were deleted and up to when, without naming them."""
        with self._writing("the deletion of interviews past their retention period"):
            # Set-based: a few statements whatever the number of interviews, not two per interview. The ids go
            # into a temporary table (in memory: temp_store) because deleting the summaries removes what finds them.
            self._db.execute("DROP TABLE IF EXISTS temp.expired")
            self._db.execute(
                "CREATE TEMP TABLE expired AS SELECT interview_id AS id FROM summaries WHERE finished_at < ?",
                [timestamp(cutoff)],
            )
            count = self._db.execute("SELECT count(*) FROM temp.expired").fetchone()[0]
            if count:
                for table, column in (("events", "interview_id"), ("summaries", "interview_id"), ("interviews", "id")):
                    self._db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM temp.expired)")
            self._db.execute("DROP TABLE temp.expired")
            if count:
                self._db.table("audit").insert(
                    {
                        "at": timestamp(dt.datetime.now(dt.UTC)),
                        "action": "retention",
                        "detail": f"deleted {count} interview(s) finished before {timestamp(cutoff)}",
                        "officer": "VITA (automatic)",
                    }
                )
        return int(count)

    # -- audit trail and settings --------------------------------------------------------------------------

    @_owned
    def record_audit(self, action: str, detail: str, officer: str) -> None:
        """Note who did what, e.g. ("retention", "deleted 3 …", officer). Kept for good. For an action that
        writes files, use begin_audit and settle_audit instead, so a crash cannot hide it."""
        with self._writing(f"the audit entry for {action}"):
            audit.add(self._db, action, detail, officer)

    @_owned
    def begin_audit(self, action: str, detail: str, officer: str, files: list[AuditFile]) -> int:
        """A pending entry naming the files about to be written; returns its id for settle_audit."""
        with self._writing(f"the audit entry for {action}"):
            return audit.add(self._db, action, detail, officer, state=audit.PENDING, files=files)

    @_owned
    def settle_audit(self, entry_id: int, state: str, outcome: str = "") -> None:
        with self._writing("the audit entry that confirms this export (its files were taken back)"):
            audit.settle(self._db, entry_id, state, outcome)

    @_owned
    def recover_audit(self) -> list[AuditEntry]:
        """Finish or clean up what a crash left of audited exports, and say so in their entries."""
        with self._writing("the audit entries of an interrupted export"):
            return audit.recover(self._db)

    @_owned
    def audit_log(self, *, state: str | None = None) -> list[AuditEntry]:
        """Oldest first; only the entries in `state` if given (e.g. audit.PENDING)."""
        return audit.entries(self._db, state=state)

    @_owned
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else str(row[0])

    @_owned
    def set_setting(self, key: str, value: str) -> None:
        with self._writing(f"the setting {key}"):
            self._db.table("settings").upsert({"key": key, "value": value}, pk="key")

    # -- keys and health -----------------------------------------------------------------------------------

    @_owned
    def change_passphrase(self, old: str, new: str) -> None:
        """Re-encrypt the whole file under a new passphrase, in one transaction: a crash keeps the old one."""
        salt = connection.read_salt(self.path)
        if not hmac.compare_digest(hashlib.sha256(kdf.derive_key(old, salt)).digest(), self._key_digest):
            raise WrongPassphrase(self.path)
        if not new.strip():
            raise WeakPassphrase("a store cannot be protected by an empty passphrase")
        if weakness(new):
            raise WeakPassphrase(str(weakness(new)))
        key = kdf.derive_key(new, salt)
        try:
            self._conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except connection.DatabaseError as error:
            if connection.error_name(error).startswith("SQLITE_FULL"):
                raise StoreFull("the new passphrase") from error
            raise StoreWriteFailed("the new passphrase", str(error)) from error
        self._key_digest = hashlib.sha256(key).digest()

    @_owned
    def check_integrity(self) -> None:
        """Read and check every page (not done at unlock: it takes a second at 10,000 interviews).
        Raises CorruptStore."""
        connection.check_integrity(self.path, self._conn)

    @_owned
    def integrity_problems(self) -> list[str]:
        """The full check as words, empty when the store is sound (for `vita doctor`; slow on a large store)."""
        return connection.integrity_problems(self._conn)

    @_owned
    def finished_before(self, cutoff: dt.datetime) -> int:
        """How many interviews finished before `cutoff` (what delete_finished_before would delete)."""
        row = self._db.execute("SELECT count(*) FROM summaries WHERE finished_at < ?", [timestamp(cutoff)]).fetchone()
        return int(row[0])

    @_owned
    def info(self) -> StoreInfo:
        def one(sql: str) -> Any:
            return self._db.execute(sql).fetchone()[0]

        return StoreInfo(
            path=self.path,
            schema_version=schema.version_of(self._db),
            kdf=kdf.describe(connection.read_salt(self.path)),
            cipher_version=str(one("PRAGMA cipher_version")),
            journal_mode=str(one("PRAGMA journal_mode")),
            synchronous={0: "off", 1: "normal", 2: "full", 3: "extra"}.get(one("PRAGMA synchronous"), "?"),
            interviews=one("SELECT count(*) FROM interviews"),
            unfinished=one(f"SELECT count(*) FROM interviews i WHERE NOT {reading.IS_FINISHED}"),
            events=one("SELECT count(*) FROM events"),
            size_bytes=self.path.stat().st_size,
        )


_WHAT_WAS_LOST = {
    EventType.MESSAGE_PLAYED: "the note that a message was played or shown",
    EventType.PLAYBACK_ENDED: "the note of how far a message was heard",
    EventType.ANSWER_SELECTED: "this answer",
    EventType.ANSWER_CORRECTED: "this correction",
    EventType.NOTE_ADDED: "this note",
    EventType.LANGUAGE_CHANGED: "the change of language",
    EventType.FORM_CHANGED: "the change of form",
    EventType.CONSENT_RECORDED: "the answer about consent",
    EventType.PAUSED: "the pause",
    EventType.RESUMED: "the resumption",
    EventType.FINISHED: "the end of the interview",
}
