"""`vita doctor [--json] [--only AREA,…]`: content, fonts, sound devices, store, disk, retention and audit, each
OK, a note or a problem in plain words with what to do. Exits 0 when there is no problem."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from vita.doctor import Finding, Level
from vita.errors_text import explain
from vita.paths import Paths
from vita.store import StoreError
from vita.store.settings import Settings

from vita import doctor
from vita.cli.passphrase import PASSPHRASE_ENV, passphrase

AREAS = ("content", "fonts", "audio", "store", "disk")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("doctor", help="check content, fonts, sound, store, disk, retention and audit")
    parser.add_argument("--json", action="store_true", help="one JSON object for machines")
    parser.add_argument(
        "--only", default=",".join(AREAS), metavar="AREA,…", help=f"check only these ({', '.join(AREAS)})"
    )
    parser.set_defaults(handler=run_doctor)


def _retention_days(store: Any) -> int:
    return int(Settings(store).get("retention_days"))


def _passphrase() -> str | None:
    """The passphrase if one can be had; doctor still checks everything else without it."""
    if not os.environ.get(PASSPHRASE_ENV) and not sys.stdin.isatty():
        return None
    try:
        return passphrase()
    except StoreError as why:  # no passphrase, or one that is not text
        print(f"vita doctor: {explain(why)}", file=sys.stderr)
        return None


def findings(paths: Paths, areas: set[str]) -> list[Finding]:
    found: list[Finding] = []
    if "content" in areas:
        found += doctor.check_content(paths)
    if "fonts" in areas:
        found += doctor.check_fonts(paths)
    if "audio" in areas:
        found += doctor.check_audio_devices()
    if "store" in areas:
        found += doctor.check_store_files(paths.database)
        if paths.database.is_file():
            found += doctor.check_store(paths.database, _passphrase(), _retention_days)
    if "disk" in areas:
        found += doctor.check_disk(paths.data_dir)
    return found


def run_doctor(args: argparse.Namespace, paths: Paths) -> int:
    areas = {a.strip() for a in args.only.split(",") if a.strip()}
    unknown = areas - set(AREAS)
    if unknown:
        print(
            f"vita doctor: unknown area(s) {', '.join(sorted(unknown))}; choose from {', '.join(AREAS)}",
            file=sys.stderr,
        )
        return 2
    found = findings(paths, areas)
    problems = [f for f in found if f.level is Level.PROBLEM]
    if args.json:
        document = {"ok": not problems, "findings": [f.as_json() for f in found]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for finding in found:
            print(finding.line())
        notes = sum(f.level is Level.NOTE for f in found)
        print(f"{len(problems)} problem(s), {notes} note(s).", "All is well." if not problems else "See above.")
    return 1 if problems else 0
