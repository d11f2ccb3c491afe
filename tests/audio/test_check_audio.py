"""`vita content check` verifies every clip and shows audio in the coverage matrix."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from vita.audio.codec import encode_opus, sha256_bytes
from vita.audio.manifest import Recorded, load_manifest, write_manifest
from vita.audio.verify import check_content_and_audio
from vita.content.check import AudioState

from tests.audio.conftest import TEXTS, make_content, run_vita


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in check_content_and_audio(root).problems]


def replace_clip_bytes(root: Path, language: str, message_id: str, data: bytes, update_manifest: bool = True) -> Path:
    audio = root / "audio"
    manifest = load_manifest(audio)
    clip = manifest.get(language, message_id)
    assert clip is not None
    path = audio / clip.path
    path.write_bytes(data)
    if update_manifest:
        write_manifest(audio, manifest.with_clips([replace(clip, sha256=sha256_bytes(data))]))
    return path


def test_a_healthy_library_passes_and_the_matrix_shows_synthetic_audio(library_root: Path) -> None:
    report = check_content_and_audio(library_root)
    assert report.ok, [str(p) for p in report.problems]
    assert report.problems == []
    rows = {row.code: row for row in report.rows}
    assert {c.audio for c in rows["en"].cells.values()} == {AudioState.SYNTHETIC}
    assert {c.audio for c in rows["so"].cells.values()} == {AudioState.MISSING}


def test_the_check_command_marks_synthetic_and_human_clips(library_root: Path) -> None:
    audio = library_root / "audio"
    manifest = load_manifest(audio)
    clip = manifest.get("en", "safety.hurt")
    assert clip is not None
    write_manifest(audio, manifest.with_clips([replace(clip, provenance=Recorded("Amina", "2025-01-02", "Vienna"))]))
    result = run_vita(library_root, "content", "check")
    assert result.returncode == 0, result.stdout
    en = next(line for line in result.stdout.splitlines() if line.startswith("en "))
    assert en.split()[1:4] == ["ds", "ds", "dH"]
    so = next(line for line in result.stdout.splitlines() if line.startswith("so "))
    assert so.split()[1:4] == ["d-", "d-", "d-"]
    report = json.loads(run_vita(library_root, "content", "check", "--json").stdout)
    languages = {row["code"]: row for row in report["languages"]}
    assert languages["en"]["audio"] == 3 and languages["en"]["synthetic_audio"] == 2


def test_a_missing_clip_is_an_error_naming_the_file(library_root: Path) -> None:
    clip = load_manifest(library_root / "audio").get("fr", "safety.hurt")
    assert clip is not None
    (library_root / "audio" / clip.path).unlink()
    assert problems_of(library_root) == [
        f"{library_root / 'audio' / clip.path}: error: the clip listed in the manifest is missing"
    ]
    result = run_vita(library_root, "content", "check")
    assert result.returncode == 1 and "clip listed in the manifest is missing" in result.stdout


def test_a_changed_file_fails_its_checksum(library_root: Path) -> None:
    path = replace_clip_bytes(library_root, "en", "safety.hurt", b"OggS tampered", update_manifest=False)
    assert problems_of(library_root) == [
        f"{path}: error: the file does not match its checksum in the manifest (changed or damaged)"
    ]


def test_a_clip_that_does_not_decode_is_an_error(library_root: Path) -> None:
    path = replace_clip_bytes(library_root, "en", "safety.hurt", b"this is not a sound file")
    [problem] = problems_of(library_root)
    assert problem.startswith(f"{path}: error: cannot be decoded")


def test_a_silent_clip_is_an_error(library_root: Path) -> None:
    clip = load_manifest(library_root / "audio").get("en", "safety.hurt")
    assert clip is not None
    path = replace_clip_bytes(
        library_root, "en", "safety.hurt", encode_opus(np.zeros(int(clip.duration_s * 16_000), np.float32), 16_000)
    )
    assert problems_of(library_root) == [f"{path}: error: is silent"]


def test_an_implausible_duration_is_an_error(library_root: Path) -> None:
    t = np.arange(40 * 16_000) / 16_000
    path = replace_clip_bytes(
        library_root, "en", "safety.hurt", encode_opus((0.3 * np.sin(2 * np.pi * 200 * t)).astype(np.float32), 16_000)
    )
    assert problems_of(library_root) == [f"{path}: error: lasts 40.00 s, outside 0.3–30.0 s"]


def test_a_clip_made_from_an_older_text_is_flagged(library_root: Path) -> None:
    texts = {code: dict(entries) for code, entries in TEXTS.items()}
    texts["fr"]["safety.hurt"] = "Êtes-vous blessé quelque part ?"
    make_content(library_root, texts)
    [problem] = problems_of(library_root)
    assert "safety.hurt.opus: warning: speaks an older version of the text: run `vita content synth`" in problem


def test_a_form_with_its_own_text_but_no_clip_is_flagged(library_root: Path) -> None:
    audio = library_root / "audio"
    manifest = load_manifest(audio)
    child = manifest.get("fr", "opening.greeting", "child")
    assert child is not None
    (audio / child.path).unlink()
    write_manifest(audio, replace(manifest, clips=tuple(c for c in manifest.clips if c != child)))
    assert problems_of(library_root) == [
        f"{audio / 'fr'}: warning: no clip for the child form of opening.greeting: it is shown as text only"
    ]


def test_a_stray_file_and_an_unknown_message_are_reported(library_root: Path) -> None:
    audio = library_root / "audio"
    (audio / "en" / "extra.clip.opus").write_bytes(b"x")
    manifest = load_manifest(audio)
    clip = manifest.get("en", "safety.hurt")
    assert clip is not None
    (audio / "en" / "safety.gone.opus").write_bytes((audio / clip.path).read_bytes())
    write_manifest(audio, manifest.with_clips([replace(clip, path="en/safety.gone.opus", message_id="safety.gone")]))
    problems = problems_of(library_root)
    assert (
        f"{audio / 'en' / 'extra.clip.opus'}: warning: not listed in manifest.json, so it is never played" in problems
    )
    assert f"{audio / 'en' / 'safety.gone.opus'}: error: message id 'safety.gone' is not in the catalogue" in problems


def test_a_broken_manifest_is_one_clear_error(library_root: Path) -> None:
    path = library_root / "audio" / "en" / "manifest.json"
    path.write_text("{")
    report = check_content_and_audio(library_root)
    assert not report.ok
    first = report.errors[0]
    assert first.path == path and first.message.startswith("is not valid JSON")


def test_a_deleted_manifest_fails_the_check_instead_of_silently_turning_audio_off(library_root: Path) -> None:
    path = library_root / "audio" / "fr" / "manifest.json"
    path.unlink()
    report = check_content_and_audio(library_root)
    assert not report.ok
    assert [(e.path, e.message) for e in report.errors] == [
        (path, "is missing, so none of the clips in its folder is played")
    ]
    result = run_vita(library_root, "content", "check")
    assert result.returncode == 1 and f"{path}: error: is missing" in result.stdout


def test_the_old_single_manifest_is_named_with_the_way_to_split_it(library_root: Path) -> None:
    (library_root / "audio" / "manifest.json").write_text('{"schema": 1, "clips": []}')
    report = check_content_and_audio(library_root)
    assert "tools/split-audio-manifest.py" in report.errors[0].message


def test_the_shipped_library_voices_every_message_of_every_language_the_engine_speaks(repo_root: Path) -> None:
    from vita.audio.voices import NO_VOICE, VOICES
    from vita.content.loader import load_content

    manifest = load_manifest(repo_root / "audio")
    content = load_content(repo_root)
    for code in VOICES:
        if code in content.translations:
            missing = [m for m in content.catalogue.message_ids if manifest.get(code, m) is None]
            assert missing == [], code
    assert set(manifest.no_voice) == set(NO_VOICE) & set(content.codes())
    assert all(not clip.approved for clip in manifest if clip.is_synthetic)
    size = sum(p.stat().st_size for p in (repo_root / "audio").rglob("*") if p.is_file())
    # About 3,000 clips since the register fixes added polite, gendered and child forms (Polish, Vietnamese,
    # Portuguese, Amharic…): about 7 KB a clip. The bound catches a clip format gone wrong, not growth in forms.
    assert size < 25e6
