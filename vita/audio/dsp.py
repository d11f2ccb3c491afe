"""Signal processing on mono float32 PCM in numpy: resampling, trimming, loudness, checks and time stretch.

Everything here is pure and deterministic, so the same input gives the same clip bytes on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LIBRARY_RATE = 16_000  # wideband speech: all the intelligibility, a third of the bytes of 48 kHz
TARGET_LEVEL_DB = -20.0  # active speech level of every clip, so all languages play equally loud
PEAK_CEILING = 0.89  # -1 dBFS: leaves room for the Opus encoder's overshoot
LEAD_IN_S = 0.12
TAIL_S = 0.25
SILENCE_DB = -50.0  # a 20 ms frame quieter than this is silence
CLIPPED_RUN = 3  # this many consecutive samples at full scale means the recording was clipped
CLIPPED_SHARE = 0.001  # ... and clipped when that happens for more than 0.1 % of the samples
CLIP_MIN_S = 0.3  # a finished clip shorter than this holds no message
CLIP_MAX_S = 30.0  # the longest message takes about 16 s at a calm pace

Pcm = np.ndarray  # one-dimensional float32, values in [-1, 1]


def to_mono(samples: np.ndarray) -> Pcm:
    """Average channels of a (frames, channels) array; pass mono through; always float32."""
    data = np.asarray(samples, dtype=np.float32)
    if data.ndim == 2:
        data = data.mean(axis=1, dtype=np.float32)
    return np.ascontiguousarray(data, dtype=np.float32)


def resample(samples: Pcm, rate: int, target: int) -> Pcm:
    """Band-limited resampling through the spectrum (exact for the short clips VITA plays)."""
    if rate == target or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    n = samples.size
    m = max(1, round(n * target / rate))
    spectrum = np.fft.rfft(samples.astype(np.float64))
    keep = min(spectrum.size, m // 2 + 1)
    out = np.zeros(m // 2 + 1, dtype=np.complex128)
    out[:keep] = spectrum[:keep]
    if target < rate:  # taper the top 5 % of the kept band: softens the ringing of a brick-wall cut
        taper = max(1, keep // 20)
        out[keep - taper : keep] *= np.linspace(1.0, 0.0, taper)
    return (np.fft.irfft(out, m) * (m / n)).astype(np.float32)


def frame_levels_db(samples: Pcm, rate: int, frame_s: float = 0.02) -> np.ndarray:
    """RMS level of each frame in dBFS (silence is -120)."""
    size = max(1, int(rate * frame_s))
    count = samples.size // size
    if count == 0:
        return np.full(1, _db(float(np.mean(samples.astype(np.float64) ** 2)) if samples.size else 0.0))
    frames = samples[: count * size].astype(np.float64).reshape(count, size)
    power = np.mean(frames**2, axis=1)
    return np.asarray(10.0 * np.log10(np.maximum(power, 1e-12)))


def _db(power: float) -> float:
    return float(10.0 * np.log10(max(power, 1e-12)))


def active_level_db(samples: Pcm, rate: int) -> float:
    """The speech level over the frames where someone speaks (pauses don't lower it), in dBFS."""
    levels = frame_levels_db(samples, rate)
    loudest = float(levels.max())
    # relative to the loudest frame only, so that scaling a clip scales its level exactly
    active = levels[levels > max(-90.0, loudest - 30.0)]
    if active.size == 0:
        return -120.0
    return _db(float(np.mean(10.0 ** (active / 10.0))))


def is_silent(samples: Pcm, rate: int) -> bool:
    return samples.size == 0 or float(frame_levels_db(samples, rate).max()) < SILENCE_DB


def clipped_share(samples: Pcm) -> float:
    """The share of samples inside runs of CLIPPED_RUN or more at (or within 0.1 % of) full scale."""
    if samples.size == 0:
        return 0.0
    peak = float(np.abs(samples).max())
    if peak < 0.98:
        return 0.0
    at_peak = np.abs(samples) >= peak * 0.999
    padded = np.concatenate(([0], at_peak.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    starts, ends = edges[::2], edges[1::2]
    long_runs = (ends - starts) >= CLIPPED_RUN
    return float((ends - starts)[long_runs].sum()) / samples.size


def is_clipped(samples: Pcm) -> bool:
    return clipped_share(samples) > CLIPPED_SHARE


def trim(samples: Pcm, rate: int, lead_in: float = LEAD_IN_S, tail: float = TAIL_S) -> Pcm:
    """Cut leading and trailing silence, then keep a short natural lead-in and tail (padded if shorter)."""
    size = max(1, int(rate * 0.01))
    levels = frame_levels_db(samples, rate, 0.01)
    threshold = max(SILENCE_DB, float(levels.max()) - 40.0)
    voiced = np.flatnonzero(levels > threshold)
    if voiced.size == 0:
        return samples[:0].astype(np.float32)
    start = voiced[0] * size
    end = min(samples.size, (voiced[-1] + 1) * size)
    pre, post = int(lead_in * rate), int(tail * rate)
    body = samples[max(0, start - pre) : min(samples.size, end + post)].astype(np.float32, copy=True)
    fade = min(body.size // 2, int(0.005 * rate))  # 5 ms fades: no click where the cut falls on sound
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        body[:fade] *= ramp
        body[-fade:] *= ramp[::-1]
    missing_pre = max(0, pre - start)
    missing_post = max(0, end + post - samples.size)
    return np.concatenate([np.zeros(missing_pre, np.float32), body, np.zeros(missing_post, np.float32)]).astype(
        np.float32
    )


def normalise(samples: Pcm, rate: int, target_db: float = TARGET_LEVEL_DB) -> Pcm:
    """Scale to the target active speech level, never letting the peak pass the ceiling."""
    level = active_level_db(samples, rate)
    if level <= -120.0:
        return samples.astype(np.float32)
    gain = 10.0 ** ((target_db - level) / 20.0)
    peak = float(np.abs(samples).max()) * gain
    if peak > PEAK_CEILING:
        gain *= PEAK_CEILING / peak
    return (samples * gain).astype(np.float32)


@dataclass(frozen=True)
class Prepared:
    samples: Pcm
    rate: int

    @property
    def duration(self) -> float:
        return self.samples.size / self.rate


def prepare(samples: np.ndarray, rate: int) -> Prepared:
    """The one treatment every clip gets, synthetic or recorded: mono, 16 kHz, trimmed, normalised."""
    mono = resample(to_mono(samples), rate, LIBRARY_RATE)
    return Prepared(normalise(trim(mono, LIBRARY_RATE), LIBRARY_RATE), LIBRARY_RATE)


def time_stretch(samples: Pcm, rate: int, speed: float, frame_s: float = 0.03, tolerance_s: float = 0.01) -> Pcm:
    """WSOLA: play `speed` times as fast (0.75 = slower) without changing the pitch.

    Each output frame is taken from near its nominal input position, shifted by up to `tolerance_s`
    to where it best continues the previous frame's waveform, and overlap-added under a Hann window.
    """
    if speed <= 0:
        raise ValueError("speed must be positive")
    if samples.size == 0 or speed == 1.0:
        return samples.astype(np.float32, copy=True)
    frame = max(16, int(frame_s * rate)) // 2 * 2
    hop = frame // 2
    tol = max(1, int(tolerance_s * rate))
    window = np.hanning(frame + 1)[:frame].astype(np.float32)  # periodic Hann: halves sum to one
    x = np.concatenate(
        [np.zeros(frame + tol, np.float32), samples.astype(np.float32), np.zeros(2 * frame + tol, np.float32)]
    )
    offset = frame + tol  # where the signal starts inside the padded buffer
    out_len = int(np.ceil(samples.size / speed))
    count = out_len // hop + 3
    out = np.zeros(count * hop + frame, dtype=np.float32)
    previous = offset  # input position of the previous frame's start
    for k in range(count):
        # frame k covers output samples from (k - 1) * hop, so the first output sample gets a full window sum
        nominal = offset + round((k - 1) * hop * speed)
        if k == 0:
            chosen = nominal
        else:
            template = x[previous + hop : previous + hop + frame]
            lo = max(0, nominal - tol)
            region = x[lo : nominal + tol + frame]
            if region.size < frame:
                break
            scores = np.correlate(region, template, mode="valid")
            chosen = lo + int(np.argmax(scores))
        if chosen + frame > x.size:
            break
        out[k * hop : k * hop + frame] += x[chosen : chosen + frame] * window
        previous = chosen
    return out[hop : hop + out_len].astype(np.float32)
