"""Which writing system a text is in, using the Unicode Script property from fontTools."""

from __future__ import annotations

import unicodedata as ud
from functools import lru_cache

NEUTRAL_SCRIPTS = {"Zyyy", "Zinh", "Zzzz"}  # common, inherited, unknown
# Chinese in simplified or traditional characters is written in the Han script.
SCRIPT_ALIASES = {"Hans": "Hani", "Hant": "Hani"}


@lru_cache(maxsize=8192)
def letter_scripts(char: str) -> frozenset[str]:
    """The scripts a letter or mark belongs to; empty for digits, punctuation, spaces and common signs."""
    if not ud.category(char).startswith(("L", "M")):
        return frozenset()
    from fontTools import unicodedata as fud  # its tables load when a text is first checked, not at start-up

    return frozenset(fud.script_extension(char)) - NEUTRAL_SCRIPTS


def foreign_letters(text: str, script: str, tolerance: float = 0.1) -> str | None:
    """The letters not in `script`, when they are more than `tolerance` of all letters; else None."""
    expected = SCRIPT_ALIASES.get(script, script)
    total = 0
    foreign: list[str] = []
    for char in text:
        scripts = letter_scripts(char)
        if not scripts:
            continue
        total += 1
        if expected not in scripts:
            foreign.append(char)
    if total and len(foreign) / total > tolerance:
        return "".join(dict.fromkeys(foreign))
    return None


def script_name(code: str) -> str:
    from fontTools import unicodedata as fud

    return str(fud.script_name(SCRIPT_ALIASES.get(code, code), default=code))


# Sentence-end and phrase marks that a line must never start with: Burmese ။ ၊, Devanagari and Bengali ।  ॥,
# the Ethiopic full stop and comma, the Khmer khan. Translators often put a space before them.
CLOSING_MARKS = "။၊।॥።፣។"
NO_BREAK_SPACE = "\u00a0"


def keep_sentence_end(text: str) -> str:
    """The text with each space before a closing mark made unbreakable, so the mark stays on its word's line."""
    out = []
    for index, char in enumerate(text):
        if char == " " and index + 1 < len(text) and text[index + 1] in CLOSING_MARKS:
            out.append(NO_BREAK_SPACE)
        else:
            out.append(char)
    return "".join(out)
