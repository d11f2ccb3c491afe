"""Export the record of a finished interview: a JSON file for systems and a PDF for people, plus an audit entry.

The PDF is drawn by a renderer passed in (vita.printing.pdf.render_pdf in the program), which keeps this
module free of Qt. Both files are written completely or not at all, readable by their owner only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from vita.content.model import Content
from vita.interview.model import Event, Interview
from vita.record.build import build_record
from vita.record.codec import document_text, to_document, write_private
from vita.record.errors import ExportExists, UnknownCase
from vita.record.model import Record
from vita.record.provenance import AudioProvenance
from vita.record.referrals import Directory

EXPORT_ACTION = "export"

# Draws the record as a PDF at the path given; the digest is printed on it so paper and JSON can be matched.
PdfRenderer = Callable[[Record, str, Path], None]


class RecordSource(Protocol):
    """What the export needs from the store (vita.store.Store provides it)."""

    def events(self, interview_id: str) -> list[Event]: ...

    def interviews(self, *, finished: bool | None = None, since: dt.datetime | None = None) -> list[Interview]: ...

    def record_audit(self, action: str, detail: str, officer: str) -> None: ...


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
    """Write CASE.json and CASE.pdf into out_dir and log who exported what. Nothing is left half-written."""
    record = build_record(interview, store.events(interview.id), content, directory, audio, now)
    document = to_document(record)
    digest: str = document["digest"]["value"]
    stem = file_stem(interview.case_reference)
    json_path, pdf_path = out_dir / f"{stem}.json", out_dir / f"{stem}.pdf"
    for target in (json_path, pdf_path):
        if target.exists() and not overwrite:
            raise ExportExists(target)
    out_dir.mkdir(parents=True, exist_ok=True)
    partial_pdf = out_dir / f".{stem}.pdf.partial"
    try:
        render_pdf(record, digest, partial_pdf)
        os.chmod(partial_pdf, 0o600)
        write_private(json_path, document_text(document).encode("utf-8"))
        os.replace(partial_pdf, pdf_path)
    except BaseException:
        if not pdf_path.exists():  # never leave a JSON whose PDF failed
            json_path.unlink(missing_ok=True)
        raise
    finally:
        partial_pdf.unlink(missing_ok=True)
    try:
        store.record_audit(
            EXPORT_ACTION,
            f"{interview.case_reference}: wrote {json_path.name} and {pdf_path.name} to {out_dir}; sha-256 {digest}",
            exported_by,
        )
    except BaseException:
        # An export that is not in the audit trail must not exist.
        json_path.unlink(missing_ok=True)
        pdf_path.unlink(missing_ok=True)
        raise
    return ExportResult(record, digest, json_path, pdf_path)
