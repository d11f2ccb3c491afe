"""The microphone: a sounddevice input stream at the device's native rate, with a level for a meter.

The stream runs only between `start` and `stop`. PortAudio's callback thread appends each block and notes its
peak; `level_db` reads that peak under a lock, for a meter polled by the GUI. `start` returns once sound
arrives (a sound server may take a second to open a source), so the GUI can say "speak now" then; the noise
floor is measured on the background before the speech (the speaker waits ~0.3 s before speaking).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from vita.audio import dsp
from vita.studio.errors import RecorderUnavailable

NOISE_WINDOW_S = 0.3  # the start of a take, before speech: where the background is measured
SPEECH_ONSET_DB = 30.0  # a frame within this of the take's loudest is speech
SILENT_DB = -120.0
FIRST_SOUND_TIMEOUT_S = 5.0  # a device that delivers nothing for this long is not working
MAX_TAKE_S = 120.0  # a take left running is cut here (kept whole it would grow by 200 kB a second); a clip is < 30 s


@dataclass(frozen=True)
class RawTake:
    samples: np.ndarray  # float32 mono
    rate: int
    noise_floor_db: float


@dataclass(frozen=True)
class InputDevice:
    index: int  # what Recorder(device=...) takes
    name: str
    rate: int  # its native (default) sample rate, at which it records
    is_default: bool


def input_devices() -> list[InputDevice]:
    """The devices that can record (microphones), for the speaker to choose from; the default one first."""
    import sounddevice

    try:
        devices = sounddevice.query_devices()
        default = sounddevice.query_devices(None, "input")["index"]
    except (ValueError, sounddevice.PortAudioError):
        return []
    found = [
        InputDevice(int(d["index"]), str(d["name"]), int(d["default_samplerate"]), d["index"] == default)
        for d in devices
        if int(d["max_input_channels"]) > 0
    ]
    return sorted(found, key=lambda device: not device.is_default)


def _mean_db(levels: np.ndarray) -> float:
    return float(10.0 * np.log10(np.mean(10.0 ** (levels / 10.0))))


def noise_floor_db(samples: np.ndarray, rate: int, window_s: float = NOISE_WINDOW_S) -> float:
    """The background's level before the speech, in dBFS: the quieter half of the 20 ms frames of the first
    `window_s` that come before speech begins. When the speaker began at once (under 0.1 s before speech), the
    quietest tenth of the whole take's frames: the gaps between words.

    Frames of exact digital silence (what some devices deliver while they start) are not background."""
    levels = dsp.frame_levels_db(samples, rate)
    sounding = levels > SILENT_DB + 1
    if not sounding.any():
        return SILENT_DB
    loud = np.flatnonzero(levels > float(levels.max()) - SPEECH_ONSET_DB)
    onset = int(loud[0]) if loud.size else levels.size
    before = levels[: min(onset, round(window_s / 0.02))]
    if before.size >= 5:
        heard = before[before > SILENT_DB + 1]
        return _mean_db(np.sort(heard)[: max(1, heard.size // 2)]) if heard.size else SILENT_DB
    audible = np.sort(levels[sounding])
    return _mean_db(audible[: max(1, audible.size // 10)])


def peak_db(block: np.ndarray) -> float:
    peak = float(np.abs(block).max()) if block.size else 0.0
    return SILENT_DB if peak <= 0 else max(SILENT_DB, 20.0 * float(np.log10(peak)))


class Recorder:
    """sounddevice InputStream at the device's native rate (its default sample rate), mixed down to mono."""

    def __init__(self, device: int | str | None = None) -> None:
        import sounddevice  # PortAudio is loaded only when a recording is wanted

        self._sd: Any = sounddevice
        try:
            info = sounddevice.query_devices(device, "input")
        except (ValueError, sounddevice.PortAudioError) as exc:
            raise RecorderUnavailable(f"no input device {device!r}: {exc}") from exc
        self.device = info["index"] if device is None else device
        self.device_name: str = info["name"]
        self.rate = int(info["default_samplerate"])
        self._channels = max(1, min(2, int(info["max_input_channels"])))
        self._lock = threading.Lock()
        self._blocks: list[np.ndarray] = []
        self._level = SILENT_DB
        self._frames = 0
        self._max_frames = int(MAX_TAKE_S * self.rate)
        self._sounding = threading.Event()
        self._stream: Any = None

    def _callback(self, data: np.ndarray, frames: int, time: object, status: object) -> None:
        mono = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0].copy()
        level = peak_db(mono)
        with self._lock:
            if self._frames < self._max_frames:
                self._blocks.append(mono)
                self._frames += mono.size
            self._level = level  # the meter goes on moving after the cut
        self._sounding.set()

    def start(self) -> None:
        """Start a take; returns when sound arrives (RecorderUnavailable when none comes). The speaker then waits
        ~0.3 s before speaking: the background heard meanwhile is the noise floor."""
        self.close()
        with self._lock:
            self._blocks = []
            self._frames = 0
            self._level = SILENT_DB
        self._sounding.clear()
        try:
            self._stream = self._sd.InputStream(
                device=self.device,
                samplerate=self.rate,
                channels=self._channels,
                dtype="float32",
                callback=self._callback,
            )
            self._stream.start()
        except self._sd.PortAudioError as exc:
            self._stream = None
            raise RecorderUnavailable(f"the input device {self.device_name!r} cannot record: {exc}") from exc
        if not self._sounding.wait(FIRST_SOUND_TIMEOUT_S):
            self.close()
            raise RecorderUnavailable(
                f"the input device {self.device_name!r} delivered no sound for {FIRST_SOUND_TIMEOUT_S:.0f} s"
            )

    def level_db(self) -> float:
        """Peak level of the latest block, dBFS (for a meter; thread-safe)."""
        with self._lock:
            return self._level

    def stop(self) -> RawTake:
        """End the take and return it, with the noise floor measured at its start."""
        self.close()
        with self._lock:
            blocks, self._blocks = self._blocks, []
            self._frames = 0
            self._level = SILENT_DB
        samples = np.concatenate(blocks).astype(np.float32) if blocks else np.zeros(0, np.float32)
        return RawTake(samples, self.rate, noise_floor_db(samples, self.rate))

    def close(self) -> None:
        """Stop and close the stream, if one runs; a Recorder can start again afterwards."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()
