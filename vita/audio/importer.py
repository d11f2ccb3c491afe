"""Import human recordings: `vita content import DIR --lang CODE`.

Files are named by message id, with an optional form after '@':
    opening.greeting.wav            the neutral text
    opening.greeting@female.m4a     the female form (also @male, @child, @child-female, @child-male)
Each good file goes through the same treatment as a synthetic clip (mono, 16 kHz, trimmed, normalised,
OGG Opus) and replaces the clip of that message and form. Bad files are rejected one by one with the
reason; the good ones are swapped into the library together, atomically.

`write_recorded_clips` is the one way human recordings reach the library: this import and the recording
studio's keep (vita/studio) both write through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vita.audio import dsp
from vita.audio.codec import decode_any, encode_opus, read_header
from vita.audio.errors import BadRecording, ClipDecodeError
from vita.audio.layers import copy_language_to_overlay
from vita.audio.library import LibraryTransaction, open_library
from vita.audio.manifest import FORMS, ClipEntry, Manifest, Recorded, parse_clip_stem
from vita.audio.synth import text_sha256
from vita.content.model import Content
from vita.paths import ContentLayers

MAX_RECORDING_S = 60.0  # the longest message takes about 15 s; a minute means a wrong or unedited file
MAX_CHANNELS = 8  # a microphone or a phone records one or two; more is a wrong file (and samples × channels of memory)
MIN_SPEECH_S = 0.3


@dataclass
class ImportReport:
    imported: list[ClipEntry] = field(default_factory=list)
    rejected: list[BadRecording] = field(default_factory=list)
    manifest: Manifest = field(default_factory=Manifest)


def _key(path: Path, content: Content, language: str) -> tuple[str, str, str]:
    """(message id, variant, text) named by the file, or BadRecording."""
    message_id, variant = parse_clip_stem(path.stem)
    try:
        content.catalogue.message(message_id)
    except KeyError:
        raise BadRecording(path, f"{message_id!r} is not a message id in the catalogue") from None
    if variant not in FORMS:
        raise BadRecording(
            path, f"unknown form {variant!r} (known: @female, @male, @child, @child-female, @child-male)"
        )
    translations = content.translations.get(language)
    translation = translations.entries.get((message_id, variant)) if translations else None
    if translations is not None and translation is None:
        what = f"the {variant} form of {message_id}" if variant else message_id
        raise BadRecording(path, f"{what} has no text in {language}, so there is nothing for this recording to match")
    return message_id, variant, translation.text if translation else ""


def check_recording(path: Path) -> dsp.Prepared:
    """Decode and treat one recording; BadRecording says in plain words why it cannot be used.

    What the header says is checked first, so that a two-hour file is refused without reading its sound."""
    header = read_header(path)
    if header is not None and header.duration > MAX_RECORDING_S:
        raise BadRecording(path, f"is {header.duration:.0f} s long; a message takes under {MAX_RECORDING_S:.0f} s")
    if header is not None and header.channels > MAX_CHANNELS:
        raise BadRecording(path, f"has {header.channels} channels; record in mono or stereo")
    try:
        decoded = decode_any(path, max_seconds=MAX_RECORDING_S + 1)
    except ClipDecodeError as exc:
        raise BadRecording(path, exc.reason) from exc
    if decoded.samples.size == 0:
        raise BadRecording(path, "contains no sound at all")
    if decoded.duration > MAX_RECORDING_S:
        raise BadRecording(path, f"is {decoded.duration:.0f} s long; a message takes under {MAX_RECORDING_S:.0f} s")
    if dsp.is_silent(decoded.samples, decoded.rate):
        raise BadRecording(path, "is silent (check the microphone)")
    if dsp.is_clipped(decoded.samples):
        raise BadRecording(path, "is distorted (clipped): record it again, further from the microphone")
    prepared = dsp.prepare(decoded.samples, decoded.rate)
    speech = prepared.duration - dsp.LEAD_IN_S - dsp.TAIL_S
    if speech < MIN_SPEECH_S:
        raise BadRecording(path, "holds almost no speech")
    if prepared.duration > dsp.CLIP_MAX_S:
        raise BadRecording(
            path, f"holds {prepared.duration:.0f} s of sound; a message takes under {dsp.CLIP_MAX_S:.0f} s"
        )
    return prepared


@dataclass(frozen=True)
class NewClip:
    """A human recording ready for the library: the text it speaks, its length and its Opus bytes."""

    text: str
    duration_s: float
    data: bytes


def write_recorded_clips(
    audio: Path | ContentLayers, language: str, clips: Mapping[tuple[str, str], NewClip], provenance: Recorded
) -> tuple[Manifest, list[ClipEntry]]:
    """Write human recordings of one language, keyed by (message id, variant), into the library at once.

    With content layers the deployment's overlay is written, its language first copied from the shipped one;
    a plain folder is written as it is. The language's other clips are carried over, its folder swapped in
    whole (LibraryTransaction), and a language that had no voice is voiced from its first recording on.
    Returns the new manifest and the entries written."""
    audio_dir = audio.writable_audio if isinstance(audio, ContentLayers) else audio
    written: list[ClipEntry] = []
    if not clips:  # nothing to write: not even the overlay's copy of the language is made
        return open_library(audio_dir), written
    if isinstance(audio, ContentLayers):
        copy_language_to_overlay(audio, language)  # the overlay's language starts as the shipped one
    manifest = open_library(audio_dir)
    no_voice = {code: why for code, why in manifest.no_voice.items() if code != language}
    with LibraryTransaction(audio_dir, manifest) as transaction:
        transaction.begin_language(language)
        for existing in manifest.for_language(language):
            if (existing.message_id, existing.variant) not in clips and (audio_dir / existing.path).is_file():
                transaction.keep(existing)
        for (message_id, variant), clip in clips.items():

            def entry(path: str, sha: str, m: str = message_id, v: str = variant, c: NewClip = clip) -> ClipEntry:
                digest = text_sha256(c.text) if c.text else ""
                return ClipEntry(path, language, m, v, sha, c.duration_s, digest, provenance, False)

            written.append(transaction.add(entry, language, message_id, variant, clip.data))
        return transaction.commit(no_voice), written


def import_recordings(
    content: Content, audio: Path | ContentLayers, folder: Path, language: str, provenance: Recorded
) -> ImportReport:
    """Import a folder of recordings into the library (the overlay, with content layers)."""
    report = ImportReport()
    # Each recording is encoded as soon as it is checked and only its Opus bytes are kept (kilobytes, where its
    # samples take megabytes), so a folder of a hundred recordings imports in the memory of one.
    accepted: dict[tuple[str, str], tuple[Path, NewClip]] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # .DS_Store and friends
        try:
            if not path.is_file():
                raise BadRecording(path, "is not a file")
            message_id, variant, text = _key(path, content, language)
            if (message_id, variant) in accepted:
                raise BadRecording(
                    path, f"a second recording of the same message (first: {accepted[(message_id, variant)][0].name})"
                )
            prepared = check_recording(path)
            data = encode_opus(prepared.samples, prepared.rate)
            accepted[(message_id, variant)] = (path, NewClip(text, prepared.duration, data))
        except BadRecording as bad:
            report.rejected.append(bad)
    clips = {key: clip for key, (_, clip) in accepted.items()}
    report.manifest, report.imported = write_recorded_clips(audio, language, clips, provenance)
    return report
