"""The player: play, stop, replay, slower, volume and output device, over a small backend protocol.

The backends are `SounddeviceBackend` (PortAudio) and, for tests only, `FakeBackend`. Callbacks are plain
functions, called one at a time on the player's own notifier thread (never on the audio thread, never on
the caller's): the GUI wraps them in Qt signals. A click never waits for the disk or a decoder: clips come
from the ClipCache, and a clip that is not decoded yet starts as soon as its first part is decoded; the output
plays a ClipStream only as far as it is decoded, and a clip whose decoding breaks off stops there, with on_error.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from vita.audio import dsp
from vita.audio.cache import ClipCache, ClipKey, LanguageLoad
from vita.audio.errors import AudioError, OutputDeviceError
from vita.audio.stream import ClipStream

log = logging.getLogger(__name__)

FirstFrame = Callable[[float], None]  # perf_counter() time when the first frame reaches the output (estimated)
Done = Callable[[bool], None]  # True when the clip played to its end, False when stopped


@dataclass(frozen=True)
class OutputDevice:
    id: int | str
    name: str
    is_default: bool = False
    host_api: str = ""

    def __str__(self) -> str:
        return self.name


class AudioBackend(Protocol):
    """Where PCM goes. `start` replaces whatever is playing; callbacks may come from any thread."""

    def devices(self) -> list[OutputDevice]: ...

    def open(self, device: OutputDevice | None, sample_rate: int) -> int:
        """Open the output (None: the system default). Returns the sample rate actually used."""
        ...

    def start(self, pcm: np.ndarray | ClipStream, on_first_frame: FirstFrame, on_done: Done) -> None:
        """Play PCM, or a ClipStream as far as it is decoded: silence while it is behind, never a sample not yet
        written; a stream that fails ends its clip (on_done(False))."""
        ...

    def stop(self) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def close(self) -> None: ...


Started = Callable[[ClipKey, bool], None]  # key, slower
Finished = Callable[[ClipKey, bool], None]  # key, played to the end
Failed = Callable[[AudioError], None]


class Player:
    """Plays clips of the current language. Every public method returns at once and never raises for audio trouble:
    problems reach `on_error` as typed AudioErrors, and the program goes on with text."""

    def __init__(
        self,
        backend: AudioBackend,
        cache: ClipCache,
        on_started: Started | None = None,
        on_finished: Finished | None = None,
        on_error: Failed | None = None,
    ) -> None:
        self._backend = backend
        self.cache = cache
        self.on_started = on_started
        self.on_finished = on_finished
        self.on_error = on_error
        self._device: OutputDevice | None = None
        self._opened = False
        self._volume = 1.0
        self._generation = 0  # bumped by every play/stop, so a late decode never starts a stale clip
        self._lock = threading.Lock()
        self.last_key: ClipKey | None = None
        self.last_latency_s: float | None = None  # from the call to play to the first frame at the output
        self.last_started_at: float | None = None  # perf_counter() time the last clip's first frame was output
        self._events: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._notifier = threading.Thread(target=self._notify_loop, name="vita-player-events", daemon=True)
        self._notifier.start()

    # -- callbacks, delivered in order on one thread -------------------------------------------------
    def _notify_loop(self) -> None:
        while True:
            event = self._events.get()
            if event is None:
                return
            try:
                event()
            except Exception:  # a faulty listener must not stop the delivery of later events
                log.exception("an audio listener failed")

    def _emit_error(self, error: AudioError) -> None:
        if self.on_error is not None:
            handler = self.on_error
            self._events.put(lambda: handler(error))

    # -- output ---------------------------------------------------------------------------------------
    def _ensure_open(self) -> bool:
        if self._opened:
            return True
        try:
            rate = self._backend.open(self._device, self.cache.rate)
        except AudioError as exc:
            self._emit_error(exc)
            return False
        if rate != self.cache.rate:
            self.cache.set_rate(rate)
            if self.cache.language is not None:  # decode the language again at the new rate
                self.cache.load_language(self.cache.language)
        self._backend.set_volume(self._volume)
        self._opened = True
        return True

    def open(self) -> bool:
        """Open the output now (at start-up), so that the first click does not pay for it."""
        return self._ensure_open()

    def load_language(self, language: str, variants: Iterable[str] | None = None) -> Future[LanguageLoad]:
        """Decode the clips of the person's language ahead of time (in the background); see ClipCache."""
        return self.cache.load_language(language, variants=variants)

    def devices(self) -> list[OutputDevice]:
        try:
            return self._backend.devices()
        except AudioError as exc:
            self._emit_error(exc)
            return []

    @property
    def device(self) -> OutputDevice | None:
        return self._device

    def set_device(self, device: OutputDevice | None) -> bool:
        """Switch output (None: system default). Returns False, with on_error, when the device cannot be used."""
        self.stop()
        self._device = device
        self._opened = False
        return self._ensure_open()

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, float(volume)))
        self._backend.set_volume(self._volume)

    # -- playing --------------------------------------------------------------------------------------
    def play(self, key: ClipKey) -> None:
        """Play a clip from the start, replacing whatever plays. Its slower version is prepared meanwhile."""
        self._play(key, slower=False)

    def replay(self) -> None:
        if self.last_key is not None:
            self._play(self.last_key, slower=False)

    def play_slower(self, key: ClipKey | None = None) -> None:
        """Play a clip (default: the last one) slower, with its pitch kept."""
        target = key or self.last_key
        if target is not None:
            self._play(target, slower=True)

    def play_samples(self, key: ClipKey, samples: np.ndarray, rate: int) -> None:
        """Play PCM that is not in the library (a take just recorded in the studio), replacing whatever plays.
        `key` only names it in the callbacks."""
        requested = time.perf_counter()
        with self._lock:
            self._generation += 1
            generation = self._generation
        if not self._ensure_open():
            return
        source: Future[np.ndarray] = Future()
        source.set_result(dsp.resample(np.asarray(samples, dtype=np.float32), rate, self.cache.rate))
        self._start(key, False, source, generation, requested)

    def stop(self) -> None:
        with self._lock:  # with the bump: a clip started before it is stopped; one started after it is newer
            self._generation += 1
            self._backend.stop()

    def _play(self, key: ClipKey, slower: bool) -> None:
        requested = time.perf_counter()
        with self._lock:
            self._generation += 1
            generation = self._generation
        self.last_key = key
        if not self._ensure_open():
            return
        source: Future[Any] = self.cache.slowed(key, urgent=True) if slower else self.cache.open(key)
        if source.done():
            self._start(key, slower, source, generation, requested)
        else:  # not decoded yet: start from the worker as soon as it is
            source.add_done_callback(lambda f: self._start(key, slower, f, generation, requested))
        if not slower:
            self.cache.slowed(key)  # ready for "again, slower"

    def _start(self, key: ClipKey, slower: bool, source: Future[Any], generation: int, requested: float) -> None:
        """Hand the clip to the output unless a stop or a newer clip came meanwhile. The check and the start are
        one step under the lock, as are stop()'s bump and the output's stop: a stop lands before (the clip never
        starts) or after (it stops it), never between. Listeners are only queued under the lock (they run on the
        notifier thread), so nothing calls back into the GUI while it is held."""
        error: AudioError | None = None
        pcm: np.ndarray | ClipStream | None = None
        with self._lock:
            if generation != self._generation:
                return  # stopped or replaced while decoding
            failure = source.exception()
            if failure is not None:
                error = (
                    failure
                    if isinstance(failure, AudioError)
                    else AudioError(f"The clip could not be played: {failure}")
                )
            else:
                pcm = source.result()
                if isinstance(pcm, ClipStream) and pcm.error is not None:  # broke off before it could start
                    error = pcm.error
                else:
                    error = self._hand_to_output(key, slower, pcm, requested)
        if error is not None:
            self._emit_error(error)
            return
        if isinstance(pcm, ClipStream):

            def broke_off(stream: ClipStream) -> None:  # the output ends the clip; the officer is told why
                with self._lock:
                    current = generation == self._generation
                if stream.error is not None and current:
                    self._emit_error(stream.error)

            pcm.when_done(broke_off)  # outside the lock: it calls back at once when the decoding has ended

    def _hand_to_output(
        self, key: ClipKey, slower: bool, pcm: np.ndarray | ClipStream, requested: float
    ) -> AudioError | None:
        """Start the clip at the output (the lock is held); the error to report when it could not."""

        def first_frame(at: float) -> None:
            self.last_latency_s = at - requested
            self.last_started_at = at
            if self.on_started is not None:
                handler = self.on_started
                self._events.put(lambda: handler(key, slower))

        def done(completed: bool) -> None:
            if self.on_finished is not None:
                handler = self.on_finished
                self._events.put(lambda: handler(key, completed))

        try:
            self._backend.start(pcm, first_frame, done)
        except AudioError as exc:
            self._opened = False  # try to open again next time: the device may be back
            return exc
        except Exception as exc:  # PortAudio can fail in ways it does not type; the program goes on
            self._opened = False
            return OutputDeviceError(f"The sound output stopped working: {exc}")
        return None

    def close(self) -> None:
        self.stop()
        try:
            self._backend.close()
        finally:
            self._events.put(None)
            self.cache.close()
