"""The bundled fonts: registered once, and the right family chosen for every script VITA ships."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from PySide6 import QtGui

from vita.content.loader import collect_content

from vita.printing import fonts
from vita.printing.fonts import FONT_DIR, SCRIPT_SAMPLES, family_for, installed_family, register_bundled_fonts

REPO = Path(__file__).resolve().parents[2]


def covers(family: str, char: str) -> bool:
    raw = QtGui.QRawFont.fromFont(QtGui.QFont(family))
    return raw.isValid() and raw.supportsCharacter(ord(char))


def test_every_script_of_the_shipped_languages_prints_in_a_bundled_family_that_has_its_letters(qapp: object) -> None:
    content, _ = collect_content(REPO)
    assert content is not None
    bundled = register_bundled_fonts()
    declared = {s: f["family"] for f in json.loads((FONT_DIR / "fonts.json").read_text()) for s in f["scripts"]}
    scripts = {fonts.SCRIPT_ALIASES.get(x.script, x.script) for x in content.languages}
    for script in sorted(scripts):
        family = family_for(script, bundled)
        assert family == declared[script], script
        assert covers(family, SCRIPT_SAMPLES[script]), (script, family)
    native_names = {x.script: x.native_name for x in content.languages}
    for script, name in native_names.items():
        family = family_for(script, bundled)
        assert all(covers(family, c) for c in name if c.isalpha()), (script, name)


def test_registering_twice_registers_the_fonts_once(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    first = register_bundled_fonts()
    calls: list[str] = []
    monkeypatch.setattr(QtGui.QFontDatabase, "addApplicationFont", lambda path: calls.append(path) or -1)
    assert register_bundled_fonts() == first
    assert calls == []


def test_without_a_manifest_scripts_are_found_from_the_letters_each_font_has(qapp: object, tmp_path: Path) -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSansEthiopic-Regular.ttf", "NotoNaskhArabic-Regular.ttf"):
        shutil.copy(FONT_DIR / name, tmp_path / name)
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    mapping = register_bundled_fonts(tmp_path)
    assert mapping["Latn"] == "Noto Sans"
    assert mapping["Ethi"] == "Noto Sans Ethiopic"
    assert mapping["Arab"] == "Noto Naskh Arabic"


def test_a_script_with_no_bundled_font_falls_back_to_an_installed_one_that_has_its_letters(qapp: object) -> None:
    found = installed_family("Hebr")
    if found is None:
        pytest.skip("no installed font has Hebrew letters on this machine")
    assert family_for("Hebr", {}) == found
    assert covers(found, "א")
    assert family_for("Zzzz", {"Latn": "Noto Sans"}) == "Noto Sans"  # an unknown script prints in the Latin family
