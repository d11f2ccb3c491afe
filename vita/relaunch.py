"""Starting VITA itself as a child process, the same way from a checkout, an installed package or a bundle.

A frozen program has no `python -m …` (its sys.executable is the program itself), so children are always
started as `vita <hidden command>`: the frozen executable, or `python -m vita` from source. The hidden
commands are dispatched by vita.cli.main before the public parser, and are not listed in --help.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

# hidden command -> "module:function" taking the remaining arguments; imported only when it is run.
HIDDEN_COMMANDS = {
    "_espeak-child": "vita.audio.isolated:child_main",
    "_gui-benchmark": "vita.gui.benchmark:main",
    "_bench-store": "vita.cli.bench_store:main",
}


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def self_program() -> list[str]:
    """The command line that starts this program: the frozen executable, or `python -m vita` from source."""
    return [sys.executable] if is_frozen() else [sys.executable, "-m", "vita"]


def self_command(hidden: str, *args: str) -> list[str]:
    """The command line that runs `vita <hidden> args…` in a new process."""
    if hidden not in HIDDEN_COMMANDS:
        raise ValueError(f"not a hidden command: {hidden}")
    return [*self_program(), hidden, *args]


def self_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The child's environment: from source, the folder holding this vita package comes first on PYTHONPATH, so
    that the child runs the same code even when it is not installed."""
    env = dict(os.environ if base is None else base)
    if not is_frozen():
        source = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH", "")) if p)
    return env


def run_hidden(argv: list[str]) -> int | None:
    """Run a hidden command when argv starts with one; None when it does not."""
    if not argv or argv[0] not in HIDDEN_COMMANDS:
        return None
    import importlib

    module_name, _, function = HIDDEN_COMMANDS[argv[0]].partition(":")
    result = getattr(importlib.import_module(module_name), function)(argv[1:])
    return int(result or 0)
