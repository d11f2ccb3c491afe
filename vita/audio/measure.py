"""Audio figures for `vita bench` that need no sound device: the library's size and the decoder's speed."""

from __future__ import annotations

import time
from pathlib import Path

from vita.audio.cache import ClipLibrary
from vita.audio.codec import decode
from vita.audio.manifest import Manifest


def library_mb(audio_dir: Path) -> float:
    """Everything under audio/ (clips and manifest), in megabytes (10^6 bytes)."""
    total = sum(p.stat().st_size for p in audio_dir.rglob("*") if p.is_file()) if audio_dir.is_dir() else 0
    return round(total / 1e6, 3)


def decode_ms_per_clip(library: ClipLibrary, language: str) -> float:
    """Mean time to decode one clip of `language` on one thread, from the file to PCM."""
    clips = library.manifest.for_language(language)
    started = time.perf_counter()
    for clip in clips:
        decode(library.path(clip))
    return round((time.perf_counter() - started) * 1000 / max(1, len(clips)), 3)


def largest_language(manifest: Manifest, wanted: str | None = None) -> str | None:
    """The language asked for if it has clips, else the one with the most seconds of audio: the worst case
    for memory and for decoding a whole language."""
    seconds = {code: sum(c.duration_s for c in manifest.for_language(code)) for code in manifest.languages()}
    if not seconds:
        return None
    return wanted if wanted in seconds else max(seconds, key=lambda code: seconds[code])
