"""Audio performance figures for `vita bench`, measured on the program's own code path."""

from __future__ import annotations

import random
import statistics
import threading
import time
from pathlib import Path

import numpy as np

from vita.audio.cache import ClipCache, ClipLibrary
from vita.audio.codec import decode
from vita.audio.errors import AudioError
from vita.audio.manifest import Manifest
from vita.audio.player import AudioBackend, OutputDevice, Player

WAIT_S = 5.0  # the longest a single clip may take to start before the run counts as failed


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


def language_switch_ms(library: ClipLibrary, language: str, other: str | None, repeats: int = 3) -> float:
    """Median time for the ClipCache to decode and keep a whole language, switching from another one."""
    cache = ClipCache(library)
    times = []
    try:
        for _ in range(repeats):
            if other is not None:
                cache.load_language(other).result()
            times.append(cache.load_language(language).result().seconds * 1000)
    finally:
        cache.close()
    return round(statistics.median(times), 3)


def click_to_sound_ms(
    library: ClipLibrary, language: str, backend: AudioBackend, device: OutputDevice | None
) -> dict[str, float]:
    """From `Player.play` to the first frame handed to the output stream, for every clip of `language`.

    The output is opened and one clip played first, as the program does at start-up; then each click
    comes at a random moment, since a real click is not in step with the sound card's clock.
    """
    started = threading.Event()
    cache = ClipCache(library)
    player = Player(backend, cache, on_started=lambda key, slower: started.set())
    try:
        if not player.set_device(device):
            raise AudioError("the output device could not be opened")
        player.load_language(language).result()
        clips = library.manifest.for_language(language)
        player.play(clips[0].key)
        if not started.wait(WAIT_S):
            raise AudioError("the output never asked for sound")
        latencies = []
        for clip in clips:
            time.sleep(random.uniform(0.02, 0.07))
            started.clear()
            player.play(clip.key)
            if not started.wait(WAIT_S) or player.last_latency_s is None:
                raise AudioError(f"{clip.path} did not start within {WAIT_S} s")
            latencies.append(player.last_latency_s * 1000)
        player.stop()
    finally:
        player.close()
    values = np.array(latencies)
    return {"p50": round(float(np.percentile(values, 50)), 3), "p95": round(float(np.percentile(values, 95)), 3)}


def pick_language(manifest: Manifest, wanted: str | None) -> tuple[str | None, str | None]:
    """The language to measure (the one asked for, else the one with most clips: the worst case) and another one."""
    counts = {code: len(manifest.for_language(code)) for code in manifest.languages()}
    if not counts:
        return None, None
    language = wanted if wanted in counts else max(counts, key=lambda c: counts[c])
    others = [code for code in counts if code != language]
    return language, (max(others, key=lambda c: counts[c]) if others else None)
