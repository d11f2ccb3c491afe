"""`vita content import` and the studio's keep share one write path; the consent in provenance is optional."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
import soundfile as sf

from vita.audio import importer
from vita.audio.espeak import EspeakEngine
from vita.audio.importer import NewClip
from vita.audio.manifest import ClipEntry, Manifest, Recorded, load_manifest, read_language, write_language_manifest
from vita.audio.synth import synthesize
from vita.content.loader import load_content
from vita.errors_text import explain
from vita.paths import ContentLayers, Paths
from vita.studio.errors import RecorderUnavailable, StudioError, StudioRefusal
from vita.studio.session import StudioSession
from vita.studio.takes import process_take

from tests.audio.conftest import run_vita, tone
from tests.studio.conftest import SPEAKER, raw_take


def test_the_import_voices_a_language_without_voice_through_the_studios_write_path(
    paths: Paths, tmp_path: Path
) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    sf.write(folder / "safety.hurt.wav", tone(1.5), 16_000)
    result = run_vita(paths.content_root, "--overlay", str(paths.overlay), "content", "import", str(folder),
                      "--lang", "so", "--speaker", "Amina")  # fmt: skip
    assert result.returncode == 0, result.stderr
    overlay = load_manifest(paths.overlay / "audio")  # type: ignore[operator]
    assert "so" not in overlay.no_voice and overlay.get("so", "safety.hurt") is not None
    assert "so" in load_manifest(paths.audio_dir).no_voice  # the shipped library is never written


def test_keep_writes_through_the_imports_function(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, list[tuple[str, str]], Recorded]] = []
    real = importer.write_recorded_clips

    def spy(
        audio: Path | ContentLayers, language: str, clips: Mapping[tuple[str, str], NewClip], provenance: Recorded
    ) -> tuple[Manifest, list[ClipEntry]]:
        calls.append((language, list(clips), provenance))
        return real(audio, language, clips, provenance)

    monkeypatch.setattr("vita.studio.session.write_recorded_clips", spy)
    session = StudioSession.open(paths, "so", SPEAKER)
    session.keep(session.items[2], process_take(raw_take(tone(1.2, 48_000), 48_000), session.items[2]))
    assert [(language, keys) for language, keys, _ in calls] == [("so", [("safety.hurt", "")])]
    assert calls[0][2].consent is True and calls[0][2].consent_date == SPEAKER.consent_date


def test_a_recording_without_consent_fields_still_reads_and_writes_as_before(tmp_path: Path) -> None:
    old = {"kind": "recorded", "speaker": "Amina", "date": "2025-03-14", "place": "Vienna"}
    raw = {"file": "safety.hurt.opus", "message_id": "safety.hurt", "form": "neutral", "sha256": "0" * 64,
           "duration_s": 1.0, "text_sha256": "", "provenance": old, "approved": False}  # fmt: skip
    entry = ClipEntry.from_json(raw, "so")
    assert entry.provenance == Recorded("Amina", "2025-03-14", "Vienna")
    assert entry.to_json()["provenance"] == old  # no consent fields appear where none were recorded
    with_consent = ClipEntry.from_json(
        {**raw, "provenance": {**old, "consent": True, "consent_date": "2026-11-29"}}, "so"
    )
    assert with_consent.provenance == Recorded("Amina", "2025-03-14", "Vienna", True, "2026-11-29")
    for clip in (entry, with_consent):  # both validate against the manifest's schema and read back the same
        folder = tmp_path / "so"
        write_language_manifest(folder, Manifest().with_clips([clip]))
        assert read_language(folder).get("so", "safety.hurt") == clip


def test_the_studios_errors_are_explained_in_words() -> None:
    words = explain(RecorderUnavailable("the input device 'USB mic' delivered no sound for 5 s"))
    assert "microphone" in words and "USB mic" in words and "safe" in words
    assert "so has no translated texts" in explain(StudioError("so has no translated texts to record yet"))
    refusal = StudioRefusal("the speaker has not agreed to the use of their voice: nothing may be recorded")
    assert isinstance(refusal, ValueError)
    assert explain(refusal) == "The speaker has not agreed to the use of their voice: nothing may be recorded."


def test_synthesis_afterwards_leaves_a_recorded_language_voiced(paths: Paths, engine: EspeakEngine) -> None:
    """espeak-ng has no Somali voice, but once a person has recorded Somali, synth does not mark it text-only."""
    session = StudioSession.open(paths, "so", SPEAKER)
    session.keep(session.items[2], process_take(raw_take(tone(1.2, 48_000), 48_000), session.items[2]))
    content = load_content(paths.content)
    report = synthesize(content, paths.content.writable_audio, engine, ["so", "fr"])
    assert "so" not in report.no_voice
    overlay = load_manifest(paths.overlay / "audio")  # type: ignore[operator]
    assert "so" not in overlay.no_voice and overlay.get("so", "safety.hurt") is not None
