"""Run by test_store_full_disk.py inside a private mount namespace whose FOLDER is a tiny tmpfs. A child
process writes notes until the store says the disk is full and then dies as if killed (os._exit); this
process reopens the store while the disk is still full, frees space, reopens again, and prints what it saw
as JSON. Not a test module.

usage: python full_disk_crash.py FOLDER
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from storekit import PASSPHRASE, an_interview, make_store

from vita.errors_text import explain
from vita.store import Store, StoreError, StoreFull


def write_until_full_then_die(folder: Path) -> None:
    store = make_store(folder / "vita.db")
    session = store.start_session(an_interview())
    (folder / "someone-elses-file").write_bytes(b"\0" * 96 * 1024)  # freed later
    try:
        while True:
            print(session.note(f"note {len(session.events)}").seq, flush=True)  # printed once durable
    except StoreFull:
        pass
    os._exit(9)  # dies with the disk full and the log not checkpointed


def main(folder: Path) -> None:
    child = subprocess.run(
        [sys.executable, __file__, str(folder), "child"], capture_output=True, text=True, check=False
    )
    acknowledged = [int(line) for line in child.stdout.split()]
    try:
        Store.open(folder / "vita.db", PASSPHRASE).close()
        while_full = "opened"
    except StoreError as error:
        while_full = f"{type(error).__name__}: {explain(error)}"
    (folder / "someone-elses-file").unlink()
    with Store.open(folder / "vita.db", PASSPHRASE) as store:
        (interview,) = store.interviews()
        kept = [e.seq for e in store.events(interview.id)]
    print(json.dumps({"acknowledged": acknowledged, "while_full": while_full, "kept": kept, "rc": child.returncode}))


if __name__ == "__main__":
    if sys.argv[2:] == ["child"]:
        write_until_full_then_die(Path(sys.argv[1]))
    else:
        main(Path(sys.argv[1]))
