"""Entry point for `vita`. Each command module adds its sub-commands through `register(subparsers)`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from vita.paths import Paths, default_content_root, default_data_dir

from vita import __version__
from vita.cli import audit, bench, content, doctor, record, settings, simulate, store

COMMANDS = [content, record, simulate, store, settings, audit, doctor, bench]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vita", description="VITA: talk to a person who shares no language with you.")
    parser.add_argument("--version", action="version", version=f"VITA {__version__}")
    parser.add_argument("--content", type=Path, default=None, help="folder with messages/, translations/ and audio/")
    parser.add_argument("--data", type=Path, default=None, help="folder for the encrypted store (default: per-user)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def paths_from(args: argparse.Namespace) -> Paths:
    return Paths(args.content or default_content_root(), args.data or default_data_dir())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from vita.gui.app import run_app  # the GUI is loaded only when it is wanted

        return run_app(paths_from(args))
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.parse_args([*([] if argv is None else argv), "--help"])
        return 2
    result: int = handler(args, paths_from(args))
    return result


if __name__ == "__main__":
    sys.exit(main())
