"""Export the record of a finished interview: a JSON file for systems and a PDF for people, plus an audit entry.

The PDF is drawn by a renderer passed in (vita.printing.pdf.pdf_bytes in the program), which keeps this
module free of Qt. Both files are written completely or not at all, readable by their owner only, through
vita.safe_files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from vita.content.model import Content
from vita.interview.model import Event, Interview
from vita.record.build import build_record
from vita.record.codec import document_text, to_document
from vita.record.errors import ExportExists, UnknownCase
from vita.record.model import Record
from vita.record.provenance import AudioProvenance
from vita.record.referrals import Directory
from vita.safe_files import private_folder, staged_files
from vita.store import audit
from vita.store.audit import AuditFile

EXPORT_ACTION = "export"

# Draws the record as PDF bytes; the digest is printed on it so paper and JSON can be matched. The bytes are
# written by vita.safe_files, never by the renderer.
PdfRenderer = Callable[[Record, str], bytes]


class RecordSource(Protocol):
    """What the export needs from the store (vita.store.Store provides it)."""

    def events(self, interview_id: str) -> list[Event]: ...

    def interviews(self, *, finished: bool | None = None, since: dt.datetime | None = None) -> list[Interview]: ...

    def begin_audit(self, action: str, detail: str, officer: str, files: list[AuditFile]) -> int: ...

    def settle_audit(self, entry_id: int, state: str, outcome: str = "") -> None: ...


@dataclass(frozen=True)
class ExportResult:
    record: Record
    digest: str
    json_path: Path
    pdf_path: Path


def find_interview(store: RecordSource, reference: str) -> Interview:
    """The interview with this case reference or id. Raises UnknownCase."""
    wanted = reference.strip()
    for interview in store.interviews():
        if wanted in (interview.id, interview.case_reference):
            return interview
    raise UnknownCase(reference)


def file_stem(case_reference: str) -> str:
    """A file name from a case reference, safe on every file system."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", case_reference).strip("._") or "record"


def export_interview(
    store: RecordSource,
    interview: Interview,
    *,
    content: Content,
    directory: Directory,
    audio: AudioProvenance | None,
    out_dir: Path,
    exported_by: str,
    render_pdf: PdfRenderer,
    overwrite: bool = False,
    now: dt.datetime | None = None,
) -> ExportResult:
    """Write CASE.json and CASE.pdf into out_dir, audited. Both files or neither; never through a link.

    The audit entry is written first (pending, with each file's SHA-256), then the files, then the entry is
    settled: a crash at any point leaves an entry that the next unlock finishes or cleans up."""
    record = build_record(interview, store.events(interview.id), content, directory, audio, now)
    document = to_document(record)
    digest: str = document["digest"]["value"]
    stem = file_stem(interview.case_reference)
    json_path, pdf_path = out_dir / f"{stem}.json", out_dir / f"{stem}.pdf"
    private_folder(out_dir)  # refuses a link, someone else's folder or one others can write, before any work
    for target in (json_path, pdf_path):
        if target.is_file() and not target.is_symlink() and not overwrite:
            raise ExportExists(target)
    json_bytes = document_text(document).encode("utf-8")
    pdf_bytes = render_pdf(record, digest)
    entry = store.begin_audit(
        EXPORT_ACTION,
        f"{interview.case_reference}: {json_path.name} and {pdf_path.name} to {out_dir}; sha-256 {digest}",
        exported_by,
        [AuditFile.of(json_path, json_bytes), AuditFile.of(pdf_path, pdf_bytes)],
    )
    try:
        with staged_files([json_path, pdf_path], replace=overwrite) as (json_file, pdf_file):
            json_file.write(json_bytes)
            pdf_file.write(pdf_bytes)
    except BaseException as error:
        with suppress(Exception):  # the entry stays pending if even this fails; the next unlock settles it
            store.settle_audit(entry, audit.FAILED, f"nothing was written: {error}")
        raise
    try:
        store.settle_audit(entry, audit.DONE)
    except BaseException:
        # An export the audit trail does not confirm must not exist; the pending entry is settled at next unlock.
        json_path.unlink(missing_ok=True)
        pdf_path.unlink(missing_ok=True)
        raise
    return ExportResult(record, digest, json_path, pdf_path)
