"""Fuzzing with hypothesis: the importer's header checks and the manifest reader. Whatever bytes a recording or a
manifest holds, the importer refuses it with BadRecording (a sentence naming the file) and the reader with
ManifestError; nothing else escapes, and nothing is read beyond what the header allows."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vita.audio.errors import BadRecording, ManifestError
from vita.audio.importer import check_recording
from vita.audio.manifest import MANIFEST_NAME, read_language

from tests.audio.conftest import tone
from tests.fuzzing import EXAMPLES, fuzz

REPO = Path(__file__).resolve().parents[2]
SHIPPED_MANIFEST = json.loads((REPO / "audio" / "fr" / MANIFEST_NAME).read_text(encoding="utf-8"))


@st.composite
def wav_files(draw: st.DrawFn) -> bytes:
    """A RIFF/WAVE file whose header fields are drawn at random, followed by a little (or no) sound."""
    fmt_tag = draw(st.sampled_from([1, 3, 0xFFFE, 0, 2, 0x55, draw(st.integers(0, 0xFFFF))]))
    channels = draw(st.sampled_from([1, 2, 0, 8, 9, 255, 0xFFFF]))
    rate = draw(st.sampled_from([8_000, 16_000, 44_100, 1, 0, 0xFFFFFFFF, draw(st.integers(0, 0xFFFFFFFF))]))
    bits = draw(st.sampled_from([8, 16, 24, 32, 0, 7, 64]))
    block = draw(st.integers(0, 0xFFFF))
    data_size = draw(st.sampled_from([0, 16, 0xFFFFFFFF, draw(st.integers(0, 0xFFFFFFFF))]))
    body = draw(st.binary(max_size=64))
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, (rate * block) & 0xFFFFFFFF, block, bits)
    fmt_size = draw(st.sampled_from([16, 18, 40, 0, 0xFFFFFFFF]))
    riff_size = draw(st.sampled_from([36 + len(body), 0, 0xFFFFFFFF]))
    return (
        b"RIFF" + struct.pack("<I", riff_size) + b"WAVE" + b"fmt " + struct.pack("<I", fmt_size) + fmt
        + b"data" + struct.pack("<I", data_size) + body
    )  # fmt: skip


def good_wav() -> bytes:
    import io

    import soundfile as sf

    buffer = io.BytesIO()
    sf.write(buffer, tone(1.0), 16_000, format="WAV")
    return buffer.getvalue()


GOOD = good_wav()


@st.composite
def damaged_good_wav(draw: st.DrawFn) -> bytes:
    data = bytearray(GOOD)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, 60))  # the header and the first samples
        data[at] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(0, len(data)))])


@settings(fuzz, max_examples=max(10, EXAMPLES // 3))  # each example may start ffprobe and ffmpeg
@given(data=st.one_of(wav_files(), damaged_good_wav(), st.binary(max_size=200)))
@example(data=b"RIFF\x00\x00\x00\x00WAVEfmt ")
def test_fuzz_the_importer_refuses_any_bad_recording_with_a_reason(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "safety.hurt.wav"
    path.write_bytes(data)
    try:
        check_recording(path)
    except BadRecording as refused:
        assert refused.path == path and refused.reason


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10,
)


@st.composite
def odd_manifests(draw: st.DrawFn) -> str:
    """The shipped French manifest with one field, at any depth, replaced by a value of any type."""
    manifest = json.loads(json.dumps(SHIPPED_MANIFEST))
    target: object = manifest
    path = []
    for _ in range(draw(st.integers(0, 4))):
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
        elif isinstance(target, list) and target:
            key = draw(st.integers(0, len(target) - 1))
        else:
            break
        path.append((target, key))
        target = target[key]  # type: ignore[index]
    if path:
        parent, key = path[-1]
        parent[key] = draw(JSON_VALUES)  # type: ignore[index]
    else:
        manifest = draw(JSON_VALUES)
    return json.dumps(manifest)


@fuzz
@given(text=st.one_of(odd_manifests(), st.text(max_size=200)))
def test_fuzz_a_manifest_is_read_or_refused_with_where_and_why(text: str, tmp_path: Path) -> None:
    folder = tmp_path / "fr"
    folder.mkdir(exist_ok=True)
    (folder / MANIFEST_NAME).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        read_language(folder, verify=True)
    except ManifestError as refused:
        assert refused.path == folder / MANIFEST_NAME and refused.reason


# What the fuzzing found: WAV headers that libsndfile refuses but ffmpeg reads, handing pydub a 5-byte sample
# width (KeyError) or a byte count that is not a whole number of samples (ValueError). Both escaped the importer
# as tracebacks; they are refused as unreadable now.
FOUND = [
    b"\x00" * 12
    + b"fmt \x10\x00\x00\x00\x01\x00\x00\x01\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00(\x00data\x00\x00\x00\x00",
    b"\x00\x9cFF$}\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80>\x00\x00\x00}\x00\x00\x02\x00\x10\x00data"
    b"\x00}\x00\x00\x00\x00\xd2\x01\xa3\x03m\x05.\x07\xe2\x08\x86\n\x16\x0c\x90\r\xf1\x0e6\x10]\x11c\x12F\x13\x05"
    b"\x14\x9e\x14\x10\x15Z\x15{\x15s\x15C\x15\xe9\x14g\x14\xbe\x13\xef",
]


def test_damaged_wav_headers_found_by_fuzzing_are_refused_as_unreadable(tmp_path: Path) -> None:
    for number, data in enumerate(FOUND):
        path = tmp_path / f"safety.hurt{number}.wav"
        path.write_bytes(data)
        with pytest.raises(BadRecording) as refused:
            check_recording(path)
        assert refused.value.reason == "not a sound file that can be read"
