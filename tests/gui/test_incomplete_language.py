"""A language whose translation lacks a text is listed greyed with the reason and cannot be chosen; the app
starts with every complete language."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.gui.screens.languages import CODE, INCOMPLETE

from tests.gui.conftest import to_language_screen

Key = QtCore.Qt.Key


@pytest.fixture
def repo_root(content_copy: Path) -> Path:
    """The app is started over a copy of the content whose French file lacks one message."""
    po = content_copy / "translations" / "fr.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "safety.doctor"')
    po.write_text(text[: text.rfind("\n\n", 0, start)] + text[text.index("\n\n", start) :], encoding="utf-8")
    return content_copy


def test_an_incomplete_language_is_greyed_with_its_reason_and_cannot_be_chosen(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    to_language_screen(window, keys, qtbot)
    screen = window.languages
    assert window.current_screen is screen
    rows = {screen.model.item(r).data(CODE): screen.model.item(r) for r in range(screen.model.rowCount())}
    french = rows["fr"]
    assert "1 message not yet translated" in french.data(INCOMPLETE) and "incomplete" in french.toolTip()
    assert not french.isEnabled() and not french.isSelectable()
    assert rows["en"].isEnabled()  # the complete languages are offered as before
    screen.search.setText("francais")
    assert screen.visible_codes() == []  # found, but not offered (nor played by the finder)
    keys.press(Key.Key_Return)
    assert window.current_screen is screen
    screen.grid.clicked.emit(screen.proxy.index(0, 0))
    assert window.current_screen is screen  # nothing chosen
