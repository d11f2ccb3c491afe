"""The texts of a language that each need their own clip, with what the library holds for each.

One item per message's neutral text and per form whose text differs from it (the same rule as synthesis), in
the catalogue's order. A clip counts only while it speaks the text as it is now: the interview never plays a clip
made from an older text, so such a clip shows as missing and needs recording again.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vita.audio.layers import read_layered
from vita.audio.manifest import ClipEntry, Manifest
from vita.audio.synth import text_sha256, texts_to_voice
from vita.content.loader import collect_content
from vita.content.model import Content, TranslationSet
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
LETTERS_PER_S = 12.0  # a calm speaker, alphabetic and abugida scripts (letters without their vowel signs)
HAN_PER_S = 4.0  # one syllable a character
PAUSE_S = 0.3  # at each sentence or clause mark
PAUSES = set(".,;:!?…،؛؟।။。，、！？")


def expected_seconds(text: str) -> float:
    """How long a calm speaker takes to say `text`: an estimate from its letters and pauses."""
    seconds = 0.0
    for char in text:
        if char in PAUSES:
            seconds += PAUSE_S
        elif unicodedata.category(char).startswith("L"):
            seconds += 1.0 / (HAN_PER_S if "CJK" in unicodedata.name(char, "") else LETTERS_PER_S)
    return round(max(0.6, seconds), 2)


@dataclass(frozen=True)
class LanguageState:
    """A language's content and library as read once: what items and progress are built from."""

    content: Content
    translations: TranslationSet | None
    manifest: Manifest


def read_state(layers: ContentLayers, language: str | None = None) -> LanguageState:
    """The content (StudioError when it cannot be read at all) and the layered library, as the app sees them."""
    content, problems = collect_content(layers)
    if content is None:
        first = next(iter(problems.errors), None)
        raise StudioError(f"the content cannot be read: {first}" if first else "the content cannot be read")
    manifest, _problems = read_layered(layers)  # a broken manifest of one language leaves the others usable
    translations = content.translations.get(language) if language is not None else None
    if language is not None and language not in content.listed_codes():
        raise StudioError(f"{language} is not a language of this deployment (messages/languages.toml)")
    return LanguageState(content, translations, manifest)


def current_clip(manifest: Manifest, language: str, message_id: str, variant: str, text: str) -> ClipEntry | None:
    """The clip the interview would play for this very text, or None."""
    clip = manifest.get(language, message_id, variant)
    if clip is None or (clip.text_sha256 and clip.text_sha256 != text_sha256(text)):
        return None
    return clip


def build_items(state: LanguageState, language: str) -> tuple[StudioItem, ...]:
    translations = state.translations
    if translations is None:
        return ()
    catalogue = state.content.catalogue
    items = []
    for message_id, variant, text in texts_to_voice(translations, catalogue.message_ids):
        clip = current_clip(state.manifest, language, message_id, variant, text)
        status = "missing" if clip is None else "synthetic" if clip.is_synthetic else "recorded"
        items.append(
            StudioItem(
                message_id=message_id,
                variant=variant,
                form_label=FORM_WORDS.get(variant, variant),
                source_text=catalogue.message(message_id).text,
                text=text,
                expected_s=expected_seconds(text),
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


def clip_file(layers: ContentLayers, state: LanguageState, language: str, item: StudioItem) -> Path | None:
    """The clip file the app would play now for this item (shipped paths are relative, overlay ones absolute)."""
    clip = current_clip(state.manifest, language, item.message_id, item.variant, item.text)
    return None if clip is None else layers.shipped_audio / clip.path
