"""The microphone: a sounddevice input stream at the device's native rate, with a level for a meter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RawTake:
    samples: np.ndarray  # float32 mono
    rate: int
    noise_floor_db: float


class Recorder:
    """sounddevice InputStream at the device's native rate."""

    rate: int

    def __init__(self, device: int | str | None = None) -> None:
        raise NotImplementedError

    def start(self) -> None:
        """Start recording; the first ~0.3 s measure the noise floor."""
        raise NotImplementedError

    def level_db(self) -> float:
        """Peak level of the latest block, dBFS (for a meter; thread-safe)."""
        raise NotImplementedError

    def stop(self) -> RawTake:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
