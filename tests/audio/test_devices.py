"""Real sound output through PortAudio, on the null devices that tools/test-env.sh sets up (no sound card needed).

These tests skip, saying why, when run outside `bash tools/dev test`; inside it (VITA_TEST_AUDIO=1) a missing
device is a failure, so that they cannot silently stop running in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from vita.audio.cache import ClipCache, ClipKey, ClipLibrary
from vita.audio.codec import decode
from vita.audio.manifest import load_manifest
from vita.audio.player import OutputDevice, Player

from tests.audio.conftest import run_vita

pytestmark = pytest.mark.audio_device
HURT: ClipKey = ("fr", "safety.hurt", "")


def unavailable(reason: str) -> None:
    if os.environ.get("VITA_TEST_AUDIO") == "1":
        pytest.fail(f"tools/test-env.sh promised sound devices, but {reason}")
    pytest.skip(f"{reason}: run the tests with `bash tools/dev test`, which sets up null sound devices")


def output_device(name: str) -> OutputDevice:
    from vita.audio import default_backend
    from vita.audio.errors import AudioUnavailable

    try:
        backend = default_backend()
    except AudioUnavailable as exc:
        unavailable(str(exc))
    found = next((d for d in backend.devices() if d.name == name), None)
    if found is None:
        unavailable(f"there is no ALSA device {name!r}")
    assert found is not None
    return found


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def real_player(library_root: Path) -> tuple[Player, threading.Event, list[tuple[ClipKey, bool]]]:
    from vita.audio import default_backend

    finished: list[tuple[ClipKey, bool]] = []
    done = threading.Event()

    def on_finished(key: ClipKey, completed: bool) -> None:
        finished.append((key, completed))
        done.set()

    library = ClipLibrary(library_root / "audio", load_manifest(library_root / "audio"))
    return Player(default_backend(), ClipCache(library), on_finished=on_finished), done, finished


def test_a_real_clip_plays_to_its_end_through_portaudio_on_the_null_alsa_device(library_root: Path) -> None:
    device = output_device("vita_null")
    player, done, finished = real_player(library_root)
    try:
        assert player.set_device(device)
        player.load_language("fr").result(timeout=10)
        player.play(HURT)
        assert done.wait(10), "the clip never finished"
        assert finished == [(HURT, True)]
        assert player.last_latency_s is not None and player.last_latency_s < 0.5
    finally:
        player.close()


def test_the_samples_that_leave_the_player_are_the_clips_own(library_root: Path, tmp_path: Path) -> None:
    """Play into PulseAudio's null sink through ALSA and record the sink's monitor: the recording holds the clip."""
    sink = os.environ.get("VITA_TEST_PULSE_SINK")
    if not sink or not shutil.which("parec"):
        unavailable("no PulseAudio null sink (VITA_TEST_PULSE_SINK) or no parec")
    device = output_device("vita_pulse")
    capture = tmp_path / "monitor.f32"
    rate = 16_000
    with capture.open("wb") as out:
        recorder = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{sink}.monitor",
                "--format=float32le",
                f"--rate={rate}",
                "--channels=1",
                "--raw",
                "--latency-msec=20",
            ],
            stdout=out,
        )
    try:
        wait_for(lambda: capture.stat().st_size > 0.2 * rate * 4)  # the recorder is running
        player, done, finished = real_player(library_root)
        try:
            assert player.set_device(device)
            player.load_language("fr").result(timeout=10)
            player.play(HURT)
            assert done.wait(10) and finished == [(HURT, True)]
            played_until = capture.stat().st_size
            wait_for(lambda: capture.stat().st_size > played_until + 0.5 * rate * 4)  # what is still in the buffers
        finally:
            player.close()
    finally:
        recorder.terminate()
        recorder.wait(timeout=10)
    recorded = np.frombuffer(capture.read_bytes()[: capture.stat().st_size // 4 * 4], dtype="<f4")
    clip = load_manifest(library_root / "audio").get(*HURT)
    assert clip is not None
    original = decode(library_root / "audio" / clip.path).samples

    size = 1 << int(np.ceil(np.log2(recorded.size + original.size)))
    lag = int(np.argmax(np.fft.irfft(np.fft.rfft(recorded, size) * np.conj(np.fft.rfft(original, size)), size)))
    segment = recorded[lag : lag + original.size]
    assert segment.size == original.size, "the recording does not hold the whole clip"
    assert np.corrcoef(segment, original)[0, 1] > 0.99
    assert np.sqrt(np.mean(segment**2)) == pytest.approx(np.sqrt(np.mean(original**2)), rel=0.05)  # full volume


def test_bench_prints_the_audio_figures_as_json(library_root: Path) -> None:
    output_device("vita_null")
    result = run_vita(library_root, "bench", "--json", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"click_to_sound_ms", "language_switch_ms", "decode_ms_per_clip", "library_mb"} <= set(figures)
    assert set(figures["click_to_sound_ms"]) == {"p50", "p95"}
    assert 0 < figures["click_to_sound_ms"]["p50"] <= figures["click_to_sound_ms"]["p95"] < 1000
    assert figures["language_switch_ms"] > 0 and figures["decode_ms_per_clip"] > 0
    assert 0 < figures["library_mb"] < 1
