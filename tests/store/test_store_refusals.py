"""A wrong passphrase, a damaged file, another program's file or a newer schema: a clear typed error, and the
file is left byte-for-byte as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from storekit import PASSPHRASE, an_interview, flip, make_store

from vita.errors_text import explain
from vita.store import CorruptStore, NewerSchema, PassphraseNotText, Store, StoreError, WrongPassphrase, kdf
from vita.store.connection import PAGE_SIZE, connect
from vita.store.schema import SCHEMA_VERSION


@pytest.fixture
def filled(store_path: Path) -> Path:
    """A closed store holding one interview with a few events (several pages, so pages past the first exist)."""
    with make_store(store_path) as store:
        session = store.start_session(an_interview())
        for n in range(40):
            session.note(f"note {n} " + "x" * 200)
    assert store_path.stat().st_size >= 4 * PAGE_SIZE
    return store_path


def refused_untouched(path: Path, digests, error: type[StoreError], passphrase: str = PASSPHRASE) -> StoreError:
    before = digests(path)
    with pytest.raises(error) as refused:
        Store.open(path, passphrase)
    assert digests(path) == before, "a refused file must not change"
    assert not path.with_name(path.name + "-wal").exists(), "refusing must not start a write-ahead log"
    assert "not changed" in explain(refused.value)
    return refused.value


def test_given_a_wrong_passphrase_the_store_is_refused_and_untouched(filled: Path, digests) -> None:
    refused_untouched(filled, digests, WrongPassphrase, "a long passphrase at the borders")
    with Store.open(filled, PASSPHRASE) as store:  # and the right one still works afterwards
        assert len(store.interviews()) == 1


def test_given_damage_inside_the_file_the_full_check_finds_it_and_changes_nothing(filled: Path, digests) -> None:
    """Unlocking reads only the first page and the page count (fast at any size); the full check, run by
    `vita store check` and `vita doctor`, reads every page and names the damage."""
    flip(filled, 2 * PAGE_SIZE + 1000)
    before = digests(filled)
    with Store.open(filled, PASSPHRASE) as store, pytest.raises(CorruptStore) as found:
        store.check_integrity()
    assert "damaged" in explain(found.value)
    assert digests(filled) == before, "checking must not change the file"


def test_given_a_file_cut_short_it_is_refused_as_corrupt_and_untouched(filled: Path, digests) -> None:
    os.truncate(filled, filled.stat().st_size - 1000)
    error = refused_untouched(filled, digests, CorruptStore)
    assert "cut short" in explain(error)


def test_given_a_file_missing_its_last_pages_it_is_refused_as_corrupt(filled: Path, digests) -> None:
    os.truncate(filled, filled.stat().st_size - PAGE_SIZE)
    refused_untouched(filled, digests, CorruptStore)


def test_given_damage_to_the_first_page_it_is_refused_and_untouched(filled: Path, digests) -> None:
    """Page 1 carries the key check, so damage there cannot be told from a wrong passphrase. The message says
    only what is certain (the passphrase does not open it; nothing changed): a mistyped passphrase is far more
    common, and the unlock screen raises the possibility of damage only after repeated refusals."""
    flip(filled, 100)
    error = refused_untouched(filled, digests, WrongPassphrase)
    assert "does not open the store" in explain(error) and "damaged" not in explain(error)


def test_given_an_empty_file_it_is_refused_as_corrupt(store_path: Path, digests) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"")
    refused_untouched(store_path, digests, CorruptStore)


def test_given_random_bytes_they_are_refused_as_not_a_store(store_path: Path, digests) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"\x00" + os.urandom(4 * PAGE_SIZE - 1))
    error = refused_untouched(store_path, digests, CorruptStore)
    assert "not a VITA store" in explain(error)


def test_given_an_unencrypted_database_it_is_refused(store_path: Path, digests) -> None:
    store_path.parent.mkdir(parents=True)
    with sqlite3.connect(store_path) as plain:
        plain.execute("CREATE TABLE t (x)")
    plain.close()
    error = refused_untouched(store_path, digests, CorruptStore)
    assert "unencrypted" in explain(error)


def test_given_another_programs_encrypted_database_it_is_refused(store_path: Path, digests) -> None:
    store_path.parent.mkdir(parents=True)
    salt = kdf.new_salt(kdf.MIN_COST)
    other = connect(str(store_path), kdf.derive_key(PASSPHRASE, salt), salt=salt)
    other.execute("CREATE TABLE t (x)")
    other.close()
    error = refused_untouched(store_path, digests, CorruptStore)
    assert "another program" in explain(error)


def test_given_a_store_from_a_newer_vita_it_is_refused_and_untouched(filled: Path, digests) -> None:
    salt = filled.read_bytes()[: kdf.SALT_SIZE]
    conn = connect(str(filled), kdf.derive_key(PASSPHRASE, salt))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    error = refused_untouched(filled, digests, NewerSchema)
    assert isinstance(error, NewerSchema) and (error.found, error.supported) == (SCHEMA_VERSION + 1, SCHEMA_VERSION)
    assert "newer version of VITA" in explain(error)


def test_a_store_left_with_a_write_ahead_log_is_refused_without_touching_either_file(store_path: Path, digests) -> None:
    """After a crash the committed events sit in the -wal file: a refusal must not fold it into the store."""
    store = make_store(store_path)
    session = store.start_session(an_interview())
    session.note("committed before the crash")
    wal = store_path.with_name(store_path.name + "-wal")
    snapshot = {p: p.read_bytes() for p in (store_path, wal)}  # what a power cut would leave on the disk
    store.close()
    for p, data in snapshot.items():
        p.write_bytes(data)
    refused_untouched_with_wal = digests(store_path)
    assert set(refused_untouched_with_wal) == {"vita.db", "vita.db-wal"}
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, "not the passphrase at all")
    assert digests(store_path) == refused_untouched_with_wal
    with Store.open(store_path, PASSPHRASE) as reopened:
        assert reopened.events(session.interview.id)[0].data["text"] == "committed before the crash"


def test_a_passphrase_that_is_not_text_is_refused_in_plain_words_and_the_store_untouched(filled: Path, digests) -> None:
    before = digests(filled)
    with pytest.raises(PassphraseNotText) as refused:
        Store.open(filled, "caf\udce9 au lait")
    assert "not valid text" in explain(refused.value)
    assert digests(filled) == before
