"""A clip that can play while it is still being decoded.

The decoder writes a clip's samples in order; the output reads them from another thread, only up to what is
written (`ready`). A clip is playable once its first part is in (see ClipCache): decoding runs many times
faster than the sound plays, so the output never catches up with the decoder in practice, and if it did it
would wait with silence, never read samples not yet written. A decoding error after the first part ends the
clip (`error`), so the output stops it cleanly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from vita.audio.dsp import Pcm
from vita.audio.errors import AudioError


class ClipStream:
    """Samples [0, ready) of `samples` are final. One thread writes (append, finish, fail); any may read.

    Readers take `ready` first and `samples` second: a growing buffer is copied before it is swapped in, and
    `ready` moves only after the samples it covers are written, so a reader never sees unwritten samples."""

    def __init__(self, capacity: int) -> None:
        self.samples: Pcm = np.zeros(max(0, capacity), dtype=np.float32)
        self.ready = 0
        self.done = False  # no more samples will come (complete, or failed)
        self.error: AudioError | None = None
        self.playable_at: float | None = None  # perf_counter() time the decoder made it playable
        self._changed = threading.Condition()
        self._listeners: list[Callable[[ClipStream], None]] = []

    @classmethod
    def complete(cls, pcm: Pcm) -> ClipStream:
        """A clip decoded whole."""
        stream = cls(0)
        stream.samples = np.ascontiguousarray(pcm, dtype=np.float32)
        stream.ready = stream.samples.size
        stream.done = True
        return stream

    @property
    def complete_pcm(self) -> Pcm | None:
        """The whole clip once it is decoded without error, else None."""
        return self.samples[: self.ready] if self.done and self.error is None else None

    def append(self, block: Pcm) -> None:
        count = block.size
        if not count:
            return
        end = self.ready + count
        if end > self.samples.size:  # the header undercounted: grow (copy first, then swap)
            grown = np.zeros(max(end, self.samples.size * 2), dtype=np.float32)
            grown[: self.ready] = self.samples[: self.ready]
            self.samples = grown
        self.samples[self.ready : end] = block
        with self._changed:
            self.ready = end
            self._changed.notify_all()

    def finish(self) -> None:
        """Every sample is in."""
        self._end(None)

    def fail(self, error: AudioError) -> None:
        """Decoding broke off: the samples before stay, no more come, and the clip must not play on."""
        self._end(error)

    def _end(self, error: AudioError | None) -> None:
        with self._changed:
            if self.done:
                return
            self.error = error
            self.done = True
            self._changed.notify_all()
            listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener(self)

    def when_done(self, listener: Callable[[ClipStream], None]) -> None:
        """Call `listener(stream)` once decoding ends (at once if it has), on the decoder's thread."""
        with self._changed:
            if not self.done:
                self._listeners.append(listener)
                return
        listener(self)

    def wait_for(self, count: int, timeout: float | None = None) -> bool:
        """Wait until `count` samples are ready or decoding ended; True when they are ready."""
        with self._changed:
            self._changed.wait_for(lambda: self.ready >= count or self.done, timeout)
            return self.ready >= count

    def read(self, start: int, count: int) -> Pcm:
        """Up to `count` samples from `start`, only of those decoded so far (fewer, or none, when behind)."""
        ready = self.ready
        return self.samples[start : min(start + count, ready)]

    def result(self, timeout: float | None = None) -> Pcm:
        """Wait for the whole clip; raises the decoding error if there was one."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.done, timeout):
                raise TimeoutError("the clip is still being decoded")
        if self.error is not None:
            raise self.error
        return self.samples[: self.ready]
