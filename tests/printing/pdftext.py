"""Read a PDF back with poppler's pdftotext, as a receiving agency would, and find the answer given on each row."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    page: int
    x: float
    y: float
    text: str


def plain_text(pdf: Path) -> str:
    """pdftotext's text, normalised as a reader comparing it would: NFKC, no bidi controls."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(c for c in unicodedata.normalize("NFKC", out) if unicodedata.category(c) != "Cf")


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found: list[Word] = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        found += [Word(number, float(m[1]), float(m[2]), html.unescape(m[5])) for m in WORD.finditer(page)]
    return found


def answers_by_row(pdf: Path) -> dict[int, str]:
    """Row number -> the text in the Answer column of that row of the questions table."""
    all_words = words(pdf)
    start = next(w for w in all_words if w.text == "Questions")
    header = next(w for w in all_words if w.text == "Answer" and (w.page, w.y) > (start.page, start.y))
    time_header = next(w for w in all_words if w.text == "Time" and w.page == header.page and abs(w.y - header.y) < 1)
    question_header = next(w for w in all_words if w.text == "Question" and w.page == header.page)
    rows: list[Word] = [
        w
        for w in all_words
        if w.x < question_header.x - 2 and w.text.isdigit() and (w.page, w.y) > (start.page, start.y)
    ]
    # Row numbers count 1, 2, 3…; keep the first run of them (later tables have no numbered first column).
    numbered: list[Word] = []
    for w in rows:
        if int(w.text) == len(numbered) + 1:
            numbered.append(w)
    result: dict[int, str] = {}
    for index, row in enumerate(numbered):
        following = numbered[index + 1] if index + 1 < len(numbered) else None
        end_y = following.y if following and following.page == row.page else float("inf")
        cell = [
            w
            for w in all_words
            if w.page == row.page and header.x - 2 <= w.x < time_header.x - 2 and row.y - 2 <= w.y < end_y - 2
        ]
        result[index + 1] = " ".join(w.text for w in sorted(cell, key=lambda w: (round(w.y), w.x)))
    return result


def script_words(text: str) -> list[str]:
    """The words of a text as a reader would search for them: NFKC, trailing punctuation dropped."""
    text = unicodedata.normalize("NFKC", text)
    return [w.strip(".,!?;:؟،።፣፧“”\"'()") for w in text.split() if w.strip(".,!?;:؟،።፣፧“”\"'()")]


def has_marks(word: str) -> bool:
    return any(unicodedata.category(c) == "Mn" for c in word)


def has_lam_alef(word: str) -> bool:
    """Lam followed by alef is drawn as one ligature glyph, which PDF text extraction may not map back."""
    return re.search("ل[اأإآ]", word) is not None
