"""No text ever shows as empty boxes: every character of every translation (and of every language's native name)
has a glyph in the bundled font for its script, or in the bundled Latin font that backs every font; and every
character of the app's own words has one in the Latin font."""

from __future__ import annotations

import unicodedata
from functools import cache

from fontTools.ttLib import TTFont

from PySide6 import QtWidgets

from vita.content.model import Content
from vita.fonts import bundled_fonts

LATIN = "Latn"


@cache
def cmap_of_script(script: str) -> frozenset[int]:
    codes: set[int] = set()
    for font in bundled_fonts():
        if script in font.scripts:
            codes |= set(TTFont(str(font.path), lazy=True).getBestCmap())
    return frozenset(codes)


def missing(text: str, script: str) -> set[str]:
    """Characters with no glyph in the script's font nor in the Latin fallback. Spaces and invisible format
    characters (ZWJ, ZWNJ, bidi marks) need no glyph of their own: shaping uses them and draws nothing."""
    found = cmap_of_script(script) | cmap_of_script(LATIN)
    return {c for c in text if ord(c) not in found and not c.isspace() and unicodedata.category(c) != "Cf"}


def test_every_script_of_the_shipped_languages_has_a_bundled_font(content: Content) -> None:
    assert {language.script for language in content.languages} - {
        s for f in bundled_fonts() for s in f.scripts
    } == set()


def test_every_character_of_every_translation_has_a_glyph_in_the_bundled_fonts(content: Content) -> None:
    problems = {}
    for language in content.languages:
        texts = [language.native_name, *(t.text for t in content.translations[language.code].entries.values())]
        lost = set().union(*(missing(text, language.script) for text in texts))
        if lost:
            problems[language.code] = " ".join(f"U+{ord(c):04X}" for c in sorted(lost))
    assert problems == {}


def test_combining_marks_are_checked_too(content: Content) -> None:
    """Guards the guard: the check above does not skip the marks that scripts like Khmer or Burmese are made of."""
    khmer = "".join(t.text for t in content.translations["km"].entries.values())
    marks = {c for c in khmer if unicodedata.category(c).startswith("M")}
    assert marks and not missing("".join(marks), "Khmr")
    assert missing("\u0bcd", "Khmr") == {"\u0bcd"}  # a Tamil mark is not in the Khmer or Latin font


def test_the_apps_own_words_all_have_glyphs_in_the_latin_font(make_window) -> None:
    window = make_window()
    screens = [window.unlock, window.start, window.languages, window.finder, window.addressee, window.interview,
               window.finish, window.blank, window]  # fmt: skip
    texts = {
        w.text()
        for screen in screens
        for w in screen.findChildren(QtWidgets.QWidget)
        if isinstance(w, QtWidgets.QAbstractButton | QtWidgets.QLabel) and not hasattr(w, "raw_text")
    }
    lost = set().union(*(missing(text, LATIN) for text in texts))
    assert lost == set()


def test_every_character_of_the_officer_interface_catalogues_has_a_glyph(content: Content, repo_root) -> None:
    """The officer's interface in Arabic or Thai is drawn with the bundled fonts too (tools/subset-fonts.py
    includes translations/officer). Arrows (U+2190–21FF) are left out: the bundled Latin font has none, in
    English as in every other language, and that is a separate, known gap."""
    import polib

    from vita.content.officer import officer_dir, officer_languages

    problems = {}
    for code in officer_languages(repo_root)[1:]:
        script = content.language(code).script if code in content.translations else LATIN
        po = polib.pofile(str(officer_dir(repo_root) / f"{code}.po"))
        lost = {c for entry in po for c in missing(entry.msgstr, script) if not 0x2190 <= ord(c) <= 0x21FF}
        if lost:
            problems[code] = " ".join(f"U+{ord(c):04X}" for c in sorted(lost))
    assert problems == {}
