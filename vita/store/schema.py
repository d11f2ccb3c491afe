"""The store's schema as an ordered list of migrations. Never edit a released step: add a new one.

The schema version is SQLite's `user_version`: the number of migrations applied. Each step runs in one
transaction together with the version bump, so a failed or interrupted upgrade leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from vita.store import summaries
from vita.store.connection import APPLICATION_ID


def _v1_interviews_and_events(db: Database) -> None:
    """The interview header and its append-only event log."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.table("interviews").create(
        {
            "id": str,
            "case_reference": str,
            "started_at": str,  # ISO 8601 in UTC, so text order is time order
            "place": str,
            "officer": str,
            "language": str,
            "form": str,
            "audience": str,
        },
        pk="id",
        not_null={"case_reference", "started_at", "place", "officer", "language", "form", "audience"},
    )
    db.table("interviews").create_index(["started_at"])
    db.table("events").create(
        {"interview_id": str, "seq": int, "at": str, "type": str, "data": str},
        pk=("interview_id", "seq"),
        not_null={"at", "type", "data"},
        foreign_keys=[("interview_id", "interviews", "id")],
    )


def _v2_audit_and_settings(db: Database) -> None:
    """Who exported what and when (PRODUCT.md: keep an audit trail), small settings inside the encryption, and
    an index that keeps the start-up question "which interviews are unfinished?" fast in a large store."""
    db.table("audit").create(
        {"id": int, "at": str, "action": str, "detail": str, "officer": str},
        pk="id",
        not_null={"at", "action", "detail", "officer"},
    )
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})
    # Finding the unfinished interviews at every start looks for each one's FINISHED event.
    db.table("events").create_index(["interview_id", "type"])


def _v3_interview_country(db: Database) -> None:
    """The country where an interview takes place (ISO 3166 alpha-2), so that referrals are chosen for it.
    Interviews stored before it have none ("") and their records consider the whole directory."""
    db.execute("ALTER TABLE interviews ADD COLUMN country TEXT NOT NULL DEFAULT ''")


def _v4_audit_intent(db: Database) -> None:
    """An export is written in three steps so none escapes the audit trail: the entry is made first ("pending",
    with the files it will write and their SHA-256), then the files, then the entry is settled. A crash
    between the steps leaves a pending entry that the next unlock finishes or cleans up (vita/store/audit.py).
    Entries made before this step were written after their files, so they are "done"."""
    audit = db.table("audit")
    audit.add_column("state", str, not_null_default="done")
    audit.add_column("files", str, not_null_default="[]")  # JSON: [{"path": ..., "sha256": ...}, ...]
    audit.add_column("outcome", str, not_null_default="")  # what settling found, in plain words


def _v5_interview_summaries(db: Database) -> None:
    """A summary row per finished interview (vita/store/summaries.py), written with its FINISHED event, so that
    statistics, retention and the list of unfinished interviews read one row per interview instead of its log.
    The finished interviews already stored get theirs here, computed from their logs."""
    summaries.create_table(db)
    summaries.write(db)


Migration = Callable[[Database], None]
MIGRATIONS: list[Migration] = [
    _v1_interviews_and_events,
    _v2_audit_and_settings,
    _v3_interview_country,
    _v4_audit_intent,
    _v5_interview_summaries,
]
SCHEMA_VERSION = len(MIGRATIONS)


def version_of(db: Database) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(db: Database, target: int | None = None, migrations: list[Migration] | None = None) -> list[int]:
    """Apply the steps after the file's version, up to `target` (default: all). Returns the versions reached.

    An exception from a step propagates after that step's transaction is rolled back; earlier steps stay."""
    steps = MIGRATIONS if migrations is None else migrations
    target = len(steps) if target is None else target
    reached = []
    for version in range(version_of(db) + 1, target + 1):
        with db.atomic():
            steps[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
        reached.append(version)
    return reached
