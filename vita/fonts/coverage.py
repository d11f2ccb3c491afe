"""Whether every character of every text has a glyph in the fonts VITA ships or the deployment added.

Qt-free (fontTools reads the fonts' character maps), so that `vita content check` can say which language would
show empty boxes before anyone opens the app.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from vita.content.model import Content
from vita.fonts import BundledFont

LATIN = "Latn"  # the plain font backs every other one (digits, punctuation)


@cache
def _cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


def script_coverage(fonts: Iterable[BundledFont]) -> dict[str, frozenset[int]]:
    """Script code -> every code point some font for it has a glyph for."""
    coverage: dict[str, set[int]] = {}
    for font in fonts:
        for script in font.scripts:
            coverage.setdefault(script, set()).update(_cmap(font.path))
    return {script: frozenset(codes) for script, codes in coverage.items()}


def _drawn(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) != "Cf"


def missing_glyphs(content: Content, fonts: Iterable[BundledFont]) -> dict[str, set[str]]:
    """Language code -> the characters of its texts (and its own name) that no font has a glyph for.

    Spaces and invisible format characters (ZWJ, ZWNJ, bidi marks) need no glyph of their own."""
    coverage = script_coverage(fonts)
    latin = coverage.get(LATIN, frozenset())
    lost: dict[str, set[str]] = {}
    for language in content.languages:
        found = coverage.get(language.script, frozenset()) | latin
        translations = content.translations.get(language.code)
        texts = [language.native_name, *(t.text for t in translations.entries.values())] if translations else []
        missing = {
            c
            for text in texts
            for c in text
            if ord(c) not in found and not c.isspace() and unicodedata.category(c) != "Cf"
        }
        if missing:
            lost[language.code] = missing
    return lost
