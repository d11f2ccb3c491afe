"""A full disk refuses the event being written with StoreFull, in plain words, and loses nothing before it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from storekit import PASSPHRASE, an_interview

from vita.errors_text import explain
from vita.store import Store, StoreFull

REPO = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("full_disk_writer.py")
NOTE = "words the officer typed " * 40


def test_given_the_size_limit_is_reached_the_event_is_refused_and_the_log_is_intact(store: Store) -> None:
    """Simulated with SQLite's page limit, which fails a write the way a full disk does (SQLITE_FULL)."""
    session = store.start_session(an_interview())
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # the seam: this connection's size limit
    with pytest.raises(StoreFull) as full:
        for n in range(1000):
            session.note(f"note {n}: {NOTE}")
    assert "disk is full" in explain(full.value) and "NOT saved" in explain(full.value)
    written = len(session.events)
    assert written > 0
    assert len(store.events(session.interview.id)) == written  # the refused event is in neither place

    store._conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert session.note("after space was freed").seq == written + 1
    store.close()
    with Store.open(store.path, PASSPHRASE) as reopened:
        texts = [e.data["text"] for e in reopened.events(session.interview.id)]
    assert texts == [f"note {n}: {NOTE}" for n in range(written)] + ["after space was freed"]


def can_mount_a_tiny_disk() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True, check=False
    )
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_a_tiny_disk(), reason="needs Linux user namespaces to mount a tiny tmpfs")
def test_given_a_really_full_disk_the_event_is_refused_and_everything_before_survives(tmp_path: Path) -> None:
    """A real 352 KiB filesystem (room for an empty store and a few dozen notes), mounted in a private namespace
    for the writer process only."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(WRITER.parent)])}
    script = f'mount -t tmpfs -o size=352k tmpfs "$1" && exec "{sys.executable}" "{WRITER}" "$1"'
    run = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert "disk is full" in result["refusal"]
    written = result["written"]
    assert written > 10 and result["in_store"] == written  # the session and the store agree
    assert result["after"] == written + 1
    texts = result["texts"]
    assert len(texts) == written + 1 and texts[-1] == "written once space was freed"
    assert all(text.startswith(f"note {n}: ") for n, text in enumerate(texts[:-1]))


@pytest.mark.skipif(not can_mount_a_tiny_disk(), reason="needs Linux user namespaces to mount a tiny tmpfs")
def test_after_a_crash_on_a_full_disk_the_store_says_the_disk_is_full_and_loses_nothing(tmp_path: Path) -> None:
    """Not 'disk I/O error': the officer is told the disk is full; once space is freed every note is there."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    script = Path(__file__).with_name("full_disk_crash.py")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(WRITER.parent)])}
    run = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
         f'mount -t tmpfs -o size=320k tmpfs "$1" && exec "{sys.executable}" "{script}" "$1"', "sh", str(folder)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["rc"] == 9 and len(result["acknowledged"]) > 5
    assert result["while_full"].startswith("DiskFullAtOpen: The disk is full"), result["while_full"]
    assert "disk I/O error" not in result["while_full"] and "Nothing in it was lost" in result["while_full"]
    assert set(result["acknowledged"]) <= set(result["kept"])
