"""Import of human recordings: real files in every common format, made here with espeak-ng and ffmpeg."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from vita.audio import dsp
from vita.audio.codec import decode, sha256_of
from vita.audio.importer import import_recordings
from vita.audio.manifest import Recorded, load_manifest
from vita.content.loader import load_content

from tests.audio.conftest import run_vita, tone

needs_tools = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
    reason="needs espeak-ng and ffmpeg (installed by `bash tools/dev test`)",
)

FORMATS = {  # extension -> ffmpeg options
    "mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
    "m4a": ["-c:a", "aac", "-b:a", "64k"],  # what a phone's voice recorder makes
    "ogg": ["-c:a", "libvorbis", "-q:a", "3"],
    "flac": ["-c:a", "flac"],
}
SPEAKER = Recorded("Amina (volunteer)", "2025-03-14", "Vienna reception centre")


def speak_to_wav(text: str, target: Path, voice: str = "fr") -> Path:
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(target), text], check=True, capture_output=True)
    return target


def convert(source: Path, target: Path) -> Path:
    options = FORMATS[target.suffix.lstrip(".")]
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-i", str(source), "-ac", "2", "-ar", "44100", *options, str(target)],
        check=True,
    )
    return target


@pytest.fixture
def recordings(tmp_path: Path) -> Path:
    """One good recording per format, named by message id (and form), like a translator would hand them over."""
    folder = tmp_path / "recordings"
    folder.mkdir()
    raw = tmp_path / "raw"
    raw.mkdir()
    speak_to_wav("Bonjour. Je travaille ici, et je suis là pour vous aider.", folder / "opening.greeting.wav")
    convert(speak_to_wav("Bonjour. Je suis là pour t'aider.", raw / "a.wav"), folder / "opening.greeting@child.mp3")
    convert(speak_to_wav("Vous n'avez pas d'ennuis.", raw / "b.wav"), folder / "opening.not_in_trouble.m4a")
    convert(speak_to_wav("Êtes-vous blessé ?", raw / "c.wav"), folder / "safety.hurt.ogg")
    convert(speak_to_wav("Vous n'avez pas d'ennuis.", raw / "d.wav"), folder / "opening.not_in_trouble@female.flac")
    return folder


@needs_tools
def test_good_recordings_of_every_format_replace_the_synthetic_clips(library_root: Path, recordings: Path) -> None:
    audio = library_root / "audio"
    before = load_manifest(audio)
    report = import_recordings(load_content(library_root), audio, recordings, "fr", SPEAKER)
    assert report.rejected == []
    assert sorted((c.message_id, c.variant) for c in report.imported) == [
        ("opening.greeting", ""),
        ("opening.greeting", "child"),
        ("opening.not_in_trouble", ""),
        ("opening.not_in_trouble", "female"),
        ("safety.hurt", ""),
    ]
    after = load_manifest(audio)
    for clip in after.for_language("fr"):
        assert clip.provenance == SPEAKER and clip.approved is False
        decoded = decode(audio / clip.path)
        assert decoded.rate == 16_000 and sha256_of(audio / clip.path) == clip.sha256
        assert dsp.active_level_db(decoded.samples, 16_000) == pytest.approx(dsp.TARGET_LEVEL_DB, abs=1.5)
    assert after.for_language("en") == before.for_language("en")  # other languages untouched


@needs_tools
def test_the_import_command_records_provenance_and_the_check_then_shows_human_audio(
    library_root: Path, recordings: Path
) -> None:
    result = run_vita(
        library_root,
        "content",
        "import",
        str(recordings),
        "--lang",
        "fr",
        "--speaker",
        "Amina",
        "--place",
        "Vienna",
        "--date",
        "2025-03-14",
    )
    assert result.returncode == 0, result.stderr
    assert "5 imported, 0 rejected" in result.stdout
    clip = load_manifest(library_root / "audio").get("fr", "safety.hurt")
    assert clip is not None and clip.provenance == Recorded("Amina", "2025-03-14", "Vienna")
    check = run_vita(library_root, "content", "check")
    fr = next(line for line in check.stdout.splitlines() if line.startswith("fr "))
    assert fr.split()[1:4] == ["dH", "dH", "dH"]


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000) -> Path:
    sf.write(str(path), samples, rate)
    return path


@needs_tools
def test_bad_recordings_are_rejected_one_by_one_and_the_good_ones_still_go_in(
    library_root: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    speak_to_wav("Êtes-vous blessé ?", folder / "safety.hurt.wav")
    (folder / "opening.greeting.wav").write_text("this is a text file, not a recording")
    write_wav(folder / "opening.not_in_trouble.wav", np.zeros(32_000, np.float32))
    write_wav(folder / "opening.greeting@child.wav", np.clip(tone(2.0, amplitude=4.0), -1.0, 1.0))
    write_wav(folder / "opening.not_in_trouble@female.wav", np.tile(tone(1.0), 70))
    write_wav(folder / "opening.greeting@child.flac", np.tile(tone(1.0), 45))
    speak_to_wav("Vous n'avez pas d'ennuis.", folder / "opening.not_in_trouble@male.wav")
    speak_to_wav("Bonjour", folder / "opening.goodbye.wav")
    speak_to_wav("Bonjour", folder / "opening.greeting@elderly.wav")
    audio = library_root / "audio"
    before = load_manifest(audio)

    report = import_recordings(load_content(library_root), audio, folder, "fr", SPEAKER)

    reasons = {bad.path.name: bad.reason for bad in report.rejected}
    assert reasons == {
        "opening.greeting.wav": "not a sound file that can be read",
        "opening.not_in_trouble.wav": "is silent (check the microphone)",
        "opening.greeting@child.wav": "is distorted (clipped): record it again, further from the microphone",
        "opening.not_in_trouble@female.wav": "is 70 s long; a message takes under 60 s",
        "opening.greeting@child.flac": "holds 45 s of sound; a message takes under 30 s",
        "opening.not_in_trouble@male.wav": (
            "the male form of opening.not_in_trouble has no text in fr, so there is nothing for this recording to match"
        ),
        "opening.goodbye.wav": "'opening.goodbye' is not a message id in the catalogue",
        "opening.greeting@elderly.wav": (
            "unknown form 'elderly' (known: @female, @male, @child, @child-female, @child-male)"
        ),
    }
    assert [c.message_id for c in report.imported] == ["safety.hurt"]
    after = load_manifest(audio)
    hurt = after.get("fr", "safety.hurt")
    assert hurt is not None and hurt.provenance == SPEAKER
    unchanged = [c for c in before.for_language("fr") if c.message_id != "safety.hurt"]
    assert all(after.get(*c.key) == c for c in unchanged)


@needs_tools
def test_when_every_file_is_bad_the_library_is_not_touched(library_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "safety.hurt.mp3").write_bytes(b"\x00" * 1000)
    audio = library_root / "audio"
    snapshot = {p: p.read_bytes() for p in audio.rglob("*") if p.is_file()}
    result = run_vita(library_root, "content", "import", str(folder), "--lang", "fr", "--speaker", "Amina")
    assert result.returncode == 1
    assert "rejected safety.hurt.mp3: not a sound file that can be read" in result.stderr
    assert {p: p.read_bytes() for p in audio.rglob("*") if p.is_file()} == snapshot


def test_the_import_command_explains_a_wrong_date_or_folder(library_root: Path, tmp_path: Path) -> None:
    wrong_date = run_vita(
        library_root, "content", "import", str(tmp_path), "--lang", "fr", "--speaker", "A", "--date", "14/03/2025"
    )
    assert wrong_date.returncode == 1 and "is not a date like" in wrong_date.stderr
    no_folder = run_vita(library_root, "content", "import", str(tmp_path / "nope"), "--lang", "fr", "--speaker", "A")
    assert no_folder.returncode == 1 and "is not a folder" in no_folder.stderr
