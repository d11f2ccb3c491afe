"""The start screen's country: an ISO 3166-1 alpha-2 code, named beside the field; anything else is refused."""

from __future__ import annotations

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from tests.gui.conftest import unlock_new_store

Key = QtCore.Qt.Key


def test_a_country_name_or_unknown_code_is_refused_and_a_code_is_named(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    screen = window.start
    assert screen.country_name.text() == "Türkiye"  # pre-filled from the deployment file, and named
    keys.type("Post")
    keys.press(Key.Key_Tab)
    keys.type("Officer")
    for typed in ("Turkey", "TU", "Germany"):
        screen.country.setText(typed)
        assert screen.country_name.text() == "not a country code"
        keys.press(Key.Key_Return)
        assert window.current_screen is screen, typed  # nothing starts
        assert f"“{typed}” is not an ISO 3166 country code" in screen.problem.text()
        assert screen.country.text() == typed  # what the officer typed is kept to be corrected
    screen.country.setText("gr")
    assert screen.country_name.text() == "Greece"
    keys.press(Key.Key_Return)
    assert window.current_screen is window.languages
    keys.type("english")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.interview)
    assert window.interview.controller is not None and window.interview.controller.interview.country == "GR"
