"""A folder swap killed at any step leaves the folder wholly old or wholly new once the next start has recovered.

A child process replaces a folder (a changed copy of itself, a folder made for the first time, a pack installed
into the overlay) and SIGKILLs itself just before a chosen file-system step; then the parent does what the next
start does (recover the swap) and compares the whole tree, byte for byte, with the tree before and the tree a
complete run leaves. CI kills at the first and last step, at every folder rename (where a swap turns) and at
a few seeded steps of each kind; every step runs with

    .venv/bin/python -m pytest tests/faults/test_folder_swap_kill.py -m slow -q
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from vita.packs.install import installed_packs, recover_overlay
from vita.safe_files import recover_swaps

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
KILLER = HERE / "swap_killer.py"
SEED = 29
CI_POINTS = 6
MODES = ("replace", "create", "pack")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def tree(folder: Path) -> dict[str, bytes] | None:
    """Every file under the folder and its bytes (None: no folder). A pack's install time is left out: it is the
    clock, not the content."""
    if not folder.exists():
        return None
    return {
        p.relative_to(folder).as_posix(): b"" if p.name == "installed.json" else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def lay_out(mode: str, root: Path) -> Path:
    """The folder as it is before the swap; returns the folder the swap replaces."""
    root.mkdir()
    if mode == "pack":
        overlay = root / "overlay"
        (overlay / "translations").mkdir(parents=True)
        (overlay / "translations" / "xx.po").write_bytes(b"old catalogue\n")
        (overlay / "audio" / "xx").mkdir(parents=True)
        (overlay / "audio" / "xx" / "manifest.json").write_bytes(b"{}\n")
        return overlay
    live = root / "live"
    if mode == "replace":
        (live / "sub").mkdir(parents=True)
        (live / "a.txt").write_bytes(b"old a\n")
        (live / "gone.txt").write_bytes(b"old, deleted by the change\n")
        (live / "sub" / "b.txt").write_bytes(b"old b\n")
    return live


def run(mode: str, root: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(KILLER), mode, str(root), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


Tree = dict[str, bytes] | None


def old_new_and_steps(mode: str, tmp_path: Path) -> tuple[Tree, Tree, int, list[int]]:
    """The tree before and after a complete run, how many steps it took, and which steps were folder renames."""
    folder = lay_out(mode, tmp_path / "complete")
    old = tree(folder)
    done = run(mode, tmp_path / "complete", 0)
    assert done.returncode == 0, done.stderr
    new = tree(folder)
    assert new is not None and new != old
    steps, renames = done.stdout.splitlines()
    return old, new, int(steps), [int(n) for n in renames.split()]


def killed_at(mode: str, point: int, tmp_path: Path, old: object, new: object) -> str:
    """Kill the swap before step `point`, recover as the next start does; which of old and new is left."""
    root = tmp_path / f"{mode}-{point}"
    folder = lay_out(mode, root)
    result = run(mode, root, point)
    assert result.returncode == -signal.SIGKILL, (mode, point, result.stderr)
    if mode == "pack":
        recover_overlay(folder)
        installed_packs(folder)  # the overlay reads as a whole
    else:
        recover_swaps(root)
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == [], (mode, point)
    now = tree(folder)
    assert now in (old, new), (mode, point, now)
    return "old" if now == old else "new"


@pytest.mark.parametrize("mode", MODES)
def test_a_killed_folder_swap_leaves_the_folder_wholly_old_or_wholly_new(mode: str, tmp_path: Path) -> None:
    old, new, steps, renames = old_new_and_steps(mode, tmp_path)
    assert steps > CI_POINTS and renames  # at least the new folder in
    seeded = random.Random(f"{SEED}-{mode}").sample(range(2, steps), CI_POINTS)
    points = sorted({1, steps, *renames, *seeded})
    left = [killed_at(mode, point, tmp_path, old, new) for point in points]
    assert left[0] == "old" and left[-1] == "new"  # the very first step kept the old; the last, the new


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_a_folder_swap_killed_at_every_step(mode: str, tmp_path: Path) -> None:
    old, new, steps, _ = old_new_and_steps(mode, tmp_path)
    left = [killed_at(mode, point, tmp_path, old, new) for point in range(1, steps + 1)]
    print(f"\nFAULT SERIES folder swap ({mode}): steps={steps}, old={left.count('old')}, new={left.count('new')}")
    assert left[0] == "old" and left[-1] == "new"
    assert left == sorted(left, key=("old", "new").index)  # once new, never old again
