"""The time as VITA records it: aware UTC. Apart from the interview model, so that the window's start needs
neither it nor what it imports (datetime itself loads with the first reading of the clock)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt


def utc_now() -> dt.datetime:
    import datetime as dt

    return dt.datetime.now(dt.UTC)
