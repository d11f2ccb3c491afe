"""From the officer's passphrase to the database key: scrypt, with the per-file salt SQLCipher keeps.

Why scrypt and not SQLCipher's built-in PBKDF2-HMAC-SHA512: scrypt is memory-hard, so guessing passphrases
of a stolen laptop's store on GPUs costs far more per guess than PBKDF2 for the same wait at the officer's
desk. It is in Python's standard library (hashlib, OpenSSL), so it adds no dependency. The derived 256-bit
key is handed to SQLCipher as a raw key, which skips SQLCipher's own PBKDF2 and encrypts each page with
AES-256-CBC plus a per-page HMAC-SHA512 as usual.

The salt is the 16 bytes SQLCipher stores in clear at the start of the file (we choose it when the file is
made, so it can be read back before the key is known). Its first two bytes describe the KDF, so every file
says how its own key is derived and the cost can be raised later without breaking old files:

    byte 0      scheme: 1 = scrypt with r=8, p=1
    byte 1      cost: log2(N); 17 by default (N=131072, 128 MiB, about 0.5 s on a 2020 laptop)
    bytes 2-15  random (112 bits)
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

SALT_SIZE = 16
KEY_SIZE = 32
SCRYPT_SCHEME = 1
SCRYPT_R = 8
SCRYPT_P = 1
DEFAULT_COST = 17
MIN_COST = 10  # only tests go this low: it keeps a test store's open under a few milliseconds
MAX_COST = 20  # 1 GiB: refuse a header that would ask for more memory than an old laptop has


class UnknownKdf(ValueError):
    """The salt does not describe a key derivation this version knows."""


def new_salt(cost: int = DEFAULT_COST) -> bytes:
    if not MIN_COST <= cost <= MAX_COST:
        raise ValueError(f"scrypt cost must be between {MIN_COST} and {MAX_COST}, not {cost}")
    return bytes([SCRYPT_SCHEME, cost]) + os.urandom(SALT_SIZE - 2)


def describe(salt: bytes) -> str:
    _, cost = _parse(salt)
    return f"scrypt N=2^{cost} r={SCRYPT_R} p={SCRYPT_P}"


def _parse(salt: bytes) -> tuple[int, int]:
    if len(salt) != SALT_SIZE:
        raise UnknownKdf(f"salt of {len(salt)} bytes")
    scheme, cost = salt[0], salt[1]
    if scheme != SCRYPT_SCHEME or not MIN_COST <= cost <= MAX_COST:
        raise UnknownKdf(f"key derivation {scheme}/{cost}")
    return scheme, cost


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The 32-byte database key. The passphrase is NFC-normalised so the same words typed on another
    keyboard layout or input method give the same key."""
    _, cost = _parse(salt)
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    n = 1 << cost
    return hashlib.scrypt(
        secret, salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, maxmem=129 * SCRYPT_R * n + (1 << 20), dklen=KEY_SIZE
    )
