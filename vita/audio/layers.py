"""The clip library as the app sees it: the shipped audio with the deployment's overlay above it.

A language is the unit: when the overlay's library holds a language (its folder and its manifest entries), that
language's shipped clips are not used at all, so a deployment's human recordings never mix with the shipped
synthetic ones. The overlay's clips keep their files where they are: in the merged manifest their paths are
absolute, which `audio_dir / clip.path` resolves to the overlay file.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from vita.audio.manifest import MANIFEST_NAME, Manifest, load_manifest, write_manifest
from vita.paths import ContentLayers


def overlay_languages(layers: ContentLayers) -> tuple[str, ...]:
    """The languages whose audio comes from the overlay."""
    if layers.overlay is None or layers.writable_audio == layers.shipped_audio or not layers.writable_audio.is_dir():
        return ()
    manifest = load_manifest(layers.writable_audio)
    folders = {p.name for p in layers.writable_audio.iterdir() if p.is_dir() and not p.name.startswith(".")}
    return tuple(sorted(set(manifest.languages()) | (folders & set(manifest.no_voice))))


def has_audio(audio: Path | ContentLayers) -> bool:
    """Whether there is any manifest to read (an audio folder, or the shipped and overlay libraries)."""
    if isinstance(audio, Path):
        return (audio / MANIFEST_NAME).exists()
    return (audio.shipped_audio / MANIFEST_NAME).exists() or (audio.writable_audio / MANIFEST_NAME).exists()


def layered_manifest(audio: Path | ContentLayers) -> Manifest:
    """The shipped manifest with each language the overlay holds replaced whole by the overlay's (a plain audio
    folder is read as it is).

    Paths of shipped clips stay relative to the shipped audio folder; paths of overlay clips are absolute.
    ManifestError when either manifest is unreadable.
    """
    if isinstance(audio, Path):
        return load_manifest(audio)
    layers = audio
    shipped = load_manifest(layers.shipped_audio)
    replaced = overlay_languages(layers)
    if not replaced:
        return shipped
    overlay = load_manifest(layers.writable_audio)
    base = layers.writable_audio.resolve()
    clips = [c for c in shipped if c.language not in replaced]
    clips += [dataclasses.replace(c, path=(base / c.path).as_posix()) for c in overlay]
    no_voice = {code: why for code, why in shipped.no_voice.items() if code not in replaced}
    no_voice.update(overlay.no_voice)
    return dataclasses.replace(shipped, clips=()).with_clips(clips, no_voice)


def copy_language_to_overlay(layers: ContentLayers, code: str) -> bool:
    """Before the first write to a language's audio, copy its shipped clips into the overlay, so that the overlay's
    language (which replaces the shipped one whole) starts as the shipped one. True when it copied."""
    target_dir = layers.writable_audio
    if target_dir == layers.shipped_audio or code in overlay_languages(layers):
        return False
    shipped = load_manifest(layers.shipped_audio)
    clips = shipped.for_language(code)
    if not clips:
        return False
    overlay = load_manifest(target_dir)
    staging = target_dir / f".copy-{code}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for clip in clips:
        shutil.copy2(layers.shipped_audio / clip.path, staging / Path(clip.path).name)
    if (target_dir / code).exists():
        shutil.rmtree(target_dir / code)  # a leftover folder the overlay's manifest does not list
    staging.rename(target_dir / code)
    no_voice = dict(overlay.no_voice)
    if code in shipped.no_voice:
        no_voice[code] = shipped.no_voice[code]
    write_manifest(target_dir, overlay.with_clips(clips, no_voice))
    return True
