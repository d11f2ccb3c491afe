"""The PDF in the officer's language, and laid out so that a reader never has to join pieces across pages."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest
from sample_records import REPO, sample_record

from vita.content.model import Content
from vita.content.officer import load_officer_text

from vita.printing.pdf import page_breaks, render_pdf


def pages_text(pdf: Path) -> list[str]:
    """Each page's text, normalised (NFKC, no bidi controls, whitespace collapsed)."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = out.split("\f")
    clean = ["".join(c for c in unicodedata.normalize("NFKC", p) if unicodedata.category(c) != "Cf") for p in pages]
    return [" ".join(p.split()) for p in clean if p.strip()]


def test_with_a_turkish_officer_the_headings_and_indicators_are_turkish_with_the_english_beside(
    content: Content, tmp_path: Path, qapp: object
) -> None:
    record, digest = sample_record(content, "ar")
    path = tmp_path / "tr.pdf"
    tr = load_officer_text(REPO, "tr")
    render_pdf(record, digest, path, tr)
    text = " ".join(pages_text(path))
    for heading in ("Questions and answers", "Indicators the answers touch", "Recommended referral", "Case"):
        assert f"{tr(heading)} ({heading})" in text, heading
        assert tr(heading) != heading
    hits = [hit for summary in record.indicators for hit in summary.found]
    assert hits and any(tr.content("indicator", hit.id, hit.name) != hit.name for hit in hits)
    for hit in hits:
        assert tr.content_beside("indicator", hit.id, hit.name) in text, hit.id


def test_an_english_officer_reads_english_only(content: Content, tmp_path: Path, qapp: object) -> None:
    record, digest = sample_record(content, "ar")
    path = tmp_path / "en.pdf"
    render_pdf(record, digest, path)
    text = " ".join(pages_text(path))
    assert "Questions and answers (" not in text and "Questions and answers" in text


@pytest.mark.parametrize("language", ["en", "my"])
def test_no_question_row_is_split_across_two_pages(
    content: Content, tmp_path: Path, qapp: object, language: str
) -> None:
    """The row's time (its first line) and the end of its English question (lower lines) share a page."""
    record, digest = sample_record(content, language)
    path = tmp_path / f"{language}.pdf"
    render_pdf(record, digest, path)
    pages = pages_text(path)
    assert len(pages) > 2  # the record runs over pages, so there are page ends to get wrong
    for question in record.questions:
        assert question.answered_at is not None
        clock = question.answered_at.astimezone(dt.UTC).strftime("%H:%M:%S")
        tail = " ".join(question.english.split()[-2:])
        on = [n for n, page in enumerate(pages) if clock in page]
        assert len(on) == 1, (question.message_id, clock)
        assert tail in pages[on[0]], (question.message_id, "split across pages")


def test_a_heading_is_never_the_last_thing_on_a_page(content: Content, tmp_path: Path, qapp: object) -> None:
    record, digest = sample_record(content, "my")
    path = tmp_path / "my.pdf"
    render_pdf(record, digest, path)
    headings = ("Case", "Indicators the answers touch", "Recommended referral", "Questions and answers",
                "Statements played", "Officer's notes", "Content used", "Checking this record")  # fmt: skip
    for number, page in enumerate(pages_text(path)[:-1]):
        body = page.rsplit("VITA record", 1)[0].strip()  # the footer closes every page
        assert not body.endswith(headings), (number + 1, body[-80:])


def test_each_heading_is_printed_once_even_when_a_page_is_cut_right_above_it(
    content: Content, tmp_path: Path, qapp: object
) -> None:
    # A block starting exactly at a cut was also written, clipped out of sight, at the foot of the page
    # before: invisible on paper, but there twice for anyone who copies or searches the text.
    record, digest = sample_record(content, "my")
    path = tmp_path / "my.pdf"
    render_pdf(record, digest, path)
    text = " ".join(pages_text(path))
    for heading in ("Indicators the answers touch", "Recommended referral", "Questions and answers",
                    "Statements played", "Officer's notes", "Content used", "Checking this record"):  # fmt: skip
        assert text.count(heading) == 1, heading


def test_page_breaks_move_a_row_that_would_straddle_the_end_of_a_page_to_the_next() -> None:
    rows = [(0.0, 40.0), (40.0, 95.0), (95.0, 130.0)]
    assert page_breaks(rows, 130.0, 100.0) == [(0.0, 95.0), (95.0, 130.0)]
    # A row taller than a page cannot be kept whole; it is cut rather than looping forever.
    assert page_breaks([(0.0, 250.0)], 250.0, 100.0) == [(0.0, 100.0), (100.0, 200.0), (200.0, 250.0)]
