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
from vita.store.schema import SCHEMA_VERSION
from vita.store.store import Store, StoreInfo
from vita.store.weak_passphrases import MIN_PASSPHRASE_LENGTH, passphrase_problem

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
