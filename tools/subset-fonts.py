"""Make the bundled fonts: Noto fonts subset to the characters VITA's content uses.

Run after translations change (the glyph-coverage test says when):
    apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-mono
    .venv/bin/python tools/subset-fonts.py
Writes vita/fonts/*.ttf|otf and vita/fonts/fonts.json (which file serves which scripts).
The Latin font keeps whole Latin, Cyrillic and Greek blocks, since officers type notes in their own language.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vita.content.loader import load_content  # noqa: E402

NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto")
OUT = ROOT / "vita" / "fonts"

# family, source file stem, scripts it serves, whether to keep whole Unicode blocks
FONTS = [
    ("Noto Sans", "NotoSans", ["Latn", "Cyrl", "Grek"], True),
    ("Noto Naskh Arabic", "NotoNaskhArabic", ["Arab"], False),
    ("Noto Sans Ethiopic", "NotoSansEthiopic", ["Ethi"], False),
    ("Noto Sans Myanmar", "NotoSansMyanmar", ["Mymr"], False),
    ("Noto Sans Khmer", "NotoSansKhmer", ["Khmr"], False),
    ("Noto Sans Lao", "NotoSansLao", ["Laoo"], False),
    ("Noto Sans Thai", "NotoSansThai", ["Thai"], False),
    ("Noto Sans Devanagari", "NotoSansDevanagari", ["Deva"], False),
    ("Noto Sans Bengali", "NotoSansBengali", ["Beng"], False),
    ("Noto Sans Gurmukhi", "NotoSansGurmukhi", ["Guru"], False),
    ("Noto Sans CJK SC", "NotoSansCJK", ["Hani"], False),
    # Digests and ids: fixed width, and no ligatures to turn "ff" into one glyph.
    ("Noto Sans Mono", "NotoSansMono", [], False),
]
WHOLE_BLOCKS = [
    (0x20, 0x24F),
    (0x250, 0x2FF),
    (0x300, 0x36F),
    (0x370, 0x3FF),
    (0x400, 0x52F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2500, 0x257F),
]
# Arabic presentation forms: the shaped letters need code points of their own, or a PDF's text
# layer cannot map them back to text (pdftotext, search and copy would find nothing).
# The same holds for the Latin ligatures (fi, ff, ffi…), or "identification" comes back as "identi cation".
# Thai: the whole block, small as it is: shaping decomposes SARA AM (U+0E33) into NIKHAHIT (U+0E4D) and SARA AA,
# so a subset of only the characters the texts contain draws "คำ" with a box.
EXTRA_BLOCKS = {
    "Arab": [(0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "Latn": [(0xFB00, 0xFB06)],
    "Thai": [(0x0E00, 0x0E7F)],
}
ALWAYS = set(range(0x20, 0x7F)) | {0xA0, 0x200C, 0x200D, 0x200E, 0x200F, 0x25CC}


def content_characters(script: str) -> set[int]:
    content = load_content(ROOT)
    chars: set[int] = set()
    for language in content.languages:
        if language.script != script:
            continue
        chars |= {ord(c) for c in language.native_name}
        for translation in content.translations[language.code].entries.values():
            chars |= {ord(c) for c in translation.text}
        # The officer's interface in this language (translations/officer/CODE.po) is drawn in the same font.
        officer = ROOT / "translations" / "officer" / f"{language.code}.po"
        if officer.is_file():
            chars |= {ord(c) for entry in polib.pofile(str(officer)) for c in entry.msgstr}
    return chars


def source_font(stem: str, weight: str) -> TTFont:
    if stem == "NotoSansCJK":
        collection = TTCollection(str(CJK / f"NotoSansCJK-{weight}.ttc"))
        for font in collection.fonts:
            if font["name"].getDebugName(1).endswith(" SC"):
                return font
        raise SystemExit("Noto Sans CJK SC not found in the collection")
    return TTFont(str(NOTO / f"{stem}-{weight}.ttf"))


def main() -> None:
    # `--only NotoSansThai NotoNaskhArabic`: remake those fonts and keep the others as they are (for a machine
    # that has only some of the source fonts installed).
    only = set(sys.argv[sys.argv.index("--only") + 1 :]) if "--only" in sys.argv else None
    load_content(ROOT)  # content that does not load stops here, before any font is deleted
    OUT.mkdir(exist_ok=True)
    kept = json.loads((OUT / "fonts.json").read_text(encoding="utf-8")) if only else []
    kept = [entry for entry in kept if entry["file"].rsplit("-", 1)[0] not in only] if only else []
    for old in OUT.glob("*.[ot]tf"):
        if only is None or old.name.rsplit("-", 1)[0] in only:
            old.unlink()
    manifest = list(kept)
    for family, stem, scripts, whole in FONTS:
        if only is not None and stem not in only:
            continue
        unicodes = set(ALWAYS)
        for script in scripts:
            unicodes |= content_characters(script)
            for low, high in EXTRA_BLOCKS.get(script, []):
                unicodes |= set(range(low, high + 1))
        if whole:
            for low, high in WHOLE_BLOCKS:
                unicodes |= set(range(low, high + 1))
        for weight in ("Regular", "Bold"):
            font = source_font(stem, weight)
            options = subset.Options()
            options.layout_features = ["*"]  # shaping for complex scripts needs every feature
            options.name_IDs = ["*"]
            options.notdef_outline = True
            options.hinting = False
            options.desubroutinize = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=unicodes)
            subsetter.subset(font)
            ext = "otf" if "CFF " in font else "ttf"
            name = f"{stem}-{weight}.{ext}"
            font.save(str(OUT / name))
            manifest.append({"file": name, "family": family, "weight": weight.lower(), "scripts": scripts})
            print(f"{name}: {(OUT / name).stat().st_size / 1024:.0f} KB")
    order = [stem for _family, stem, _scripts, _whole in FONTS]
    manifest.sort(key=lambda entry: (order.index(entry["file"].rsplit("-", 1)[0]), entry["weight"] != "regular"))
    (OUT / "fonts.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"total {sum(p.stat().st_size for p in OUT.glob('*.[ot]tf')) / 1024 / 1024:.2f} MB")


if __name__ == "__main__":
    main()
