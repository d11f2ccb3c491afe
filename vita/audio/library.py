"""Writing the clip library without ever leaving it half-written.

New clips for a language are written into a staging folder next to audio/<language>; when every clip is
there, each language folder is swapped in by rename, and then the manifest is replaced atomically.
If the process dies in the middle of a swap, `recover` (run before every write) puts the old folder back.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from vita.audio.codec import sha256_bytes
from vita.audio.manifest import ClipEntry, Manifest, clip_name, write_manifest

STAGING_PREFIX = ".staging-"
TRASH_PREFIX = ".old-"


def recover(audio_dir: Path) -> list[str]:
    """Undo an interrupted swap: restore old language folders whose replacement never arrived."""
    restored: list[str] = []
    if not audio_dir.is_dir():
        return restored
    for trash in sorted(audio_dir.glob(f"{TRASH_PREFIX}*")):
        language = trash.name[len(TRASH_PREFIX) :].rsplit("-", 1)[0]
        live = audio_dir / language
        if not live.exists():
            trash.rename(live)
            restored.append(language)
        else:
            shutil.rmtree(trash, ignore_errors=True)
    for staging in audio_dir.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(staging, ignore_errors=True)
    return restored


class LibraryTransaction:
    """Stage whole languages, then `commit` swaps them in and writes the manifest; `abort` leaves no trace.

    Use as a context manager: leaving the block with an exception aborts.
    """

    def __init__(self, audio_dir: Path, manifest: Manifest) -> None:
        self.audio_dir = audio_dir
        self.manifest = manifest
        audio_dir.mkdir(parents=True, exist_ok=True)
        recover(audio_dir)
        self._staging = audio_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:8]}"
        self._staging.mkdir()
        self._entries: dict[str, list[ClipEntry]] = {}
        self._done = False

    def __enter__(self) -> LibraryTransaction:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if not self._done:
            self.abort()

    def begin_language(self, language: str) -> None:
        """Start a fresh folder for `language`; only clips added (or kept) afterwards will be in it."""
        (self._staging / language).mkdir(exist_ok=True)
        self._entries.setdefault(language, [])

    def add(
        self, entry_for: Callable[[str, str], ClipEntry], language: str, message_id: str, variant: str, data: bytes
    ) -> ClipEntry:
        """Write a clip's bytes into staging; `entry_for(path, sha256)` builds its manifest entry."""
        self.begin_language(language)
        name = clip_name(message_id, variant)
        target = self._staging / language / name
        with target.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        entry = entry_for(f"{language}/{name}", sha256_bytes(data))
        self._entries[language].append(entry)
        return entry

    def keep(self, entry: ClipEntry) -> None:
        """Carry an existing clip over unchanged into the new folder of its language."""
        self.begin_language(entry.language)
        source = self.audio_dir / entry.path
        shutil.copy2(source, self._staging / entry.path)
        self._entries[entry.language].append(entry)

    def commit(self, no_voice: dict[str, str] | None = None) -> Manifest:
        """Swap every staged language in, then write the manifest. Returns the new manifest."""
        manifest = self.manifest
        for language, entries in self._entries.items():
            manifest = manifest.without_language(language).with_clips(entries)
        if no_voice is not None:
            manifest = manifest.with_clips((), no_voice)
        for language in self._entries:
            live = self.audio_dir / language
            trash = self.audio_dir / f"{TRASH_PREFIX}{language}-{uuid.uuid4().hex[:8]}"
            if live.exists():
                live.rename(trash)
            (self._staging / language).rename(live)
        write_manifest(self.audio_dir, manifest)
        recover(self.audio_dir)  # removes the old folders and the empty staging folder
        self._done = True
        self.manifest = manifest
        return manifest

    def abort(self) -> None:
        shutil.rmtree(self._staging, ignore_errors=True)
        self._done = True
