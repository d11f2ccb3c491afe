"""Protection of the write-ahead log (WAL): committed events that SQLite would drop without a word.

After a crash the store's newest commits live only in `vita.db-wal`. When SQLite opens the store it replays
the log frame by frame and stops at the first frame whose checksum or salt is wrong; everything after it is
ignored, and the log is deleted at the next checkpoint. One changed byte can so lose many committed events
silently. So before opening a store whose log is not empty VITA keeps a copy of the log and reads it the way
SQLite will (the format: https://www.sqlite.org/fileformat2.html#walformat; SQLCipher encrypts page contents
only, so headers and checksums are as in plain SQLite). If SQLite will apply fewer committed frames than the
log holds, the copy is kept beside the store under a name that says so, and the officer is told; otherwise
the copy is removed once the store is open.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass
from pathlib import Path

from vita.safe_files import SafeFileError, write_file
from vita.store.errors import StoreError

WAL_HEADER = 32
FRAME_HEADER = 24
MAGIC_LITTLE, MAGIC_BIG = 0x377F0682, 0x377F0683


@dataclass(frozen=True)
class WalReading:
    """What a log holds: committed frames in it, and how many of them SQLite will apply."""

    frames: int  # whole frames in the file
    committed: int  # frame number of the last commit frame of the log's current generation (0: none)
    applied: int  # frame number of the last commit frame SQLite will replay (0: none)

    @property
    def loses(self) -> bool:
        return self.committed > self.applied


class WalDamaged(StoreError):
    """A warning, not a refusal: the store opened, but its log was damaged and committed changes were left out.

    Carries the numbers and where the copy of the log is kept; `vita.errors_text.explain` says it in words."""

    def __init__(self, path: Path, reading: WalReading, copy: Path | None) -> None:
        super().__init__(path, reading, copy)
        self.reading = reading
        self.copy = copy


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def read_wal(data: bytes) -> WalReading:
    """Read a log as SQLite's recovery does, and also count the commits it holds beyond a damaged frame."""
    if len(data) < WAL_HEADER:
        return WalReading(0, 0, 0)
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:WAL_HEADER])
    size = FRAME_HEADER + page_size if 512 <= page_size <= 65536 and page_size & (page_size - 1) == 0 else 0
    if size == 0:  # the header is damaged where the page size is: take the size from the file's usual layout
        size = FRAME_HEADER + 4096
    frames = (len(data) - WAL_HEADER) // size
    header_ok = magic in (MAGIC_LITTLE, MAGIC_BIG) and size - FRAME_HEADER == page_size
    big = magic == MAGIC_BIG
    if header_ok:
        header_ok = _checksum(data[:24], big, 0, 0) == (c0, c1)
    if not header_ok and frames:
        # SQLite ignores the whole log. Its frames still say which generation they belong to: the first one's.
        salt1, salt2 = struct.unpack(">II", data[WAL_HEADER + 8 : WAL_HEADER + 16])
    committed = applied = 0
    replaying = header_ok
    s0, s1 = c0, c1
    for n in range(1, frames + 1):
        start = WAL_HEADER + (n - 1) * size
        frame = data[start : start + size]
        page, db_size, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", frame[:FRAME_HEADER])
        ours = (f_salt1, f_salt2) == (salt1, salt2)
        if ours and db_size:
            committed = n
        if replaying:
            s0, s1 = _checksum(frame[:8], big, s0, s1)
            s0, s1 = _checksum(frame[FRAME_HEADER:], big, s0, s1)
            if not ours or page == 0 or (s0, s1) != (f0, f1):
                replaying = False
            elif db_size:
                applied = n
    return WalReading(frames, committed, applied)


def wal_path(store: Path) -> Path:
    return store.with_name(store.name + "-wal")


@dataclass
class WalGuard:
    """Made before a store is opened; `after_open` says whether committed changes were lost."""

    store: Path
    reading: WalReading | None = None
    copy: Path | None = None

    @classmethod
    def before_open(cls, store: Path) -> WalGuard:
        guard = cls(store)
        log = wal_path(store)
        try:
            data = log.read_bytes()
        except OSError:
            return guard  # no log: nothing to protect
        if not data:
            return guard
        guard.reading = read_wal(data)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        name = f"{log.name}.kept-{stamp}" if guard.reading.loses else f".{log.name}.before-open"
        try:
            guard.copy = write_file(store.with_name(name), data, replace=True)
        except SafeFileError:
            guard.copy = None
        return guard

    def after_open(self) -> WalDamaged | None:
        """The warning for the officer if the log lost committed changes (its copy stays); else drop the copy."""
        if self.reading is not None and self.reading.loses:
            return WalDamaged(self.store, self.reading, self.copy)
        if self.copy is not None:
            self.copy.unlink(missing_ok=True)
        return None
