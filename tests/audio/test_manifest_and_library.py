"""The manifest and the library writer: round trips, clear errors, and no half-written library."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vita.audio.codec import decode, encode_opus, sha256_of
from vita.audio.errors import ClipDecodeError, ManifestError
from vita.audio.library import LibraryTransaction, recover
from vita.audio.manifest import (
    ClipEntry,
    Manifest,
    Recorded,
    Synthetic,
    clip_name,
    load_manifest,
    parse_clip_stem,
    write_manifest,
)

from tests.audio.conftest import tone


def entry(path: str, variant: str = "", sha: str = "0" * 64) -> ClipEntry:
    language, name = path.split("/")
    message_id = name.split("@")[0].removesuffix(".opus")
    return ClipEntry(
        path, language, message_id, variant, sha, 1.5, "", Synthetic("espeak-ng", "1.52.0", "en+f3", "2025-01-01")
    )


def test_clips_are_ogg_opus_at_a_low_speech_bit_rate() -> None:
    data = encode_opus(tone(6.0), 16_000)
    assert data[:4] == b"OggS" and b"OpusHead" in data[:100]
    assert len(data) * 8 / 6.0 < 16_000  # under 16 kb/s, headers and pages included


def test_encoded_clip_round_trip_through_a_file(tmp_path: Path) -> None:
    source = tone(2.0)
    clip = tmp_path / "x.opus"
    clip.write_bytes(encode_opus(source, 16_000))
    decoded = decode(clip)
    assert decoded.rate == 16_000
    assert decoded.samples.size == source.size
    correlation = np.corrcoef(decoded.samples, source)[0, 1]
    assert correlation > 0.95


def test_a_file_that_is_not_audio_gives_a_typed_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "notes.opus"
    bad.write_text("not sound")
    with pytest.raises(ClipDecodeError) as caught:
        decode(bad)
    assert caught.value.path == bad and "notes.opus" in str(caught.value)


def test_clip_names_carry_the_form_and_parse_back() -> None:
    assert clip_name("opening.greeting", "") == "opening.greeting.opus"
    assert clip_name("opening.greeting", "child|female") == "opening.greeting@child-female.opus"
    assert parse_clip_stem("opening.greeting@child-female") == ("opening.greeting", "child|female")
    assert parse_clip_stem("opening.greeting") == ("opening.greeting", "")


def test_manifest_round_trips_both_kinds_of_provenance(tmp_path: Path) -> None:
    recorded = ClipEntry(
        "fr/opening.greeting@child.opus",
        "fr",
        "opening.greeting",
        "child",
        "a" * 64,
        2.0,
        "b" * 64,
        Recorded("Amina", "2025-03-01", "Vienna"),
        onset_s=0.25,
    )
    manifest = Manifest().with_clips([entry("en/opening.greeting.opus"), recorded], {"so": "no voice"})
    write_manifest(tmp_path, manifest)
    again = load_manifest(tmp_path)
    assert again == manifest
    raw = json.loads((tmp_path / "fr" / "manifest.json").read_text())
    assert raw["language"] == "fr" and raw["clips"][0]["file"] == "opening.greeting@child.opus"
    assert raw["clips"][0]["form"] == "child" and raw["clips"][0]["provenance"]["speaker"] == "Amina"
    assert raw["clips"][0]["onset_s"] == 0.25  # room for a measured speech onset, optional
    assert "onset_s" not in json.loads((tmp_path / "en" / "manifest.json").read_text())["clips"][0]
    assert json.loads((tmp_path / "so" / "manifest.json").read_text())["no_voice"] == "no voice"
    assert list(tmp_path.glob("*/.manifest-*")) == []  # the temporary file was renamed, not left behind


def test_a_missing_library_means_an_empty_library(tmp_path: Path) -> None:
    assert load_manifest(tmp_path).clips == ()
    assert load_manifest(tmp_path / "absent").clips == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{ not json", "not valid JSON"),
        ('{"schema": 2, "language": "en", "clips": [{"file": "x.opus"}]}', "clips/0"),
        ('{"schema": 1, "language": "en", "clips": []}', "schema"),
        ('{"schema": 2, "language": "fr", "clips": []}', "names language 'fr' but is in the folder 'en'"),
        ("[" * 100_000 + "]" * 100_000, "cannot be read"),
    ],
)
def test_a_broken_manifest_is_refused_with_where_and_why(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "manifest.json").write_text(text)
    with pytest.raises(ManifestError) as caught:
        load_manifest(tmp_path)
    assert expected in str(caught.value) and "en/manifest.json" in str(caught.value)


def test_clips_without_their_manifest_are_an_error_not_a_silent_text_only_language(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "opening.greeting.opus").write_bytes(b"OggS")
    with pytest.raises(ManifestError) as caught:
        load_manifest(tmp_path)
    assert "is missing" in str(caught.value)


def stage_clip(transaction: LibraryTransaction, language: str, message_id: str) -> ClipEntry:
    data = encode_opus(tone(0.5), 16_000)
    return transaction.add(lambda path, sha: entry(path, sha=sha), language, message_id, "", data)


def test_a_committed_transaction_swaps_the_language_in_and_lists_every_clip(tmp_path: Path) -> None:
    audio = tmp_path / "audio"
    with LibraryTransaction(audio, Manifest()) as transaction:
        stage_clip(transaction, "en", "opening.greeting")
        manifest = transaction.commit()
    clip = manifest.get("en", "opening.greeting")
    assert clip is not None and sha256_of(audio / clip.path) == clip.sha256
    assert load_manifest(audio) == manifest
    assert sorted(p.name for p in audio.iterdir()) == ["en"]  # no staging or old folders left
    assert sorted(p.name for p in (audio / "en").iterdir()) == ["manifest.json", "opening.greeting.opus"]


def test_given_a_failure_midway_the_library_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    audio = tmp_path / "audio"
    with LibraryTransaction(audio, Manifest()) as first:
        stage_clip(first, "en", "opening.greeting")
        before = first.commit()
    snapshot = {p.relative_to(audio): p.read_bytes() for p in audio.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError), LibraryTransaction(audio, before) as second:
        second.begin_language("en")
        stage_clip(second, "en", "safety.hurt")
        raise RuntimeError("power cut")
    after = {p.relative_to(audio): p.read_bytes() for p in audio.rglob("*") if p.is_file()}
    assert after == snapshot


def test_an_interrupted_swap_is_undone_before_the_next_write(tmp_path: Path) -> None:
    audio = tmp_path / "audio"
    (audio / ".old-en-1234abcd").mkdir(parents=True)
    (audio / ".old-en-1234abcd" / "opening.greeting.opus").write_bytes(b"old clip")
    (audio / ".staging-deadbeef" / "en").mkdir(parents=True)
    assert recover(audio) == ["en"]
    assert (audio / "en" / "opening.greeting.opus").read_bytes() == b"old clip"
    assert not list(audio.glob(".*"))


def test_the_padding_in_the_opus_tags_is_dropped_and_the_clip_decodes_the_same(tmp_path: Path) -> None:
    import io

    import soundfile as sf

    from vita.audio.codec import compact_opus_tags

    buffer = io.BytesIO()
    sf.write(buffer, tone(1.0), 16_000, format="OGG", subtype="OPUS")
    padded = buffer.getvalue()
    compact = compact_opus_tags(padded)
    assert len(compact) < len(padded) - 500
    (tmp_path / "padded.opus").write_bytes(padded)
    (tmp_path / "compact.opus").write_bytes(compact)
    assert np.array_equal(decode(tmp_path / "padded.opus").samples, decode(tmp_path / "compact.opus").samples)
    assert compact_opus_tags(b"not ogg at all") == b"not ogg at all"


def test_swapped_clips_are_refused_when_a_language_is_read_for_playing(library_root: Path) -> None:
    from vita.audio.cache import ClipLibrary
    from vita.content.model import Audience, Form

    audio = library_root / "audio"
    manifest = load_manifest(audio)
    hurt, greeting = manifest.get("en", "safety.hurt"), manifest.get("en", "opening.greeting")
    assert hurt is not None and greeting is not None
    hurt_bytes = (audio / hurt.path).read_bytes()
    (audio / hurt.path).write_bytes((audio / greeting.path).read_bytes())
    (audio / greeting.path).write_bytes(hurt_bytes)
    library = ClipLibrary(audio, manifest)
    clip = library.resolve("en", "safety.hurt", Form.UNSPECIFIED, Audience.ADULT)
    assert clip == hurt  # still the message's clip, so that playing it says why it cannot be played
    refusal = library.refusal(clip)
    assert isinstance(refusal, ClipDecodeError) and "does not match its checksum" in str(refusal)
    assert library.manifest.get("en", "safety.hurt") is None  # never decoded or handed to the output
    fine = library.resolve("en", "opening.not_in_trouble", Form.UNSPECIFIED, Audience.ADULT)
    assert fine is not None and library.refusal(fine) is None
    assert set(load_manifest(audio, verify=True).refused) == {hurt.key, greeting.key}
