"""The audio half of `vita content check`: what audio each message has, and every problem with the clips."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from vita.audio import dsp
from vita.audio.codec import CLIP_SUFFIX, decode, sha256_of
from vita.audio.errors import ClipDecodeError, ManifestError
from vita.audio.manifest import MANIFEST_NAME, ClipEntry, Manifest, load_manifest
from vita.audio.synth import text_sha256
from vita.content.check import AudioState, Report, build_report
from vita.content.errors import Problems
from vita.content.loader import collect_content
from vita.content.model import Content

MIN_DURATION_S = dsp.CLIP_MIN_S
MAX_DURATION_S = dsp.CLIP_MAX_S
DURATION_TOLERANCE_S = 0.1


def audio_lookup(manifest: Manifest) -> Callable[[str, str], AudioState]:
    """The audio state of each (language, message): recorded only when every clip of it is a human recording."""
    states: dict[tuple[str, str], list[ClipEntry]] = {}
    for clip in manifest:
        states.setdefault((clip.language, clip.message_id), []).append(clip)

    def lookup(code: str, message_id: str) -> AudioState:
        clips = states.get((code, message_id), [])
        if not any(c.variant == "" for c in clips):
            return AudioState.MISSING
        return AudioState.SYNTHETIC if any(c.is_synthetic for c in clips) else AudioState.RECORDED

    return lookup


def verify_clip(audio_dir: Path, clip: ClipEntry) -> Problems:
    """Exists, matches its checksum, decodes, lasts a plausible time, is not silent."""
    path = audio_dir / clip.path
    problems = Problems()
    if not path.is_file():
        problems.error(path, 0, "the clip listed in the manifest is missing")
        return problems
    if sha256_of(path) != clip.sha256:
        problems.error(path, 0, "the file does not match its checksum in the manifest (changed or damaged)")
        return problems
    try:
        decoded = decode(path)
    except ClipDecodeError as exc:
        problems.error(path, 0, f"cannot be decoded: {exc.reason}")
        return problems
    if not MIN_DURATION_S <= decoded.duration <= MAX_DURATION_S:
        problems.error(path, 0, f"lasts {decoded.duration:.2f} s, outside {MIN_DURATION_S}–{MAX_DURATION_S} s")
    elif abs(decoded.duration - clip.duration_s) > DURATION_TOLERANCE_S:
        problems.error(path, 0, f"lasts {decoded.duration:.2f} s but the manifest says {clip.duration_s:.2f} s")
    if dsp.is_silent(decoded.samples, decoded.rate):
        problems.error(path, 0, "is silent")
    return problems


def verify_library(content: Content | None, audio_dir: Path, workers: int = 2) -> tuple[Manifest, Problems]:
    """Every problem with the clips, as content problems (path, line 0, message)."""
    try:
        manifest = load_manifest(audio_dir)
    except ManifestError as exc:
        failed = Problems()
        failed.error(exc.path, 0, exc.reason)
        return Manifest(), failed
    problems = Problems()
    with ThreadPoolExecutor(max_workers=workers) as pool:  # decoding releases the GIL
        for found in pool.map(lambda clip: verify_clip(audio_dir, clip), manifest.clips):
            problems.extend(found)
    listed = {audio_dir / clip.path for clip in manifest}
    if audio_dir.is_dir():
        for stray in sorted(audio_dir.glob(f"*/*{CLIP_SUFFIX}")):
            if stray not in listed and not stray.parent.name.startswith("."):
                problems.warning(stray, 0, f"not listed in {MANIFEST_NAME}, so it is never played")
    if content is not None:
        problems.extend(_against_content(content, manifest, audio_dir))
    return manifest, problems


def _against_content(content: Content, manifest: Manifest, audio_dir: Path) -> Problems:
    problems = Problems()
    codes = set(content.listed_codes())  # an incomplete language's clips are checked too
    ids = set(content.catalogue.message_ids)
    voiced: set[str] = set()
    for clip in manifest:
        path = audio_dir / clip.path
        if clip.language not in codes:
            problems.warning(path, 0, f"language {clip.language!r} is not in languages.toml")
            continue
        if clip.message_id not in ids:
            problems.error(path, 0, f"message id {clip.message_id!r} is not in the catalogue")
            continue
        voiced.add(clip.language)
        translations = content.translations.get(clip.language)
        text = translations.entries.get((clip.message_id, clip.variant)) if translations else None
        if text is None:
            if translations is not None:
                problems.warning(path, 0, f"there is no {clip.variant or 'neutral'} text for this clip to speak")
        elif clip.text_sha256 and clip.text_sha256 != text_sha256(text.text):
            again = "run `vita content synth`" if clip.is_synthetic else "record it again"
            problems.warning(path, 0, f"speaks an older version of the text: {again}")
    for code in sorted(voiced):
        translations = content.translations.get(code)
        if translations is None:
            continue
        for (message_id, variant), translation in translations.entries.items():
            if manifest.get(code, message_id, variant) is not None:
                continue
            neutral = translations.entries.get((message_id, ""))
            if variant and neutral is not None and translation.text.strip() == neutral.text.strip():
                continue  # the neutral clip says exactly this
            form = f"the {variant} form of " if variant else ""
            problems.warning(audio_dir / code, 0, f"no clip for {form}{message_id}: it is shown as text only")
    return problems


def check_content_and_audio(root: Path, audio_dir: Path | None = None) -> Report:
    """The whole content check: texts, the coverage matrix with audio, and every clip verified."""
    audio_dir = audio_dir or root / "audio"
    content, problems = collect_content(root)
    manifest, audio_problems = verify_library(content, audio_dir)
    report = build_report(content, problems, audio_lookup(manifest))
    report.problems.extend(audio_problems)
    return report
