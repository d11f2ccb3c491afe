"""Synthesis of draft clips with the real espeak-ng engine."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vita.audio import dsp
from vita.audio.codec import decode, sha256_of
from vita.audio.espeak import EspeakEngine
from vita.audio.manifest import Recorded, load_manifest
from vita.audio.synth import synthesize
from vita.audio.voices import NO_VOICE, VOICES
from vita.content.loader import collect_content, load_content

from tests.audio.conftest import TEXTS, make_content, run_vita


def test_the_engine_speaks_text_into_memory(engine: EspeakEngine) -> None:
    speech = engine.speak("Hello, I am here to help you.", "en+f3")
    assert speech.sample_rate == 22_050
    assert 1.0 < speech.samples.size / speech.sample_rate < 5.0
    assert not dsp.is_silent(speech.samples, speech.sample_rate)


def test_every_voice_in_the_table_exists_in_the_engine(engine: EspeakEngine) -> None:
    missing = [
        f"{code}: {choice.voice(s)}"
        for code, choice in VOICES.items()
        for s in ("female", "male")
        if not engine.has_voice(choice.voice(s))
    ]
    assert missing == []


def test_no_language_is_both_voiced_and_text_only() -> None:
    assert set(VOICES) & set(NO_VOICE) == set()


def test_synth_makes_one_clip_per_message_and_per_form_whose_text_differs(library_root: Path) -> None:
    manifest = load_manifest(library_root / "audio")
    fr = {(c.message_id, c.variant) for c in manifest.for_language("fr")}
    assert fr == {
        ("opening.greeting", ""),
        ("opening.greeting", "child"),
        ("opening.not_in_trouble", ""),
        ("safety.hurt", ""),
    }
    assert len(manifest.for_language("en")) == 3


def test_each_clip_is_marked_synthetic_unapproved_with_engine_voice_and_version(library_root: Path) -> None:
    manifest = load_manifest(library_root / "audio")
    for clip in manifest:
        provenance = clip.provenance
        assert clip.is_synthetic and clip.approved is False
        assert provenance.to_json()["engine"] == "espeak-ng"
        assert provenance.to_json()["engine_version"].startswith("1.")
        assert provenance.to_json()["voice"] == VOICES[clip.language].voice("female")


def test_clips_are_real_trimmed_normalised_opus_files_matching_the_manifest(library_root: Path) -> None:
    manifest = load_manifest(library_root / "audio")
    levels = []
    for clip in manifest:
        path = library_root / "audio" / clip.path
        assert sha256_of(path) == clip.sha256
        decoded = decode(path)
        assert decoded.rate == 16_000
        assert decoded.duration == pytest.approx(clip.duration_s, abs=0.01)
        lead = decoded.samples[: int(0.08 * 16_000)]
        assert np.abs(lead).max() < 0.02  # a short quiet lead-in, then speech
        levels.append(dsp.active_level_db(decoded.samples, 16_000))
    assert max(levels) - min(levels) < 2.0  # all clips, in both languages, play at the same level


def test_a_language_the_engine_cannot_speak_is_reported_and_gets_no_clip(library_root: Path) -> None:
    manifest = load_manifest(library_root / "audio")
    assert manifest.for_language("so") == ()
    assert "Somali" in manifest.no_voice["so"]
    folder = library_root / "audio" / "so"
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json"]  # the reason, kept with the language


def test_running_synth_again_keeps_unchanged_clips_byte_for_byte(library_root: Path, engine: EspeakEngine) -> None:
    before = load_manifest(library_root / "audio")
    report = synthesize(load_content(library_root), library_root / "audio", engine, ["en"])
    assert report.voiced["en"].made == 0 and report.voiced["en"].kept == 3
    assert load_manifest(library_root / "audio").for_language("en") == before.for_language("en")


def test_a_changed_translation_is_spoken_again(library_root: Path, engine: EspeakEngine) -> None:
    texts = {code: dict(entries) for code, entries in TEXTS.items()}
    texts["en"]["safety.hurt"] = "Are you hurt anywhere?"
    make_content(library_root, texts)
    old = load_manifest(library_root / "audio").get("en", "safety.hurt")
    report = synthesize(load_content(library_root), library_root / "audio", engine, ["en"])
    new = load_manifest(library_root / "audio").get("en", "safety.hurt")
    assert report.voiced["en"].made == 1
    assert old is not None and new is not None and new.sha256 != old.sha256 and new.text_sha256 != old.text_sha256


def test_synth_never_replaces_a_human_recording(library_root: Path, engine: EspeakEngine) -> None:
    audio = library_root / "audio"
    manifest = load_manifest(audio)
    clip = manifest.get("en", "opening.greeting")
    assert clip is not None
    from dataclasses import replace

    from vita.audio.manifest import write_manifest

    write_manifest(audio, manifest.with_clips([replace(clip, provenance=Recorded("Amina", "2025-01-02", "Vienna"))]))
    report = synthesize(load_content(library_root), audio, engine, ["en"], force=True)
    kept = load_manifest(audio).get("en", "opening.greeting")
    assert report.voiced["en"].recorded == 1
    assert kept is not None and isinstance(kept.provenance, Recorded) and kept.sha256 == clip.sha256


def test_the_male_speaker_uses_the_male_voice(tmp_path: Path, engine: EspeakEngine) -> None:
    root = make_content(tmp_path, {"en": {"safety.hurt": "Are you hurt?"}})
    content, _ = collect_content(root)  # the other texts are missing: synth works with what there is
    assert content is not None
    synthesize(content, root / "audio", engine, ["en"], speaker="male")
    clip = load_manifest(root / "audio").get("en", "safety.hurt")
    assert clip is not None and clip.provenance.to_json()["voice"] == "en+m3"


def test_the_synth_command_lists_languages_with_audio_and_text_only_ones(tmp_path: Path) -> None:
    root = make_content(tmp_path, {"en": TEXTS["en"], "so": TEXTS["so"]})
    result = run_vita(root, "content", "synth")
    assert result.returncode == 0, result.stderr
    assert "audio (1 languages, 3 clips): en" in result.stdout
    assert "text only (1): so" in result.stdout
    assert "no translation yet (1): fr" in result.stdout
    manifests = {p.parent.name: json.loads(p.read_text()) for p in (root / "audio").glob("*/manifest.json")}
    assert {code for code, manifest in manifests.items() if manifest["clips"]} == {"en"}
    assert "no_voice" in manifests["so"]


def test_the_synth_command_refuses_an_unknown_language(tmp_path: Path) -> None:
    root = make_content(tmp_path)
    result = run_vita(root, "content", "synth", "--lang", "xx")
    assert result.returncode == 1 and "not in languages.toml: xx" in result.stderr


# espeak-ng 1.51 and 1.52 abort the whole process on this Burmese text (a buffer overflow inside the library).
BURMESE_CRASH = (
    "မေးခွန်း တိုတို တချို့ မေးပါမယ်။ ဟုတ်တယ် ဒါမှမဟုတ် မဟုတ်ဘူးလို့ ဖြေလို့ရပါတယ်။ ခေါင်းညိတ်ပြလို့ရပါတယ်၊ "
    "ခေါင်းခါပြလို့ရပါတယ်၊ ဒါမှမဟုတ် ပုံတစ်ပုံကို လက်ညှိုးထိုးပြလို့ရပါတယ်။"
)


def test_a_text_that_crashes_the_engine_costs_neither_the_run_nor_the_texts_after_it() -> None:
    from vita.audio.isolated import IsolatedEspeak

    engine = IsolatedEspeak()
    try:
        results = engine.speak_many(["မင်္ဂလာပါ", BURMESE_CRASH, "ကျေးဇူးတင်ပါတယ်။"], "my+f3", 140)
        assert len(results) == 3
        for result in results:  # the crashing text is spoken sentence by sentence instead
            assert not isinstance(result, str), result
            assert not dsp.is_silent(result.samples, result.sample_rate)
        assert engine.has_voice("my+f3")  # the engine is back after the crash
    finally:
        engine.close()
