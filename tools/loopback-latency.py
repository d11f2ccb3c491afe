"""Side by side: call -> first audible sample at the sound server, VITA's player against soundfile + sounddevice.play.

Both play the same samples (the clip from its speech onset, as VITA keeps it) to the default output, which
tools/test-env.sh points at a PulseAudio null sink; the sink's monitor is recorded (vita.audio.loopback) and
each clip's first sample above its speech threshold is found on the recording, on the same clock as the call.
VITA is measured twice: right after a previous clip (stream open) and after an idle pause (stream closed).

Run it in the test environment (a private sound server; nothing touches the real one):

    bash tools/dev loopback [--clip audio/fr/safety.hurt.opus] [--plays 20]

It prints one line per method (p50, p95, max in ms) and exits 1 if a clip was not found on the recording.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import sounddevice as sd

from vita.audio import default_backend, dsp
from vita.audio.cache import ClipCache, ClipLibrary
from vita.audio.codec import decode
from vita.audio.loopback import MATCH, RATE, MonitorRecorder, find_speech
from vita.audio.manifest import load_manifest
from vita.audio.onset import speech_start, speech_threshold
from vita.audio.player import Player

ROOT = Path(__file__).resolve().parent.parent


def measure(recorder: MonitorRecorder, play: Callable[[], None], stop: Callable[[], None], pcm: np.ndarray,
            threshold: float, plays: int, pause: Callable[[], float]) -> list[float]:  # fmt: skip
    """Milliseconds from each call of `play` to the clip's first audible sample on the recording."""
    calls = []
    for _ in range(plays):
        time.sleep(pause())
        calls.append(time.perf_counter())
        play()
        time.sleep(0.3)
        stop()
    time.sleep(0.3)  # the last samples reach the recording
    recording = recorder.samples()
    found = [find_speech(recording, recorder.index_at(at), pcm, threshold) for at in calls]
    missing = [f for f in found if f is None or f.correlation < MATCH]
    if missing:
        print(f"  {len(missing)} of {plays} clips not found on the recording: {missing}", file=sys.stderr)
    return [(recorder.time_at(f.index) - at) * 1000 for f, at in zip(found, calls, strict=True)
            if f is not None and f.correlation >= MATCH]  # fmt: skip


def report(name: str, values: list[float]) -> None:
    if not values:
        print(f"{name:44s} no measurement")
        return
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{name:44s} p50 {statistics.median(ordered):6.1f}  p95 {p95:6.1f}  max {ordered[-1]:6.1f} ms"
          f"  ({len(ordered)} plays)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clip", type=Path, default=ROOT / "audio" / "fr" / "safety.hurt.opus")
    parser.add_argument("--plays", type=int, default=20)
    parser.add_argument("--idle-s", type=float, default=3.0, help="pause before each VITA-after-idle play")
    args = parser.parse_args()
    rng = random.Random(13)
    audio_dir = ROOT / "audio"
    clip = next(c for c in load_manifest(audio_dir).clips if audio_dir / c.path == args.clip.resolve())
    decoded = decode(args.clip)
    full = dsp.resample(decoded.samples, decoded.rate, RATE)
    pcm = full[speech_start(full, RATE) :]
    threshold = speech_threshold(full)

    library = ClipLibrary(audio_dir, load_manifest(audio_dir))
    player = Player(default_backend(), ClipCache(library, rate=RATE))
    started = threading.Event()
    player.on_started = lambda _key, _slower: started.set()
    player.open()
    player.load_language(clip.language).result()
    results: dict[str, list[float]] = {}
    with MonitorRecorder() as recorder:
        results["VITA player, right after a clip"] = measure(
            recorder, lambda: player.play(clip.key), player.stop, pcm, threshold, args.plays,
            lambda: rng.uniform(0.03, 0.12))  # fmt: skip
        results["VITA player, after an idle pause"] = measure(
            recorder, lambda: player.play(clip.key), player.stop, pcm, threshold, max(3, args.plays // 4),
            lambda: args.idle_s)  # fmt: skip
        results["soundfile + sounddevice.play"] = measure(
            recorder, lambda: sd.play(pcm, RATE), sd.stop, pcm, threshold, args.plays,
            lambda: rng.uniform(0.03, 0.12))  # fmt: skip
    player.close()
    print(f"call -> first sample at or above the speech threshold at the sink ({args.clip.name}, {RATE} Hz):")
    for name, values in results.items():
        report(name, values)
    return 0 if all(values for values in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
