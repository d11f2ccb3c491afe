"""Where the played content came from: draft or reviewed text, synthetic or recorded audio.

The audio manifests (audio/<language>/manifest.json, read by vita.audio's loader) are used here only for
provenance. No manifest at all means the content has no audio yet, and the record says so rather than guessing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vita.audio.errors import ManifestError
from vita.audio.layers import has_audio, layered_manifest
from vita.audio.manifest import Manifest
from vita.paths import ContentLayers
from vita.record.model import AudioSummary

SYNTHETIC = "synthetic"
RECORDED = "recorded"


@dataclass(frozen=True)
class AudioProvenance:
    """Clip provenance keyed by (language code, message id): "synthetic" or "recorded"."""

    clips: Mapping[tuple[str, str], str]
    problem: str = ""  # why the manifest could not be read; then no clip's provenance is known


def read_audio_provenance(audio: Path | ContentLayers) -> AudioProvenance | None:
    """The provenance of every clip in the library (the overlay's languages replacing the shipped ones), or
    None when no language has a manifest (no audio).

    An unreadable manifest does not stop an export: the record says the clips' provenance is unknown.
    """
    if not has_audio(audio):
        return None
    try:
        manifest = layered_manifest(audio)
    except ManifestError as exc:
        return AudioProvenance({}, str(exc))
    return provenance_of(manifest)


def provenance_of(manifest: Manifest) -> AudioProvenance | None:
    """The provenance of the clips of a library already read (None when it has no clip: no audio): the one
    path from clips to the record's audio section, for `vita export` (which reads the manifests) and the app
    (which holds the library it plays from)."""
    if not manifest.clips and not manifest.refused:
        return None
    found: dict[tuple[str, str], str] = {}
    for clip in manifest:
        key = (clip.language, clip.message_id)
        # A message with both kinds of clip (say, a synthetic child form) counts as synthetic: the safe side.
        if found.get(key) != SYNTHETIC:
            found[key] = SYNTHETIC if clip.is_synthetic else RECORDED
    return AudioProvenance(found)


def summarise_audio(
    provenance: AudioProvenance | None, played: Iterable[tuple[str, str]], shown: Iterable[tuple[str, str]] = ()
) -> AudioSummary:
    """How the messages presented reached the person: recorded voice, synthetic voice, or text only. `played`
    were played in a voice; `shown` were shown as text (no clip, a refused one, or no sound output), so their
    clip, if any, was never heard and counts as none (`without_clip`)."""
    played = list(dict.fromkeys(played))
    shown_only = [key for key in dict.fromkeys(shown) if key not in played]
    if provenance is None:
        return AudioSummary(
            "none",
            0,
            0,
            len(played) + len(shown_only),
            "No audio: the content has no clips, so messages were shown as text.",
        )
    if provenance.problem:
        return AudioSummary("unknown", 0, 0, 0, f"Provenance unknown: {provenance.problem}")
    kinds = [provenance.clips.get(key) for key in played]
    recorded = kinds.count(RECORDED)
    synthetic = kinds.count(SYNTHETIC)
    without = kinds.count(None) + len(shown_only)
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
        parts.append(f"{without} without a clip heard (shown as text)")
    detail = "Messages presented: " + ", ".join(parts) + "." if parts else "No messages were presented."
    return AudioSummary(state, recorded, synthetic, without, detail)
