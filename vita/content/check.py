"""The content check: every problem, and a coverage matrix of languages × messages."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vita.content.errors import Problem, Problems, Severity
from vita.content.model import Content


class AudioState(enum.StrEnum):
    MISSING = "missing"
    SYNTHETIC = "synthetic"
    RECORDED = "recorded"


# Given a language code and a message id, the state of its audio. Audio checks plug in here.
AudioLookup = Callable[[str, str], AudioState]


@dataclass(frozen=True)
class Cell:
    text: str  # "missing", "draft" or "reviewed"
    forms: tuple[str, ...]
    audio: AudioState


@dataclass(frozen=True)
class LanguageRow:
    code: str
    english_name: str
    native_name: str
    cells: dict[str, Cell]

    def count(self, predicate: Callable[[Cell], bool]) -> int:
        return sum(1 for cell in self.cells.values() if predicate(cell))


@dataclass
class Report:
    message_ids: tuple[str, ...]
    rows: list[LanguageRow]
    problems: list[Problem] = field(default_factory=list)
    incomplete: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language code → messages missing

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "messages": list(self.message_ids),
            "languages": [
                {
                    "code": row.code,
                    "english_name": row.english_name,
                    "native_name": row.native_name,
                    "texts": row.count(lambda c: c.text != "missing"),
                    "reviewed": row.count(lambda c: c.text == "reviewed"),
                    "audio": row.count(lambda c: c.audio is not AudioState.MISSING),
                    "synthetic_audio": row.count(lambda c: c.audio is AudioState.SYNTHETIC),
                    "cells": {
                        mid: {"text": c.text, "forms": list(c.forms), "audio": c.audio.value}
                        for mid, c in row.cells.items()
                    },
                }
                for row in self.rows
            ],
            "incomplete_languages": {code: list(missing) for code, missing in self.incomplete.items()},
            "problems": [
                {"path": str(p.path), "line": p.line, "severity": p.severity.value, "message": p.message}
                for p in self.problems
            ],
        }


def build_report(content: Content | None, problems: Problems, audio: AudioLookup) -> Report:
    if content is None:
        return Report((), [], list(problems))
    ids = content.catalogue.message_ids
    rows = []
    for language in content.languages:
        translations = content.translations.get(language.code)
        cells = {}
        for mid in ids:
            found = [translations.entries[(mid, v)] for v in translations.variants_of(mid)] if translations else []
            if not any(t.variant == "" for t in found):
                state = "missing"
            else:
                state = "draft" if any(t.is_draft for t in found) else "reviewed"
            forms = tuple(sorted(t.variant or "neutral" for t in found))
            cells[mid] = Cell(state, forms, audio(language.code, mid))
        rows.append(LanguageRow(language.code, language.english_name, language.native_name, cells))
    incomplete = {i.language.code: i.missing for i in content.incomplete}
    return Report(ids, rows, list(problems), incomplete)


TEXT_MARK = {"missing": "-", "draft": "d", "reviewed": "R"}
AUDIO_MARK = {AudioState.MISSING: "-", AudioState.SYNTHETIC: "s", AudioState.RECORDED: "H"}


def render_matrix(report: Report) -> str:
    """A plain-text matrix: one row per language, two marks per message (text, audio)."""
    lines = []
    numbers = "".join(f"{i + 1:<3}" for i in range(len(report.message_ids)))
    lines.append(f"{'':<6}{numbers}  texts reviewed audio")
    for row in report.rows:
        marks = "".join(TEXT_MARK[c.text] + AUDIO_MARK[c.audio] + " " for c in row.cells.values())
        texts = row.count(lambda c: c.text != "missing")
        reviewed = row.count(lambda c: c.text == "reviewed")
        audio = row.count(lambda c: c.audio is not AudioState.MISSING)
        lines.append(f"{row.code:<6}{marks} {texts:>5} {reviewed:>8} {audio:>5}")
    lines.append("")
    lines.append(
        "Each cell: text (- missing, d draft, R reviewed), then audio (- none, s synthetic, H human recording)."
    )
    lines.append("Messages: " + ", ".join(f"{i + 1} {mid}" for i, mid in enumerate(report.message_ids)))
    return "\n".join(lines)
