"""Run by the fault series as a separate process that is killed with SIGKILL mid-work. Not a test module.

    python fault_writer.py export STORE OUT      export every finished interview into OUT, again and again,
                                                 printing "exported REF DIGEST" once each export returned
    python fault_writer.py purge STORE CUTOFF    print "ready", delete the interviews finished before CUTOFF
                                                 (ISO time), print "purged N"
    python fault_writer.py finish STORE          print "ready", then write and finish interviews one after another,
                                                 printing "finished ID" once each finish returned
    python fault_writer.py prepare STORE OLD RECENT UNFINISHED
                                                 make a store with that many interviews (see `prepare`)

The PDF is a stand-in (the record's digest in a few bytes): the series tests the files, the audit trail and the
store, not Qt's PDF writer, which has its own tests.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from recordkit import border_header, sample_directory, small_content

from vita.content.model import Answer
from vita.interview.session import InterviewSession
from vita.record.export import export_interview
from vita.record.model import Record
from vita.store import Store, kdf

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "a long passphrase at the border"
OLD = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
RECENT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
CUTOFF = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def stand_in_pdf(record: Record, digest: str) -> bytes:
    return b"%PDF-1.4\n% " + digest.encode() + b"\n" + b"%" * 4000 + b"\n%%EOF\n"


def interview_at(start: dt.datetime, n: int, finish: bool, store: Store) -> str:
    header = border_header(reference=f"F-{start:%Y%m}-{n:03d}", now=start + dt.timedelta(minutes=n))
    times = iter(start + dt.timedelta(minutes=n, seconds=s) for s in range(1, 100))
    session = InterviewSession(header, store, [], clock=lambda: next(times))
    store.add_interview(header)
    session.played("safety.hurt")
    session.answer("safety.hurt", Answer.YES)
    session.note(f"note of interview {n}: limping, asked for water")
    if finish:
        session.finish()
    return header.id


def prepare(path: Path, old: int, recent: int, unfinished: int) -> None:
    with Store.create(path, PASSPHRASE, kdf_cost=kdf.MIN_COST) as store:
        for n in range(old):
            interview_at(OLD, n, True, store)
        for n in range(recent):
            interview_at(RECENT, n, True, store)
        for n in range(unfinished):
            interview_at(RECENT, 500 + n, False, store)


def export_forever(path: Path, out: Path) -> None:
    store = Store.open(path, PASSPHRASE)
    made, directory = small_content(), sample_directory()
    print("ready", flush=True)
    while True:
        for interview in store.interviews(finished=True):
            result = export_interview(
                store,
                interview,
                content=made,
                directory=directory,
                audio=None,
                out_dir=out,
                exported_by="Officer Ivanov",
                render_pdf=stand_in_pdf,
                overwrite=True,
            )
            print(f"exported {interview.case_reference} {result.digest}", flush=True)


def purge(path: Path, cutoff: dt.datetime) -> None:
    store = Store.open(path, PASSPHRASE)
    print("ready", flush=True)
    print(f"purged {store.delete_finished_before(cutoff)}", flush=True)
    time.sleep(60)  # the test kills us; exiting would close the store politely


def finish_forever(path: Path) -> None:
    store = Store.open(path, PASSPHRASE)
    print("ready", flush=True)
    for n in range(100_000):
        print(f"finished {interview_at(RECENT, n, True, store)}", flush=True)


if __name__ == "__main__":
    mode, store_path = sys.argv[1], Path(sys.argv[2])
    if mode == "export":
        export_forever(store_path, Path(sys.argv[3]))
    elif mode == "purge":
        purge(store_path, dt.datetime.fromisoformat(sys.argv[3]))
    elif mode == "finish":
        finish_forever(store_path)
    elif mode == "prepare":
        prepare(store_path, *(int(x) for x in sys.argv[3:6]))
