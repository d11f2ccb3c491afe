"""audio/manifest.json: every clip with its checksum, duration, provenance and review state.

Clip files are named `<message id>.opus` for the neutral form and `<message id>@<form>.opus` for a form
whose text differs (`@female`, `@male`, `@child`, `@child-female`, `@child-male`), inside `audio/<language>/`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jsonschema

from vita.audio.codec import CLIP_SUFFIX
from vita.audio.errors import ManifestError

SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
FORMS = ("", "female", "male", "child", "child|female", "child|male")  # the translation variants
SCHEMA_PATH = Path(__file__).with_name("manifest.schema.json")


def form_label(variant: str) -> str:
    """The form as written in the manifest: 'neutral' for the plain text, else the variant."""
    return variant or "neutral"


def variant_of(label: str) -> str:
    return "" if label == "neutral" else label


def clip_name(message_id: str, variant: str) -> str:
    suffix = "@" + variant.replace("|", "-") if variant else ""
    return f"{message_id}{suffix}{CLIP_SUFFIX}"


def parse_clip_stem(stem: str) -> tuple[str, str]:
    """'opening.greeting@child-female' -> ('opening.greeting', 'child|female'); no '@' -> neutral."""
    message_id, _, suffix = stem.partition("@")
    return message_id, suffix.replace("-", "|")


@dataclass(frozen=True)
class Synthetic:
    engine: str
    engine_version: str
    voice: str
    date: str
    kind: str = "synthetic"

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "engine": self.engine,
            "engine_version": self.engine_version,
            "voice": self.voice,
            "date": self.date,
        }


@dataclass(frozen=True)
class Recorded:
    speaker: str
    date: str
    place: str
    kind: str = "recorded"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "speaker": self.speaker, "date": self.date, "place": self.place}


Provenance = Synthetic | Recorded


@dataclass(frozen=True)
class ClipEntry:
    path: str  # relative to the audio folder, with forward slashes: "fr/opening.greeting.opus"
    language: str
    message_id: str
    variant: str
    sha256: str
    duration_s: float
    text_sha256: str  # of the text the clip speaks, so that a changed translation shows up as a stale clip
    provenance: Provenance
    approved: bool = False

    @property
    def is_synthetic(self) -> bool:
        return isinstance(self.provenance, Synthetic)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.language, self.message_id, self.variant)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "language": self.language,
            "message_id": self.message_id,
            "form": form_label(self.variant),
            "sha256": self.sha256,
            "duration_s": round(self.duration_s, 3),
            "text_sha256": self.text_sha256,
            "provenance": self.provenance.to_json(),
            "approved": self.approved,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ClipEntry:
        prov = raw["provenance"]
        provenance: Provenance
        if prov["kind"] == "synthetic":
            provenance = Synthetic(prov["engine"], prov["engine_version"], prov["voice"], prov["date"])
        else:
            provenance = Recorded(prov["speaker"], prov["date"], prov.get("place", ""))
        return cls(
            raw["path"],
            raw["language"],
            raw["message_id"],
            variant_of(raw["form"]),
            raw["sha256"],
            float(raw["duration_s"]),
            raw.get("text_sha256", ""),
            provenance,
            bool(raw.get("approved", False)),
        )


@dataclass(frozen=True)
class Manifest:
    """The clip list, in a stable order (language, message id, form) so that diffs stay readable."""

    clips: tuple[ClipEntry, ...] = ()
    no_voice: dict[str, str] = field(default_factory=dict)  # language code -> why the speech engine cannot voice it
    sample_rate: int = 16_000

    def __iter__(self) -> Iterator[ClipEntry]:
        return iter(self.clips)

    def get(self, language: str, message_id: str, variant: str = "") -> ClipEntry | None:
        return self._index().get((language, message_id, variant))

    def _index(self) -> dict[tuple[str, str, str], ClipEntry]:
        return {clip.key: clip for clip in self.clips}

    def for_language(self, language: str) -> tuple[ClipEntry, ...]:
        return tuple(c for c in self.clips if c.language == language)

    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({c.language for c in self.clips}))

    def with_clips(self, clips: Iterable[ClipEntry], no_voice: dict[str, str] | None = None) -> Manifest:
        """A new manifest where the given clips replace those with the same key."""
        merged = self._index()
        for clip in clips:
            merged[clip.key] = clip
        ordered = tuple(sorted(merged.values(), key=lambda c: (c.language, c.message_id, FORMS.index(c.variant))))
        return replace(self, clips=ordered, no_voice=dict(self.no_voice if no_voice is None else no_voice))

    def without_language(self, language: str) -> Manifest:
        return replace(self, clips=tuple(c for c in self.clips if c.language != language))

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "sample_rate": self.sample_rate,
            "no_voice": dict(sorted(self.no_voice.items())),
            "clips": [clip.to_json() for clip in self.clips],
        }


def load_manifest(audio_dir: Path) -> Manifest:
    """Read audio/manifest.json; an absent file is an empty library (every language text-only)."""
    path = audio_dir / MANIFEST_NAME
    if not path.exists():
        return Manifest()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(path, f"cannot be read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ManifestError(path, f"is not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(raw, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise ManifestError(path, f"at {where}: {exc.message}") from exc
    clips = tuple(ClipEntry.from_json(item) for item in raw["clips"])
    return Manifest(clips, dict(raw.get("no_voice", {})), int(raw.get("sample_rate", 16_000)))


def _manifest_text(manifest: Manifest) -> str:
    """JSON with one clip per line: half the size of indented JSON, and a changed clip is a one-line diff."""
    data = manifest.to_json()
    clips = data.pop("clips")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # without the closing brace
    lines = [json.dumps(clip, ensure_ascii=False) for clip in clips]
    body = ",\n  ".join(lines)
    return f'{head},\n "clips": [\n  {body}\n ]\n}}\n' if lines else f'{head},\n "clips": []\n}}\n'


def write_manifest(audio_dir: Path, manifest: Manifest) -> Path:
    """Write the manifest atomically: a temporary file in the same folder, flushed, then renamed over."""
    audio_dir.mkdir(parents=True, exist_ok=True)
    target = audio_dir / MANIFEST_NAME
    text = _manifest_text(manifest)
    handle, temporary = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=audio_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the manifest is shipped content
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
