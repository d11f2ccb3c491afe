"""`vita content synth` and `vita content import`: make and replace the clips of the audio library."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from vita.audio.errors import AudioError
from vita.audio.layers import copy_language_to_overlay
from vita.content.loader import collect_content
from vita.paths import Paths


def register_content_actions(commands: Any) -> None:
    """Add the audio actions to the `vita content` sub-commands."""
    synth = commands.add_parser("synth", help="make draft clips with the offline speech engine (espeak-ng)")
    synth.add_argument("--lang", action="append", metavar="CODE", help="only this language (repeatable)")
    synth.add_argument("--speaker", choices=("female", "male"), default="female", help="voice of the speaker")
    synth.add_argument("--force", action="store_true", help="remake clips even when their text has not changed")
    synth.set_defaults(handler=run_synth)

    imp = commands.add_parser(
        "import",
        help="replace clips with human recordings",
        description=(
            "Import recordings (WAV, MP3, M4A, OGG, FLAC…) named by message id: opening.greeting.m4a for the "
            "neutral form, opening.greeting@female.m4a (or @male, @child, @child-female, @child-male) for a form."
        ),
    )
    imp.add_argument("folder", type=Path, help="folder of recordings")
    imp.add_argument("--lang", required=True, metavar="CODE", help="language of the recordings")
    imp.add_argument("--speaker", required=True, help="who spoke (name or role, as the deployment records it)")
    imp.add_argument("--place", default="", help="where it was recorded")
    imp.add_argument("--date", default=None, help="when it was recorded (YYYY-MM-DD; default today)")
    imp.set_defaults(handler=run_import)


def _content_or_report(paths: Paths) -> Any:
    content, problems = collect_content(paths.content)
    if content is None:
        for problem in problems.errors:
            print(problem, file=sys.stderr)
    return content


def run_synth(args: argparse.Namespace, paths: Paths) -> int:
    from vita.audio.isolated import IsolatedEspeak
    from vita.audio.synth import synthesize

    content = _content_or_report(paths)
    if content is None:
        return 1
    known = set(content.listed_codes())
    unknown = [code for code in args.lang or [] if code not in known]
    if unknown:
        print(f"not in languages.toml: {', '.join(unknown)}", file=sys.stderr)
        return 1
    try:
        engine = IsolatedEspeak()  # a crash inside espeak-ng costs one text, not the run
    except AudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        progress = lambda line: print(line, flush=True)  # noqa: E731
        for code in args.lang or content.codes():
            copy_language_to_overlay(paths.content, code)  # the overlay's language starts as the shipped one
        audio_dir = paths.content.writable_audio
        report = synthesize(content, audio_dir, engine, args.lang, args.speaker, args.force, progress=progress)
    except AudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.close()
    problems = [f"{r.code}: {p}" for r in report.voiced.values() for p in r.problems]
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    voiced = sorted(code for code, result in report.voiced.items() if result.clips)
    total = sum(r.clips for r in report.voiced.values())
    print()
    print(f"engine: {engine.info.name} {engine.info.version} ({engine.info.library})")
    print(f"audio ({len(voiced)} languages, {total} clips): {', '.join(voiced) or 'none'}")
    requested = set(args.lang or known)
    text_only = sorted(code for code in report.no_voice if code in requested)
    print(f"text only ({len(text_only)}): " + (", ".join(text_only) or "none"))
    for code in text_only:
        print(f"  {code}: {report.no_voice[code]}")
    if report.no_translation:
        print(f"no translation yet ({len(report.no_translation)}): {', '.join(sorted(report.no_translation))}")
    return 1 if problems else 0


def run_import(args: argparse.Namespace, paths: Paths) -> int:
    from vita.audio.importer import import_recordings
    from vita.audio.manifest import Recorded

    content = _content_or_report(paths)
    if content is None:
        return 1
    if args.lang not in set(content.listed_codes()):
        print(f"{args.lang} is not in languages.toml", file=sys.stderr)
        return 1
    date = args.date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        print(f"--date {date!r} is not a date like 2025-03-31", file=sys.stderr)
        return 1
    if not args.folder.is_dir():
        print(f"{args.folder} is not a folder", file=sys.stderr)
        return 1
    try:
        report = import_recordings(
            content, paths.content, args.folder, args.lang, Recorded(args.speaker, date, args.place)
        )
    except AudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for entry in report.imported:
        print(f"imported {entry.path} ({entry.duration_s:.1f} s)")
    for bad in report.rejected:
        print(f"rejected {bad}", file=sys.stderr)
    print(f"{len(report.imported)} imported, {len(report.rejected)} rejected")
    return 1 if report.rejected else 0
