"""Draft clips from the translations, spoken by espeak-ng: `vita content synth`.

Every clip is marked synthetic and unapproved. Human recordings are never overwritten, and a clip whose
text, voice and engine version are unchanged is kept as it is, so re-running synth only does new work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from vita.audio import dsp
from vita.audio.codec import encode_opus, sha256_of
from vita.audio.espeak import EngineInfo, Speech
from vita.audio.library import LibraryTransaction, open_library
from vita.audio.manifest import ClipEntry, Manifest, Synthetic
from vita.audio.voices import CALM_RATE, SPEAKER_VARIANTS, voice_for, why_no_voice
from vita.content.model import Content, TranslationSet


class SpeechEngine(Protocol):
    info: EngineInfo

    def has_voice(self, voice: str) -> bool: ...

    def speak_many(self, texts: list[str], voice: str, rate: int) -> list[Speech | str]:
        """Each text's speech, or a sentence saying why that text could not be spoken."""
        ...


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def texts_to_voice(translations: TranslationSet, message_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(message id, variant, text) for each neutral text and each form whose text differs from it."""
    wanted: list[tuple[str, str, str]] = []
    for message_id in message_ids:
        neutral = translations.entries.get((message_id, ""))
        if neutral is None:
            continue
        wanted.append((message_id, "", neutral.text))
        for variant in translations.variants_of(message_id):
            text = translations.entries[(message_id, variant)].text
            if variant and text.strip() != neutral.text.strip():
                wanted.append((message_id, variant, text))
    return wanted


@dataclass
class LanguageResult:
    code: str
    made: int = 0
    kept: int = 0
    recorded: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def clips(self) -> int:
        return self.made + self.kept + self.recorded


@dataclass
class SynthReport:
    voiced: dict[str, LanguageResult] = field(default_factory=dict)
    no_voice: dict[str, str] = field(default_factory=dict)  # code -> reason
    no_translation: list[str] = field(default_factory=list)
    manifest: Manifest = field(default_factory=Manifest)


def synthesize(
    content: Content,
    audio_dir: Path,
    engine: SpeechEngine,
    languages: Iterable[str] | None = None,
    speaker: str = "female",
    force: bool = False,
    today: dt.date | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> SynthReport:
    """Make or refresh the synthetic clips of `languages` (all in the content when None), language by language."""
    if speaker not in SPEAKER_VARIANTS:
        raise ValueError(f"speaker must be one of {', '.join(SPEAKER_VARIANTS)}")
    date = (today or dt.date.today()).isoformat()
    manifest = open_library(audio_dir)
    codes = list(languages) if languages is not None else list(content.listed_codes())
    report = SynthReport(no_voice=dict(manifest.no_voice), manifest=manifest)
    for code in codes:
        choice = voice_for(code)
        if choice is None and any(not clip.is_synthetic for clip in manifest.for_language(code)):
            report.no_voice.pop(code, None)  # voiced by people (the studio, an import): no longer text only
            progress(f"{code}: human recordings only (the speech engine has no voice for it)")
            continue
        if choice is None:
            report.no_voice[code] = why_no_voice(code)
            progress(f"{code}: text only ({report.no_voice[code]})")
            continue
        voice = choice.voice(speaker)
        if not engine.has_voice(voice):
            report.no_voice[code] = f"this espeak-ng ({engine.info.version}) has no voice {choice.espeak!r}"
            progress(f"{code}: text only ({report.no_voice[code]})")
            continue
        report.no_voice.pop(code, None)
        translations = content.translations.get(code)
        if translations is None:
            report.no_translation.append(code)
            progress(f"{code}: no translation yet, clips left as they are")
            continue
        # One transaction per language: an interruption keeps every language finished before it.
        with LibraryTransaction(audio_dir, report.manifest) as transaction:
            result = _language(transaction, report.manifest, translations, content, engine, voice, date, force)
            report.manifest = transaction.commit(report.no_voice)
        report.voiced[code] = result
        progress(f"{code}: {result.made} made, {result.kept} unchanged, {result.recorded} human recordings kept")
    if report.manifest.no_voice != report.no_voice:
        with LibraryTransaction(audio_dir, report.manifest) as transaction:
            report.manifest = transaction.commit(report.no_voice)
    return report


def _language(
    transaction: LibraryTransaction,
    manifest: Manifest,
    translations: TranslationSet,
    content: Content,
    engine: SpeechEngine,
    voice: str,
    date: str,
    force: bool,
    workers: int = 2,
) -> LanguageResult:
    code = translations.language.code
    result = LanguageResult(code)
    transaction.begin_language(code)
    jobs: list[tuple[str, str, str, str]] = []
    for message_id, variant, text in texts_to_voice(translations, content.catalogue.message_ids):
        existing = manifest.get(code, message_id, variant)
        digest = text_sha256(text)
        if existing is not None and not existing.is_synthetic and (transaction.audio_dir / existing.path).is_file():
            transaction.keep(existing)  # a human recording is never replaced by a synthetic voice
            result.recorded += 1
            continue
        if not force and existing is not None and _unchanged(existing, transaction.audio_dir, digest, voice, engine):
            transaction.keep(existing)
            result.kept += 1
            continue
        jobs.append((message_id, variant, digest, text))
    spoken = engine.speak_many([job[3] for job in jobs], voice, CALM_RATE) if jobs else []
    # The engine is serial, but the Opus encoder is the slow part and releases the GIL: encode in parallel.
    provenance = Synthetic(engine.info.name, engine.info.version, voice, date)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        encoded = list(pool.map(_encode, spoken))
    for (message_id, variant, digest, _), (prepared, data) in zip(jobs, encoded, strict=True):
        if isinstance(prepared, str):
            result.problems.append(f"{message_id} ({variant or 'neutral'}): {prepared}")
            continue
        if prepared.duration > dsp.CLIP_MAX_S:
            result.problems.append(
                f"{message_id} ({variant or 'neutral'}): {prepared.duration:.0f} s is too long; left text-only"
            )
            continue
        if data is None:
            result.problems.append(
                f"{message_id} ({variant or 'neutral'}): the engine produced silence; left text-only"
            )
            continue

        def entry(
            path: str, sha: str, m: str = message_id, v: str = variant, d: float = prepared.duration, t: str = digest
        ) -> ClipEntry:
            return ClipEntry(path, code, m, v, sha, d, t, provenance, approved=False)

        transaction.add(entry, code, message_id, variant, data)
        result.made += 1
    return result


def _encode(speech: Speech | str) -> tuple[dsp.Prepared | str, bytes | None]:
    if isinstance(speech, str):
        return speech, None
    prepared = dsp.prepare(speech.samples, speech.sample_rate)
    if dsp.is_silent(prepared.samples, prepared.rate):
        return prepared, None
    return prepared, encode_opus(prepared.samples, prepared.rate)


def _unchanged(existing: ClipEntry, audio_dir: Path, digest: str, voice: str, engine: SpeechEngine) -> bool:
    provenance = existing.provenance
    if not isinstance(provenance, Synthetic) or existing.text_sha256 != digest:
        return False
    if provenance.voice != voice or provenance.engine_version != engine.info.version:
        return False
    path = audio_dir / existing.path
    return path.is_file() and sha256_of(path) == existing.sha256
