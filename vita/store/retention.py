"""The retention rule (PRODUCT.md: keep only what the referral needs): finished interviews are deleted once the
retention period set in the settings has passed since they ended. Unfinished ones are kept to be resumed, and
exported records are files of their own, never touched here."""

from __future__ import annotations

import datetime as dt

from vita.store.settings import Settings
from vita.store.store import Store


def retention_cutoff(days: int, now: dt.datetime) -> dt.datetime | None:
    """Interviews that finished before this moment are past their retention; None: keep everything."""
    return now - dt.timedelta(days=days) if days > 0 else None


def apply_retention(store: Store, now: dt.datetime, settings: Settings | None = None) -> int:
    """Delete the finished interviews past the retention period; returns how many. Raises the store's errors."""
    days = int((settings or Settings(store)).get("retention_days"))
    cutoff = retention_cutoff(days, now)
    return 0 if cutoff is None else store.delete_finished_before(cutoff)
