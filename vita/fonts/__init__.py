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


def read_font_list(listing: Path) -> list[BundledFont]:
    """The fonts a fonts.json lists, with paths in its folder (OSError or ValueError when it is unreadable)."""
    manifest = json.loads(listing.read_text(encoding="utf-8"))
    return [BundledFont(listing.parent / f["file"], f["family"], f["weight"], tuple(f["scripts"])) for f in manifest]


def bundled_fonts(font_dir: Path = FONT_DIR) -> list[BundledFont]:
    """The fonts listed in the folder's fonts.json (OSError or ValueError when it is missing or unreadable)."""
    return read_font_list(font_dir / "fonts.json")


def deployment_fonts(overlay: Path | None) -> list[BundledFont]:
    """Fonts the deployment added (packs for new scripts): every fonts/*.fonts.json in its overlay."""
    if overlay is None:
        return []
    return [font for listing in sorted((overlay / "fonts").glob("*.fonts.json")) for font in read_font_list(listing)]
