"""audio/<language>/manifest.json: every clip of a language with its checksum, duration, provenance and review state.

A language's folder, holding its clips and its own manifest, is the unit that changes: it is replaced whole, by
rename (see library.py), so a language is always either wholly old or wholly new, and a deployment's overlay or a
pack can replace one language without touching the others. There is no top-level manifest to fall out of step.

Clip files are named `<message id>.opus` for the neutral form and `<message id>@<form>.opus` for a form
whose text differs (`@female`, `@male`, `@child`, `@child-female`, `@child-male`), inside `audio/<language>/`.
When a language is read for playing, every clip is checked against its SHA-256: a clip that was swapped, changed
or damaged is refused (never played as another message), and the reason kept for the officer.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import fastjsonschema

from vita.audio.codec import CLIP_SUFFIX, sha256_of
from vita.audio.errors import ManifestError
from vita.safe_files import write_file

SCHEMA_VERSION = 2  # 1 was a single audio/manifest.json for every language
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
    # Whether the speaker agreed to the use of their voice, and when. None: not recorded (imports before the
    # studio, and `vita content import`, which takes files whose consent was handled outside VITA).
    consent: bool | None = None
    consent_date: str = ""
    kind: str = "recorded"

    def to_json(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"kind": self.kind, "speaker": self.speaker, "date": self.date, "place": self.place}
        if self.consent is not None:
            raw["consent"] = self.consent
            raw["consent_date"] = self.consent_date
        return raw


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
    onset_s: float | None = None  # where speech starts in the clip, when measured (optional)

    @property
    def is_synthetic(self) -> bool:
        return isinstance(self.provenance, Synthetic)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.language, self.message_id, self.variant)

    @property
    def file(self) -> str:
        """The clip's file name inside its language folder."""
        return self.path.rsplit("/", 1)[-1]

    def to_json(self) -> dict[str, Any]:
        """The clip as written in its language's manifest: its file name is relative to the language folder."""
        raw: dict[str, Any] = {
            "file": self.file,
            "message_id": self.message_id,
            "form": form_label(self.variant),
            "sha256": self.sha256,
            "duration_s": round(self.duration_s, 3),
            "text_sha256": self.text_sha256,
            "provenance": self.provenance.to_json(),
            "approved": self.approved,
        }
        if self.onset_s is not None:
            raw["onset_s"] = round(self.onset_s, 3)
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any], language: str) -> ClipEntry:
        prov = raw["provenance"]
        provenance: Provenance
        if prov["kind"] == "synthetic":
            provenance = Synthetic(prov["engine"], prov["engine_version"], prov["voice"], prov["date"])
        else:
            consent = prov.get("consent")
            provenance = Recorded(
                prov["speaker"], prov["date"], prov.get("place", ""), consent, prov.get("consent_date", "")
            )
        onset = raw.get("onset_s")
        return cls(
            f"{language}/{raw['file']}",
            language,
            raw["message_id"],
            variant_of(raw["form"]),
            raw["sha256"],
            float(raw["duration_s"]),
            raw.get("text_sha256", ""),
            provenance,
            bool(raw.get("approved", False)),
            None if onset is None else float(onset),
        )


@dataclass(frozen=True)
class Manifest:
    """The clip list, in a stable order (language, message id, form) so that diffs stay readable."""

    clips: tuple[ClipEntry, ...] = ()
    no_voice: dict[str, str] = field(default_factory=dict)  # language code -> why the speech engine cannot voice it
    sample_rate: int = 16_000
    # Clips whose file failed the check when the library was read for playing: key -> (entry, why). Never played.
    refused: dict[tuple[str, str, str], tuple[ClipEntry, str]] = field(default_factory=dict)

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

    def refusing(self, clip: ClipEntry, why: str) -> Manifest:
        """A new manifest where `clip` is refused (never played) for the reason given."""
        kept = tuple(c for c in self.clips if c.key != clip.key)
        return replace(self, clips=kept, refused={**self.refused, clip.key: (clip, why)})

    def language_json(self, language: str) -> dict[str, Any]:
        """What audio/<language>/manifest.json holds."""
        raw: dict[str, Any] = {"schema": SCHEMA_VERSION, "language": language, "sample_rate": self.sample_rate}
        if language in self.no_voice:
            raw["no_voice"] = self.no_voice[language]
        raw["clips"] = [clip.to_json() for clip in self.for_language(language)]
        return raw


def is_language_folder(path: Path) -> bool:
    """A language folder of the library; staging and old folders (dot names) are not."""
    return path.is_dir() and not path.name.startswith(".")


def language_manifest_path(audio_dir: Path, language: str) -> Path:
    return audio_dir / language / MANIFEST_NAME


@functools.cache
def _validator() -> Callable[[Any], Any]:
    # fastjsonschema compiles the schema to Python once: a library's manifests validate in milliseconds, where
    # jsonschema took most of a second at every start-up.
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validate: Callable[[Any], Any] = fastjsonschema.compile(schema)
    return validate


def read_language(folder: Path, verify: bool = False) -> Manifest:
    """One language folder's manifest (an empty one when the folder has none); ManifestError when it is unusable.

    With `verify`, each clip's file is hashed and a clip that is missing or does not match is moved to `refused`.
    """
    path = folder / MANIFEST_NAME
    language = folder.name
    if not path.exists():
        return Manifest()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        raise ManifestError(path, f"cannot be read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ManifestError(path, f"is not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    try:
        _validator()(raw)
    except fastjsonschema.JsonSchemaValueException as exc:
        where = "/".join(str(p) for p in exc.path[1:]) or "top level"
        raise ManifestError(path, f"at {where}: {exc.message}") from exc
    if raw["language"] != language:
        raise ManifestError(path, f"names language {raw['language']!r} but is in the folder {language!r}")
    clips = [ClipEntry.from_json(item, language) for item in raw["clips"]]
    if len({clip.key for clip in clips}) != len(clips):
        raise ManifestError(path, "lists the same message and form twice")
    no_voice = {language: raw["no_voice"]} if raw.get("no_voice") else {}
    manifest = Manifest((), no_voice, int(raw.get("sample_rate", 16_000))).with_clips(clips)
    return verified(manifest, folder.parent, language) if verify else manifest


def verified(manifest: Manifest, audio_dir: Path, language: str) -> Manifest:
    """The manifest with every clip of `language` hashed and compared: a mismatching clip moves to `refused`.

    A language's clips cost milliseconds to hash, so this runs whenever a language is read for playing."""
    refused = dict(manifest.refused)
    kept = []
    for clip in manifest.for_language(language):
        why = clip_file_problem(audio_dir / clip.path, clip.sha256)
        if why:
            refused[clip.key] = (clip, why)
        else:
            kept.append(clip)
    if len(refused) == len(manifest.refused):
        return manifest  # the usual case: nothing to rebuild
    return replace(manifest.without_language(language).with_clips(kept), refused=refused)


MISMATCH = "the file does not match its checksum in the manifest (changed, damaged or swapped with another)"


def clip_file_problem(path: Path, sha256: str) -> str:
    """Why a clip file cannot be trusted as the manifest describes it, or "" when it can."""
    try:
        if sha256_of(path) == sha256:
            return ""
    except FileNotFoundError:
        return "the file is missing"
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    return MISMATCH


def read_library(audio_dir: Path, verify: bool = False) -> tuple[Manifest, list[ManifestError]]:
    """Every language folder's manifest merged, and the problem with each one that cannot be used."""
    clips: list[ClipEntry] = []
    no_voice: dict[str, str] = {}
    refused: dict[tuple[str, str, str], tuple[ClipEntry, str]] = {}
    sample_rate = Manifest().sample_rate
    problems: list[ManifestError] = []
    if audio_dir.is_dir():
        old = audio_dir / MANIFEST_NAME
        if old.is_file():
            problems.append(
                ManifestError(old, "is the old single manifest: split it with tools/split-audio-manifest.py")
            )
        for folder in sorted(p for p in audio_dir.iterdir() if is_language_folder(p)):
            try:
                found = read_language(folder, verify)
            except ManifestError as exc:
                problems.append(exc)
                continue
            if not (folder / MANIFEST_NAME).exists() and any(folder.glob(f"*{CLIP_SUFFIX}")):
                problems.append(
                    ManifestError(folder / MANIFEST_NAME, "is missing, so none of the clips in its folder is played")
                )
            clips.extend(found.clips)
            no_voice.update(found.no_voice)
            refused.update(found.refused)
            sample_rate = found.sample_rate if found.clips else sample_rate
    merged = replace(Manifest(sample_rate=sample_rate, refused=refused).with_clips(clips), no_voice=no_voice)
    return merged, problems


def load_manifest(audio_dir: Path, verify: bool = False) -> Manifest:
    """Every language's clips; ManifestError for the first language whose manifest is unusable or missing.

    An absent audio folder is an empty library (every language text-only).
    """
    manifest, problems = read_library(audio_dir, verify)
    if problems:
        raise problems[0]
    return manifest


def _manifest_text(data: dict[str, Any]) -> str:
    """JSON with one clip per line: half the size of indented JSON, and a changed clip is a one-line diff."""
    data = dict(data)
    clips = data.pop("clips")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # without the closing brace
    lines = [json.dumps(clip, ensure_ascii=False) for clip in clips]
    body = ",\n  ".join(lines)
    return f'{head},\n "clips": [\n  {body}\n ]\n}}\n' if lines else f'{head},\n "clips": []\n}}\n'


def write_language_manifest(folder: Path, manifest: Manifest, language: str | None = None) -> Path:
    """Write the manifest.json of `language` (by default the folder's name) into `folder`, replacing it whole.

    Inside a LibraryTransaction this writes into the language's new folder, before the folder is swapped in."""
    text = _manifest_text(manifest.language_json(language or folder.name))
    return write_file(folder / MANIFEST_NAME, text.encode("utf-8"), replace=True, private=False)


def write_manifest(audio_dir: Path, manifest: Manifest) -> list[Path]:
    """Rewrite the manifest of every language the manifest names, in place, one file at a time.

    For tools and tests that edit a library at rest; a live change goes through LibraryTransaction instead."""
    codes = sorted({c.language for c in manifest.clips} | set(manifest.no_voice))
    return [write_language_manifest(audio_dir / code, manifest) for code in codes]
