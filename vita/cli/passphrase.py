"""The one way the command line gets the store's passphrase: from $VITA_PASSPHRASE, else asked in the terminal."""

from __future__ import annotations

import getpass
import os
import sys

from vita.store import NoPassphrase, PassphraseNotText

PASSPHRASE_ENV = "VITA_PASSPHRASE"


def passphrase() -> str:
    """The passphrase as text. Raises NoPassphrase when there is neither the variable nor a terminal to ask in
    (a script, a pipe); PassphraseNotText when what was given is not UTF-8 text."""
    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        if not sys.stdin.isatty():
            raise NoPassphrase(PASSPHRASE_ENV)
        value = getpass.getpass("VITA passphrase: ")
    try:
        # On POSIX, bytes that are not UTF-8 reach Python as lone surrogates: they are not text anyone typed.
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseNotText(PASSPHRASE_ENV) from None
    return value
