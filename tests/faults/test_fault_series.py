"""Fault series: seeded and repeatable. A process is killed with SIGKILL at a random moment (from a fixed seed)
while it writes an interview, exports records, or purges interviews past their retention period; a write-ahead
log is damaged at random bytes. Each asserts that nothing acknowledged is lost (acknowledged = committed and
then reported as saved) and that the officer is told what happened.

CI runs a few of each; the long series (the counts reported for issue 11) runs with

    .venv/bin/python -m pytest tests/faults -m slow -q -s

and prints one "FAULT SERIES" line per series with its counts.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from vita.record.codec import verify_file
from vita.safe_files import is_partial_name
from vita.store import Store, audit
from vita.store.wal import FRAME_HEADER, WAL_HEADER, wal_path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WRITER = HERE / "fault_writer.py"
CRASH_WRITER = REPO / "tests" / "store" / "crash_writer.py"
PASSPHRASE = "a long passphrase at the border"
CUTOFF = "2026-01-01T00:00:00+00:00"
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(str(p) for p in (REPO, HERE, REPO / "tests/record", REPO / "tests/store")),
}

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def report(series: str, **counts: int) -> None:
    print(f"\nFAULT SERIES {series}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))


@contextmanager
def process(*args: str) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=60)
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()


def kill(child: subprocess.Popen[str], delay: float) -> list[str]:
    """Let the child work `delay` seconds, SIGKILL it; return the lines it printed that were not read yet."""
    assert child.stdout is not None
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    return child.stdout.read().splitlines()


def kill_after(child: subprocess.Popen[str], first_line: str, delay: float) -> list[str]:
    """Wait for `first_line`, let the child work `delay` seconds, SIGKILL it; return every line it printed."""
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith(first_line), f"{line!r} {child.stderr.read() if child.stderr else ''}"
    return kill(child, delay)


def prepare(path: Path, old: int, recent: int, unfinished: int) -> None:
    subprocess.run(
        [sys.executable, str(WRITER), "prepare", str(path), str(old), str(recent), str(unfinished)],
        env=ENV, check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def killed_writer(rng: random.Random, most: float, *args: str) -> list[str]:
    """Run the fault writer with `args`, SIGKILL it a random moment (up to `most` seconds) after it is ready, and
    return every line it printed."""
    with process(str(WRITER), *args) as child:
        return kill_after(child, "ready", rng.uniform(0, most))


def fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of a prepared store in its own new folder, for one run of a series."""
    folder.mkdir()
    return Path(shutil.copy(template, folder / "vita.db"))


def lengths(few: int, many: int) -> pytest.MarkDecorator:
    """A series as CI runs it (`few` runs), and its long version (`many` runs, marked slow: the counts reported
    for issue 11)."""
    return pytest.mark.parametrize(
        "runs", [pytest.param(few, id="few"), pytest.param(many, id="many", marks=pytest.mark.slow)]
    )


# -- kill -9 while an interview is being written ----------------------------------------------------------------


def interview_series(tmp_path: Path, kills: int, seed: int) -> None:
    from crash_writer import expected_event

    rng = random.Random(seed)
    path = tmp_path / "interview" / "vita.db"
    path.parent.mkdir()
    interview_id, acknowledged, lost = "new", 0, 0
    for _ in range(kills):
        with process(str(CRASH_WRITER), str(path), interview_id) as child:
            assert child.stdout is not None
            header = child.stdout.readline()
            assert header.startswith("interview "), child.stderr.read() if child.stderr else ""
            interview_id = header.split()[1]
            wanted, reported = rng.randint(1, 40), []
            while len(reported) < wanted:
                reported.append(int(child.stdout.readline()))
            reported += [int(x) for x in kill(child, rng.uniform(0, 0.02))]
        with Store.open(path, PASSPHRASE) as store:
            events = store.events(interview_id)
        seqs = {e.seq for e in events}
        acknowledged += len(reported)
        lost += len(set(reported) - seqs)
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), "a gap in the log"
        for event in events:
            assert (event.type.value, dict(event.data)) == expected_event(event.seq)
    report("interview writing", kills=kills, acknowledged=acknowledged, lost=lost)
    assert lost == 0


@lengths(4, 100)
def test_kill_during_interview_writing(tmp_path: Path, runs: int) -> None:
    interview_series(tmp_path, kills=runs, seed=11)


# -- kill -9 while interviews are being finished -----------------------------------------------------------------


def finishing_series(tmp_path: Path, kills: int, seed: int) -> None:
    """An interview is finished and summarised for the statistics in one transaction: after a kill, every
    interview whose FINISHED event survived has its summary, and no other interview has one."""
    rng = random.Random(seed)
    path = tmp_path / "finishing" / "vita.db"
    path.parent.mkdir()
    prepare(path, 0, 0, 0)
    acknowledged = lost = 0
    for _ in range(kills):
        lines = killed_writer(rng, 0.3, "finish", str(path))
        reported = {line.split()[1] for line in lines if line.startswith("finished ")}
        with Store.open(path, PASSPHRASE) as store:
            logged = {
                i.id for i in store.interviews() if [e.type.value for e in store.events(i.id)][-1:] == ["finished"]
            }
            summarised = {i.id for i in store.interviews(finished=True)}
            counted = sum(1 for _ in store.outcomes())
        acknowledged += len(reported)
        lost += len(reported - summarised)
        assert summarised == logged and counted == len(logged), "a FINISHED event without its summary, or the reverse"
    report("finishing", kills=kills, acknowledged=acknowledged, lost=lost)
    assert lost == 0


@lengths(4, 50)
def test_kill_while_finishing_interviews(tmp_path: Path, runs: int) -> None:
    finishing_series(tmp_path, kills=runs, seed=23)


# -- kill -9 while records are exported -------------------------------------------------------------------------


def export_series(tmp_path: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    template = tmp_path / "template.db"
    prepare(template, 0, 3, 0)
    acknowledged = lost = settled = escaped = 0
    for k in range(kills):
        path = fresh_copy(template, tmp_path / f"export-{k}")
        out = path.parent / "out"
        lines = killed_writer(rng, 0.4, "export", str(path), str(out))
        exported = [line.split() for line in lines if line.startswith("exported ")]
        with Store.open(path, PASSPHRASE, recover=False) as store:
            pending = len(store.audit_log(state=audit.PENDING))
        with Store.open(path, PASSPHRASE) as store:
            assert len(store.recovered) == pending  # each interrupted export is settled and said so
            entries = store.audit_log()
        settled += pending
        assert not [e for e in entries if e.state == audit.PENDING]
        on_disk = sorted(out.iterdir()) if out.exists() else []
        assert not [p for p in on_disk if is_partial_name(p.name)], "a hidden partial file was left"
        kept = {f.sha256 for e in entries if e.state in (audit.DONE, audit.RECOVERED) for f in e.files}
        for file in on_disk:  # nothing on the disk escaped the audit trail
            escaped += hashlib.sha256(file.read_bytes()).hexdigest() not in kept
        cases = {ref for _, ref, _digest in exported}  # overwrite=True: a later export may replace an earlier one
        acknowledged += len(exported)
        for ref in cases:
            stem = ref  # case references are file-name safe
            json_file, pdf_file = out / f"{stem}.json", out / f"{stem}.pdf"
            if not (json_file.exists() and pdf_file.exists()):
                lost += 1
                continue
            result = verify_file(json_file)
            lost += not result.ok
    report("export", kills=kills, exports_acknowledged=acknowledged, settled_after_crash=settled, lost=lost,
           escaped_audit=escaped)  # fmt: skip
    assert lost == 0 and escaped == 0


@lengths(4, 50)
def test_kill_during_export(tmp_path: Path, runs: int) -> None:
    export_series(tmp_path, kills=runs, seed=23)


# -- kill -9 during the retention purge -------------------------------------------------------------------------

OLD, RECENT, UNFINISHED = 120, 4, 3


def purge_series(tmp_path: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    template = tmp_path / "template.db"
    prepare(template, OLD, RECENT, UNFINISHED)
    with Store.open(template, PASSPHRASE) as store:
        keep = {i.id: len(store.events(i.id)) for i in store.interviews() if i.started_at.year == 2026}
    outcomes = {"purged": 0, "not purged": 0}
    lost = 0
    for k in range(kills):
        path = fresh_copy(template, tmp_path / f"purge-{k}")
        lines = killed_writer(rng, 0.3, "purge", str(path), CUTOFF)
        with Store.open(path, PASSPHRASE) as store:
            present = {i.id: len(store.events(i.id)) for i in store.interviews()}
            said = [e for e in store.audit_log() if e.action == "retention"]
        lost += sum(present.get(iid) != count for iid, count in keep.items())  # never touched: all events there
        old_left = len(present) - len(keep)
        assert old_left in (0, OLD), f"a purge half done: {old_left} of {OLD} left"
        if old_left == 0:
            outcomes["purged"] += 1
            assert len(said) == 1 and f"deleted {OLD} interview(s)" in said[0].detail  # the audit says so
        else:
            outcomes["not purged"] += 1
            assert said == [] and not any(line.startswith("purged") for line in lines)
    report("retention purge", kills=kills, purged=outcomes["purged"], not_purged=outcomes["not purged"], lost=lost)
    assert lost == 0


@lengths(4, 50)
def test_kill_during_retention_purge(tmp_path: Path, runs: int) -> None:
    purge_series(tmp_path, kills=runs, seed=37)


# -- a damaged write-ahead log ----------------------------------------------------------------------------------


def wal_series(tmp_path: Path, damages: int, seed: int) -> None:
    from storekit import an_interview, make_store

    rng = random.Random(seed)
    live = tmp_path / "live" / "vita.db"
    store = make_store(live)
    session = store.start_session(an_interview())
    notes = [session.note(f"note {n}").seq for n in range(40)]
    snapshot = {name: live.with_name(name).read_bytes() for name in ("vita.db", "vita.db-wal")}
    store.close()
    page = int.from_bytes(snapshot["vita.db-wal"][8:12], "big")
    frames = (len(snapshot["vita.db-wal"]) - WAL_HEADER) // (FRAME_HEADER + page)
    told = silent = intact = 0
    for k in range(damages):
        path = tmp_path / f"wal-{k}" / "vita.db"
        path.parent.mkdir(mode=0o700)
        path.write_bytes(snapshot["vita.db"])
        log = bytearray(snapshot["vita.db-wal"])
        frame = rng.randint(0, frames)  # 0: the log's header
        at = rng.randrange(WAL_HEADER) if frame == 0 else WAL_HEADER + (frame - 1) * (FRAME_HEADER + page)
        at += 0 if frame == 0 else rng.randrange(FRAME_HEADER + page)
        log[at] ^= rng.randint(1, 255)
        wal_path(path).write_bytes(bytes(log))
        with Store.open(path, PASSPHRASE) as opened:
            known = {i.id for i in opened.interviews()}
            kept = len(opened.events(session.interview.id)) if session.interview.id in known else 0
            warning = opened.wal_damaged
        if kept == len(notes):
            intact += 1
        elif warning is not None and warning.copy is not None and warning.copy.read_bytes() == bytes(log):
            told += 1
        else:
            silent += 1
    report("damaged WAL", damages=damages, intact=intact, lost_and_told=told, lost_silently=silent)
    assert silent == 0


@lengths(20, 300)
def test_damaged_write_ahead_log(tmp_path: Path, runs: int) -> None:
    wal_series(tmp_path, damages=runs, seed=53)
