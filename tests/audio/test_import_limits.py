"""The importer refuses what it cannot use from the file's header, before reading the sound (issue 11, item 7):
a 2-hour WAV is refused without being loaded, and the import keeps only encoded clips in memory."""

from __future__ import annotations

import struct
import tracemalloc
from pathlib import Path

import pytest

from vita.audio.codec import read_header
from vita.audio.errors import BadRecording
from vita.audio.importer import MAX_RECORDING_S, check_recording

MiB = 1 << 20


def wav_header(frames: int, rate: int = 8_000, channels: int = 1, bits: int = 16) -> bytes:
    block = channels * bits // 8
    data = frames * block
    return (
        b"RIFF" + struct.pack("<I", 36 + data) + b"WAVE"
        + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block, block, bits)
        + b"data" + struct.pack("<I", data)
    )  # fmt: skip


def long_wav(path: Path, seconds: int, rate: int = 8_000, channels: int = 1) -> Path:
    """A real WAV of `seconds` of silence, written sparse: it takes no room on disk but reads as its full length."""
    header = wav_header(seconds * rate, rate, channels)
    with path.open("wb") as out:
        out.write(header)
        out.truncate(len(header) + seconds * rate * channels * 2)
    return path


def test_a_two_hour_wav_is_refused_from_its_header_without_reading_the_sound(tmp_path: Path) -> None:
    path = long_wav(tmp_path / "opening.greeting.wav", 2 * 3600)
    assert path.stat().st_size > 100 * MiB
    tracemalloc.start()
    try:
        with pytest.raises(BadRecording) as refused:
            check_recording(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.reason == f"is 7200 s long; a message takes under {MAX_RECORDING_S:.0f} s"
    assert peak < 5 * MiB  # the 115 MB of sound (230 MB as samples) was never read


def test_the_header_gives_duration_and_channels(tmp_path: Path) -> None:
    header = read_header(long_wav(tmp_path / "a.wav", 3, rate=16_000, channels=2))
    assert header is not None and header.duration == pytest.approx(3.0) and header.channels == 2


def test_a_header_claiming_hundreds_of_channels_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "opening.greeting.wav"
    path.write_bytes(wav_header(8_000, channels=200) + bytes(8_000 * 200 * 2))
    with pytest.raises(BadRecording) as refused:
        check_recording(path)
    assert "200 channels" in refused.value.reason
