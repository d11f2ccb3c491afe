"""Which espeak-ng voice speaks which VITA language, chosen by hand (an explicit table, never a guess).

A language missing from VOICES has no voice in espeak-ng: it stays text-only until someone records it.
A language is never given another language's voice. The one judgement call is Dari, which is a variety
of Persian written in the same script: espeak-ng's Persian voice reads it with an Iranian accent that
Dari speakers understand; a deployment that disagrees deletes the line.
"""

from __future__ import annotations

from dataclasses import dataclass

# espeak-ng voice variants: a calm, mid-pitched female voice and a male one, available for every language.
SPEAKER_VARIANTS = {"female": "f3", "male": "m3"}
CALM_RATE = 140  # words per minute; espeak-ng's default is 175, and people under stress need it slower


@dataclass(frozen=True)
class VoiceChoice:
    espeak: str  # espeak-ng language/voice name
    note: str = ""

    def voice(self, speaker: str) -> str:
        return f"{self.espeak}+{SPEAKER_VARIANTS[speaker]}"


VOICES: dict[str, VoiceChoice] = {
    "en": VoiceChoice("en", "British English"),
    "fr": VoiceChoice("fr", "France"),
    "es": VoiceChoice("es", "Castilian; the translation is neutral Spanish"),
    "pt": VoiceChoice("pt", "European Portuguese, closest to the Portuguese of Angola, Mozambique, Guinea-Bissau"),
    "ar": VoiceChoice("ar", "Modern Standard Arabic"),
    "ru": VoiceChoice("ru"),
    "uk": VoiceChoice("uk"),
    "ro": VoiceChoice("ro"),
    "bg": VoiceChoice("bg"),
    "hu": VoiceChoice("hu"),
    "pl": VoiceChoice("pl"),
    "sq": VoiceChoice("sq"),
    "sr": VoiceChoice("sr", "reads both Cyrillic and Latin script"),
    "tr": VoiceChoice("tr"),
    "kmr": VoiceChoice("ku", "espeak-ng's Kurdish voice is Kurmanji in Latin script"),
    "fa": VoiceChoice("fa"),
    "prs": VoiceChoice("fa", "Dari is a variety of Persian; read by the Persian voice with an Iranian accent"),
    "ur": VoiceChoice("ur"),
    "hi": VoiceChoice("hi"),
    "bn": VoiceChoice("bn"),
    "pa": VoiceChoice("pa", "Gurmukhi script"),
    "ne": VoiceChoice("ne"),
    "zh": VoiceChoice("cmn", "Mandarin"),
    "vi": VoiceChoice("vi", "Northern Vietnamese"),
    "th": VoiceChoice("th"),
    "my": VoiceChoice("my", "espeak-ng's Burmese voice is basic: a recording is especially welcome"),
    "id": VoiceChoice("id"),
    "am": VoiceChoice("am"),
    "ti": VoiceChoice("ti", "new in espeak-ng 1.52"),
    "sw": VoiceChoice("sw"),
}

# Languages of the default 40 with no espeak-ng voice, and why: said in reports, kept in the manifest.
NO_VOICE: dict[str, str] = {
    "ckb": "espeak-ng has no Sorani voice (its Kurdish voice speaks Kurmanji in Latin script)",
    "ps": "espeak-ng has no Pashto voice",
    "km": "espeak-ng has no Khmer voice",
    "lo": "espeak-ng has no Lao voice",
    "tl": "espeak-ng has no Tagalog voice",
    "so": "espeak-ng has no Somali voice",
    "ha": "espeak-ng has no Hausa voice",
    "yo": "espeak-ng has no Yoruba voice",
    "ig": "espeak-ng has no Igbo voice",
    "pcm": "espeak-ng has no Nigerian Pidgin voice (an English voice would mispronounce it)",
}


def voice_for(code: str) -> VoiceChoice | None:
    return VOICES.get(code)


def why_no_voice(code: str) -> str:
    return NO_VOICE.get(code, f"no espeak-ng voice is assigned to {code!r} in vita/audio/voices.py")
