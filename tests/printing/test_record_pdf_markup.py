"""The PDF prints content as text: markup planted in a reviewer's name or a referral entry is printed literally,
read back with pdftotext, and never drawn as a picture (issue 11, item 2)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
from pdftext import plain_text
from sample_records import NOW, sample_session

from PySide6 import QtGui

from vita.content.loader import load_content
from vita.record.build import build_record
from vita.record.codec import to_document
from vita.record.referrals import load_directory

from vita.printing.pdf import render_pdf


def test_markup_in_a_reviewer_and_a_referral_entry_is_printed_literally(
    content_copy: Path, tmp_path: Path, qapp: object
) -> None:
    picture = tmp_path / "red.png"
    image = QtGui.QImage(200, 200, QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor(255, 0, 0))
    assert image.save(str(picture))
    markup = f"<img src='{picture.as_uri()}' width='200' height='200'>"

    header, session = sample_session("en")
    played = next(e.data["message_id"] for e in session.events if "answer" in e.data)
    po_path = content_copy / "translations" / "en.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgctxt == played)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.tcomment = f"Reviewed by: Amina {markup}"
    po.save(str(po_path))
    referrals = content_copy / "messages" / "referrals.toml"
    directory_text = referrals.read_text(encoding="utf-8")
    referrals.write_text(directory_text.replace('\nname = "', f'\nname = "Ask for <b>{markup}</b> '), encoding="utf-8")

    content = load_content(content_copy)
    record = build_record(header, session.events, content, load_directory(referrals), now=NOW)
    assert record.referrals, "the sample interview must recommend at least one entry for this test to mean anything"
    pdf = tmp_path / "record.pdf"
    render_pdf(record, to_document(record)["digest"]["value"], pdf)

    text = " ".join(plain_text(pdf).split())  # the long path wraps inside its cell: compare its start
    assert "reviewed by Amina <img src='file:///" in text
    assert "Ask for <b><img src='file:///" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) <= 2  # the header lines only: no picture was drawn
