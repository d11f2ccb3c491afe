"""Signal treatment: every clip ends up mono, 16 kHz, trimmed, equally loud; slower keeps the pitch."""

from __future__ import annotations

import numpy as np
import pytest

from vita.audio import dsp

from tests.audio.conftest import tone


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    return float(np.fft.rfftfreq(samples.size, 1 / rate)[np.argmax(spectrum)])


def test_resampling_keeps_duration_and_frequency() -> None:
    source = tone(1.0, rate=22_050, freq=440.0)
    out = dsp.resample(source, 22_050, 16_000)
    assert out.size == 16_000
    assert dominant_hz(out, 16_000) == pytest.approx(440.0, abs=2.0)


def test_given_long_silences_around_speech_trim_keeps_a_short_natural_lead_in_and_tail() -> None:
    rate = 16_000
    speech = tone(1.0)
    padded = np.concatenate([np.zeros(2 * rate, np.float32), speech, np.zeros(3 * rate, np.float32)])
    trimmed = dsp.trim(padded, rate)
    assert trimmed.size / rate == pytest.approx(1.0 + dsp.LEAD_IN_S + dsp.TAIL_S, abs=0.03)


def test_given_speech_that_starts_at_once_trim_pads_the_lead_in() -> None:
    trimmed = dsp.trim(tone(1.0), 16_000)
    lead = int(dsp.LEAD_IN_S * 16_000)
    assert np.abs(trimmed[: lead - 10]).max() == 0.0
    assert trimmed.size / 16_000 == pytest.approx(1.0 + dsp.LEAD_IN_S + dsp.TAIL_S, abs=0.03)


def test_quiet_and_loud_recordings_come_out_at_the_same_level() -> None:
    quiet = dsp.prepare(tone(1.5, amplitude=0.02), 16_000)
    loud = dsp.prepare(tone(1.5, amplitude=0.7), 16_000)
    assert dsp.active_level_db(quiet.samples, 16_000) == pytest.approx(dsp.TARGET_LEVEL_DB, abs=0.5)
    assert dsp.active_level_db(loud.samples, 16_000) == pytest.approx(dsp.TARGET_LEVEL_DB, abs=0.5)
    assert np.abs(loud.samples).max() <= dsp.PEAK_CEILING + 1e-6


def test_prepare_mixes_stereo_to_mono_at_16_khz() -> None:
    left = tone(1.0, rate=48_000)
    prepared = dsp.prepare(np.stack([left, left], axis=1), 48_000)
    assert prepared.rate == 16_000 and prepared.samples.ndim == 1


def test_silence_and_clipping_are_recognised() -> None:
    assert dsp.is_silent(np.zeros(16_000, np.float32), 16_000)
    assert not dsp.is_silent(tone(1.0), 16_000)
    assert dsp.is_clipped(np.clip(tone(1.0, amplitude=3.0), -1.0, 1.0))
    assert not dsp.is_clipped(tone(1.0, amplitude=0.9))


@pytest.mark.parametrize("speed", [0.75, 0.5])
def test_slower_playback_lasts_longer_and_keeps_the_pitch(speed: float) -> None:
    source = tone(2.0, freq=300.0)
    slow = dsp.time_stretch(source, 16_000, speed)
    assert slow.size == pytest.approx(source.size / speed, rel=0.01)
    assert dominant_hz(slow, 16_000) == pytest.approx(300.0, abs=3.0)
    # no dropouts: the overlap-added frames keep the level of the original
    source_rms = np.sqrt(np.mean(source**2))
    slow_rms = np.sqrt(np.mean(slow[1600:-1600] ** 2))
    assert slow_rms == pytest.approx(source_rms, rel=0.1)


def test_time_stretch_refuses_a_nonsense_speed() -> None:
    with pytest.raises(ValueError):
        dsp.time_stretch(tone(0.5), 16_000, 0.0)
