"""The real output: PortAudio through sounddevice, one always-open stream fed from a callback.

The stream stays open and plays silence between clips, so a click only swaps the buffer the callback
reads from: sound starts within one short block (10 ms) instead of waiting for a device to open.
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

BLOCK_S = 0.005  # blocks of 5 ms: a click waits at most about one ALSA period for its first frame
OUTPUT_LATENCY_S = 0.04  # buffered ahead of the speaker: absorbs a busy CPU without underruns


class _Playback:
    """One clip being played: the samples, how far it got, and its two once-only notifications."""

    def __init__(self, pcm: np.ndarray, on_first_frame: FirstFrame, on_done: Done) -> None:
        self.pcm = pcm
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

    def __init__(self, problems: OnceLog | None = None) -> None:
        # Sound problems go to the app's log, once each, never to the terminal.
        self._problems = problems or OnceLog(logging.getLogger("vita.audio"))
        self._alsa = AlsaMessages(self._problems)
        try:
            import sounddevice
        except (OSError, ImportError) as exc:  # OSError: sounddevice is there but the PortAudio library is not
            raise AudioUnavailable(
                "Sound cannot be played: the sound library PortAudio is missing on this computer. "
                "The messages are shown as text. (To fix it, install PortAudio, e.g. libportaudio2.)"
            ) from exc
        self._sd: Any = sounddevice
        self._stream: Any = None
        self._current: _Playback | None = None
        self._volume = 1.0
        self.sample_rate = 0
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

    def open(self, device: OutputDevice | None, sample_rate: int) -> int:
        self.close()
        target = device.id if device is not None else None
        sd = self._sd
        rate = sample_rate
        try:
            sd.check_output_settings(device=target, samplerate=rate, channels=1, dtype="float32")
        except (sd.PortAudioError, ValueError):
            try:  # the device wants its own rate: the cache resamples the clips to it
                rate = int(sd.query_devices(target, "output")["default_samplerate"])
            except (sd.PortAudioError, ValueError) as exc:
                raise OutputDeviceError(f"The sound output {device or 'default'} cannot be used: {exc}") from exc
        try:
            stream = sd.OutputStream(
                device=target,
                samplerate=rate,
                channels=1,
                dtype="float32",
                blocksize=max(1, int(rate * BLOCK_S)),
                latency=OUTPUT_LATENCY_S,
                callback=self._callback,
            )
            stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            name = device.name if device is not None else "the default output"
            raise OutputDeviceError(
                f"Sound cannot be played on {name}: {exc}. The messages are shown as text."
            ) from exc
        self._stream = stream
        self.sample_rate = rate
        return rate

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        if status:  # PortAudio's own view of an underrun: counted with ALSA's, in the log once
            self._problems.problem(
                "portaudio: output underflow",
                "Sound output: the sound card ran short of sound data (underflow); playback carried on.",
            )
        playback = self._current
        if playback is None:
            outdata.fill(0)
            return
        start = playback.position
        chunk = playback.pcm[start : start + frames]
        count = chunk.size
        outdata[:count, 0] = chunk * self._volume if self._volume != 1.0 else chunk
        outdata[count:, 0] = 0
        if start == 0 and count:
            playback.on_first_frame(time.perf_counter())
        playback.position = start + count
        if playback.position >= playback.pcm.size:
            if self._current is playback:
                self._current = None
            playback.finish(True)

    def start(self, pcm: np.ndarray, on_first_frame: FirstFrame, on_done: Done) -> None:
        if self._stream is None or not self._stream.active:
            raise OutputDeviceError("The sound output is not open (was the headset unplugged?).")
        previous, self._current = (
            self._current,
            _Playback(np.ascontiguousarray(pcm, dtype=np.float32), on_first_frame, on_done),
        )
        if previous is not None:
            previous.finish(False)

    def stop(self) -> None:
        previous, self._current = self._current, None
        if previous is not None:
            previous.finish(False)

    def set_volume(self, volume: float) -> None:
        self._volume = float(volume)

    def close(self) -> None:
        self.stop()
        self._problems.summary()
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except self._sd.PortAudioError:
                pass  # closing a device that vanished: nothing more to do
