"""The studio's work as a signed content pack that another laptop of the same deployment can install.

For each language the pack carries what the overlay holds of it: its whole audio folder (clips and manifest:
an installed language replaces the other laptop's whole, as in the overlay here) and the overlay's copy of its
PO file (reviews and comments). Signed with the deployment's Ed25519 key (`vita content keygen`); the other
laptop installs it with `vita content install` or install_pack, when it trusts the key.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from vita.audio.layers import overlay_languages
from vita.audio.manifest import MANIFEST_NAME
from vita.packs.signing import PackError, make_pack, read_private_key
from vita.paths import Paths

PACK_PREFIX = "studio"


def pack_name(languages: list[str]) -> str:
    """`studio-<codes>`: a newer export of the same languages replaces the older one where it is installed."""
    name = "-".join([PACK_PREFIX, *sorted(languages)]).lower()
    return re.sub(r"[^a-z0-9_-]", "_", name)[:64]


def export_work(paths: Paths, languages: list[str], private_key: Path, out: Path) -> Path:
    """Write `out`, a signed pack of the overlay's recordings and reviewed texts of `languages`.

    PackError (nothing written) when none of the languages holds any work, or the key cannot be read."""
    if not languages:
        raise PackError("choose at least one language to export")
    key = read_private_key(private_key)
    layers = paths.content
    voiced = set(overlay_languages(layers))
    with tempfile.TemporaryDirectory(prefix="vita-studio-export-") as scratch:
        source = Path(scratch)
        for code in languages:
            if code in voiced:
                folder = layers.writable_audio / code
                target = source / "audio" / code
                target.mkdir(parents=True)
                for clip in sorted(folder.iterdir()):
                    if clip.is_file() and not clip.name.startswith("."):
                        shutil.copyfile(clip, target / clip.name)
                if not (target / MANIFEST_NAME).is_file():
                    raise PackError(f"the overlay's audio of {code} has no {MANIFEST_NAME}")
            po = paths.overlay / "translations" / f"{code}.po" if paths.overlay is not None else None
            if po is not None and po.is_file():
                (source / "translations").mkdir(exist_ok=True)
                shutil.copyfile(po, source / "translations" / po.name)
        if not any(source.iterdir()):
            raise PackError(f"nothing was recorded or reviewed in {', '.join(languages)} on this laptop")
        make_pack(source, key, out, pack_name(languages))
    return out
