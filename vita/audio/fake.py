"""A backend for tests: it keeps what it was given instead of playing it. Never the default anywhere."""

from __future__ import annotations

import threading
import time

import numpy as np

from vita.audio.errors import AudioError
from vita.audio.player import Done, FirstFrame, OutputDevice


class FakeBackend:
    """Records every clip handed to it. With `auto_finish` a clip "ends" as soon as it starts;
    otherwise the test ends it with `finish()`. `fail` makes the next open/start raise that error."""

    def __init__(
        self, auto_finish: bool = True, rate: int | None = None, devices: list[OutputDevice] | None = None
    ) -> None:
        self.auto_finish = auto_finish
        self.forced_rate = rate
        self._devices = (
            devices if devices is not None else [OutputDevice(0, "Fake speaker", True), OutputDevice(1, "Fake headset")]
        )
        self.played: list[np.ndarray] = []
        self.opened: list[tuple[OutputDevice | None, int]] = []
        self.volume = 1.0
        self.fail: AudioError | None = None
        self.started = threading.Event()
        self._done: Done | None = None
        self.closed = False

    def devices(self) -> list[OutputDevice]:
        return list(self._devices)

    def open(self, device: OutputDevice | None, sample_rate: int) -> int:
        if self.fail is not None:
            raise self.fail
        rate = self.forced_rate or sample_rate
        self.opened.append((device, rate))
        return rate

    def start(self, pcm: np.ndarray, on_first_frame: FirstFrame, on_done: Done) -> None:
        if self.fail is not None:
            raise self.fail
        if self._done is not None:
            previous, self._done = self._done, None
            previous(False)
        self.played.append(np.asarray(pcm))
        on_first_frame(time.perf_counter())
        self.started.set()
        if self.auto_finish:
            on_done(True)
        else:
            self._done = on_done

    def finish(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done(True)

    def stop(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done(False)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def close(self) -> None:
        self.stop()
        self.closed = True
