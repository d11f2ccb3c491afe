"""`vita simulate ANSWERS.json --out DIR`: the record an interview with these answers would give, as a simulation."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from vita.content.errors import ContentError
from vita.content.loader import collect_content
from vita.errors_text import explain
from vita.interview.model import utc_now
from vita.paths import Paths
from vita.record.codec import document_text, to_document, write_private
from vita.record.errors import RecordError
from vita.record.export import file_stem
from vita.record.referrals import load_directory
from vita.record.simulate import SimulationError, load_simulation, simulate
from vita.safe_files import SafeFileError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help="write the record a file of answers would give (JSON and PDF), marked as a simulation; no store used",
    )
    parser.add_argument("answers", type=Path, metavar="ANSWERS.json", help="the simulated interview's answers")
    parser.add_argument("--out", type=Path, required=True, help="folder to write NAME.simulated.json and .pdf into")
    parser.add_argument("--overwrite", action="store_true", help="replace the files of an earlier simulation")
    parser.add_argument("--no-pdf", action="store_true", help="write only the JSON (faster; no Qt needed)")
    parser.set_defaults(handler=run_simulate)


def run_simulate(args: argparse.Namespace, paths: Paths) -> int:
    content, problems = collect_content(paths.content)
    if content is None:
        print(f"vita: {ContentError(list(problems))}", file=sys.stderr)
        return 1
    try:
        simulation = load_simulation(args.answers, content)
    except SimulationError as error:
        print(f"vita simulate: {args.answers}: {error}", file=sys.stderr)
        return 2
    stem = file_stem(args.answers.stem) + ".simulated"
    json_path, pdf_path = args.out / f"{stem}.json", args.out / f"{stem}.pdf"
    targets = [json_path] if args.no_pdf else [json_path, pdf_path]
    existing = [t for t in targets if t.exists()]
    if existing and not args.overwrite:
        print(f"vita simulate: {existing[0]} exists already (use --overwrite)", file=sys.stderr)
        return 1
    try:
        directory = load_directory(paths.content.file("messages/referrals.toml"))
        result = simulate(simulation, content, directory, utc_now())
        document = to_document(result.record)
        args.out.mkdir(parents=True, exist_ok=True)
        if not args.no_pdf:
            from vita.printing.pdf import render_pdf  # Qt is loaded only when a PDF is drawn

            render_pdf(result.record, document["digest"]["value"], pdf_path)
            os.chmod(pdf_path, 0o600)  # invented answers still read like personal data: owner only
        write_private(json_path, document_text(document).encode("utf-8"))
    except (RecordError, OSError) as error:
        # a refused safe write carries data only; its words are in errors_text
        print(f"vita simulate: {explain(error) if isinstance(error, SafeFileError) else error}", file=sys.stderr)
        return 1
    print("SIMULATION — not an identification record")
    found = [hit.name for summary in result.record.indicators for hit in summary.found]
    print("indicators: " + ("; ".join(found) if found else "none"))
    print(f"consent: {result.record.consent.status}")
    referred = [item.entry.name for item in result.record.referrals]
    print("referrals: " + ("; ".join(referred) if referred else "none"))
    if result.record.referral_note:
        print(f"referral note: {result.record.referral_note}")
    for item in result.ignored:
        print(f"ignored answer {item.message_id}: {item.reason}")
    for target in reversed(targets):
        print(f"wrote {target}")
    return 0
