"""A raw take from the microphone turned into a library clip, with what is wrong with it in plain words.

The take is resampled from the device's rate to the library's 16 kHz by soxr (a maintained polyphase
resampler), then given the very treatment every synthetic clip gets, `dsp.prepare` (trim, active speech level
at dsp.TARGET_LEVEL_DB under the peak ceiling): so a recorded clip plays exactly as loud as a synthetic one.
pyloudnorm is not used: its BS.1770 loudness is a different measure from the library's active speech level,
and normalising takes by it would make recorded clips differ in level from the synthetic ones beside them.

Warnings never block keeping a take, except `no_speech` and a take too long for any clip (`usable` False).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import soxr

from vita.audio import dsp
from vita.studio.model import StudioItem
from vita.studio.recorder import RawTake

QUIET_DB = -40.0  # active speech below this: the speaker is too far from the microphone (or it is turned down)
MIN_SNR_DB = 25.0  # speech less than this above the background: the background will be heard
NOISY_FLOOR_DB = -45.0  # a background this loud is heard whatever the speech level
MIN_SPEECH_S = 0.3
LONG_FACTOR, LONG_MARGIN_S = 2.0, 1.5  # longer than twice the estimate and 1.5 s: a false start or a long pause
SHORT_FACTOR = 0.45  # under half the estimate: a word or sentence left out


@dataclass(frozen=True)
class TakeWarning:
    kind: str  # "clipping" | "too_quiet" | "noisy" | "too_long" | "too_short" | "no_speech"
    detail: str  # plain words, English (the GUI translates the kind through tr)


@dataclass(frozen=True)
class ProcessedTake:
    samples: np.ndarray  # library format: mono float32 at 16 kHz, trimmed, loudness-normalised like the library
    rate: int
    duration_s: float
    warnings: tuple[TakeWarning, ...]
    usable: bool  # False when it cannot be kept at all (no speech, too long for a clip)


def to_library_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono float32 at the library's rate."""
    mono = dsp.to_mono(samples)
    if rate == dsp.LIBRARY_RATE or mono.size == 0:
        return mono
    return np.ascontiguousarray(soxr.resample(mono, rate, dsp.LIBRARY_RATE, quality="HQ"), dtype=np.float32)


def _unusable(warning: TakeWarning, rate: int = dsp.LIBRARY_RATE) -> ProcessedTake:
    return ProcessedTake(np.zeros(0, np.float32), rate, 0.0, (warning,), False)


def process_take(raw: RawTake, item: StudioItem) -> ProcessedTake:
    """Trim and normalise a take like every library clip, and say what is wrong with it."""
    samples = to_library_rate(raw.samples, raw.rate)
    rate = dsp.LIBRARY_RATE
    if dsp.is_silent(samples, rate):
        return _unusable(TakeWarning("no_speech", "Nothing was heard: check the microphone and speak closer to it."))
    warnings: list[TakeWarning] = []
    if dsp.is_clipped(dsp.to_mono(raw.samples)):
        warnings.append(TakeWarning("clipping", "The sound is distorted (too loud): speak a little further away."))
    level = dsp.active_level_db(samples, rate)
    prepared = dsp.prepare(samples, rate)  # at 16 kHz already: trimmed and normalised, as every clip is
    speech_s = prepared.duration - dsp.LEAD_IN_S - dsp.TAIL_S
    if speech_s < MIN_SPEECH_S:
        return _unusable(TakeWarning("no_speech", "Almost no speech was heard: record it again."))
    if prepared.duration > dsp.CLIP_MAX_S:
        return _unusable(
            TakeWarning(
                "too_long",
                f"The take holds {prepared.duration:.0f} s of sound; a clip takes under {dsp.CLIP_MAX_S:.0f} s.",
            )
        )
    if level < QUIET_DB:
        warnings.append(TakeWarning("too_quiet", f"The speech is very quiet ({level:.0f} dBFS): speak closer."))
    if raw.noise_floor_db > NOISY_FLOOR_DB or level - raw.noise_floor_db < MIN_SNR_DB:
        warnings.append(
            TakeWarning(
                "noisy",
                f"The background is loud ({raw.noise_floor_db:.0f} dBFS, speech {level - raw.noise_floor_db:.0f} dB "
                "above it): find a quieter place or close the door.",
            )
        )
    if speech_s > LONG_FACTOR * item.expected_s + LONG_MARGIN_S:
        warnings.append(
            TakeWarning(
                "too_long",
                f"The take lasts {speech_s:.1f} s where this text takes about {item.expected_s:.1f} s: "
                "a long pause or a false start?",
            )
        )
    elif speech_s < SHORT_FACTOR * item.expected_s:
        warnings.append(
            TakeWarning(
                "too_short",
                f"The take lasts {speech_s:.1f} s where this text takes about {item.expected_s:.1f} s: "
                "was a part left out?",
            )
        )
    return ProcessedTake(prepared.samples, prepared.rate, prepared.duration, tuple(warnings), True)
