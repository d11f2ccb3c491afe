"""The bundled fonts, registered with Qt, and the family to use for each script.

VITA ships subset Noto fonts in vita/fonts/ so that every script prints on any machine, Windows included,
where Qt's font fallback does not know fonts an application registers. A script with no bundled font falls
back to an installed family that has its letters.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection
from pathlib import Path
from typing import Any

from PySide6 import QtGui

from vita.content.scripts import SCRIPT_ALIASES
from vita.fonts import FONT_DIR, BundledFont, bundled_fonts

FONT_SUFFIXES = (".ttf", ".otf")
_REGISTERED_PROPERTY = "vitaBundledFonts"  # kept on the application object: one registration per application

# A letter that any font for the script must have (ISO 15924 code -> character).
SCRIPT_SAMPLES: dict[str, str] = {
    "Latn": "A",
    "Cyrl": "Ж",
    "Grek": "Ω",
    "Arab": "ب",
    "Hebr": "א",
    "Ethi": "አ",
    "Mymr": "က",
    "Khmr": "ក",
    "Laoo": "ກ",
    "Thai": "ก",
    "Deva": "क",
    "Beng": "ক",
    "Guru": "ਕ",
    "Hani": "中",
    "Geor": "ა",
    "Armn": "ա",
}
GENERAL_SCRIPTS = ("Latn", "Cyrl", "Grek")  # served by the plain "Noto Sans"
# The first word of a letter's Unicode name -> its script, for the scripts above (CJK: the Han ideographs).
NAME_SCRIPTS = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARABIC": "Arab", "HEBREW": "Hebr", "ETHIOPIC": "Ethi",
    "MYANMAR": "Mymr", "KHMER": "Khmr", "LAO": "Laoo", "THAI": "Thai", "DEVANAGARI": "Deva", "BENGALI": "Beng",
    "GURMUKHI": "Guru", "CJK": "Hani", "GEORGIAN": "Geor", "ARMENIAN": "Armn",
}  # fmt: skip


def scripts_in(texts: Collection[str]) -> set[str] | None:
    """The scripts the letters of `texts` are written in; None when one is in a script not named above.

    From the letters' Unicode names (the standard library's table), so that the fonts a first screen needs
    are known without loading the script tables that checking content uses (vita.content.scripts)."""
    found: set[str] = set()
    for char in "".join(texts):
        if not unicodedata.category(char).startswith("L"):
            continue
        script = NAME_SCRIPTS.get(unicodedata.name(char, "").split(" ", 1)[0])
        if script is None:
            return None
        found.add(script)
    return found


def _manifest_scripts(font_dir: Path) -> dict[str, tuple[str, ...]]:
    """File name -> scripts, from vita/fonts/fonts.json when the font bundle has one."""
    try:
        return {font.path.name: font.scripts for font in bundled_fonts(font_dir)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no manifest, or a broken one: coverage below still finds the scripts


def _covered_scripts(path: Path) -> tuple[str, ...]:
    raw = QtGui.QRawFont(str(path), 12)
    if not raw.isValid():
        return ()
    return tuple(script for script, char in SCRIPT_SAMPLES.items() if raw.supportsCharacter(ord(char)))


def _preference(family: str, script: str, scripts: tuple[str, ...]) -> tuple[int, int, str]:
    """Lower is better: the plain family for Latin-like scripts, else the font made for fewest scripts."""
    plain = family in ("Noto Sans", "Noto Sans Regular")
    general = script in GENERAL_SCRIPTS
    return (0 if plain == general else 1, len(scripts), family)


def register_bundled_fonts(font_dir: Path = FONT_DIR, scripts: Collection[str] | None = None) -> dict[str, str]:
    """Register the .ttf/.otf files in the font folder with Qt; return ISO 15924 script code -> family name.

    With `scripts`, only the files the folder's fonts.json lists for one of them are registered (a first
    window needs few; each file takes a moment); a later call registers the rest. Needs a QGuiApplication.
    Registering a folder twice in one application registers its fonts once.
    """
    app = QtGui.QGuiApplication.instance()
    if app is None:
        raise RuntimeError("register_bundled_fonts needs a QGuiApplication")
    cached = app.property(_REGISTERED_PROPERTY)
    registered: dict[str, dict[str, Any]] = json.loads(cached) if isinstance(cached, str) and cached else {}
    done = registered.setdefault(str(font_dir), {"files": [], "candidates": {}})
    declared = _manifest_scripts(font_dir)
    wanted = None if scripts is None else {SCRIPT_ALIASES.get(s, s) for s in scripts}
    candidates: dict[str, list[list[Any]]] = done["candidates"]
    for path in sorted(p for p in font_dir.iterdir() if p.suffix.lower() in FONT_SUFFIXES):
        if path.name in done["files"]:
            continue
        listed = tuple(SCRIPT_ALIASES.get(s, s) for s in declared.get(path.name, ()))
        if wanted is not None and not wanted & set(listed):
            continue  # not needed yet (a file fonts.json does not list waits for the full registration)
        done["files"].append(path.name)
        font_id = QtGui.QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            continue  # not a font Qt can read: the script falls back to an installed font
        families = QtGui.QFontDatabase.applicationFontFamilies(font_id)
        covered = listed or _covered_scripts(path)
        for family in families[:1]:
            for script in covered:
                candidates.setdefault(script, []).append([*_preference(family, script, covered), family])
    app.setProperty(_REGISTERED_PROPERTY, json.dumps(registered))
    return {script: min(options, key=lambda option: tuple(option[:3]))[3] for script, options in candidates.items()}


def register_deployment_fonts(fonts: list[BundledFont]) -> None:
    """Register fonts a deployment added with Qt; `installed_family` then finds them for their scripts."""
    for font in fonts:
        QtGui.QFontDatabase.addApplicationFont(str(font.path))


def installed_family(script: str) -> str | None:
    """An installed family with the script's letters, preferring Noto; None when there is none."""
    sample = SCRIPT_SAMPLES.get(SCRIPT_ALIASES.get(script, script))
    if sample is None:
        return None
    families = QtGui.QFontDatabase.families()
    # Noto first; for Han, the Simplified Chinese cut (Mandarin speakers met at borders mostly read it).
    ranked = sorted(
        families,
        key=lambda f: (not f.startswith("Noto Sans"), script == "Hani" and "SC" not in f, "Mono" in f, len(f), f),
    )
    for family in ranked:
        # QRawFont looks at the family's own font file; QFontMetrics would count Qt's fallback fonts too.
        raw = QtGui.QRawFont.fromFont(QtGui.QFont(family))
        if raw.isValid() and raw.familyName() == family and raw.supportsCharacter(ord(sample)):
            return family
    return None


def family_for(script: str, bundled: dict[str, str]) -> str:
    """The family to print a script in: the bundled one, else an installed one, else Qt's default."""
    script = SCRIPT_ALIASES.get(script, script)
    if script in bundled:
        return bundled[script]
    found = installed_family(script)
    if found:
        return found
    return bundled.get("Latn") or QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.GeneralFont).family()
