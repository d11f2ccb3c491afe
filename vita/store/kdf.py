"""From the officer's passphrase to the database key: scrypt, with the per-file salt SQLCipher keeps.

Why scrypt and not SQLCipher's built-in PBKDF2-HMAC-SHA512: scrypt is memory-hard, so guessing passphrases
of a stolen laptop's store on GPUs costs far more per guess than PBKDF2 for the same wait at the officer's
desk. It is in Python's standard library (hashlib, OpenSSL), so it adds no dependency. The derived 256-bit
key is handed to SQLCipher as a raw key, which skips SQLCipher's own PBKDF2 and encrypts each page with
AES-256-CBC plus a per-page HMAC-SHA512 as usual.

The salt is the 16 bytes SQLCipher stores in clear at the start of the file (we choose it when the file is
made, so it can be read back before the key is known). Its first two bytes describe the KDF, so every file
says how its own key is derived and the cost can be raised later without breaking old files:

    byte 0      scheme: 1 = scrypt with r=8, p=1; 2 = scrypt with r=8, p=2 (the default for new files)
    byte 1      cost: log2(N); 16 by default
    bytes 2-15  random (112 bits)

The default, N=2^16, r=8, p=2, is one of the equivalent minimum settings OWASP lists for scrypt (beside
N=2^17, r=8, p=1): the same work, about 0.5 s here, but 64 MiB of memory instead of 128 MiB, which keeps the
app's peak memory on an old laptop in bounds.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

from vita.store.errors import PassphraseNotText

SALT_SIZE = 16
KEY_SIZE = 32
SCRYPT_R = 8
SCRYPT_P = {1: 1, 2: 2}  # scheme -> scrypt's parallelisation parameter p
DEFAULT_SCHEME = 2
DEFAULT_COST = 16
MIN_COST = 10  # only tests go this low: it keeps a test store's open under a few milliseconds
# The most a store's header may ask for: one step above the default (2^17 with r=8 is 128 MiB per lane). The
# cost is read from the unauthenticated start of the file, so a raised cost field must be refused before
# scrypt allocates anything: a header saying 2^20 made opening allocate 1 GiB just to fail.
MAX_COST = 17


class UnknownKdf(ValueError):
    """The salt does not describe a key derivation this version knows."""


def new_salt(cost: int = DEFAULT_COST) -> bytes:
    if not MIN_COST <= cost <= MAX_COST:
        raise ValueError(f"scrypt cost must be between {MIN_COST} and {MAX_COST}, not {cost}")
    return bytes([DEFAULT_SCHEME, cost]) + os.urandom(SALT_SIZE - 2)


def describe(salt: bytes) -> str:
    scheme, cost = _parse(salt)
    return f"scrypt N=2^{cost} r={SCRYPT_R} p={SCRYPT_P[scheme]}"


def _parse(salt: bytes) -> tuple[int, int]:
    if len(salt) != SALT_SIZE:
        raise UnknownKdf(f"salt of {len(salt)} bytes")
    scheme, cost = salt[0], salt[1]
    if scheme not in SCRYPT_P or not MIN_COST <= cost <= MAX_COST:
        raise UnknownKdf(f"key derivation {scheme}/{cost}")
    return scheme, cost


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The 32-byte database key. The passphrase is NFC-normalised so the same words typed on another
    keyboard layout or input method give the same key."""
    scheme, cost = _parse(salt)
    try:
        secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseNotText from None
    n = 1 << cost
    return hashlib.scrypt(
        secret, salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P[scheme], maxmem=129 * SCRYPT_R * n + (1 << 20), dklen=KEY_SIZE
    )
