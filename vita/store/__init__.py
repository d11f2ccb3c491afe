"""The encrypted, crash-safe store of interviews (SQLCipher through sqlite-utils). See store.py for the rules.

The errors load with this package; the store itself (sqlite-utils, which brings numpy and more: a second at
start-up on an old laptop) loads when it is first used, so the app's window does not wait for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vita.store.errors import (
    CorruptStore,
    DiskFullAtOpen,
    EventOutOfOrder,
    InterviewAlreadyFinished,
    InterviewExists,
    MigrationFailed,
    NewerSchema,
    NoPassphrase,
    PassphraseNotText,
    StoreCreateFailed,
    StoreError,
    StoreExists,
    StoreFull,
    StoreInUse,
    StoreMissing,
    StoreOpenFailed,
    StoreUnreadable,
    StoreWriteFailed,
    UnknownInterview,
    WalUnavailable,
    WeakPassphrase,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from vita.store.audit import AuditEntry, AuditFile
    from vita.store.schema import SCHEMA_VERSION
    from vita.store.store import Store, StoreInfo
    from vita.store.weak_passphrases import MIN_PASSPHRASE_LENGTH, passphrase_problem

# The audit file reads SQLite through sqlite-utils as well: it loads with the store, not before.
_LAZY = {
    "SCHEMA_VERSION": "vita.store.schema",
    "AuditEntry": "vita.store.audit",
    "AuditFile": "vita.store.audit",
    "Store": "vita.store.store",
    "StoreInfo": "vita.store.store",
    "MIN_PASSPHRASE_LENGTH": "vita.store.weak_passphrases",
    "passphrase_problem": "vita.store.weak_passphrases",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "SCHEMA_VERSION",
    "AuditEntry",
    "AuditFile",
    "CorruptStore",
    "DiskFullAtOpen",
    "EventOutOfOrder",
    "InterviewAlreadyFinished",
    "InterviewExists",
    "MigrationFailed",
    "NewerSchema",
    "NoPassphrase",
    "PassphraseNotText",
    "Store",
    "StoreCreateFailed",
    "StoreError",
    "StoreExists",
    "StoreFull",
    "StoreInUse",
    "StoreInfo",
    "StoreMissing",
    "StoreOpenFailed",
    "StoreUnreadable",
    "StoreWriteFailed",
    "UnknownInterview",
    "WalUnavailable",
    "WeakPassphrase",
    "WrongPassphrase",
    "audit",
    "passphrase_problem",
]
