"""Clip provenance from the audio manifest: synthetic or recorded, and 'no audio' when there is no manifest."""

from __future__ import annotations

from pathlib import Path

from vita.audio.manifest import ClipEntry, Recorded, Synthetic, write_manifest
from vita.record.provenance import read_audio_provenance, summarise_audio

ESPEAK = Synthetic("espeak-ng", "1.52.0", "ar", "2026-11-23")


def clip(language: str, message_id: str, provenance: Synthetic | Recorded, variant: str = "") -> ClipEntry:
    return ClipEntry(
        f"{language}/{message_id}.opus", language, message_id, variant, "0" * 64, 1.5, "1" * 64, provenance
    )


def test_without_a_manifest_the_record_says_no_audio(tmp_path: Path) -> None:
    provenance = read_audio_provenance(tmp_path)
    assert provenance is None
    summary = summarise_audio(provenance, [("ar", "safety.hurt")])
    assert (summary.state, summary.without_clip) == ("none", 1)
    assert "shown as text" in summary.detail


def test_the_manifest_says_which_clips_are_synthetic_and_synthetic_wins_for_a_message(tmp_path: Path) -> None:
    from vita.audio.manifest import Manifest

    write_manifest(
        tmp_path,
        Manifest(
            (
                clip("ar", "safety.hurt", ESPEAK),
                clip("ar", "safety.doctor", Recorded("A. Speaker", "2026-11-01", "Sofia")),
                clip("ar", "safety.doctor", ESPEAK, variant="child"),
                clip("ti", "safety.hurt", Recorded("B. Speaker", "2026-11-02", "Asmara")),
            )
        ),
    )
    provenance = read_audio_provenance(tmp_path)
    assert provenance is not None and provenance.clips == {
        ("ar", "safety.hurt"): "synthetic",
        ("ar", "safety.doctor"): "synthetic",
        ("ti", "safety.hurt"): "recorded",
    }
    summary = summarise_audio(provenance, [("ti", "safety.hurt"), ("ti", "safety.hurt"), ("ti", "safety.afraid")])
    assert (summary.state, summary.recorded, summary.synthetic, summary.without_clip) == ("recorded", 1, 0, 1)
    mixed = summarise_audio(provenance, [("ti", "safety.hurt"), ("ar", "safety.hurt")])
    assert mixed.state == "mixed" and "1 synthetic (computer voice)" in mixed.detail


def test_an_unreadable_manifest_does_not_stop_the_record_but_makes_provenance_unknown(tmp_path: Path) -> None:
    (tmp_path / "ar").mkdir()
    (tmp_path / "ar" / "manifest.json").write_text("{not json", encoding="utf-8")
    summary = summarise_audio(read_audio_provenance(tmp_path), [("ar", "safety.hurt")])
    assert summary.state == "unknown"
    assert "manifest.json" in summary.detail and "not valid JSON" in summary.detail


def test_the_shipped_manifest_is_read_through_the_audio_loader(repo_root: Path) -> None:
    provenance = read_audio_provenance(repo_root / "audio")
    assert provenance is not None and provenance.problem == ""
    assert set(provenance.clips.values()) <= {"synthetic", "recorded"}
