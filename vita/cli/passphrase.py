"""The one way the command line gets the store's passphrase: $VITA_PASSPHRASE, or asked in a terminal."""

from __future__ import annotations

import getpass
import os
import sys

PASSPHRASE_ENV = "VITA_PASSPHRASE"


class NoPassphrase(Exception):
    """No passphrase could be had, or the one given cannot be read as text. The message says what to do."""

    def __init__(self, why: str = "") -> None:
        super().__init__(why or f"no passphrase: set {PASSPHRASE_ENV} or run this in a terminal to be asked for it")


def read_passphrase() -> str:
    """The passphrase as text. Raises NoPassphrase with a clear message instead of a traceback."""
    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        if not sys.stdin.isatty():
            raise NoPassphrase
        value = getpass.getpass("VITA passphrase: ")
    try:
        # On POSIX, bytes that are not UTF-8 reach Python as lone surrogates: they are not text anyone typed.
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise NoPassphrase(
            f"the passphrase in {PASSPHRASE_ENV} is not valid UTF-8 text; set it again from a terminal that "
            "uses UTF-8 (for example: export LANG=C.UTF-8)"
        ) from None
    return value
