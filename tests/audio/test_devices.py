"""Real sound output through PortAudio, on the null devices that tools/test-env.sh sets up (no sound card needed).

These tests skip, saying why, when run outside `bash tools/dev test`; inside it (VITA_TEST_AUDIO=1) a missing
device is a failure, so that they cannot silently stop running in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
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
from vita.audio.sounddevice_backend import MAX_LATENCY_S

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


def real_player(
    library_root: Path, latency: float | None = None
) -> tuple[Player, threading.Event, list[tuple[ClipKey, bool]]]:
    from vita.audio.sounddevice_backend import OUTPUT_LATENCY_S, SounddeviceBackend

    finished: list[tuple[ClipKey, bool]] = []
    done = threading.Event()

    def on_finished(key: ClipKey, completed: bool) -> None:
        finished.append((key, completed))
        done.set()

    library = ClipLibrary(library_root / "audio", load_manifest(library_root / "audio"))
    backend = SounddeviceBackend(latency=latency or OUTPUT_LATENCY_S)
    return Player(backend, ClipCache(library), on_finished=on_finished), done, finished


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
        # A buffer a busy test machine sustains: this is about the samples, not the latency.
        player, done, finished = real_player(library_root, latency=MAX_LATENCY_S)
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


def test_the_output_stream_runs_only_while_sound_plays_and_the_next_clip_still_starts_at_once(
    library_root: Path,
) -> None:
    """An idle app must not wake the CPU: after a clip, the stream closes and PortAudio calls back no more;
    the next clip opens it again and plays."""
    from vita.audio.sounddevice_backend import SounddeviceBackend

    device = output_device("vita_null")
    backend = SounddeviceBackend(idle_close_s=0.2)
    library = ClipLibrary(library_root / "audio", load_manifest(library_root / "audio"))
    done = threading.Event()
    player = Player(backend, ClipCache(library), on_finished=lambda _key, _completed: done.set())
    try:
        assert player.set_device(device)
        player.load_language("fr").result(timeout=10)
        assert not backend.stream_open, "nothing plays yet, so no stream"
        player.play(HURT)
        assert backend.stream_open
        assert done.wait(10)
        wait_for(lambda: not backend.stream_open, timeout=5)
        callbacks = backend.callbacks
        time.sleep(0.5)
        assert backend.callbacks == callbacks, "no audio callbacks while idle"
        done.clear()
        player.play(HURT)
        assert backend.stream_open and done.wait(10)
        assert player.last_latency_s is not None and player.last_latency_s < 0.5
    finally:
        player.close()


def test_the_real_output_waits_with_silence_for_a_clip_behind_its_decoder_and_stops_one_that_broke_off() -> None:
    """A clip still being decoded plays only as far as it is decoded: the output never plays on into samples
    not written yet, nor stops; a clip whose decoding fails ends there, not completed."""
    from vita.audio.errors import ClipDecodeError
    from vita.audio.sounddevice_backend import SounddeviceBackend
    from vita.audio.stream import ClipStream

    device = output_device("vita_null")
    backend = SounddeviceBackend(idle_close_s=0.2)
    rate = backend.open(device, 16_000)
    tone = (0.3 * np.sin(np.arange(rate) * 2 * np.pi * 220 / rate)).astype(np.float32)
    ended: list[bool] = []
    first = threading.Event()
    try:
        behind = ClipStream(tone.size)
        behind.append(tone[: rate // 20])  # 50 ms decoded, the rest late
        backend.start(behind, lambda _at: first.set(), ended.append)
        assert first.wait(5)
        wait_for(lambda: backend.decoder_behind > 3)
        assert ended == [], "waiting for the decoder is not the end of the clip"
        behind.append(tone[rate // 20 :])
        behind.finish()
        wait_for(lambda: ended == [True])

        broken = ClipStream(tone.size)
        broken.append(tone[: rate // 2])
        backend.start(broken, lambda _at: None, ended.append)
        broken.fail(ClipDecodeError(Path("x.opus"), "damaged"))
        wait_for(lambda: len(ended) == 2)
        assert ended == [True, False]
        wait_for(lambda: not backend.stream_open, timeout=5)  # and the stream still closes when idle
    finally:
        backend.close()


def test_bench_measures_key_to_sound_on_the_sink_and_leaves_nothing_behind(repo_root: Path, tmp_path: Path) -> None:
    """A short run of the sound part of `vita bench` on the shipped content: the figures are there, checked on
    the loopback recording when the null sink is there, and the run's scratch folder is gone afterwards."""
    output_device("vita_null")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    result = subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(repo_root), "bench", "--json", "--only", "decode,interaction",
         "--lang", "fr", "--plays", "4", "--idle-plays", "2", "--idle-s", "3", "--cpu-s", "1"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    figures = json.loads(result.stdout)
    assert result.returncode == 0, result.stderr
    # The recording's start is known to within one PulseAudio fragment (about 20 ms): on a loaded machine a
    # play that sounds within a few ms of the key can come out slightly below zero. Beyond that is a fault.
    for key in ("key_to_audible_ms", "key_to_audible_after_idle_ms", "key_to_audible_portaudio_ms"):
        assert -20 < figures[key]["p50"] <= figures[key]["p95"] < 1000, key
    expected = "loopback" if os.environ.get("VITA_TEST_PULSE_SINK") and shutil.which("parec") else "portaudio"
    assert figures["key_to_audible_ms"]["source"] == expected
    assert figures["key_to_audible_portaudio_ms"]["plays"] == 4
    # On the recording: all of them, but for one whose onset an underrun cut into on a busy machine.
    assert figures["key_to_audible_ms"]["plays"] >= 3 and figures["key_to_audible_after_idle_ms"]["plays"] >= 1
    assert 0 <= figures["idle_cpu_percent"] < 100
    assert 0 < figures["language_ready_ms"] <= figures["language_all_decoded_ms"]
    assert "still open after the idle period" not in result.stderr
    assert list(scratch.iterdir()) == [], "the benchmark removes what it made"


def test_an_interrupted_bench_removes_its_scratch_folder(repo_root: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    bench = subprocess.Popen(
        [sys.executable, "-m", "vita", "--content", str(repo_root), "bench", "--json", "--only", "startup",
         "--starts", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        wait_for(lambda: any(p.name.startswith("vita-bench-") for p in scratch.iterdir()), timeout=60)
        time.sleep(1.0)  # a start-up child is running
        bench.send_signal(signal.SIGTERM)
        assert bench.wait(timeout=60) == 130
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
    assert list(scratch.iterdir()) == []
