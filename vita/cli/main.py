"""Entry point for `vita`. Each command module adds its sub-commands through `register(subparsers)`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from vita.errors_text import explain
from vita.paths import ContentNotFound, Paths, default_content_root, default_data_dir, default_overlay_dir
from vita.relaunch import run_hidden

from vita import __version__
from vita.cli import audit, bench, content, doctor, record, settings, simulate, store

COMMANDS = [content, record, simulate, store, settings, audit, doctor, bench]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vita", description="VITA: talk to a person who shares no language with you.")
    parser.add_argument("--version", action="version", version=f"VITA {__version__}")
    parser.add_argument("--content", type=Path, default=None, help="folder with messages/, translations/ and audio/")
    parser.add_argument("--data", type=Path, default=None, help="folder for the encrypted store (default: per-user)")
    parser.add_argument(
        "--overlay",
        type=Path,
        default=None,
        help="the deployment's writable content folder, read before the shipped content (default: DATA/content; "
        "with --content and no --overlay, the --content folder itself is written)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def paths_from(args: argparse.Namespace) -> Paths:
    """An explicit --content folder is one a maintainer edits in place; otherwise writes go to the overlay."""
    data = args.data or default_data_dir()
    overlay = args.overlay or (None if args.content else default_overlay_dir(data))
    return Paths(args.content or default_content_root(), data, overlay)


def main(argv: Sequence[str] | None = None) -> int:
    hidden = run_hidden(list(sys.argv[1:] if argv is None else argv))  # children VITA starts itself
    if hidden is not None:
        return hidden
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if args.command is not None and handler is None:
        parser.parse_args([*([] if argv is None else argv), "--help"])
        return 2
    try:
        paths = paths_from(args)
    except ContentNotFound as error:
        print(f"vita: {explain(error)}", file=sys.stderr)
        return 1
    if args.command is None:
        from vita.gui.app import run_app  # the GUI is loaded only when it is wanted

        return run_app(paths)
    assert handler is not None  # a command without one was sent to --help above
    result: int = handler(args, paths)
    return result


if __name__ == "__main__":
    sys.exit(main())
