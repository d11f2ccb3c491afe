"""The audio half of `vita content check`: what audio each message has, and every problem with the clips."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from vita.audio import dsp
from vita.audio.codec import CLIP_SUFFIX, decode, sha256_of
from vita.audio.errors import ClipDecodeError
from vita.audio.layers import overlay_languages, read_layered
from vita.audio.manifest import MANIFEST_NAME, ClipEntry, Manifest
from vita.audio.synth import text_sha256
from vita.content.check import AudioState, Report, build_report
from vita.content.errors import Problems
from vita.content.loader import collect_content
from vita.content.markup import markup_problems
from vita.content.model import Content
from vita.fonts import bundled_fonts, deployment_fonts
from vita.fonts.coverage import missing_glyphs
from vita.paths import ContentLayers

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


def verify_library(content: Content | None, audio: Path | ContentLayers, workers: int = 2) -> tuple[Manifest, Problems]:
    """Every problem with the clips (the overlay's languages replacing the shipped ones), as content problems
    (path, line 0, message)."""
    layers = audio if isinstance(audio, ContentLayers) else ContentLayers(audio.parent)
    audio_dir = layers.shipped_audio if isinstance(audio, ContentLayers) else audio
    manifest, unusable = read_layered(audio)
    problems = Problems()
    for exc in unusable:  # a missing or broken manifest silently turns a language's audio off: an error
        problems.error(exc.path, 0, exc.reason)
    with ThreadPoolExecutor(max_workers=workers) as pool:  # decoding releases the GIL
        for found in pool.map(lambda clip: verify_clip(audio_dir, clip), manifest.clips):
            problems.extend(found)
    listed = {audio_dir / clip.path for clip in manifest}
    replaced = set(overlay_languages(layers)) if isinstance(audio, ContentLayers) else set()
    for folder in {audio_dir, layers.writable_audio.resolve() if replaced else audio_dir}:
        for stray in sorted(folder.glob(f"*/*{CLIP_SUFFIX}")) if folder.is_dir() else []:
            hidden = stray.parent.name.startswith(".") or (folder == audio_dir and stray.parent.name in replaced)
            if stray not in listed and not hidden:
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
            if message_id not in ids:  # the answer words under the person's symbols are read, never played
                continue
            if manifest.get(code, message_id, variant) is not None:
                continue
            neutral = translations.entries.get((message_id, ""))
            if variant and neutral is not None and translation.text.strip() == neutral.text.strip():
                continue  # the neutral clip says exactly this
            form = f"the {variant} form of " if variant else ""
            problems.warning(audio_dir / code, 0, f"no clip for {form}{message_id}: it is shown as text only")
    return problems


def check_content_and_audio(root: Path | ContentLayers, more: Problems | None = None) -> Report:
    """The whole content check: texts, the coverage matrix with audio, and every clip verified."""
    layers = root if isinstance(root, ContentLayers) else ContentLayers(root)
    content, problems = collect_content(layers)
    if more is not None:  # checks by parts above audio (the referral directory: vita.cli.content)
        problems.extend(more)
    problems.extend(markup_problems(layers))
    manifest, audio_problems = verify_library(content, layers)
    if content is not None:
        fonts = [*bundled_fonts(), *deployment_fonts(layers.overlay)]
        for code, lost in sorted(missing_glyphs(content, fonts).items()):
            chars = " ".join(f"U+{ord(c):04X}" for c in sorted(lost))
            where = layers.file(f"translations/{code}.po")
            problems.error(where, 0, f"no bundled font has a glyph for {chars}: add a font for this script (a pack)")
    report = build_report(content, problems, audio_lookup(manifest))
    report.problems.extend(audio_problems)
    return report
