"""Reading and writing clips: OGG Opus through libsndfile (soundfile), other formats through pydub and ffmpeg."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from vita.audio.dsp import Pcm, to_mono
from vita.audio.errors import ClipDecodeError

# libsndfile maps its 0..1 compression level linearly onto the Opus bit rate (about 6 kb/s at 1.0,
# 256 kb/s at 0.0). 0.985 asks for about 10 kb/s at 16 kHz mono: still wideband speech (at 0.99 Opus drops
# to narrowband), about 6 kB for a five-second message, and about 12 MB for 30 languages' 1,900 clips.
OPUS_COMPRESSION_LEVEL = 0.985
CLIP_SUFFIX = ".opus"


@dataclass(frozen=True)
class Decoded:
    samples: Pcm
    rate: int

    @property
    def duration(self) -> float:
        return self.samples.size / self.rate if self.rate else 0.0


def encode_opus(samples: Pcm, rate: int) -> bytes:
    """Encode mono PCM as an OGG Opus file in memory (rate must be one Opus accepts, e.g. 16000)."""
    buffer = io.BytesIO()
    sf.write(
        buffer,
        np.clip(samples, -1.0, 1.0).astype(np.float32),
        rate,
        format="OGG",
        subtype="OPUS",
        compression_level=OPUS_COMPRESSION_LEVEL,
    )
    return compact_opus_tags(buffer.getvalue())


def _ogg_crc_table() -> list[int]:
    table = []
    for index in range(256):
        value = index << 24
        for _ in range(8):
            value = ((value << 1) ^ 0x04C11DB7) if value & 0x80000000 else value << 1
        table.append(value & 0xFFFFFFFF)
    return table


_OGG_CRC = _ogg_crc_table()


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _OGG_CRC[((crc >> 24) & 0xFF) ^ byte]
    return crc


def compact_opus_tags(data: bytes) -> bytes:
    """Drop the zero padding libsndfile reserves in the OpusTags page (about 800 bytes a clip, 15 % of a library).

    The Ogg page is rebuilt with its checksum; anything unexpected returns the file unchanged.
    """
    if data[:4] != b"OggS" or len(data) < 27:
        return data
    first_end = 27 + data[26] + sum(data[27 : 27 + data[26]])
    page = data[first_end:]
    if page[:4] != b"OggS" or len(page) < 27:
        return data
    count = page[26]
    lacing = page[27 : 27 + count]
    size = sum(lacing)
    body = page[27 + count : 27 + count + size]
    if not body.startswith(b"OpusTags") or lacing[-1] == 255 or any(v < 255 for v in lacing[:-1]):
        return data  # not a single OpusTags packet ending on this page
    vendor_length = int.from_bytes(body[8:12], "little")
    packet = body[: 12 + vendor_length] + (0).to_bytes(4, "little")  # the vendor string, no comments
    new_lacing = bytes([255] * (len(packet) // 255) + [len(packet) % 255])
    header = bytearray(page[:22] + b"\0\0\0\0" + bytes([len(new_lacing)]) + new_lacing)
    rebuilt = header + packet
    rebuilt[22:26] = _ogg_crc(bytes(rebuilt)).to_bytes(4, "little")
    return data[:first_end] + bytes(rebuilt) + page[27 + count + size :]


def decode(path: Path) -> Decoded:
    """Decode a clip (OGG Opus or anything libsndfile reads) to mono float32; ClipDecodeError when impossible."""
    try:
        samples, rate = sf.read(str(path), dtype="float32", always_2d=False)
    except (sf.LibsndfileError, RuntimeError, OSError, TypeError) as exc:
        raise ClipDecodeError(path, str(exc) or type(exc).__name__) from exc
    return Decoded(to_mono(samples), int(rate))


def decode_bytes(data: bytes, path: Path) -> Decoded:
    """Decode a clip already read into memory (checked against its checksum); `path` names it in errors."""
    try:
        samples, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=False)
    except (sf.LibsndfileError, RuntimeError, OSError, TypeError) as exc:
        raise ClipDecodeError(path, str(exc) or type(exc).__name__) from exc
    return Decoded(to_mono(samples), int(rate))


LAST_READ_S = 0.12  # the last read of a clip takes at least this much (see ClipReader.read)


class ClipReader:
    """A clip decoded a block at a time from bytes already read (and checked against their checksum); `path`
    names it in errors, which are ClipDecodeErrors. The blocks put together are the samples `decode_bytes`
    gives, sample for sample."""

    def __init__(self, data: bytes, path: Path) -> None:
        self.path = path
        try:
            self._file = sf.SoundFile(io.BytesIO(data))
        except (sf.LibsndfileError, RuntimeError, OSError, TypeError) as exc:
            raise ClipDecodeError(path, str(exc) or type(exc).__name__) from exc
        self.rate = int(self._file.samplerate)
        self.frames = int(self._file.frames)  # from the header: what is left to read is counted from it
        self.position = 0

    @property
    def at_end(self) -> bool:
        return self.position >= self.frames

    def read(self, frames: int) -> Pcm:
        """The next `frames` samples (mono float32), or all that is left when less than LAST_READ_S would be left:
        libsndfile's Opus decoder gives other last samples than a whole decode when the last read is shorter than
        a packet (found up to 16 ms; an Opus packet lasts at most 120 ms)."""
        left = self.frames - self.position
        if left <= 0:
            return np.zeros(0, dtype=np.float32)
        count = left if left < frames + int(self.rate * LAST_READ_S) else frames
        try:
            samples = self._file.read(count, dtype="float32", always_2d=False)
        except (sf.LibsndfileError, RuntimeError, OSError, TypeError, ValueError) as exc:
            raise ClipDecodeError(self.path, str(exc) or type(exc).__name__) from exc
        self.position = self.position + len(samples) if len(samples) else self.frames  # a short file ends here
        return to_mono(samples)

    def read_all(self) -> Pcm:
        blocks = [self.read(self.frames)]
        while not self.at_end:
            blocks.append(self.read(self.frames))
        return np.concatenate(blocks) if len(blocks) > 1 else blocks[0]

    def close(self) -> None:
        self._file.close()


@dataclass(frozen=True)
class Header:
    """What a sound file says about itself before any of its sound is read."""

    duration: float
    channels: int
    rate: int


def read_header(path: Path) -> Header | None:
    """The file's duration and channels from its header (libsndfile), or from ffprobe for other formats;
    None when neither can tell (then the decoder is bounded instead)."""
    try:
        info = sf.info(str(path))
        return Header(info.frames / info.samplerate if info.samplerate else 0.0, info.channels, info.samplerate)
    except (sf.LibsndfileError, RuntimeError, OSError, TypeError, ValueError):
        pass
    try:
        from pydub.utils import mediainfo

        probed = mediainfo(str(path))
        return Header(float(probed["duration"]), int(probed.get("channels", 1)), int(probed.get("sample_rate", 0)))
    except (ImportError, KeyError, ValueError, OSError, IndexError):
        return None


def decode_any(path: Path, max_seconds: float | None = None) -> Decoded:
    """Decode a recording in any common format: libsndfile first (WAV, FLAC, OGG), then pydub with ffmpeg.

    With `max_seconds`, ffmpeg stops after that much sound, so a file whose header lies cannot fill the memory."""
    try:
        return decode(path)
    except ClipDecodeError:
        pass
    try:
        from pydub import AudioSegment
        from pydub.exceptions import CouldntDecodeError
    except ImportError as exc:  # pragma: no cover - pydub is a declared dependency
        raise ClipDecodeError(path, "pydub is not installed, so only WAV, FLAC and OGG can be read") from exc
    try:
        segment = AudioSegment.from_file(str(path), duration=max_seconds)
        # ffmpeg reads damaged WAV headers that libsndfile refuses, and hands pydub sample widths (5 bytes) or
        # byte counts (not a whole number of samples) that pydub's conversion then fails on: found by fuzzing.
        raw = np.array(segment.get_array_of_samples())
        if segment.channels > 1:
            raw = raw.reshape(-1, segment.channels)
    except (CouldntDecodeError, IndexError, KeyError, ValueError, OSError) as exc:
        raise ClipDecodeError(path, _ffmpeg_reason(exc)) from exc
    scale = float(1 << (8 * segment.sample_width - 1))
    return Decoded(to_mono(raw.astype(np.float32) / scale), segment.frame_rate)


def _ffmpeg_reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "ffmpeg is not installed, so this format cannot be read (WAV, FLAC and OGG work without it)"
    return "not a sound file that can be read"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
