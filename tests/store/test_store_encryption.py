"""A stolen laptop reveals nothing: the file is encrypted under a key derived from the passphrase with scrypt."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from storekit import PASSPHRASE, an_interview, make_store

from vita.content.model import Answer
from vita.store import CorruptStore, Store, kdf
from vita.store.connection import PLAIN_SQLITE_HEADER

SECRETS = ["Samira Haddad", "Kapitan Andreevo", "Officer Petrova", "cousin in Lyon", "VITA-20260301-SECR"]
NOTE = "Samira Haddad says her cousin in Lyon holds her passport"


def readable_text(path: Path) -> str:
    """What `strings` (binutils) finds in a file: what someone browsing a stolen disk would see."""
    return subprocess.run(["strings", "-a", "-n", "4", str(path)], capture_output=True, text=True, check=True).stdout


def write_sample(store: Store) -> None:
    interview = an_interview(place="Kapitan Andreevo", officer="Officer Petrova", case_reference="VITA-20260301-SECR")
    session = store.start_session(interview)
    session.answer("control.passport", Answer.YES)
    session.note(NOTE)
    store.record_audit("export", "VITA-20260301-SECR pdf to /media/usb", "Officer Petrova")
    store.set_setting("officer", "Officer Petrova")


def assert_unreadable(path: Path) -> None:
    data = path.read_bytes()
    text = readable_text(path)
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret!r} is in {path.name} in clear"
        for word in secret.split():
            if len(word) >= 5:
                assert word not in text, f"strings finds {word!r} in {path.name}"


needs_strings = pytest.mark.skipif(shutil.which("strings") is None, reason="needs binutils' strings")


@needs_strings
def test_strings_finds_no_names_or_notes_in_the_store_while_open_or_closed(store_path: Path) -> None:
    with make_store(store_path) as store:
        write_sample(store)
        wal = store_path.with_name(store_path.name + "-wal")
        assert wal.stat().st_size > 0  # the newest events live in the write-ahead log until it is folded in
        for path in store_path.parent.iterdir():
            assert_unreadable(path)
    assert [p.name for p in store_path.parent.iterdir()] == ["vita.db"]
    assert_unreadable(store_path)


@needs_strings
def test_the_same_data_unencrypted_would_be_found_by_strings(tmp_path: Path) -> None:
    """Guards the test above: the check does find clear text when there is some."""
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE notes (text)")
        conn.execute("INSERT INTO notes VALUES (?)", [NOTE])
    conn.close()
    with pytest.raises(AssertionError, match="Samira"):
        assert_unreadable(plain)


def test_the_file_starts_with_its_salt_not_a_database_header(store_path: Path, tmp_path: Path) -> None:
    make_store(store_path).close()
    make_store(tmp_path / "other.db").close()
    head = store_path.read_bytes()[:16]
    assert head != PLAIN_SQLITE_HEADER
    assert head[:2] == bytes([kdf.DEFAULT_SCHEME, kdf.MIN_COST])
    assert (tmp_path / "other.db").read_bytes()[:16] != head  # every store has its own salt


def test_a_new_store_uses_the_full_cost_key_derivation_by_default(store_path: Path) -> None:
    with Store.create(store_path, PASSPHRASE) as store:
        assert store.info().kdf == "scrypt N=2^16 r=8 p=2"  # OWASP's 64 MiB equivalent of N=2^17, p=1
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.info().schema_version >= 1


def test_a_store_made_with_the_first_scheme_still_opens(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files whose salt says scrypt p=1 (scheme 1) keep opening after the default moved to p=2."""
    with monkeypatch.context() as old_default:
        old_default.setattr(kdf, "DEFAULT_SCHEME", 1)
        with Store.create(store_path, PASSPHRASE, kdf_cost=kdf.MIN_COST) as store:
            store.set_setting("made", "with scheme 1")
    assert store_path.read_bytes()[0] == 1
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.info().kdf == f"scrypt N=2^{kdf.MIN_COST} r=8 p=1"
        assert store.get_setting("made") == "with scheme 1"


def test_the_key_depends_on_passphrase_and_salt_and_is_repeatable() -> None:
    salt = kdf.new_salt(kdf.MIN_COST)
    key = kdf.derive_key(PASSPHRASE, salt)
    assert len(key) == kdf.KEY_SIZE and kdf.derive_key(PASSPHRASE, salt) == key
    assert kdf.derive_key(PASSPHRASE + "!", salt) != key
    assert kdf.derive_key(PASSPHRASE, kdf.new_salt(kdf.MIN_COST)) != key


def test_a_salt_asking_for_an_unknown_derivation_or_too_much_memory_is_refused() -> None:
    with pytest.raises(kdf.UnknownKdf):
        kdf.derive_key(PASSPHRASE, bytes([9, 17]) + bytes(14))
    with pytest.raises(kdf.UnknownKdf):
        kdf.derive_key(PASSPHRASE, bytes([1, 30]) + bytes(14))
    with pytest.raises(ValueError):
        kdf.new_salt(kdf.MAX_COST + 1)


@pytest.mark.parametrize("raised", [kdf.MAX_COST + 1, 20, 255])
def test_a_raised_cost_in_the_header_is_refused_before_any_memory_is_allocated(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, raised: int
) -> None:
    Store.create(store_path, PASSPHRASE, kdf_cost=kdf.MIN_COST).close()
    data = bytearray(store_path.read_bytes())
    data[1] = raised
    store_path.write_bytes(bytes(data))
    asked: list[int] = []
    real_scrypt = hashlib.scrypt
    monkeypatch.setattr(kdf.hashlib, "scrypt", lambda *a, **kw: asked.append(kw["n"]) or real_scrypt(*a, **kw))
    with pytest.raises(CorruptStore):
        Store.open(store_path, PASSPHRASE)
    assert asked == []  # scrypt was never asked for 2^raised blocks
    assert (1 << kdf.MAX_COST) * 128 * kdf.SCRYPT_R <= 256 * 2**20  # the most a header can ask: 256 MiB at most


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_store_its_log_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "vita.db"
    with Store.create(path, PASSPHRASE, kdf_cost=kdf.MIN_COST) as store:
        store.start_session(an_interview()).note("Amina")
        log = path.with_name("vita.db-wal")
        assert log.stat().st_size > 0
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (path.parent, path, log)}
    assert modes == {"data": 0o700, "vita.db": 0o600, "vita.db-wal": 0o600}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_left_readable_by_others_is_made_owner_only_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "data" / "vita.db"
    Store.create(path, PASSPHRASE, kdf_cost=kdf.MIN_COST).close()
    path.chmod(0o644)
    path.parent.chmod(0o755)
    with Store.open(path, PASSPHRASE) as store:
        store.start_session(an_interview()).note("Amina")
        assert stat.S_IMODE(path.with_name("vita.db-wal").stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
