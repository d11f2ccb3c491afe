"""Run by test_full_disk_series.py inside a private mount namespace whose FOLDER is a tiny tmpfs: exports records
until the disk is full, then purges interviews on a full disk; frees space and does each again. Prints what it
saw as JSON. Not a test module.

usage: python full_disk_series.py FOLDER
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

from fault_writer import PASSPHRASE, prepare, stand_in_pdf
from recordkit import sample_directory, small_content

from vita.errors_text import explain
from vita.record.codec import verify_file
from vita.record.export import export_interview
from vita.safe_files import SafeFileError, is_partial_name
from vita.store import Store, StoreError, audit


def fill(folder: Path) -> Path:
    """Take every free byte, the way another program's download would."""
    filler = folder / "someone-elses-file"
    try:
        with filler.open("wb") as out:
            while True:
                out.write(b"\0" * 4096)
                out.flush()
    except OSError:
        pass
    return filler


def exports(folder: Path) -> dict[str, object]:
    path = folder / "exports.db"
    prepare(path, 0, 3, 0)
    content, directory = small_content(), sample_directory()
    acknowledged: list[tuple[Path, str]] = []
    refusal = ""
    with Store.open(path, PASSPHRASE) as store:
        interviews = store.interviews(finished=True)
        filler = folder / "ballast"
        filler.write_bytes(b"\0" * 64 * 1024)
        for round_ in range(500):
            try:
                result = export_interview(
                    store, interviews[round_ % len(interviews)], content=content, directory=directory, audio=None,
                    out_dir=folder / "out" / str(round_), exported_by="Officer Ivanov", render_pdf=stand_in_pdf,
                )  # fmt: skip
            except (SafeFileError, StoreError) as error:
                refusal = f"{type(error).__name__}: {explain(error)}"
                break
            acknowledged.append((result.json_path, result.digest))
        partials = [str(p) for p in (folder / "out").rglob("*") if is_partial_name(p.name)]
        filler.unlink()  # space freed: the same export now succeeds
        again = export_interview(
            store, interviews[0], content=content, directory=directory, audio=None, out_dir=folder / "out" / "again",
            exported_by="Officer Ivanov", render_pdf=stand_in_pdf,
        )  # fmt: skip
    with Store.open(path, PASSPHRASE) as store:
        states = [entry.state for entry in store.audit_log()]
    intact = sum(verify_file(json_path).ok and json_path.with_suffix(".pdf").exists() for json_path, _ in acknowledged)
    return {
        "acknowledged": len(acknowledged),
        "intact": intact,
        "refusal": refusal,
        "partials": partials,
        "again_ok": verify_file(again.json_path).ok,
        "done": states.count(audit.DONE),
        "pending": states.count(audit.PENDING),
    }


def purge(folder: Path) -> dict[str, object]:
    path = folder / "purge.db"
    prepare(path, 30, 2, 1)
    cutoff = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with Store.open(path, PASSPHRASE) as store:
        before = {i.id: len(store.events(i.id)) for i in store.interviews()}
        filler = fill(folder)
        try:
            deleted_while_full = store.delete_finished_before(cutoff)
            refusal = ""
        except StoreError as error:
            deleted_while_full, refusal = -1, f"{type(error).__name__}: {explain(error)}"
        after_refusal = {i.id: len(store.events(i.id)) for i in store.interviews()}
        filler.unlink()
        deleted = store.delete_finished_before(cutoff)
    with Store.open(path, PASSPHRASE) as store:
        left = {i.id: len(store.events(i.id)) for i in store.interviews()}
        said = [e.detail for e in store.audit_log() if e.action == "retention"]
    return {
        "refusal": refusal,
        "deleted_while_full": deleted_while_full,
        "unchanged_after_refusal": after_refusal == before,
        "deleted": deleted,
        "kept_intact": all(before[i] == n for i, n in left.items()) and len(left) == len(before) - 30,
        "audit": said,
    }


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    (folder / "a").mkdir(mode=0o700)
    (folder / "b").mkdir(mode=0o700)
    first = exports(folder / "a")
    shutil.rmtree(folder / "a")  # the purge gets the whole (tiny) disk to itself
    print(json.dumps({"exports": first, "purge": purge(folder / "b")}))
