"""The fault series reuse the store's crash writer and helpers, and the record's small content."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
for helpers in (TESTS / "store", TESTS / "record"):
    if str(helpers) not in sys.path:
        sys.path.append(str(helpers))
