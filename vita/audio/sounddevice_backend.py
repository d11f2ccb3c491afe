"""The real output: PortAudio through sounddevice, a stream that runs only while something plays.

A stream that stays open plays silence between clips and wakes the CPU (and the sound server) every few
milliseconds, which empties an officer's battery for nothing. So the stream is opened when a clip starts,
primed with the clip's first blocks before it starts (the first sample is on its way at once), and closed
by a housekeeping thread after a short idle period. A click while the stream is open drops what it has
buffered and starts it again, primed with the new clip, for the same reason.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import numpy as np

from vita.applog import OnceLog
from vita.audio.alsa_quiet import AlsaMessages
from vita.audio.errors import AudioUnavailable, OutputDeviceError
from vita.audio.player import Done, FirstFrame, OutputDevice
from vita.audio.stream import ClipStream

BLOCK_S = 0.005  # blocks of 5 ms: a click waits at most one block for its first frame to be handed over
# Buffered ahead of the speaker. Every clip starts a primed stream (see _restart_stream), so the buffer does not
# delay the first sample: it only absorbs a busy CPU. 40 ms holds on this shared 2-core test machine where
# 10 ms starved now and then; after an underrun (a gap in the speech) the next clip gets twice the buffer,
# up to MAX_LATENCY_S: the smallest buffer this machine sustains, found as it plays.
OUTPUT_LATENCY_S = 0.04
MAX_LATENCY_S = 0.16
IDLE_CLOSE_S = 2.0  # close the stream this long after the last clip ended: no callbacks while nothing plays


class _Playback:
    """One clip being played: the samples, how far it got, and its two once-only notifications."""

    def __init__(self, clip: ClipStream, on_first_frame: FirstFrame, on_done: Done) -> None:
        self.clip = clip
        self.position = 0
        self.on_first_frame = on_first_frame
        self.on_done = on_done
        self._finished = False
        self._lock = threading.Lock()

    def finish(self, completed: bool) -> None:
        with self._lock:
            if self._finished:
                return
            self._finished = True
        self.on_done(completed)


class SounddeviceBackend:
    """PortAudio output. Raises AudioUnavailable when PortAudio or every output device is missing."""

    def __init__(
        self, problems: OnceLog | None = None, latency: float = OUTPUT_LATENCY_S, idle_close_s: float = IDLE_CLOSE_S
    ) -> None:
        # Sound problems go to the app's log, once each, never to the terminal.
        self._problems = problems or OnceLog(logging.getLogger("vita.audio"))
        self._alsa = AlsaMessages(self._problems)  # before PortAudio starts: its start-up talks to ALSA too
        try:
            import sounddevice
        except (OSError, ImportError) as exc:  # OSError: sounddevice is there but the PortAudio library is not
            raise AudioUnavailable(
                "Sound cannot be played: the sound library PortAudio is missing on this computer. "
                "The messages are shown as text. (To fix it, install PortAudio, e.g. libportaudio2.)"
            ) from exc
        self._sd: Any = sounddevice
        self.latency = latency
        self.idle_close_s = idle_close_s
        self._lock = threading.RLock()  # guards the stream's life (open, start, close), never held by the callback
        self._stream: Any = None
        self._target: int | str | None = None
        self._current: _Playback | None = None
        self._volume = 1.0
        self.sample_rate = 0
        self.callbacks = 0  # how many times PortAudio called us: none while idle
        self.underruns = 0  # blocks the device wanted before we gave them: should stay 0
        self.decoder_behind = 0  # blocks given (partly) as silence because the clip was not decoded so far yet
        self._underruns_at_open = 0
        self._idle_deadline: float | None = None
        self._wake = threading.Event()
        self._shutdown = False
        self._housekeeper: threading.Thread | None = None
        if not self.devices():
            raise AudioUnavailable(
                "Sound cannot be played: no loudspeaker or headset was found. The messages are shown as text. "
                "Plug in a headset or speaker and choose it in the settings."
            )

    def devices(self) -> list[OutputDevice]:
        try:
            found = self._sd.query_devices()
            default_output = self._sd.default.device[1]
            apis = self._sd.query_hostapis()
        except self._sd.PortAudioError as exc:
            raise OutputDeviceError(f"The list of sound outputs cannot be read: {exc}") from exc
        return [
            OutputDevice(index, str(info["name"]), index == default_output, str(apis[info["hostapi"]]["name"]))
            for index, info in enumerate(found)
            if info["max_output_channels"] > 0
        ]

    @property
    def stream_open(self) -> bool:
        """Whether a PortAudio stream exists now (it does only while a clip plays, and shortly after)."""
        return self._stream is not None

    def open(self, device: OutputDevice | None, sample_rate: int) -> int:
        """Check that the device takes this format and choose the rate; the stream itself opens on the first clip."""
        self.close_stream()
        target = device.id if device is not None else None
        sd = self._sd
        rate = sample_rate
        try:
            sd.check_output_settings(device=target, samplerate=rate, channels=1, dtype="float32")
        except (sd.PortAudioError, ValueError):
            try:  # the device wants its own rate: the cache resamples the clips to it
                rate = int(sd.query_devices(target, "output")["default_samplerate"])
                sd.check_output_settings(device=target, samplerate=rate, channels=1, dtype="float32")
            except (sd.PortAudioError, ValueError) as exc:
                raise OutputDeviceError(f"The sound output {device or 'default'} cannot be used: {exc}") from exc
        self._target = target
        self.sample_rate = rate
        return rate

    def _open_stream(self) -> Any:
        sd = self._sd
        try:
            stream = sd.OutputStream(
                device=self._target,
                samplerate=self.sample_rate,
                channels=1,
                dtype="float32",
                blocksize=max(1, int(self.sample_rate * BLOCK_S)),
                latency=self.latency,
                callback=self._callback,
                # The first buffers are filled from the clip, not with silence: the speech is on its way at start.
                prime_output_buffers_using_stream_callback=True,
            )
        except (sd.PortAudioError, ValueError) as exc:
            raise OutputDeviceError(
                f"Sound cannot be played on this output: {exc}. The messages are shown as text."
            ) from exc
        return stream

    def _callback(self, outdata: np.ndarray, frames: int, timing: Any, status: Any) -> None:
        self.callbacks += 1
        if status.output_underflow:
            self.underruns += 1
        if status:  # PortAudio's own view of an underrun: counted with ALSA's, in the log once
            self._problems.problem(
                "portaudio: output underflow",
                "Sound output: the sound card ran short of sound data (underflow); playback carried on.",
            )
        playback = self._current
        if playback is None:
            outdata.fill(0)
            return
        clip = playback.clip
        if clip.error is not None:  # its decoding broke off: stop here, never play on into what is not there
            outdata.fill(0)
            self._end(playback, False)
            return
        done = clip.done  # read before the samples: once done, `ready` is final
        start = playback.position
        chunk = clip.read(start, frames)
        count = chunk.size
        outdata[:count, 0] = chunk * self._volume if self._volume != 1.0 else chunk
        outdata[count:, 0] = 0  # the end of the clip, or (never seen in practice) waiting for the decoder
        if count < frames and not done:
            self.decoder_behind += 1
        if start == 0 and count:
            playback.on_first_frame(time.perf_counter() + self._delay(timing))
        playback.position = start + count
        if done and playback.position >= clip.ready:
            self._end(playback, True)

    def _end(self, playback: _Playback, completed: bool) -> None:
        """The clip playing is over (on the audio thread): the stream closes after the idle period."""
        if self._current is playback:
            self._current = None
            self._idle_deadline = time.monotonic() + self.idle_close_s
            self._wake.set()
        playback.finish(completed)

    def _delay(self, timing: Any) -> float:
        """How long until this block reaches the device's output, from PortAudio's clock when it has one."""
        try:
            ahead = float(timing.outputBufferDacTime) - float(timing.currentTime)
        except (AttributeError, TypeError, ValueError):
            ahead = 0.0
        if 0.0 < ahead < 1.0:
            return ahead
        stream = self._stream
        return float(stream.latency) if stream is not None else self.latency

    def start(self, pcm: np.ndarray | ClipStream, on_first_frame: FirstFrame, on_done: Done) -> None:
        if not self.sample_rate:
            raise OutputDeviceError("The sound output is not open (was the headset unplugged?).")
        clip = pcm if isinstance(pcm, ClipStream) else ClipStream.complete(pcm)
        playback = _Playback(clip, on_first_frame, on_done)
        with self._lock:
            self._idle_deadline = None
            starved = self.underruns > self._underruns_at_open and self.latency < MAX_LATENCY_S
            if starved:  # the last clip had gaps: this one gets a stream with a larger buffer
                self._discard_stream()
                self.latency = min(MAX_LATENCY_S, self.latency * 2)
            previous, self._current = self._current, playback
            if self._stream is None or not self._stream.active:
                self._start_stream()
            else:
                self._restart_stream()
        if previous is not None:
            previous.finish(False)

    def _start_stream(self) -> None:
        """Open and start a stream (the lock is held). The clip is already in place, so priming plays it."""
        if self._stream is not None:  # it stopped by itself (device lost): start afresh
            self._discard_stream()
        stream = self._open_stream()
        try:
            stream.start()
        except self._sd.PortAudioError as exc:
            stream.close()
            self._current = None
            raise OutputDeviceError(f"The sound output stopped working: {exc}") from exc
        self._stream = stream
        self._underruns_at_open = self.underruns
        if self._housekeeper is None:
            self._housekeeper = threading.Thread(target=self._housekeep, name="vita-audio-idle", daemon=True)
            self._housekeeper.start()

    def _restart_stream(self) -> None:
        """Drop what the open stream has buffered (silence, or the clip being replaced) and start it again,
        primed with the new clip: its first sample then leaves at once instead of queueing behind a whole
        buffer of silence. So the buffer can be as large as the machine needs without adding latency."""
        try:
            self._stream.abort()
            self._stream.start()
        except self._sd.PortAudioError:
            self._discard_stream()
            self._start_stream()

    def _housekeep(self) -> None:
        """Close the stream once nothing has played for `idle_close_s`."""
        while not self._shutdown:
            deadline = self._idle_deadline
            if deadline is None:
                self._wake.wait()
                self._wake.clear()
                continue
            remaining = deadline - time.monotonic()
            if remaining > 0:
                if self._wake.wait(remaining):
                    self._wake.clear()
                continue
            with self._lock:
                if self._current is None and self._idle_deadline is not None:
                    self._idle_deadline = None
                    self._discard_stream()

    def _discard_stream(self) -> None:
        stream = self._stream
        if stream is not None:
            try:
                stream.abort()  # the clip is over or stopped: nothing left to drain
                stream.close()
            except self._sd.PortAudioError:
                pass  # closing a device that vanished: nothing more to do
        self._stream = None  # only now: `stream_open` is False once no callback can come any more

    def stop(self) -> None:
        previous, self._current = self._current, None
        if self._stream is not None:
            self._idle_deadline = time.monotonic() + self.idle_close_s
            self._wake.set()
        if previous is not None:
            previous.finish(False)

    def set_volume(self, volume: float) -> None:
        self._volume = float(volume)

    def close_stream(self) -> None:
        """Stop whatever plays and close the stream now (it opens again with the next clip)."""
        self.stop()
        with self._lock:
            self._idle_deadline = None
            self._discard_stream()

    def close(self) -> None:
        self.close_stream()
        self._problems.summary()
        self._shutdown = True
        self._wake.set()
