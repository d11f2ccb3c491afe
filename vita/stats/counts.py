"""Count finished interviews by month, language, audience, indicator and element, and write the counts as CSV or JSON.

Only these counts leave the machine: no case reference, name, place, officer, note or any other free text,
and no time finer than the month. Each interview counts once per value (an indicator touched by two answers
counts once).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vita.content.conditions import IndicatorRules
from vita.content.model import Catalogue
from vita.interview.model import Event, Interview
from vita.interview.outcome import Outcome, outcome
from vita.stats.suppress import DEFAULT_MIN_COUNT, explanation, suppress

ABOUT = (
    "VITA anonymous statistics: counts of finished interviews only. No names, places, officers, case references, "
    "notes or other free text; times are given to the month."
)
COLUMNS = ("month", "dimension", "value", "count")
SUPPRESSED = "suppressed"  # what the CSV shows instead of a count too small to show
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class BadMonth(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"{text!r} is not a month: write it as YYYY-MM, for example 2026-01")


def parse_month(text: str) -> dt.datetime:
    """The first moment (UTC) of a month written YYYY-MM."""
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise BadMonth(text)
    return dt.datetime(int(match.group(1)), int(match.group(2)), 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Count:
    month: str  # YYYY-MM
    dimension: str  # interviews | language | audience | element | indicator
    value: str  # a code from the catalogue or languages.toml, never free text
    count: int
    suppressed: bool = False  # too small to show (vita/stats/suppress.py); never exported as a number


def count_interviews(
    interviews: Iterable[tuple[Interview, Sequence[Event]]], catalogue: Catalogue, since: dt.datetime | None = None
) -> list[Count]:
    """Counts per month of finished interviews started on or after `since`, from their logs."""
    return count_outcomes((outcome(interview, events) for interview, events in interviews), catalogue, since)


def count_outcomes(outcomes: Iterable[Outcome], catalogue: Catalogue, since: dt.datetime | None = None) -> list[Count]:
    """Counts per month of finished interviews started on or after `since`.

    `outcomes` is read once, one at a time (a store's `outcomes()` streams them), so memory stays flat."""
    elements = {indicator.id: indicator.element.value for indicator in catalogue.indicators}
    rules = IndicatorRules(catalogue)  # the record's rules (find_indicators), prepared for many interviews
    # Counted per month first by what varies little (language and audience; the indicators touched), then
    # spread into the dimensions once at the end.
    headers: Counter[tuple[str, str, str]] = Counter()
    touched_by_month: Counter[tuple[str, frozenset[str]]] = Counter()
    for result in outcomes:
        started = result.started_at if result.started_at.tzinfo else result.started_at.replace(tzinfo=dt.UTC)
        if not result.finished or (since is not None and started < since):
            continue
        started = started.astimezone(dt.UTC)
        month = f"{started.year:04d}-{started.month:02d}"
        headers[(month, result.language, result.audience.value)] += 1
        touched_by_month[(month, rules.touched(result.answers))] += 1
    counter: Counter[tuple[str, str, str]] = Counter()
    for (month, language, audience), n in headers.items():
        counter[(month, "interviews", "all")] += n
        counter[(month, "language", language)] += n
        counter[(month, "audience", audience)] += n
    for (month, touched), n in touched_by_month.items():
        for element in {elements[i] for i in touched if i in elements}:
            counter[(month, "element", element)] += n
        for indicator in touched:
            counter[(month, "indicator", indicator)] += n
    order = {"interviews": 0, "language": 1, "audience": 2, "element": 3, "indicator": 4}
    keys = sorted(counter, key=lambda k: (k[0], order[k[1]], k[2]))
    return [Count(month, dimension, value, counter[(month, dimension, value)]) for month, dimension, value in keys]


def to_csv(counts: Sequence[Count], since: dt.datetime | None, *, minimum: int = DEFAULT_MIN_COUNT) -> str:
    """CSV with leading comment lines that say what the figures are, what they leave out and what is suppressed."""
    out = io.StringIO()
    scope = f" Interviews started from {since:%Y-%m}." if since else ""
    out.write(f"# {ABOUT}{scope}\n# {explanation(minimum)}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in suppress(counts, minimum):
        writer.writerow((c.month, c.dimension, c.value, SUPPRESSED if c.suppressed else c.count))
    return out.getvalue()


def to_json(counts: Sequence[Count], since: dt.datetime | None, *, minimum: int = DEFAULT_MIN_COUNT) -> str:
    document = {
        "about": ABOUT,
        "since": f"{since:%Y-%m}" if since else None,
        "suppression": {"minimum": minimum, "explanation": explanation(minimum)},
        "columns": list(COLUMNS),
        "counts": [
            {"month": c.month, "dimension": c.dimension, "value": c.value, "count": None if c.suppressed else c.count}
            | ({"suppressed": True} if c.suppressed else {})
            for c in suppress(counts, minimum)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
