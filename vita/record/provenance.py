"""Where the played content came from: draft or reviewed text, synthetic or recorded audio.

The audio manifest (audio/manifest.json, read by vita.audio's loader) is used here only for provenance.
A missing manifest means the content has no audio yet, and the record says so rather than guessing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vita.audio.errors import ManifestError
from vita.audio.manifest import MANIFEST_NAME, ClipEntry, load_manifest
from vita.record.model import AudioSummary

SYNTHETIC = "synthetic"
RECORDED = "recorded"


@dataclass(frozen=True)
class AudioProvenance:
    """Clip provenance keyed by (language code, message id): "synthetic" or "recorded"."""

    clips: Mapping[tuple[str, str], str]
    problem: str = ""  # why the manifest could not be read; then no clip's provenance is known


def read_audio_provenance(audio_dir: Path) -> AudioProvenance | None:
    """The provenance of every clip in audio/manifest.json, or None when there is no manifest (no audio).

    An unreadable manifest does not stop an export: the record says the clips' provenance is unknown.
    """
    if not (audio_dir / MANIFEST_NAME).exists():
        return None
    try:
        manifest = load_manifest(audio_dir)
    except ManifestError as exc:
        return AudioProvenance({}, str(exc))
    return provenance_of(manifest)


def provenance_of(manifest: Iterable[ClipEntry]) -> AudioProvenance:
    """The provenance of every clip of a loaded manifest: the one path from clips to the record's audio
    section, for `vita export` (which reads the manifest) and the app (which holds it already)."""
    found: dict[tuple[str, str], str] = {}
    for clip in manifest:
        key = (clip.language, clip.message_id)
        # A message with both kinds of clip (say, a synthetic child form) counts as synthetic: the safe side.
        if found.get(key) != SYNTHETIC:
            found[key] = SYNTHETIC if clip.is_synthetic else RECORDED
    return AudioProvenance(found)


def summarise_audio(provenance: AudioProvenance | None, played: Iterable[tuple[str, str]]) -> AudioSummary:
    """How the messages that were played reached the person: recorded voice, synthetic voice, or text only."""
    played = list(dict.fromkeys(played))
    if provenance is None:
        return AudioSummary(
            "none", 0, 0, len(played), "No audio: the content has no clips, so messages were shown as text."
        )
    if provenance.problem:
        return AudioSummary("unknown", 0, 0, 0, f"Provenance unknown: {provenance.problem}")
    kinds = [provenance.clips.get(key) for key in played]
    recorded = kinds.count(RECORDED)
    synthetic = kinds.count(SYNTHETIC)
    without = kinds.count(None)
    if recorded and synthetic:
        state = "mixed"
    elif synthetic:
        state = SYNTHETIC
    elif recorded:
        state = RECORDED
    else:
        state = "none"
    parts = []
    if recorded:
        parts.append(f"{recorded} recorded by a human speaker")
    if synthetic:
        parts.append(f"{synthetic} synthetic (computer voice)")
    if without:
        parts.append(f"{without} without a clip (shown as text)")
    detail = "Audio of the messages played: " + ", ".join(parts) + "." if parts else "No messages were played."
    return AudioSummary(state, recorded, synthetic, without, detail)
