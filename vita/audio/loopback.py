"""The reference for latency figures: a recording of what really reached the sound server.

`MonitorRecorder` records a PulseAudio sink's monitor with `parec` and notes when each chunk arrived, on the
same clock as `time.perf_counter()` (CLOCK_MONOTONIC on Linux, shared by every process). A sample's arrival
time is bounded from above by the chunk that brought it, so the lowest line through all (arrival, index)
points tells when each sample was rendered by the sink, to within a millisecond after a few hundred chunks.
`find_speech` then finds a clip's first audible sample in the recording, checked by cross-correlation with
the clip itself. Used by `vita bench` and tools/loopback-latency.py; Qt-free.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass

import numpy as np

RATE = 16_000  # the test sink's rate (tools/test-env.sh): one sample is 62.5 µs
# The onset is found by its threshold crossing; the correlation of the next 25 ms with the clip only confirms it
# is this clip (another clip scores below 0.3). Below 1 on a busy machine: an underrun may cut into those 25 ms.
MATCH = 0.5
_BYTES = 4  # float32


class RecorderUnavailable(RuntimeError):
    """No PulseAudio sink to record, or no parec."""


class MonitorRecorder:
    """Record `<sink>.monitor` as mono float32 at RATE until `stop()`. Use as a context manager."""

    def __init__(self, sink: str | None = None, latency_ms: int = 5) -> None:
        sink = sink or os.environ.get("VITA_TEST_PULSE_SINK")
        if not sink or shutil.which("parec") is None:
            raise RecorderUnavailable("no PulseAudio null sink (VITA_TEST_PULSE_SINK) or no parec: run under tools/dev")
        self.sink = sink
        self._latency_ms = latency_ms
        self._chunks: list[bytes] = []
        self._size = 0
        self._offset = float("inf")  # min(arrival - samples so far / RATE): time of sample 0
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None

    def __enter__(self) -> MonitorRecorder:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        command = ["parec", "-d", f"{self.sink}.monitor", "--format=float32le", f"--rate={RATE}", "--channels=1",
                   "--raw", f"--latency-msec={self._latency_ms}"]  # fmt: skip
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._reader = threading.Thread(target=self._read, name="vita-loopback", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + 5
        while self._size < RATE * _BYTES // 10:  # 100 ms recorded: the recorder runs
            if time.monotonic() > deadline or self._process.poll() is not None:
                self.stop()
                raise RecorderUnavailable(f"parec recorded nothing from {self.sink}.monitor")
            time.sleep(0.01)

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while True:
            chunk = os.read(fd, 1 << 16)
            arrived = time.perf_counter()
            if not chunk:
                return
            self._chunks.append(chunk)
            self._size += len(chunk)
            self._offset = min(self._offset, arrived - (self._size // _BYTES) / RATE)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)

    def samples(self) -> np.ndarray:
        data = b"".join(self._chunks)
        return np.frombuffer(data[: len(data) // _BYTES * _BYTES], dtype="<f4")

    def time_at(self, index: float) -> float:
        """When sample `index` of the recording was rendered by the sink (perf_counter seconds)."""
        return self._offset + index / RATE

    def index_at(self, moment: float) -> int:
        return round((moment - self._offset) * RATE)


@dataclass(frozen=True)
class Found:
    index: int  # the first audible sample of the clip, in the recording
    correlation: float  # how well the recording matches the clip there (1.0: the same samples)


def find_speech(
    recording: np.ndarray, after: int, played: np.ndarray, threshold: float, search_s: float = 2.0
) -> Found | None:
    """The clip `played` (as handed to the output) in `recording`, at or after index `after`.

    The first recorded sample at or above `threshold` is located, then the match is refined and checked by
    cross-correlating the clip's first 25 ms of speech with the recording around it."""
    after = max(0, after)
    window = recording[after : after + int(search_s * RATE)]
    above = np.flatnonzero(np.abs(window) >= threshold)
    played_above = np.flatnonzero(np.abs(played) >= threshold)
    if above.size == 0 or played_above.size == 0:
        return None
    guess = after + int(above[0])
    speech = int(played_above[0])
    # 5 ms before the onset and 25 ms of speech: long enough to tell clips apart, short enough that an
    # underrun later in the clip (a gap the sound server fills with silence) does not spoil the match.
    lead = min(speech, RATE // 200)
    reference = played[speech - lead : speech + RATE // 40].astype(np.float64)
    slack = RATE // 50  # look 20 ms either side of the threshold crossing
    best, best_score = guess, -1.0
    for candidate in range(max(lead, guess - slack), guess + slack):
        segment = recording[candidate - lead : candidate - lead + reference.size].astype(np.float64)
        if segment.size < reference.size:
            break
        denominator = float(np.linalg.norm(segment) * np.linalg.norm(reference))
        score = float(segment @ reference) / denominator if denominator else 0.0
        if score > best_score:
            best, best_score = candidate, score
    return Found(best, best_score)
