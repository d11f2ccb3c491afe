"""`vita bench --only studio` reports the studio's waits and leaves nothing behind (the shipped content unwritten)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from vita.paths import Paths

from tests.studio.conftest import tree


def test_the_bench_reports_each_keep_and_leaves_nothing_behind(paths: Paths, tmp_path: Path) -> None:
    shipped_before = tree(paths.content_root)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(paths.content_root), "bench", "--json", "--only", "studio"],
        capture_output=True,
        text=True,
        env=dict(os.environ, TMPDIR=str(scratch)),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert len(figures["studio_keep_ms"]) == 4  # French: every text of the test content's largest language
    assert all(0 < ms < 60_000 for ms in figures["studio_keep_ms"] + figures["take_process_ms"])
    assert figures["studio_open_ms"] > 0 and figures["studio_languages_ms"] > 0
    assert list(scratch.iterdir()) == [], "the benchmark removes what it made"
    assert tree(paths.content_root) == shipped_before
