"""`vita export`, `vita verify`, `vita stats` and `vita sample-record`: the identification record and the figures."""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

from vita.content.errors import ContentError
from vita.content.loader import collect_content
from vita.content.model import Audience, Content
from vita.errors_text import explain
from vita.interview.model import utc_now
from vita.interview.session import InterviewSession
from vita.paths import Paths
from vita.record.codec import DIGEST_ALGORITHM, verify_file
from vita.record.errors import RecordError
from vita.record.export import ExportResult, PdfRenderer, export_interview, find_interview
from vita.record.provenance import read_audio_provenance
from vita.record.referrals import load_directory
from vita.record.sample import run_sample, sample_interview, stepping_clock
from vita.safe_files import write_file
from vita.stats.counts import BadMonth, count_interviews, parse_month, to_csv, to_json
from vita.stats.suppress import MIN_COUNT_SETTING, read_minimum
from vita.store import Store, StoreError

from vita.cli.passphrase import passphrase


def register(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export", help="write the identification record (PDF and JSON) of a finished interview"
    )
    export.add_argument("case", metavar="CASE_REF|ID", help="the case reference (or interview id) to export")
    export.add_argument("--out", type=Path, required=True, help="folder to write CASE.pdf and CASE.json into")
    export.add_argument("--officer", default=None, help="who is exporting, for the audit trail (default: login name)")
    export.add_argument("--overwrite", action="store_true", help="replace files of an earlier export")
    export.set_defaults(handler=run_export)

    verify = subparsers.add_parser("verify", help="check that a record's JSON file matches its SHA-256 digest")
    verify.add_argument("file", type=Path, metavar="FILE.json")
    verify.set_defaults(handler=run_verify)

    stats = subparsers.add_parser("stats", help="anonymous counts of interviews (no personal data, no free text)")
    stats.add_argument("--since", default=None, metavar="YYYY-MM", help="only interviews started from this month")
    stats.add_argument("--format", choices=("csv", "json"), default="csv")
    stats.add_argument("--out", type=Path, default=None, help="write to this file instead of the screen")
    stats.set_defaults(handler=run_stats)

    sample = subparsers.add_parser(
        "sample-record", help="run a built-in sample interview in a throw-away encrypted store and export its record"
    )
    sample.add_argument("--out", type=Path, required=True, help="folder to write the sample's PDF and JSON into")
    sample.add_argument("--language", default="ar", help="language code of the sample interview (default: ar)")
    sample.add_argument("--child", action="store_true", help="a child's interview instead of an adult's")
    sample.add_argument("--overwrite", action="store_true", help="replace the files of an earlier sample")
    sample.set_defaults(handler=run_sample_record)


def _content(paths: Paths) -> Content:
    """The content, even when some unrelated language file has problems: a record must still be exportable."""
    content, problems = collect_content(paths.content_root)
    if content is None:
        raise ContentError(list(problems))
    return content


def _renderer() -> PdfRenderer:
    from vita.printing.pdf import pdf_bytes  # Qt is loaded only by the commands that draw a PDF

    return pdf_bytes


def _report(result: ExportResult) -> None:
    print(f"wrote {result.pdf_path}")
    print(f"wrote {result.json_path}")
    print(f"{DIGEST_ALGORITHM} {result.digest}")


def _fail(error: BaseException) -> int:
    print(f"vita: {explain(error)}", file=sys.stderr)
    return 1


def run_export(args: argparse.Namespace, paths: Paths) -> int:
    try:
        content = _content(paths)
        directory = load_directory(paths.messages_dir / "referrals.toml")
        with Store.open(paths.database, passphrase()) as store:
            interview = find_interview(store, args.case)
            result = export_interview(
                store,
                interview,
                content=content,
                directory=directory,
                audio=read_audio_provenance(paths.audio_dir),
                out_dir=args.out,
                exported_by=args.officer or getpass.getuser(),
                render_pdf=_renderer(),
                overwrite=args.overwrite,
            )
    except (StoreError, RecordError, ContentError, OSError) as error:
        return _fail(error)
    _report(result)
    return 0


def run_verify(args: argparse.Namespace, paths: Paths) -> int:
    try:
        result = verify_file(args.file)
    except RecordError as error:
        return _fail(error)
    if result.digest_ok:
        print(f"{args.file}: digest matches ({DIGEST_ALGORITHM} {result.computed})")
    else:
        print(f"{args.file}: DIGEST DOES NOT MATCH: the record was changed after it was exported")
        print(f"  claimed  {result.claimed}")
        print(f"  computed {result.computed or '(cannot be computed)'}")
    for problem in result.schema_problems:
        print(f"  schema: {problem}")
    return 0 if result.ok else 1


def run_stats(args: argparse.Namespace, paths: Paths) -> int:
    try:
        since = parse_month(args.since) if args.since else None
        content = _content(paths)
        with Store.open(paths.database, passphrase()) as store:
            items = [(i, store.events(i.id)) for i in store.interviews(finished=True, since=since)]
            minimum = read_minimum(store.get_setting(MIN_COUNT_SETTING))
        counts = count_interviews(items, content.catalogue, since)
        export = to_json if args.format == "json" else to_csv
        text = export(counts, since, minimum=minimum)
        if args.out:
            write_file(args.out, text.encode("utf-8"), replace=True)
            print(f"wrote {args.out}: {len(items)} interviews")
        else:
            sys.stdout.write(text)
    except (StoreError, ContentError, BadMonth, OSError) as error:
        return _fail(error)
    return 0


def run_sample_record(args: argparse.Namespace, paths: Paths) -> int:
    """The sample goes through the real session, a real encrypted store (thrown away after) and the real exporter."""
    audience = Audience.CHILD if args.child else Audience.ADULT
    try:
        content = _content(paths)
        content.language(args.language)
    except KeyError:
        print(f"vita: {args.language} is not in {paths.messages_dir / 'languages.toml'}", file=sys.stderr)
        return 1
    except ContentError as error:
        return _fail(error)
    try:
        directory = load_directory(paths.messages_dir / "referrals.toml")
        with (
            tempfile.TemporaryDirectory(prefix="vita-sample-") as scratch,
            Store.create(Path(scratch) / "sample.db", secrets.token_urlsafe(24)) as store,
        ):
            interview = sample_interview(args.language, audience, utc_now())
            store.add_interview(interview)
            run_sample(InterviewSession(interview, store, [], clock=stepping_clock(interview.started_at)))
            result = export_interview(
                store,
                store.interview(interview.id),
                content=content,
                directory=directory,
                audio=read_audio_provenance(paths.audio_dir),
                out_dir=args.out,
                exported_by="vita sample-record",
                render_pdf=_renderer(),
                overwrite=args.overwrite,
            )
    except (StoreError, RecordError, OSError) as error:
        return _fail(error)
    _report(result)
    return 0
