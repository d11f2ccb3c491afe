"""Small counts are hidden in every export of the statistics: at a quiet post a count of 1 can point to a person.

Primary suppression hides every count below the minimum (default 5, the setting `stats_min_count`). A
breakdown that adds up to the month's total (languages, audiences) would give a hidden count away by
subtraction, so complementary suppression then hides the next smallest counts of that breakdown until the
hidden ones add up to at least the minimum. A month with fewer interviews than the minimum is hidden whole.
Indicators and elements do not add up to anything (one interview touches several), so primary suppression
is enough there.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

DEFAULT_MIN_COUNT = 5
MIN_COUNT_SETTING = "stats_min_count"
PARTITIONS = ("language", "audience")  # each interview is counted under exactly one value of these


class CountLike(Protocol):
    """vita.stats.counts.Count, seen from here (a frozen dataclass: read-only fields)."""

    @property
    def month(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    @property
    def count(self) -> int: ...


def explanation(minimum: int) -> str:
    if minimum <= 1:
        return "No count is suppressed (the minimum is set to 1)."
    return (
        f"Counts below {minimum} are suppressed (and a few others, so they cannot be worked out by subtraction), "
        "because at a quiet post a small count can point to a person."
    )


def read_minimum(raw: str | None) -> int:
    """The setting's value; an unreadable or too small one falls back to the default, never to 'show all'."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return DEFAULT_MIN_COUNT
    return value if value >= 1 else DEFAULT_MIN_COUNT


C = TypeVar("C", bound=CountLike)


def suppress(counts: Sequence[C], minimum: int = DEFAULT_MIN_COUNT) -> list[C]:
    """The counts with `suppressed` set where they must not be shown. Order is kept."""
    if minimum <= 1:
        return list(counts)
    hidden = {i for i, c in enumerate(counts) if c.count < minimum}
    totals = {c.month: c.count for c in counts if c.dimension == "interviews"}
    small_months = {month for month, total in totals.items() if total < minimum}
    hidden |= {i for i, c in enumerate(counts) if c.month in small_months}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(counts):
        if c.dimension in PARTITIONS:
            groups[(c.month, c.dimension)].append(i)
    for members in groups.values():
        secret = [i for i in members if i in hidden]
        if not secret:
            continue
        shown = sorted((i for i in members if i not in hidden), key=lambda i: counts[i].count)
        while shown and (len(secret) < 2 or sum(counts[i].count for i in secret) < minimum):
            secret.append(shown.pop(0))
        hidden |= set(secret)
    replace: Any = dataclasses.replace
    return [replace(c, suppressed=True) if i in hidden else c for i, c in enumerate(counts)]
