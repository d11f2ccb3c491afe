"""Entry point for `vita`. Each command module adds its sub-commands through `register(subparsers)`.

`vita` with no command starts the window, and the officer waits for it: so a command's module (and what it
imports: the store's library, numpy, the record writer…) is imported only when that command is asked for;
`vita --help` and an unknown command import them all, to list them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from vita.paths import ContentNotFound, Paths, default_content_root, default_data_dir, default_overlay_dir
from vita.relaunch import run_hidden

from vita import __version__

# Command name -> the module that registers it (one module may register several commands).
COMMAND_MODULES = {
    "content": "vita.cli.content",
    "export": "vita.cli.record",
    "verify": "vita.cli.record",
    "stats": "vita.cli.record",
    "sample-record": "vita.cli.record",
    "simulate": "vita.cli.simulate",
    "store": "vita.cli.store",
    "settings": "vita.cli.settings",
    "audit": "vita.cli.audit",
    "doctor": "vita.cli.doctor",
    "bench": "vita.cli.bench",
}


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=None, help="folder with messages/, translations/ and audio/")
    parser.add_argument("--data", type=Path, default=None, help="folder for the encrypted store (default: per-user)")
    parser.add_argument(
        "--overlay",
        type=Path,
        default=None,
        help="the deployment's writable content folder, read before the shipped content (default: DATA/content; "
        "with --content and no --overlay, the --content folder itself is written)",
    )
    # For `vita bench` only: time the start of the window through this very entry point (and a bare Qt window).
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--startup-floor", nargs="?", const="bare", choices=("bare", "styled"), help=argparse.SUPPRESS)


def _modules_for(argv: Sequence[str]) -> list[ModuleType]:
    """The command modules this command line needs: none for the window, one for a known command."""
    probe = argparse.ArgumentParser(add_help=False)
    _global_options(probe)
    probe.add_argument("command", nargs="?")
    known, _rest = probe.parse_known_args(argv)
    helping = any(arg in ("-h", "--help") for arg in argv)
    if known.command in COMMAND_MODULES:
        names = [COMMAND_MODULES[known.command]]
    elif known.command is None and not helping:
        names = []
    else:  # help, or a mistyped command: argparse lists every command
        names = list(dict.fromkeys(COMMAND_MODULES.values()))
    return [importlib.import_module(name) for name in names]


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (default: every command, e.g. for documentation)."""
    parser = argparse.ArgumentParser(prog="vita", description="VITA: talk to a person who shares no language with you.")
    parser.add_argument("--version", action="version", version=f"VITA {__version__}")
    _global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = _modules_for(["--help"] if argv is None else argv)
    for module in modules:
        module.register(subparsers)
    return parser


def paths_from(args: argparse.Namespace) -> Paths:
    """An explicit --content folder is one a maintainer edits in place; otherwise writes go to the overlay."""
    data = args.data or default_data_dir()
    overlay = args.overlay or (None if args.content else default_overlay_dir(data))
    return Paths(args.content or default_content_root(), data, overlay)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    hidden = run_hidden(arguments)  # children VITA starts itself
    if hidden is not None:
        return hidden
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if args.startup_floor:
        from vita.gui.bare import run_bare_window

        return run_bare_window(styled=args.startup_floor == "styled")
    handler = getattr(args, "handler", None)
    if args.command is not None and handler is None:
        parser.parse_args([*arguments, "--help"])
        return 2
    try:
        paths = paths_from(args)
    except ContentNotFound as error:
        from vita.errors_text import explain

        print(f"vita: {explain(error)}", file=sys.stderr)
        return 1
    if args.command is None:
        from vita.gui.app import run_app  # the GUI is loaded only when it is wanted

        return run_app(paths, exit_when_shown=args.exit_when_shown)
    assert handler is not None  # a command without one was sent to --help above
    result: int = handler(args, paths)
    return result


if __name__ == "__main__":
    sys.exit(main())
