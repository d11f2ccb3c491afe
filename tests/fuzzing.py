"""Shared settings for the hypothesis fuzz tests: derandomised (the same examples on every run) and capped, so that
CI stays short; `VITA_FUZZ_EXAMPLES=5000 pytest tests -k fuzz` runs a long series. No example database is written.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("VITA_FUZZ_EXAMPLES", "60"))

fuzz = settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
