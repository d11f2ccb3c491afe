"""One-off conversion: split the old audio/manifest.json (schema 1, every language) into audio/<code>/manifest.json.

Run once on a library in the old layout: `python tools/split-audio-manifest.py audio`. Each language's manifest is
written inside its folder; the old file is removed last, so an interrupted run can simply be run again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vita.audio.manifest import MANIFEST_NAME, ClipEntry, Manifest, write_manifest


def split(audio_dir: Path) -> int:
    old = audio_dir / MANIFEST_NAME
    raw = json.loads(old.read_text(encoding="utf-8"))
    if raw.get("schema") != 1:
        raise SystemExit(f"{old}: not a schema 1 manifest")
    clips = []
    for item in raw["clips"]:
        language, _, name = item["path"].partition("/")
        clips.append(ClipEntry.from_json({**item, "file": name}, language))
    manifest = Manifest((), dict(raw.get("no_voice", {})), int(raw.get("sample_rate", 16_000))).with_clips(clips)
    written = write_manifest(audio_dir, manifest)
    old.unlink()
    return len(written)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "audio")
    print(f"wrote {split(folder)} language manifests under {folder}")
