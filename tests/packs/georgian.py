"""A signed pack's folder that adds a language in a script VITA does not ship (Georgian): its entry in the
languages, a translation, two clips and a font. Used by the pack tests and by the studio's install test."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from fontTools import subset

from vita.audio.codec import encode_opus, sha256_bytes
from vita.audio.manifest import ClipEntry, Manifest, Synthetic, write_manifest
from vita.content.errors import Problems
from vita.content.loader import load_catalogue, load_languages
from vita.content.pot import new_translation

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has Georgian; Debian's fonts-dejavu-core
GEORGIAN = '\n[[language]]\ncode = "ka"\nenglish_name = "Georgian"\nnative_name = "ქართული"\nscript = "Geor"\n'
GEORGIAN += 'direction = "ltr"\nregions = ["GE"]\n'
TEST_TEXT = "ტესტის ტექსტი"  # "test text": a placeholder for a test, not a translation


def georgian_pack_folder(shipped: Path, folder: Path) -> Path:
    """Languages with Georgian added, a draft ka.po, two clips of a test tone, and a Georgian font."""
    (folder / "messages").mkdir(parents=True)
    languages = (shipped / "messages" / "languages.toml").read_text(encoding="utf-8") + GEORGIAN
    (folder / "messages" / "languages.toml").write_text(languages, encoding="utf-8")
    problems = Problems()
    catalogue = load_catalogue(shipped / "messages" / "catalogue.toml", problems)
    assert catalogue is not None
    [georgian] = [
        lang for lang in load_languages(folder / "messages" / "languages.toml", problems) if lang.code == "ka"
    ]
    po = new_translation(catalogue, georgian)
    for entry in po:
        entry.msgstr = TEST_TEXT
    (folder / "translations").mkdir()
    po.save(str(folder / "translations" / "ka.po"))

    clips = []
    (folder / "audio" / "ka").mkdir(parents=True)
    tone = (0.3 * np.sin(2 * np.pi * 220 * np.arange(16_000) / 16_000)).astype(np.float32)
    for message_id in catalogue.message_ids[:2]:
        data = encode_opus(tone, 16_000)
        (folder / "audio" / "ka" / f"{message_id}.opus").write_bytes(data)
        provenance = Synthetic("test tone", "1", "none", "2025-01-01")  # not speech: marked synthetic, honestly
        clips.append(ClipEntry(f"ka/{message_id}.opus", "ka", message_id, "", sha256_bytes(data), 1.0, "", provenance))
    write_manifest(folder / "audio", Manifest(tuple(clips)))  # audio/ka/manifest.json

    (folder / "fonts").mkdir()
    options = subset.Options()
    font = subset.load_font(str(DEJAVU), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[*range(0x10A0, 0x1100), *range(0x20, 0x7F)])
    subsetter.subset(font)
    subset.save_font(font, str(folder / "fonts" / "DejaVuSans-Georgian.ttf"), options)
    listing = [{"file": "DejaVuSans-Georgian.ttf", "family": "DejaVu Sans", "weight": "regular", "scripts": ["Geor"]}]
    (folder / "fonts" / "fonts.json").write_text(json.dumps(listing), encoding="utf-8")
    return folder
