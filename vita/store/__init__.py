"""The encrypted, crash-safe store of interviews (SQLCipher through sqlite-utils). See store.py for the rules.

The errors load with this package; the store itself (sqlite-utils, which brings numpy and more: a second at
start-up on an old laptop) loads when it is first used, so the app's window does not wait for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vita.store.errors import (
    CorruptStore,
    EventOutOfOrder,
    InterviewAlreadyFinished,
    InterviewExists,
    MigrationFailed,
    NewerSchema,
    NoPassphrase,
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
    from vita.store.schema import SCHEMA_VERSION
    from vita.store.store import MIN_PASSPHRASE_LENGTH, AuditEntry, Store, StoreInfo, passphrase_problem

_LAZY = {
    "SCHEMA_VERSION": "vita.store.schema",
    **{name: "vita.store.store" for name in ("MIN_PASSPHRASE_LENGTH", "AuditEntry", "Store", "StoreInfo")},
    "passphrase_problem": "vita.store.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "SCHEMA_VERSION",
    "AuditEntry",
    "CorruptStore",
    "EventOutOfOrder",
    "InterviewAlreadyFinished",
    "InterviewExists",
    "MigrationFailed",
    "NewerSchema",
    "NoPassphrase",
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
    "passphrase_problem",
]
