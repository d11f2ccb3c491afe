"""A backend for tests: it keeps what it was given instead of playing it. Never the default anywhere."""

from __future__ import annotations

import threading
import time

import numpy as np

from vita.audio.errors import AudioError
from vita.audio.player import Done, FirstFrame, OutputDevice
from vita.audio.stream import ClipStream

BLOCK = 80  # samples the fake output takes at a time from a clip still being decoded (5 ms at 16 kHz)


class FakeBackend:
    """Records every clip handed to it. With `auto_finish` a clip "ends" as soon as it starts;
    otherwise the test ends it with `finish()`. `fail` makes the next open/start raise that error.

    A clip still being decoded is taken block by block, as the real output's callback does, on a thread of
    its own and as fast as the decoder allows: `silent_blocks` counts the blocks it had to wait for (where the
    real output plays silence), and what it took goes to `played` when the clip ends."""

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
        self.silent_blocks = 0
        self._done: Done | None = None
        self._draining: object | None = None  # the clip being taken from a stream; replaced or stopped: None
        self._lock = threading.Lock()
        self._drains: list[threading.Thread] = []
        self.closed = False

    def devices(self) -> list[OutputDevice]:
        return list(self._devices)

    def open(self, device: OutputDevice | None, sample_rate: int) -> int:
        if self.fail is not None:
            raise self.fail
        rate = self.forced_rate or sample_rate
        self.opened.append((device, rate))
        return rate

    def start(self, pcm: np.ndarray | ClipStream, on_first_frame: FirstFrame, on_done: Done) -> None:
        if self.fail is not None:
            raise self.fail
        with self._lock:
            self._draining = None
            previous, self._done = self._done, None
        if previous is not None:
            previous(False)
        whole = pcm.complete_pcm if isinstance(pcm, ClipStream) else np.asarray(pcm)
        if whole is None:  # still being decoded
            assert isinstance(pcm, ClipStream)
            token = object()
            with self._lock:
                self._draining = token
            on_first_frame(time.perf_counter())
            self.started.set()
            drain = threading.Thread(target=self._drain, args=(pcm, token, on_done), daemon=True)
            self._drains = [t for t in self._drains if t.is_alive()] + [drain]
            drain.start()
            return
        self.played.append(whole)
        on_first_frame(time.perf_counter())
        self.started.set()
        self._ended(on_done)

    def _ended(self, on_done: Done) -> None:
        if self.auto_finish:
            on_done(True)
        else:
            with self._lock:
                self._done = on_done

    def _drain(self, clip: ClipStream, token: object, on_done: Done) -> None:
        taken: list[np.ndarray] = []
        position = 0
        completed = False
        while self._draining is token:
            if clip.error is not None:
                break
            done = clip.done
            chunk = clip.read(position, BLOCK)
            if chunk.size:
                taken.append(chunk.copy())
                position += chunk.size
            elif done:
                completed = True
                break
            else:
                self.silent_blocks += 1
                clip.wait_for(position + 1, timeout=0.005)
        self.played.append(np.concatenate(taken) if taken else np.zeros(0, np.float32))
        with self._lock:
            current = self._draining is token  # else replaced or stopped, perhaps just as it ended
            if current:
                self._draining = None
                if completed and not self.auto_finish:  # at the output until finish(), with no gap in `playing`
                    self._done = on_done
                    return
        on_done(completed and current)  # False: replaced, stopped, or its decoding broke off

    @property
    def playing(self) -> bool:
        """Whether a clip is at the output now: started, and neither ended, stopped nor replaced since."""
        with self._lock:
            return self._done is not None or self._draining is not None

    def settled(self) -> bool:
        """Whether every clip taken block by block has been put in `played` (a stopped one is, a moment later)."""
        return not any(t.is_alive() for t in self._drains)

    def finish(self) -> None:
        with self._lock:
            done, self._done = self._done, None
        if done is not None:
            done(True)

    def stop(self) -> None:
        with self._lock:
            self._draining = None
            done, self._done = self._done, None
        if done is not None:
            done(False)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def close(self) -> None:
        self.stop()
        self.closed = True
