"""A killed import leaves every language either wholly old or wholly new (issue 11, item 5).

The import runs in a child process that SIGKILLs itself just before a seeded file-system step; then, as the next
start does, the library is recovered and read: each language folder is exactly the old one or exactly the new one,
every clip matches its manifest, no staging folder is left, and importing again completes the change.
CI runs a few seeded points; `pytest -m slow tests/audio/test_import_kill.py` runs every step.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from vita.audio.codec import sha256_of
from vita.audio.library import recover
from vita.audio.manifest import MANIFEST_NAME, load_manifest

from tests.audio.conftest import tone

KILLER = Path(__file__).with_name("import_killer.py")
SEED = 11
CI_POINTS = 5


def snapshot(audio: Path) -> dict[str, dict[str, bytes]]:
    """Each language folder's files and their bytes."""
    return {
        folder.name: {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
        for folder in sorted(audio.iterdir())
        if folder.is_dir()
    }


def described(audio: Path) -> dict[str, tuple[list[str], list[dict[str, object]]]]:
    """Each language folder's file names and its manifest's clips without their checksums: the Opus encoder
    numbers each stream at random, so two imports of the same recordings differ in bytes, not in what they hold."""
    found = {}
    for folder in sorted(p for p in audio.iterdir() if p.is_dir()):
        clips = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["clips"]
        found[folder.name] = (sorted(p.name for p in folder.iterdir()), [{**c, "sha256": ""} for c in clips])
    return found


def run_import(root: Path, recordings: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(KILLER), str(root), str(recordings), "fr", str(kill_at)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


@pytest.fixture
def recordings(tmp_path: Path) -> Path:
    folder = tmp_path / "recordings"
    folder.mkdir()
    sf.write(folder / "safety.hurt.wav", tone(2.0, 16_000, 210.0), 16_000)
    sf.write(folder / "opening.greeting.wav", tone(2.5, 16_000, 180.0), 16_000)
    return folder


@pytest.fixture
def old_and_new(library_root: Path, recordings: Path, tmp_path: Path) -> tuple[dict, dict, int]:
    """The library before and after a complete import, and how many file-system steps the import takes."""
    old = snapshot(library_root / "audio")
    done = tmp_path / "done"
    shutil.copytree(library_root, done)
    result = run_import(done, recordings, 0)
    assert result.returncode == 0, result.stderr
    new = described(done / "audio")
    assert new["fr"] != described(library_root / "audio")["fr"] and snapshot(done / "audio")["en"] == old["en"]
    return old, new, int(result.stdout.strip())


def killed_at(point: int, library_root: Path, recordings: Path, tmp_path: Path, old: dict, described_new: dict) -> None:
    root = tmp_path / f"kill-{point}"
    shutil.copytree(library_root, root)
    audio = root / "audio"
    result = run_import(root, recordings, point)
    assert result.returncode == -9, (point, result.stderr)
    straight_again = tmp_path / f"kill-{point}-import-again"
    shutil.copytree(root, straight_again)
    recover(audio)  # what the next start of the app does
    assert not [p.name for p in audio.iterdir() if p.name.startswith(".")], point
    now, now_described = snapshot(audio), described(audio)
    assert set(now) == set(old)
    for language, files in now.items():  # exactly the old folder, or a folder holding exactly the new clips
        assert files == old[language] or now_described[language] == described_new[language], (point, language)
    manifest = load_manifest(audio)
    for clip in manifest:
        assert sha256_of(audio / clip.path) == clip.sha256, (point, clip.path)
    for folder in audio.iterdir():
        assert (folder / MANIFEST_NAME).is_file()
    # The next import, with nothing run in between, finishes the change and loses none of the language's clips.
    again = run_import(straight_again, recordings, 0)
    assert again.returncode == 0, again.stderr
    assert described(straight_again / "audio") == described_new, point


def test_a_killed_import_leaves_each_language_wholly_old_or_wholly_new(
    library_root: Path, recordings: Path, tmp_path: Path, old_and_new: tuple[dict, dict, int]
) -> None:
    old, new, steps = old_and_new
    assert steps > 10
    points = sorted(random.Random(SEED).sample(range(1, steps + 1), CI_POINTS))
    for point in points:
        killed_at(point, library_root, recordings, tmp_path, old, new)


@pytest.mark.slow
def test_a_killed_import_at_every_step(
    library_root: Path, recordings: Path, tmp_path: Path, old_and_new: tuple[dict, dict, int]
) -> None:
    old, new, steps = old_and_new
    for point in range(1, steps + 1):
        killed_at(point, library_root, recordings, tmp_path, old, new)
