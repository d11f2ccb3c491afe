"""The bundled fonts (subset Noto, SIL Open Font License): which file serves which script.

Qt-free: the GUI and the PDF writer register these files with Qt; tests check their coverage.
Regenerate with tools/subset-fonts.py when translations change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BundledFont:
    path: Path
    family: str
    weight: str
    scripts: tuple[str, ...]


def bundled_fonts(font_dir: Path = FONT_DIR) -> list[BundledFont]:
    """The fonts listed in the folder's fonts.json (OSError or ValueError when it is missing or unreadable)."""
    manifest = json.loads((font_dir / "fonts.json").read_text(encoding="utf-8"))
    return [BundledFont(font_dir / f["file"], f["family"], f["weight"], tuple(f["scripts"])) for f in manifest]
