"""A full disk during an export and during the retention purge, on a real tiny filesystem: the officer is told
the disk is full, nothing acknowledged is lost, nothing half-written is left, and once space is freed the same
action succeeds. (A full disk while an interview is written, and a crash on a full disk, are in
tests/store/test_store_full_disk.py.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCRIPT = HERE / "full_disk_series.py"


def can_mount_a_tiny_disk() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_a_tiny_disk(), reason="needs Linux user namespaces to mount a tiny tmpfs")
def test_a_full_disk_during_export_and_purge_loses_nothing_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    helpers = (REPO, HERE, REPO / "tests" / "record", REPO / "tests" / "store")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in helpers)}
    script = f'mount -t tmpfs -o size=640k tmpfs "$1" && exec "{sys.executable}" "{SCRIPT}" "$1"'
    run = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(folder)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    print(f"\nFAULT SERIES full disk: {result}")

    exports = result["exports"]
    assert exports["acknowledged"] > 0 and exports["intact"] == exports["acknowledged"]
    assert "disk is full" in exports["refusal"].lower(), exports["refusal"]
    assert exports["partials"] == [] and exports["again_ok"]
    assert exports["done"] == exports["acknowledged"] + 1 and exports["pending"] == 0

    purge = result["purge"]
    if purge["refusal"]:  # refused on the full disk: nothing changed, and it said the disk is full
        assert "disk is full" in purge["refusal"].lower() and purge["unchanged_after_refusal"]
        assert purge["deleted"] == 30
    else:
        assert purge["deleted_while_full"] == 30 and purge["deleted"] == 0
    assert purge["kept_intact"] and len(purge["audit"]) == 1 and "deleted 30 interview(s)" in purge["audit"][0]
