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


def bundled_fonts() -> list[BundledFont]:
    manifest = json.loads((FONT_DIR / "fonts.json").read_text(encoding="utf-8"))
    return [BundledFont(FONT_DIR / f["file"], f["family"], f["weight"], tuple(f["scripts"])) for f in manifest]


def family_for_script(script: str) -> str:
    """The bundled family for an ISO 15924 script code, falling back to the Latin family."""
    fonts = bundled_fonts()
    for font in fonts:
        if script in font.scripts:
            return font.family
    return fonts[0].family
