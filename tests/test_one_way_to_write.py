"""One way to write files safely: every rename, hard link and sync in vita/ is in vita/safe_files.py.

A module that renames a file or folder itself (os.replace, os.rename, Path.rename, Path.replace, shutil.move),
links one into place or syncs one skips the mechanism that makes the change atomic, durable and recoverable
(safe_files.write_file, place_file, FolderSwap). The scan reads the code's syntax, so str.replace(a, b),
datetime.replace(tzinfo=...) and dataclasses.replace(obj, ...) are not taken for renames.
"""

from __future__ import annotations

import ast
from pathlib import Path

VITA = Path(__file__).resolve().parent.parent / "vita"
THE_ONE_PLACE = VITA / "safe_files.py"
MODULE_CALLS = {
    ("os", "replace"),
    ("os", "rename"),
    ("os", "renames"),
    ("os", "link"),
    ("os", "fsync"),
    ("os", "fdatasync"),
    ("shutil", "move"),
}


def file_steps(path: Path) -> list[str]:
    """Each rename, link or sync the module makes itself, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in {"os", "shutil"}:
            found += [
                f"{node.lineno}: from {node.module} import {alias.name}"
                for alias in node.names
                if (node.module, alias.name) in MODULE_CALLS
            ]
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner, name = node.func.value, node.func.attr
        if isinstance(owner, ast.Name) and (owner.id, name) in MODULE_CALLS:
            found.append(f"{node.lineno}: {owner.id}.{name}")
        elif isinstance(owner, ast.Name) and owner.id in {"os", "shutil", "dataclasses"}:
            continue  # os.path.join and the like; dataclasses.replace(obj, ...) builds a new value
        elif name in {"rename", "hardlink_to", "symlink_to"}:
            found.append(f"{node.lineno}: .{name}()")
        elif name == "replace" and len(node.args) == 1 and not node.keywords:  # Path.replace(target)
            found.append(f"{node.lineno}: .replace(target)")
    return found


def test_every_rename_link_and_sync_in_vita_goes_through_safe_files() -> None:
    offenders = {
        str(path.relative_to(VITA)): steps
        for path in sorted(VITA.rglob("*.py"))
        if path != THE_ONE_PLACE and (steps := file_steps(path))
    }
    assert offenders == {}, "use vita.safe_files (write_file, place_file, FolderSwap, move_while_building)"


def test_the_scan_sees_renames_links_and_syncs(tmp_path: Path) -> None:
    """Guards the guard: the one place is seen doing them, and each way of writing one is caught."""
    assert {step.split(": ")[1] for step in file_steps(THE_ONE_PLACE)} >= {"os.rename", "os.replace", "os.fsync"}
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, shutil\nfrom os import replace\nfrom pathlib import Path\n"
        "os.replace('a', 'b')\nPath('a').rename('b')\nPath('a').replace('b')\nshutil.move('a', 'b')\n"
        "'text'.replace('a', 'b')\nstamp.replace(tzinfo=None)\n",
        encoding="utf-8",
    )
    assert [step.split(": ")[1] for step in file_steps(sample)] == [
        "from os import replace",
        "os.replace",
        ".rename()",
        ".replace(target)",
        "shutil.move",
    ]
