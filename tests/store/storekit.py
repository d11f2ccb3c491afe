"""Helpers for the store tests: real encrypted files, with a cheap KDF so each test opens in milliseconds."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlite_utils import Database

from vita.content.model import Audience, Form
from vita.interview.model import Interview
from vita.store import Store, kdf
from vita.store.connection import configure_writer, connect

PASSPHRASE = "a long passphrase at the border"
TEST_COST = kdf.MIN_COST  # the default cost is exercised by its own test; 2^10 keeps the others fast


def flip(path: Path, offset: int, count: int = 16) -> None:
    """Damage `count` bytes of a file at `offset` (each bit inverted), as a bad disk sector or a stray write would."""
    with path.open("r+b") as file:
        file.seek(offset)
        data = file.read(count)
        file.seek(offset)
        file.write(bytes(b ^ 0xFF for b in data))


def make_store(path: Path, passphrase: str = PASSPHRASE) -> Store:
    return Store.create(path, passphrase, kdf_cost=TEST_COST)


def an_interview(minutes: int = 0, **overrides: object) -> Interview:
    fields: dict[str, object] = {
        "place": "Kapitan Andreevo crossing",
        "officer": "Officer Petrova",
        "language": "ar",
        "form": Form.FEMALE,
        "audience": Audience.ADULT,
        "now": dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes),
    }
    fields.update(overrides)
    return Interview.start(**fields)  # type: ignore[arg-type]


def file_digests(path: Path) -> dict[str, str]:
    """SHA-256 of the store and of its write-ahead log if there is one: what 'untouched' means."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (path, path.with_name(path.name + "-wal"))
        if p.exists()
    }


def raw_database(path: Path, *, create: bool = False) -> Database:
    """The store's file opened below the Store API, as an earlier VITA would have."""
    if create:
        salt = kdf.new_salt(TEST_COST)
        conn = connect(str(path), kdf.derive_key(PASSPHRASE, salt), salt=salt)
    else:
        conn = connect(str(path), kdf.derive_key(PASSPHRASE, path.read_bytes()[: kdf.SALT_SIZE]))
    configure_writer(path, conn)
    return Database(conn, execute_plugins=False)
