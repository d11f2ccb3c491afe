"""Writing the clip library without ever leaving it half-written.

A language's folder, with its clips and its own manifest.json, is the unit that changes. The new folder is built
whole beside audio/<language> and swapped in by `vita.safe_files.FolderSwap` (the one way VITA replaces a
folder). If the process dies during the swap, `recover` (run at start-up and before every write) puts the old
folder back or keeps the new one, and deletes what was left half-built. So after any interruption a language is
either wholly old or wholly new, and its clips match its manifest.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vita.audio.codec import sha256_bytes
from vita.audio.manifest import ClipEntry, Manifest, clip_name, load_manifest, write_language_manifest
from vita.safe_files import FolderSwap, link_or_copy, recover_swaps, write_file


def recover(audio_dir: Path) -> list[str]:
    """Undo an interrupted swap: restore old language folders whose replacement never arrived, and delete
    what an interrupted write left behind (folders being built, old folders already replaced)."""
    return recover_swaps(audio_dir)


def open_library(audio_dir: Path) -> Manifest:
    """The library as a writer must see it: an interrupted swap undone first, then every manifest read.

    Reading first would miss a language whose folder a killed swap had set aside, and the next write of that
    language would then be built without its clips."""
    recover(audio_dir)
    return load_manifest(audio_dir)


def recover_quietly(audio_dir: Path) -> list[str]:
    """`recover` at start-up, where the library may be on a read-only medium: nothing to do there is no fault."""
    try:
        return recover(audio_dir)
    except OSError:
        return []


class LibraryTransaction:
    """Stage whole languages, then `commit` writes their manifests and swaps them in; `abort` leaves no trace.

    Use as a context manager: leaving the block with an exception aborts.
    """

    def __init__(self, audio_dir: Path, manifest: Manifest) -> None:
        self.audio_dir = audio_dir
        self.manifest = manifest
        audio_dir.mkdir(parents=True, exist_ok=True)
        recover(audio_dir)
        self._swaps: dict[str, FolderSwap] = {}
        self._entries: dict[str, list[ClipEntry]] = {}
        self._done = False

    def __enter__(self) -> LibraryTransaction:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if not self._done:
            self.abort()

    def begin_language(self, language: str) -> None:
        """Start a fresh folder for `language`; only clips added (or kept) afterwards will be in it."""
        if language not in self._swaps:
            swap = FolderSwap(self.audio_dir / language)
            swap.start()
            self._swaps[language] = swap
        self._entries.setdefault(language, [])

    def add(
        self, entry_for: Callable[[str, str], ClipEntry], language: str, message_id: str, variant: str, data: bytes
    ) -> ClipEntry:
        """Write a clip's bytes into staging; `entry_for(path, sha256)` builds its manifest entry."""
        self.begin_language(language)
        name = clip_name(message_id, variant)
        write_file(self._swaps[language].new / name, data, replace=True, private=False)
        entry = entry_for(f"{language}/{name}", sha256_bytes(data))
        self._entries[language].append(entry)
        return entry

    def keep(self, entry: ClipEntry) -> None:
        """Carry an existing clip over unchanged into the new folder of its language."""
        self.begin_language(entry.language)
        source = self.audio_dir / entry.path
        # A clip file is never written into (a new clip replaces it), so the new folder can share it: a kept clip
        # costs a link, not a copy of its bytes.
        link_or_copy(source, self._swaps[entry.language].new.joinpath(*Path(entry.path).parts[1:]))
        self._entries[entry.language].append(entry)

    def commit(self, no_voice: dict[str, str] | None = None) -> Manifest:
        """Write each staged language's manifest into its new folder, then swap the folders in.

        `no_voice` (every language's reason, when given) may change a language that was not staged: its clips are
        carried over into a new folder so that its manifest changes with the same swap."""
        manifest = self.manifest
        if no_voice is not None:
            for code in sorted(set(no_voice) | set(manifest.no_voice)):
                if code not in self._entries and no_voice.get(code) != manifest.no_voice.get(code):
                    self.begin_language(code)
                    for entry in manifest.for_language(code):
                        self.keep(entry)
        for language, entries in self._entries.items():
            manifest = manifest.without_language(language).with_clips(entries)
        if no_voice is not None:
            manifest = manifest.with_clips((), no_voice)
        for language in self._entries:
            write_language_manifest(self._swaps[language].new, manifest, language)
        for language in self._entries:
            self._swaps[language].commit()  # each language wholly old or wholly new, whatever happens next
        self._done = True
        self.manifest = manifest
        return manifest

    def abort(self) -> None:
        for swap in self._swaps.values():
            swap.abort()
        self._done = True
