"""Run by test_full_disk.py inside a private mount namespace whose FOLDER is a tiny tmpfs: fills the disk
with notes until the store says StoreFull, frees space, carries on, and prints what happened as JSON.
Not a test module.

usage: python full_disk_writer.py FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storekit import PASSPHRASE, an_interview, make_store

from vita.errors_text import explain
from vita.store import Store, StoreFull


def main(folder: Path) -> None:
    path = folder / "vita.db"
    filler = folder / "someone-elses-file"
    store = make_store(path)
    session = store.start_session(an_interview())
    filler.write_bytes(b"\0" * 96 * 1024)  # space another program holds; freed later
    refusal = ""
    for n in range(10_000):
        try:
            session.note(f"note {n}: " + "words the officer typed " * 40)
        except StoreFull as full:
            refusal = explain(full)
            break
    written = len(session.events)
    in_store = len(store.events(session.interview.id))
    filler.unlink()
    after = session.note("written once space was freed").seq
    store.close()
    with Store.open(path, PASSPHRASE) as reopened:
        texts = [str(e.data["text"]) for e in reopened.events(session.interview.id)]
    print(json.dumps({"refusal": refusal, "written": written, "in_store": in_store, "after": after, "texts": texts}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
