"""The clip library as the app sees it: the shipped audio with the deployment's overlay above it.

A language is the unit: when the overlay's audio holds a language's folder with its own manifest.json, that
language's shipped folder is not used at all, so a deployment's human recordings never mix with the shipped
synthetic ones. The overlay's clips keep their files where they are: in the merged manifest their paths are
absolute, which `audio_dir / clip.path` resolves to the overlay file.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from vita.audio.errors import ManifestError
from vita.audio.library import recover_quietly
from vita.audio.manifest import MANIFEST_NAME, ClipEntry, Manifest, is_language_folder, read_library
from vita.paths import ContentLayers
from vita.safe_files import FolderSwap


def overlay_languages(layers: ContentLayers) -> tuple[str, ...]:
    """The languages whose audio comes from the overlay: its language folders that hold a manifest."""
    if layers.overlay is None or layers.writable_audio == layers.shipped_audio or not layers.writable_audio.is_dir():
        return ()
    folders = [p for p in layers.writable_audio.iterdir() if is_language_folder(p)]
    return tuple(sorted(p.name for p in folders if (p / MANIFEST_NAME).exists()))


def has_audio(audio: Path | ContentLayers) -> bool:
    """Whether any language has a manifest to read (in an audio folder, or in the shipped or overlay library)."""
    folders = [audio] if isinstance(audio, Path) else [audio.shipped_audio, audio.writable_audio]
    for folder in folders:
        if folder.is_dir() and (
            (folder / MANIFEST_NAME).exists()  # the old single manifest: reading it reports how to split it
            or any((p / MANIFEST_NAME).exists() for p in folder.iterdir() if is_language_folder(p))
        ):
            return True
    return False


def recover_layers(audio: Path | ContentLayers) -> None:
    """Finish or undo what an interrupted import or synth left, in every library that may be written."""
    folders = [audio] if isinstance(audio, Path) else sorted({audio.shipped_audio, audio.writable_audio})
    for folder in folders:
        recover_quietly(folder)


def read_layered(audio: Path | ContentLayers, verify: bool = False) -> tuple[Manifest, list[ManifestError]]:
    """Like `read_library`, with each language the overlay holds replacing the shipped one whole (a plain audio
    folder is read as it is). Paths of shipped clips stay relative to the shipped audio folder; paths of overlay
    clips are absolute."""
    if isinstance(audio, Path):
        return read_library(audio, verify)
    layers = audio
    shipped, problems = read_library(layers.shipped_audio, verify)
    replaced = set(overlay_languages(layers))
    if not replaced:
        return shipped, problems
    overlay, overlay_problems = read_library(layers.writable_audio, verify)
    base = layers.writable_audio.resolve()

    def moved(clip: ClipEntry) -> ClipEntry:
        return dataclasses.replace(clip, path=(base / clip.path).as_posix())

    def hidden(problem: ManifestError) -> bool:  # a shipped language's problem does not matter once replaced
        return problem.path.parent.name in replaced and problem.path.parent.parent == layers.shipped_audio

    clips = [c for c in shipped if c.language not in replaced] + [moved(c) for c in overlay]
    no_voice = {code: why for code, why in shipped.no_voice.items() if code not in replaced}
    no_voice.update(overlay.no_voice)
    refused = {key: found for key, found in shipped.refused.items() if key[0] not in replaced}
    refused.update({key: (moved(entry), why) for key, (entry, why) in overlay.refused.items()})
    merged = dataclasses.replace(shipped, clips=(), refused=refused).with_clips(clips, no_voice)
    return merged, [p for p in problems if not hidden(p)] + overlay_problems


def layered_manifest(audio: Path | ContentLayers, verify: bool = False) -> Manifest:
    """Every language's clips as the app plays them; ManifestError for the first unusable language manifest."""
    manifest, problems = read_layered(audio, verify)
    if problems:
        raise problems[0]
    return manifest


def copy_language_to_overlay(layers: ContentLayers, code: str) -> bool:
    """Before the first write to a language's audio, copy its shipped folder (clips and manifest) into the
    overlay, so that the overlay's language (which replaces the shipped one whole) starts as the shipped one.
    True when it copied."""
    target_dir = layers.writable_audio
    source = layers.shipped_audio / code
    if target_dir == layers.shipped_audio or code in overlay_languages(layers):
        return False
    if not (source / MANIFEST_NAME).is_file():
        return False
    with FolderSwap(target_dir / code) as swap:  # a leftover folder without a manifest is replaced
        swap.start(copy_of=source)
    return True
