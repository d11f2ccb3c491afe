"""A raw take from the microphone turned into a library clip (trimmed, loudness-normalised), with warnings."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vita.studio.model import StudioItem
from vita.studio.recorder import RawTake


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


def process_take(raw: RawTake, item: StudioItem) -> ProcessedTake:
    raise NotImplementedError
