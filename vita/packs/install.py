"""Installing and removing verified packs in the deployment's overlay, all at once or not at all.

The overlay is rebuilt beside itself (hard links to its files, so this is cheap), the pack is applied to the
copy, and the copy is swapped in by `vita.safe_files.FolderSwap`. An interruption leaves the old overlay or the
new one, never a mix; `recover_overlay` (run first by every install, removal and listing) finishes or undoes a
swap.

In the overlay a pack's files replace the shipped files of the same name whole; its audio languages replace the
shipped languages whole (each a folder audio/<code>/ with its clips and its own manifest.json); its fonts are
listed in fonts/<pack>.fonts.json. Whatever a pack replaced in the overlay is kept in packs/<name>/backup/ and
put back when the pack is removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vita.audio.errors import ManifestError
from vita.audio.manifest import MANIFEST_NAME, Manifest, read_language
from vita.packs.signing import PackError, VerifiedPack, trusted_keys, verify_pack
from vita.safe_files import FolderSwap, move_while_building, recover_swaps, remove_tree, write_file

RECORDS = "packs"
KEYS = "keys"  # the trusted public keys (*.pub), in the shipped content and in the overlay; never written by a pack


@dataclass(frozen=True)
class InstalledPack:
    name: str
    key_id: str
    created: str
    installed: str
    files: tuple[str, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        codes = {f.split("/")[1] for f in self.files if f.startswith("audio/")}
        codes |= {f.split("/")[1].removesuffix(".po") for f in self.files if f.startswith("translations/")}
        return tuple(sorted(codes))


def recover_overlay(overlay: Path) -> None:
    """Finish or undo an interrupted swap: put the old overlay back if the new one never arrived."""
    recover_swaps(overlay.parent, overlay.name)


def _swap_in(overlay: Path, change: Callable[[Path], None]) -> None:
    """Apply change to a copy of the overlay, then swap the copy in; on any error the overlay is as it was."""
    with FolderSwap(overlay) as swap:
        change(swap.start(copy_of=overlay if overlay.exists() else None, hard_links=True))


def _write_new(path: Path, data: bytes) -> None:
    """A new file (replacing the name: never writing through a hard link shared with the old overlay)."""
    write_file(path, data, replace=True, private=False)


def _language_entries(pack: VerifiedPack, code: str, scratch: Path) -> Manifest:
    """The pack's audio/<code>/manifest.json, checked: every clip it lists is in the pack, in that language."""
    folder = scratch / code
    folder.mkdir(parents=True)
    raw = pack.files.get(f"audio/{code}/{MANIFEST_NAME}")
    if raw is None:
        raise PackError(f"the pack's audio/{code}/ has no {MANIFEST_NAME}")
    _write_new(folder / MANIFEST_NAME, raw)
    try:
        manifest = read_language(folder)
    except ManifestError as exc:
        raise PackError(f"the pack's audio/{code}/{MANIFEST_NAME} {exc.reason}") from exc
    for clip in manifest:
        if clip.language != code or not clip.path.startswith(f"{code}/") or f"audio/{clip.path}" not in pack.files:
            raise PackError(f"the pack's audio/{code}/{MANIFEST_NAME} lists {clip.path}, which the pack does not hold")
        if hashlib.sha256(pack.files[f"audio/{clip.path}"]).hexdigest() != clip.sha256:
            raise PackError(f"the pack's clip {clip.path} does not match its manifest")
    return manifest


def check_pack_contents(pack: VerifiedPack, scratch: Path) -> dict[str, Manifest]:
    """Every audio language of the pack, checked, before anything is installed."""
    return {code: _language_entries(pack, code, scratch) for code in pack.languages_with_audio()}


def install_pack(overlay: Path, pack: VerifiedPack, audio: dict[str, Manifest]) -> InstalledPack:
    """Install a verified pack (a pack of the same name is replaced). `audio`: from check_pack_contents."""
    installed = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

    def change(tree: Path) -> None:
        if (tree / RECORDS / pack.name).exists():
            _remove_from(tree, pack.name)
        record = tree / RECORDS / pack.name
        backup = record / "backup"
        for code in audio:  # a language's folder, with its own manifest, is replaced whole and kept whole
            if (tree / "audio" / code).exists():
                move_while_building(tree / "audio" / code, backup / "audio" / code)
        for path, data in pack.files.items():
            target = tree / _installed_name(path, pack.name)
            if target.exists() and not path.startswith("audio/"):
                move_while_building(target, backup / path)
            _write_new(target, data)
        _write_new(record / "pack.json", pack.manifest_bytes)
        _write_new(record / "pack.sig", pack.signature)
        _write_new(record / "installed.json", json.dumps({"installed": installed, "key_id": pack.key_id}).encode())

    _swap_in(overlay, change)
    return InstalledPack(pack.name, pack.key_id, pack.created, installed, tuple(sorted(pack.files)))


def _installed_name(path: str, pack_name: str) -> str:
    """Where a pack file goes in the overlay: fonts.json becomes the pack's own font list."""
    return f"fonts/{pack_name}.fonts.json" if path == "fonts/fonts.json" else path


def _remove_from(tree: Path, name: str) -> None:
    record = tree / RECORDS / name
    files = json.loads((record / "pack.json").read_text(encoding="utf-8"))["files"]
    backup = record / "backup"
    codes = sorted({p.split("/")[1] for p in files if p.startswith("audio/")})
    for path in files:
        if not path.startswith("audio/"):
            (tree / _installed_name(path, name)).unlink(missing_ok=True)
            if (backup / path).exists():
                move_while_building(backup / path, tree / path)
    for code in codes:
        remove_tree(tree / "audio" / code)
        if (backup / "audio" / code).exists():  # the language as it was, its manifest with it
            move_while_building(backup / "audio" / code, tree / "audio" / code)
    remove_tree(record)


def remove_pack(overlay: Path, name: str) -> None:
    """Take an installed pack out, putting back whatever it replaced in the overlay."""
    recover_overlay(overlay)
    if not (overlay / RECORDS / name / "pack.json").is_file():
        raise PackError(f"no pack named {name!r} is installed")
    _swap_in(overlay, lambda tree: _remove_from(tree, name))


def installed_packs(overlay: Path) -> list[InstalledPack]:
    recover_overlay(overlay)
    found = []
    for record in sorted((overlay / RECORDS).glob("*/pack.json")):
        manifest = json.loads(record.read_text(encoding="utf-8"))
        info = json.loads((record.parent / "installed.json").read_text(encoding="utf-8"))
        files = tuple(sorted(manifest["files"]))
        found.append(InstalledPack(manifest["name"], info["key_id"], manifest["created"], info["installed"], files))
    return found


def trusted_key_dirs(content_root: Path, overlay: Path | None) -> list[Path]:
    """Where a deployment's trusted keys are: keys/ of the shipped content and of the overlay."""
    return [content_root / KEYS, *([overlay / KEYS] if overlay is not None else [])]


def install_pack_file(overlay: Path, pack_file: Path, key_dirs: list[Path]) -> InstalledPack:
    """What `vita content install` does: verify the pack against the trusted keys, check what it holds, then
    install it into the overlay (all of it, or nothing)."""
    pack = verify_pack(pack_file, trusted_keys(key_dirs))
    with tempfile.TemporaryDirectory(prefix="vita-pack-") as scratch:
        audio = check_pack_contents(pack, Path(scratch))
    return install_pack(overlay, pack, audio)
