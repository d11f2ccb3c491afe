"""Opening the SQLCipher file: the key, the durability settings, and SQLite's errors turned into typed ones.

A store is opened in two steps. First a read-only connection checks the file (it decrypts, it is a VITA
store, it has all its pages, the schema is not newer than this code) and writes nothing, so a file that is
refused is left byte-for-byte as it was. Only then is the single read-write connection opened.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from vita.store import kdf
from vita.store.errors import (
    CorruptStore,
    DiskFullAtOpen,
    StoreError,
    StoreInUse,
    StoreOpenFailed,
    StoreUnreadable,
    WalUnavailable,
    WrongPassphrase,
)

# sqlcipher3 has sqlite3's interface but ships no type hints: type its connections as sqlite3's.
Connection = sqlite3.Connection
DatabaseError: type[Exception] = sqlcipher.DatabaseError

PAGE_SIZE = 4096  # SQLCipher 4's page size, pinned by cipher_compatibility = 4
APPLICATION_ID = 0x56495441  # "VITA" in the SQLite header, so another program's database is recognised
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def error_name(error: BaseException) -> str:
    return str(getattr(error, "sqlite_errorname", ""))


def read_salt(path: Path) -> bytes:
    """The KDF salt from the file's first 16 bytes, after checking the file has the shape of a store."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(kdf.SALT_SIZE)
    except OSError as error:
        raise StoreUnreadable(path, error.strerror or str(error)) from error
    if size == 0:
        raise CorruptStore(path, "the file is empty")
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise CorruptStore(path, f"the file is {size} bytes long, not whole pages: it was cut short or added to")
    if head == PLAIN_SQLITE_HEADER:
        raise CorruptStore(path, "it is an unencrypted database, not a VITA store")
    try:
        kdf.describe(head)
    except kdf.UnknownKdf:
        raise CorruptStore(path, "it is not a VITA store, or it was made by a newer version of VITA") from None
    return head


def connect(target: str, key: bytes, *, salt: bytes | None = None, read_only: bool = False) -> Connection:
    """A keyed connection. `salt` is given only when the file is being created (SQLCipher writes it)."""
    if read_only:
        # With no write-ahead log beside it, the file alone is the whole store: `immutable` reads it without
        # creating a log or an index next to it. After a crash the log holds committed events, so it must be read.
        has_log = Path(target + "-wal").exists()
        uri = Path(target).resolve().as_uri() + ("?mode=ro" if has_log else "?immutable=1")
        conn = sqlcipher.connect(uri, uri=True, isolation_level=None, timeout=0)
    else:
        # timeout=0: if another VITA holds the file, say so at once instead of hanging the window
        conn = sqlcipher.connect(target, isolation_level=None, timeout=0)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our typed error, not noise on stderr
        conn.execute(f"PRAGMA key = \"x'{key.hex()}{salt.hex() if salt else ''}'\"")
        # Pin SQLCipher 4's settings (AES-256-CBC, HMAC-SHA512, 4 KiB pages) so a later SQLCipher with new
        # defaults still reads today's files.
        conn.execute("PRAGMA cipher_compatibility = 4")
    except BaseException:
        conn.close()
        raise
    return conn


DISK_FULL_BELOW = 1 << 20  # opening after a crash needs room for the log's index and a checkpoint


def free_bytes(path: Path) -> int | None:
    """Room left on the disk holding `path`, or None if the system will not say."""
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return None


def translate(path: Path, error: BaseException) -> StoreError:
    """SQLite's error while opening, as the officer should hear it."""
    name = error_name(error)
    if name == "SQLITE_NOTADB":
        return WrongPassphrase(path)
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
        free = free_bytes(path)
        if free is not None and free < DISK_FULL_BELOW:
            return DiskFullAtOpen(path, free // 1024)
        if name.startswith("SQLITE_FULL"):
            return DiskFullAtOpen(path, (free or 0) // 1024)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreInUse(path)
    if name.startswith("SQLITE_CORRUPT"):
        return CorruptStore(path, "SQLite found damage in it")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_READONLY", "SQLITE_AUTH")):
        return StoreUnreadable(path, str(error))
    return StoreOpenFailed(path, str(error))


def inspect(path: Path, key: bytes) -> int:
    """Check the file without writing to it; return its schema version. Raises the typed errors.

    This runs at every unlock, so it reads only what is cheap and says the most: the first page (the key
    is right and it is a VITA store), the page count against the file's size (cut short or added to) and
    the schema version. It does not read every page: at 10,000 interviews that took 1.4 s of each unlock.
    `check_integrity` and `integrity_problems` do, for `vita store check` and `vita doctor`."""
    try:
        conn = connect(str(path), key, read_only=True)
    except DatabaseError as error:
        raise translate(path, error) from error
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise CorruptStore(path, "it is another program's encrypted database, not a VITA store")
        pages: int = conn.execute("PRAGMA page_count").fetchone()[0]
        has_log = Path(str(path) + "-wal").exists()
        if not has_log and pages * PAGE_SIZE != path.stat().st_size:  # a log may hold pages the file lacks yet
            raise CorruptStore(
                path, f"it should hold {pages} pages, but the file has {path.stat().st_size // PAGE_SIZE}"
            )
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return version
    except DatabaseError as error:
        raise translate(path, error) from error
    finally:
        conn.close()


def check_integrity(path: Path, conn: Connection) -> None:
    """Read every page: each page's HMAC (damage or tampering) and SQLite's own structure check.
    Raises CorruptStore. Takes about a second per 10,000 interviews."""
    try:
        damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if damaged:
            raise CorruptStore(path, f"{len(damaged)} part(s) of it are damaged or were altered")
        verdict = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if verdict != ["ok"]:
            raise CorruptStore(path, f"SQLite found damage in it ({verdict[0]})")
    except DatabaseError as error:
        raise translate(path, error) from error


def integrity_problems(conn: Connection) -> list[str]:
    """The full check (every page's HMAC, then SQLite's integrity_check) as words: empty when the store is sound."""
    try:
        damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        verdict = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    except DatabaseError as error:
        return [f"SQLite could not read it ({error})"]
    found = [f"{len(damaged)} page(s) were altered or damaged"] if damaged else []
    return found + ([] if verdict == ["ok"] else verdict)


def configure_writer(path: Path, conn: Connection) -> None:
    """Durability first: every commit is on the disk before it returns."""
    try:
        # EXCLUSIVE: this connection is the single writer, and a second VITA on the same file is refused
        # (StoreInUse) instead of interleaving its events with ours. It also keeps WAL's index in memory.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise WalUnavailable(path, str(mode))
        # FULL: in WAL mode, NORMAL may lose the last commits on a power cut; FULL syncs the log on every commit.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")  # deleted interviews are overwritten, not left in free pages
        conn.execute("PRAGMA fullfsync = ON")  # macOS: a real flush to the platter, not just to the drive cache
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # no sorting spill files beside the store
    except DatabaseError as error:
        raise translate(path, error) from error
