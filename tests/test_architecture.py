"""The core is Qt-free: the domain can be used and tested without a QApplication."""

from __future__ import annotations

import ast
from pathlib import Path

VITA = Path(__file__).resolve().parent.parent / "vita"
QT_SIDE = {"gui", "printing"}  # the only packages allowed to import PySide6


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def core_modules() -> list[Path]:
    return [p for p in VITA.rglob("*.py") if p.relative_to(VITA).parts[0] not in QT_SIDE]


def test_no_core_module_imports_pyside6() -> None:
    offenders = {
        str(path.relative_to(VITA)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}
        )
        for path in core_modules()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_does_not_import_the_gui_side() -> None:
    offenders = {
        str(path.relative_to(VITA)): sorted(
            m for m in imported_modules(path) if m.startswith(tuple(f"vita.{p}" for p in QT_SIDE))
        )
        for path in core_modules()
        if path.relative_to(VITA).parts[0] != "cli"  # the CLI may start the GUI or the Qt PDF writer on demand
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_architecture_test_sees_the_core() -> None:
    """Guards the guard: the scan must actually find the core packages."""
    parts = {p.relative_to(VITA).parts[0] for p in core_modules()}
    assert {"content", "interview"} <= parts


def test_modules_stay_small() -> None:
    """STYLE.md: modules under about 500 lines."""
    long = {str(p.relative_to(VITA)): n for p in VITA.rglob("*.py") if (n := len(p.read_text().splitlines())) > 550}
    assert long == {}


def package_imports() -> dict[str, set[str]]:
    """Which top-level parts of vita each part imports (vita/paths.py is the part "paths", and so on)."""
    graph: dict[str, set[str]] = {}
    for path in VITA.rglob("*.py"):
        part = path.relative_to(VITA).parts[0].removesuffix(".py")
        targets = {m.split(".")[1] for m in imported_modules(path) if m.startswith("vita.")}
        graph.setdefault(part, set()).update(targets - {part})
    return graph


def test_the_parts_import_each_other_without_circles() -> None:
    """The floors stay floors: no part imports one that imports it back, directly or further round."""
    graph = package_imports()
    circles = []

    def walk(part: str, trail: tuple[str, ...]) -> None:
        for target in sorted(graph.get(part, ())):
            if target in trail:
                circles.append(" -> ".join((*trail[trail.index(target) :], target)))
            else:
                walk(target, (*trail, target))

    for start in sorted(graph):
        walk(start, (start,))
    assert circles == []
    assert "errors_text" in graph["gui"] and "errors_text" in graph["cli"]  # one place for the words, used by both
