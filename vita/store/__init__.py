"""The encrypted, crash-safe store of interviews (SQLCipher through sqlite-utils). See store.py for the rules."""

from vita.store import audit
from vita.store.audit import AuditEntry, AuditFile
from vita.store.errors import (
    CorruptStore,
    DiskFullAtOpen,
    EventOutOfOrder,
    InterviewAlreadyFinished,
    InterviewExists,
    MigrationFailed,
    NewerSchema,
    PassphraseNotText,
    StoreError,
    StoreExists,
    StoreFull,
    StoreInUse,
    StoreMissing,
    StoreWriteFailed,
    UnknownInterview,
    WeakPassphrase,
    WrongPassphrase,
)
from vita.store.schema import SCHEMA_VERSION
from vita.store.store import MIN_PASSPHRASE_LENGTH, Store, StoreInfo, passphrase_problem

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
    "PassphraseNotText",
    "Store",
    "StoreError",
    "StoreExists",
    "StoreFull",
    "StoreInUse",
    "StoreInfo",
    "StoreMissing",
    "StoreWriteFailed",
    "UnknownInterview",
    "WeakPassphrase",
    "WrongPassphrase",
    "audit",
    "passphrase_problem",
]
