"""A process killed with SIGKILL while it writes an interview loses nothing it had committed, and the
interview is offered again and carries on where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from crash_writer import expected_event
from storekit import PASSPHRASE

from vita.interview.model import EventType
from vita.store import Store

WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def write_until_killed(path: Path, which: str, at_least: int) -> tuple[str, list[int]]:
    """Start the writer, SIGKILL it once it has reported `at_least` committed events; return what it reported."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(WRITER.parent)])}
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), which],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert writer.stdout is not None
    try:
        header = writer.stdout.readline()
        assert header.startswith("interview "), (
            f"writer failed to start: {header!r} {writer.stderr.read() if writer.stderr else ''}"
        )
        reported: list[int] = []
        while len(reported) < at_least:
            line = writer.stdout.readline()
            assert line, f"writer stopped by itself: {writer.stderr.read() if writer.stderr else ''}"
            reported.append(int(line))
        os.kill(writer.pid, signal.SIGKILL)  # mid-stream: somewhere in an append, a print, or between them
        writer.wait(timeout=30)
        reported += [int(line) for line in writer.stdout.read().split()]  # already in the pipe before the kill
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        writer.stdout.close()
        if writer.stderr:
            writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL
    return header.split()[1], reported


def check_survivors(path: Path, interview_id: str, reported: list[int]) -> int:
    """Every reported event is there, exactly as written, in an unbroken sequence; at most one more
    (committed but not yet reported when the kill came). Returns the last sequence number."""
    with Store.open(path, PASSPHRASE) as store:
        assert [i.id for i in store.unfinished()] == [interview_id]
        events = store.events(interview_id)
    seqs = [e.seq for e in events]
    assert seqs == list(range(1, len(seqs) + 1)), "the log has a gap or a duplicate"
    assert reported == list(range(reported[0], reported[-1] + 1))
    assert set(reported) <= set(seqs), "an event reported as committed was lost"
    assert len(seqs) - reported[-1] in (0, 1)
    for event in events:
        kind, data = expected_event(event.seq)
        assert (event.type.value, dict(event.data)) == (kind, data)
    return seqs[-1]


def test_given_a_writer_killed_three_times_every_committed_event_survives_and_the_interview_resumes(
    store_path: Path,
) -> None:
    interview_id, reported = write_until_killed(store_path, "new", at_least=40)
    last = check_survivors(store_path, interview_id, reported)
    for _ in range(2):  # resume the same interview in a new process, and kill that one too
        same_id, more = write_until_killed(store_path, interview_id, at_least=40)
        assert same_id == interview_id and more[0] == last + 1, "the resumed session must append n+1"
        last = check_survivors(store_path, interview_id, more)

    with Store.open(store_path, PASSPHRASE) as store:
        session = store.session(interview_id)
        assert session.finish().seq == last + 1
        assert store.unfinished() == []
        assert store.events(interview_id)[-1].type is EventType.FINISHED
