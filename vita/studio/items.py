"""The texts of a language that each need their own clip, with what the library holds for each.

One item per message's neutral text and per form whose text differs from it (the same rule as synthesis), in
the catalogue's order. A clip counts only while it speaks the text as it is now: the interview never plays a clip
made from an older text, so such a clip shows as missing and needs recording again.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vita.audio import dsp
from vita.audio.errors import ManifestError
from vita.audio.layers import overlay_languages
from vita.audio.manifest import ClipEntry, read_language
from vita.audio.synth import text_sha256, texts_to_voice
from vita.content.errors import Problems
from vita.content.loader import load_catalogue, load_languages, load_translations
from vita.content.model import Catalogue, Language, TranslationSet
from vita.paths import ContentLayers
from vita.studio.errors import StudioError
from vita.studio.model import Progress, StudioItem

FORM_WORDS = {
    "": "neutral",
    "female": "female",
    "male": "male",
    "child": "child",
    "child|female": "child, female",
    "child|male": "child, male",
}
# Letters (vowel signs not counted) a calm speaker says per second, by script: measured on the shipped synthetic
# clips at the calm rate (the median over each script's languages). An abjad leaves vowels unwritten and an
# abugida writes a syllable a letter, so both take longer per letter than an alphabet; a Han character is a
# syllable.
LETTERS_PER_S = {
    "Latn": 16.0, "Cyrl": 16.0, "Grek": 16.0, "Arab": 8.5, "Hebr": 8.5, "Deva": 7.0, "Beng": 7.0, "Guru": 7.0,
    "Thai": 6.0, "Laoo": 6.0, "Khmr": 6.0, "Mymr": 6.0, "Ethi": 6.0, "Hani": 3.6, "Hans": 3.6, "Hant": 3.6,
}  # fmt: skip
DEFAULT_LETTERS_PER_S = 10.0
PAUSE_S = 0.3  # at each sentence or clause mark
PAUSES = set(".,;:!?…،؛؟।။。，、！？፡።")
MIN_EXPECTED_S = 0.6


def expected_seconds(text: str, script: str = "") -> float:
    """How long a calm speaker takes to say `text`: an estimate from its letters (at the script's pace) and its
    pauses, for a text that has no synthetic clip to go by."""
    rate = LETTERS_PER_S.get(script, DEFAULT_LETTERS_PER_S)
    seconds = 0.0
    for char in text:
        if char in PAUSES:
            seconds += PAUSE_S
        elif unicodedata.category(char).startswith("L"):
            seconds += 1.0 / rate
    return round(max(MIN_EXPECTED_S, seconds), 2)


def speech_seconds(clip: ClipEntry) -> float:
    """How long the speech of a clip lasts (the library's lead-in and tail taken off)."""
    return round(max(MIN_EXPECTED_S, clip.duration_s - dsp.LEAD_IN_S - dsp.TAIL_S), 2)


@dataclass(frozen=True)
class LanguageState:
    """What items are built from, read once: the catalogue, the language's texts, and its clips as the app plays
    them (the overlay's folder when it holds the language, else the shipped one), each with its file."""

    catalogue: Catalogue
    translations: TranslationSet | None
    clips: dict[tuple[str, str], tuple[ClipEntry, Path]]
    script: str = ""  # ISO 15924, from languages.toml


def language_clips(layers: ContentLayers, language: str) -> dict[tuple[str, str], tuple[ClipEntry, Path]]:
    """The language's clips, keyed by (message id, variant), as the layered library gives them to the app.

    A manifest that cannot be read gives none: the app plays none of them either (`vita content check` says why)."""
    replaced = language in overlay_languages(layers)
    folder = (layers.writable_audio if replaced else layers.shipped_audio) / language
    try:
        manifest = read_language(folder)
    except ManifestError:
        return {}
    return {(c.message_id, c.variant): (c, folder / c.file) for c in manifest.for_language(language)}


def _signature(*paths: Path) -> tuple[tuple[str, int, int], ...]:
    """What tells a changed file from the one read before: its path, size and modification time."""
    found = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            found.append((str(path), -1, -1))
        else:
            found.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(found)


@functools.lru_cache(maxsize=4)
def _read_catalogue(signature: tuple[tuple[str, int, int], ...]) -> tuple[Catalogue | None, tuple[Language, ...], str]:
    problems = Problems()
    catalogue = load_catalogue(Path(signature[0][0]), problems)
    languages = load_languages(Path(signature[1][0]), problems)
    first = next(iter(problems.errors), None)
    return catalogue, languages, str(first) if first else ""


# The latest read of each language's PO file, with the catalogue it was read against (held, so never mistaken).
_translations: dict[tuple[tuple[tuple[str, int, int], ...], str], tuple[Catalogue, TranslationSet | None]] = {}


def _read_translations(path: Path, language: Language, catalogue: Catalogue) -> TranslationSet | None:
    """A language's translations, read again only when its PO file or the catalogue changed."""
    key = (_signature(path), language.code)
    cached = _translations.get(key)
    if cached is None or cached[0] is not catalogue:
        if len(_translations) > 8:
            _translations.clear()
        cached = _translations[key] = (catalogue, load_translations(path, language, catalogue, Problems()))
    return cached[1]


def _catalogue_and_languages(layers: ContentLayers) -> tuple[Catalogue, tuple[Language, ...]]:
    """The catalogue and language list, read again only when one of their files changed (a refresh after each
    kept take then reads just the language's manifest)."""
    sources = _signature(layers.file("messages/catalogue.toml"), layers.file("messages/languages.toml"))
    catalogue, languages, error = _read_catalogue(sources)
    if catalogue is None or error:
        raise StudioError(f"the content cannot be read: {error}" if error else "the content cannot be read")
    return catalogue, languages


def read_state(layers: ContentLayers, language: str) -> LanguageState:
    """The one language's texts and clips (StudioError when the content or the language cannot be used).

    Only this language's PO file and manifest are read, so that a refresh after each kept take is quick."""
    catalogue, languages = _catalogue_and_languages(layers)
    found = next((lang for lang in languages if lang.code == language), None)
    if found is None:
        raise StudioError(f"{language} is not a language of this deployment (messages/languages.toml)")
    translations = _read_translations(layers.file(f"translations/{language}.po"), found, catalogue)
    return LanguageState(catalogue, translations, language_clips(layers, language), found.script)


def read_all(layers: ContentLayers) -> list[tuple[Language, LanguageState]]:
    """Every language of the deployment with its state, in languages.toml's order."""
    catalogue, languages = _catalogue_and_languages(layers)
    states = []
    for language in languages:
        po = layers.file(f"translations/{language.code}.po")
        translations = load_translations(po, language, catalogue, Problems())
        clips = language_clips(layers, language.code)
        states.append((language, LanguageState(catalogue, translations, clips, language.script)))
    return states


def current_clip(state: LanguageState, message_id: str, variant: str, text: str) -> tuple[ClipEntry, Path] | None:
    """The clip the interview would play for this very text (with its file), or None."""
    found = state.clips.get((message_id, variant))
    if found is None or (found[0].text_sha256 and found[0].text_sha256 != text_sha256(text)):
        return None
    return found


def build_items(state: LanguageState, language: str) -> tuple[StudioItem, ...]:
    translations = state.translations
    if translations is None:
        return ()
    catalogue = state.catalogue
    items = []
    for message_id, variant, text in texts_to_voice(translations, catalogue.message_ids):
        found = current_clip(state, message_id, variant, text)
        clip = found[0] if found else None
        status = "missing" if clip is None else "synthetic" if clip.is_synthetic else "recorded"
        items.append(
            StudioItem(
                message_id=message_id,
                variant=variant,
                form_label=FORM_WORDS.get(variant, variant),
                source_text=catalogue.message(message_id).text,
                text=text,
                # the synthetic clip of this very text is the best guess; else the letters at the script's pace
                expected_s=speech_seconds(clip)
                if clip is not None and clip.is_synthetic
                else expected_seconds(text, state.script),
                status=status,
                approved=clip is not None and clip.approved,
                reviewed=not translations.entries[(message_id, variant)].is_draft,
            )
        )
    return tuple(items)


def progress_of(items: tuple[StudioItem, ...]) -> Progress:
    return Progress(
        recorded=sum(1 for item in items if item.status == "recorded"),
        total=len(items),
        synthetic=tuple(item for item in items if item.status == "synthetic"),
        missing=tuple(item for item in items if item.status == "missing"),
    )


def clip_file(state: LanguageState, item: StudioItem) -> Path | None:
    """The clip file the app would play now for this item, or None (then it shows the text)."""
    found = current_clip(state, item.message_id, item.variant, item.text)
    return None if found is None else found[1]
