"""The record as a PDF: a valid A4 file, read back with poppler, showing every answer and the person's own script."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pdftext import answers_by_row, has_lam_alef, has_marks, plain_text, script_words
from sample_records import sample_record

from PySide6 import QtGui

from vita.content.model import Content
from vita.record.model import Record
from vita.record.sample import SAMPLE_NOTE_1

from vita.printing.fonts import FONT_DIR, family_for, register_bundled_fonts
from vita.printing.pdf import render_pdf
from vita.printing.richtext import grouped_digest, record_html


@pytest.fixture(scope="module")
def amharic(
    content: Content, tmp_path_factory: pytest.TempPathFactory, qapp: object
) -> Iterator[tuple[Record, str, Path]]:
    record, digest = sample_record(content, "am")
    path = tmp_path_factory.mktemp("pdf") / "am.pdf"
    render_pdf(record, digest, path)
    yield record, digest, path


def test_the_pdf_is_a_valid_a4_file(amharic: tuple[Record, str, Path]) -> None:
    _, _, path = amharic
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "595 x 842 pts (A4)" in info
    assert "VITA identification record" in info


def test_each_row_shows_the_answer_the_officer_selected(amharic: tuple[Record, str, Path]) -> None:
    record, _, path = amharic
    answers = answers_by_row(path)
    assert len(answers) == len(record.questions)
    for number, question in enumerate(record.questions, start=1):
        assert answers[number].startswith(question.answer_label or "not answered"), (
            question.message_id,
            answers[number],
        )
        if question.history:
            assert f"earlier: {question.history[0].label}" in answers[number]


def test_the_text_the_person_heard_is_found_in_their_script(amharic: tuple[Record, str, Path]) -> None:
    record, _, path = amharic
    text = plain_text(path)
    items = [*record.questions, *record.statements]
    assert all(item.heard.text for item in items)
    missing = {w for item in items for w in script_words(item.heard.text or "") if w not in text}
    assert missing == set()  # Ethiopic letters really come out, not boxes or question marks


def test_the_pdf_carries_the_digest_the_notes_the_referral_and_the_disclaimer(
    amharic: tuple[Record, str, Path],
) -> None:
    record, digest, path = amharic
    text = " ".join(plain_text(path).split())
    assert grouped_digest(digest) in text  # whole, however the line wraps
    assert "Not a legal determination" in text
    assert SAMPLE_NOTE_1 in text
    assert record.referrals[0].entry.name in text
    assert "SAMPLE referral directory" in text
    assert "draft translation" in text
    for summary in record.indicators:
        for hit in summary.found:
            assert hit.name in text


def test_bundled_arabic_font_maps_the_shaped_letters_back_to_text() -> None:
    """Text extraction of shaped Arabic needs the font's cmap to cover the presentation forms (U+FE70–U+FEFF)."""
    cmap = TTFont(str(FONT_DIR / "NotoNaskhArabic-Regular.ttf")).getBestCmap()
    assert 0xFEDF in cmap and 0xFB56 in cmap


def test_arabic_is_drawn_right_to_left_in_a_font_that_has_every_letter(
    content: Content, tmp_path: Path, qapp: object
) -> None:
    record, digest = sample_record(content, "ar")
    path = tmp_path / "ar.pdf"
    render_pdf(record, digest, path)
    family = family_for("Arab", register_bundled_fonts())
    raw = QtGui.QRawFont.fromFont(QtGui.QFont(family))
    letters = {c for item in (*record.questions, *record.statements) for c in item.heard.text or "" if not c.isspace()}
    assert {c for c in letters if not raw.supportsCharacter(ord(c))} == set()
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    assert family.replace(" ", "") in fonts.replace(" ", "")
    assert '<p dir="rtl" align="right"' in _html_of(record, digest)


def _html_of(record: Record, digest: str) -> str:

    return record_html(record, digest, lambda script: "Noto Naskh Arabic" if script == "Arab" else "Noto Sans")


def test_arabic_words_are_found_by_pdftotext(content: Content, tmp_path: Path, qapp: object) -> None:
    record, digest = sample_record(content, "ar")
    path = tmp_path / "ar.pdf"
    render_pdf(record, digest, path)
    text = plain_text(path)
    # Left out: words with a vowel mark (harakat), which poppler splits at the mark, and words with the lam-alef
    # ligature, whose single glyph has no code point of its own to map back to.
    wanted = {w for item in (*record.questions, *record.statements) for w in script_words(item.heard.text or "")}
    plain = {w for w in wanted if not has_marks(w) and not has_lam_alef(w)}
    assert len(plain) > len(wanted) / 2
    assert {w for w in plain if w not in text} == set()
