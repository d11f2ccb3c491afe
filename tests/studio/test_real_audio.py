"""The studio records through a real audio path: a spoken test file played into the null PulseAudio sink, its
monitor recorded by the studio's Recorder (sounddevice, the device's native rate), processed, kept, decoded and
compared with what was fed. The test speaker is espeak-ng, made in the test's own tmp folder.

Skips outside `bash tools/dev test`; inside it (VITA_TEST_AUDIO=1) a missing device is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from vita.audio import dsp
from vita.audio.codec import decode
from vita.audio.espeak import EspeakEngine
from vita.audio.manifest import Recorded, load_manifest
from vita.paths import Paths
from vita.studio.errors import RecorderUnavailable
from vita.studio.recorder import Recorder, input_devices
from vita.studio.session import StudioSession
from vita.studio.takes import process_take

from tests.studio.conftest import SPEAKER, spoken

pytestmark = pytest.mark.audio_device
MONITOR = "vita_monitor"  # tools/test-env.sh: the null sink's monitor as an ALSA capture device


def unavailable(reason: str) -> None:
    if os.environ.get("VITA_TEST_AUDIO") == "1":
        pytest.fail(f"tools/test-env.sh promised sound devices, but {reason}")
    pytest.skip(f"{reason}: run the tests with `bash tools/dev test`, which sets up null sound devices")


def envelope(samples: np.ndarray, rate: int) -> np.ndarray:
    return np.sqrt(np.maximum(10.0 ** (dsp.frame_levels_db(samples, rate, 0.01) / 10.0), 0.0))


def best_correlation(a: np.ndarray, b: np.ndarray, max_lag: int) -> float:
    """The normalised cross-correlation of two signals at their best alignment within ±max_lag samples."""
    n = min(a.size, b.size)
    a, b = a[:n] - a[:n].mean(), b[:n] - b[:n].mean()
    full = np.correlate(np.concatenate([np.zeros(max_lag), a, np.zeros(max_lag)]), b, mode="valid")
    return float(full.max() / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_a_take_recorded_from_a_virtual_microphone_is_kept_as_it_was_spoken(
    paths: Paths, engine: EspeakEngine, tmp_path: Path
) -> None:
    sink = os.environ.get("VITA_TEST_PULSE_SINK")
    if not sink or shutil.which("paplay") is None:
        unavailable("there is no PulseAudio null sink or no paplay")
    try:
        recorder = Recorder(MONITOR)
    except RecorderUnavailable as exc:
        unavailable(str(exc))
    session = StudioSession.open(paths, "so", SPEAKER)  # Somali: no voice at all before this sitting
    item = session.items[0]
    fed, fed_rate = spoken(engine, item.text, "en", gain=0.5)
    spoken_file = tmp_path / "speaker.wav"
    soundfile.write(spoken_file, fed, fed_rate, subtype="FLOAT")

    levels: list[float] = []
    recorder.start()
    try:
        time.sleep(0.6)  # the room before the speaker begins: the noise floor
        player = subprocess.Popen(["paplay", f"--device={sink}", str(spoken_file)])
        while player.poll() is None:  # the meter, as the GUI polls it
            levels.append(recorder.level_db())
            time.sleep(0.02)
        time.sleep(0.5)
        raw = recorder.stop()
    finally:
        recorder.close()
    assert player.returncode == 0
    assert recorder.rate == raw.rate and raw.rate != dsp.LIBRARY_RATE  # the device's own rate, resampled here
    assert max(levels) > -30.0  # the meter moved while the speaker spoke
    assert raw.noise_floor_db < -60.0

    take = process_take(raw, item)
    assert take.usable, take.warnings
    assert not {"no_speech", "clipping", "noisy", "too_quiet"} & {w.kind for w in take.warnings}
    kept = session.keep(item, take)
    assert kept.status == "recorded"

    clip = session.clip_path(kept)
    assert clip is not None
    decoded = decode(clip)
    reference = dsp.prepare(fed, fed_rate)  # what the library would make of the speaker's words directly
    assert decoded.rate == reference.rate == dsp.LIBRARY_RATE
    assert decoded.duration == pytest.approx(reference.duration, abs=0.15)
    env_a, env_b = envelope(decoded.samples, decoded.rate), envelope(reference.samples, reference.rate)
    assert best_correlation(env_a, env_b, max_lag=30) > 0.9
    assert best_correlation(decoded.samples, reference.samples, max_lag=4_800) > 0.7

    entry = load_manifest(paths.overlay / "audio").get("so", item.message_id)  # type: ignore[operator]
    assert entry is not None and entry.provenance == Recorded(
        SPEAKER.name, entry.provenance.date, SPEAKER.place, True, SPEAKER.consent_date
    )
    layers = ["--content", str(paths.content_root), "--overlay", str(paths.overlay)]
    check = subprocess.run(
        [sys.executable, "-m", "vita", *layers, "content", "check", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    assert '"recorded"' in check.stdout


def test_the_meter_reads_silence_when_nothing_plays() -> None:
    try:
        recorder = Recorder(MONITOR)
    except RecorderUnavailable as exc:
        unavailable(str(exc))
    done = threading.Event()
    recorder.start()
    try:
        done.wait(0.3)
        quiet = recorder.level_db()
        raw = recorder.stop()
    finally:
        recorder.close()
    assert quiet < -60.0
    assert raw.samples.size == pytest.approx(0.3 * raw.rate, rel=0.5)


def test_the_virtual_microphone_is_offered_among_the_input_devices_at_its_own_rate() -> None:
    devices = input_devices()
    monitor = next((d for d in devices if d.name == MONITOR), None)
    if monitor is None:
        unavailable(f"there is no ALSA capture device {MONITOR!r}")
    assert monitor is not None and monitor.rate >= 8_000
    assert sum(d.is_default for d in devices) <= 1 and (not devices[1:] or not devices[-1].is_default)
    assert Recorder(monitor.index).rate == monitor.rate


def test_a_take_left_running_is_cut_at_the_longest_take(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vita.studio.recorder.MAX_TAKE_S", 0.2)
    try:
        recorder = Recorder(MONITOR)
    except RecorderUnavailable as exc:
        unavailable(str(exc))
    recorder.start()
    try:
        threading.Event().wait(0.8)
        raw = recorder.stop()
    finally:
        recorder.close()
    assert 0.2 * raw.rate <= raw.samples.size < 0.35 * raw.rate


def test_background_noise_in_the_room_is_heard_before_the_speech_and_named(
    paths: Paths, engine: EspeakEngine, tmp_path: Path
) -> None:
    sink = os.environ.get("VITA_TEST_PULSE_SINK")
    if not sink or shutil.which("paplay") is None:
        unavailable("there is no PulseAudio null sink or no paplay")
    try:
        recorder = Recorder(MONITOR)
    except RecorderUnavailable as exc:
        unavailable(str(exc))
    item = StudioSession.open(paths, "so", SPEAKER).items[0]
    fed, fed_rate = spoken(engine, item.text, "en", gain=0.5)
    soundfile.write(tmp_path / "speaker.wav", fed, fed_rate, subtype="FLOAT")
    noise = np.random.default_rng(7).standard_normal(int(fed_rate * (fed.size / fed_rate + 3))) * 10 ** (-30 / 20)
    soundfile.write(tmp_path / "room.wav", noise.astype(np.float32), fed_rate, subtype="FLOAT")
    room = subprocess.Popen(["paplay", f"--device={sink}", str(tmp_path / "room.wav")])
    try:
        recorder.start()
        time.sleep(0.6)  # the room, before the speaker begins
        subprocess.run(["paplay", f"--device={sink}", str(tmp_path / "speaker.wav")], check=True, timeout=60)
        raw = recorder.stop()
    finally:
        recorder.close()
        room.wait(timeout=60)
    assert -45.0 < raw.noise_floor_db < -25.0
    take = process_take(raw, item)
    assert take.usable and "noisy" in {w.kind for w in take.warnings}
