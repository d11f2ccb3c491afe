"""What the studio shows: the speaker of a sitting, each text of a language that needs its own clip, progress."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speaker:
    name: str
    consent: bool  # the speaker agreed to the use of their voice
    consent_date: str  # ISO date the consent was given (e.g. "2026-11-29")
    place: str = ""


@dataclass(frozen=True)
class StudioItem:
    """One text of the language that needs its own clip."""

    message_id: str
    variant: str  # "" | "female" | "male" | "child" | "child|female" | "child|male" (manifest FORMS)
    form_label: str  # words for the officer: "neutral", "female", "male", "child", ...
    source_text: str  # the English source
    text: str  # the translation in this language
    expected_s: float  # how long speaking it should take (estimate from the text)
    status: str  # "recorded" | "synthetic" | "missing"
    approved: bool  # clip approved by a reviewer (manifest)
    reviewed: bool  # text reviewed (PO entry not fuzzy, "Reviewed by:")


@dataclass(frozen=True)
class Progress:
    recorded: int
    total: int
    synthetic: tuple[StudioItem, ...]
    missing: tuple[StudioItem, ...]
