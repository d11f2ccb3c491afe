"""The time as VITA records it: aware UTC. Apart from the interview model, so that the window's start needs
neither it nor what it imports."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
