"""Content is shown as text, never as markup: an `<img>` planted in a translator's `Reviewed by:` comment or in an
officer note is shown literally and loads no picture (issue 11, item 2)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from PySide6 import QtCore, QtGui, QtWidgets
from pytestqt.qtbot import QtBot

from vita.content.loader import load_content
from vita.content.model import Audience
from vita.interview.plan import interview_plan

from tests.gui.conftest import start_interview


def red_picture(path: Path) -> Path:
    image = QtGui.QImage(120, 60, QtGui.QImage.Format.Format_RGB32)
    image.fill(QtGui.QColor(255, 0, 0))
    assert image.save(str(path))
    return path


def planted(picture: Path) -> str:
    return f"<img src='{picture.as_uri()}' width='120' height='60'>"


@pytest.fixture
def repo_root(content_copy: Path, tmp_path: Path) -> Path:
    """The shipped content with a picture planted in the first message's officer note and English reviewer."""
    markup = planted(red_picture(tmp_path / "red.png"))
    first = interview_plan(load_content(content_copy).catalogue, Audience.ADULT)[0]
    catalogue = content_copy / "messages" / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8")
    assert f'note = "{first.note}"' in text
    catalogue.write_text(text.replace(f'note = "{first.note}"', f'note = "{markup}"', 1), encoding="utf-8")
    po_path = content_copy / "translations" / "en.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgctxt == first.id)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.tcomment = f"Reviewed by: {markup}"
    po.save(str(po_path))
    return content_copy


def red_pixels(widget: QtWidgets.QWidget) -> int:
    image = widget.grab().toImage()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 60
    )


def test_a_picture_in_a_reviewer_comment_or_officer_note_is_shown_as_text(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    start_interview(window, keyboard(window), qtbot)
    screen = window.interview
    for shown in (screen.officer_note, screen.provenance):
        assert "<img src=" in shown.text()
        assert shown.textFormat() == QtCore.Qt.TextFormat.PlainText
        shown.resize(900, 200)
        assert red_pixels(shown) == 0  # the planted picture is not drawn


def test_every_label_of_the_app_shows_plain_text(make_window, keyboard, qtbot: QtBot) -> None:
    """The mechanism, not the instance: no label anywhere guesses whether its text is HTML."""
    window = make_window()
    start_interview(window, keyboard(window), qtbot)
    labels = window.findChildren(QtWidgets.QLabel) + window.person_view.findChildren(QtWidgets.QLabel)
    assert len(labels) > 20
    guessing = [w.accessibleName() or w.text() for w in labels if w.textFormat() != QtCore.Qt.TextFormat.PlainText]
    assert guessing == []
