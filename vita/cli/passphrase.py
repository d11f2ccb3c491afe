"""The store's passphrase for a command: from $VITA_PASSPHRASE, else asked in the terminal."""

from __future__ import annotations

import getpass
import os
import sys

from vita.store import NoPassphrase

PASSPHRASE_ENV = "VITA_PASSPHRASE"


def passphrase() -> str:
    """Raises NoPassphrase when there is neither the variable nor a terminal to ask in (a script, a pipe)."""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise NoPassphrase(PASSPHRASE_ENV)
    return getpass.getpass("VITA passphrase: ")
