"""Finding the person's language: the searchable grid, and the finder that plays one language after another."""

from __future__ import annotations

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.interview.plan import FINDER_MESSAGE

from vita.gui.screens.languages import folded

from tests.gui.conftest import to_language_screen

Key = QtCore.Qt.Key


def test_the_grid_finds_a_language_by_english_name_native_name_or_code_ignoring_accents(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    to_language_screen(window, keys, qtbot)
    screen = window.languages
    assert len(screen.visible_codes()) == len(window.context.content.languages)
    for query, code in (("francais", "fr"), ("العربية", "ar"), ("ខ្មែរ", "km"), ("Tigrinya", "ti"), ("pcm", "pcm")):
        screen.search.setText(query)
        assert code in screen.visible_codes(), query
    screen.search.setText("klingon")
    assert screen.visible_codes() == [] and screen.none_found.isVisible()
    screen.search.clear()
    keys.press(Key.Key_Down)  # into the grid; typing there goes on in the search box
    assert screen.grid.hasFocus()
    keys.type("burm")
    assert screen.search.hasFocus() and screen.visible_codes() == ["my"]
    keys.press(Key.Key_Return)
    assert window.current_screen is window.addressee and window.addressee.language.code == "my"


def test_each_language_is_named_in_its_own_script_and_text_only_languages_are_marked(
    make_window, keyboard, qtbot: QtBot
) -> None:
    from vita.gui.screens.languages import CODE, TEXT_ONLY

    window = make_window()
    model = window.languages.model
    rows = {model.item(r).data(CODE): model.item(r) for r in range(model.rowCount())}
    for language in window.context.content.languages:
        item = rows[language.code]
        assert item.text() == language.native_name
        assert item.data(TEXT_ONLY) == (not window.context.audio.has_audio(language.code))
    assert folded("Français") == "francais"


def test_the_finder_goes_from_language_to_language_until_the_officer_stops_it_on_one(
    make_window, keyboard, qtbot: QtBot, fake_output
) -> None:
    window = make_window(finder_pause_seconds=0.01, finder_text_seconds=0.05)
    keys = keyboard(window)
    to_language_screen(window, keys, qtbot)
    finder = window.finder
    with qtbot.waitSignal(finder.language_shown, timeout=5_000) as first:
        keys.press(Key.Key_F2)
    assert window.current_screen is finder
    shown = [first.args[0]]
    finder.language_shown.connect(shown.append)
    qtbot.waitUntil(lambda: len(shown) >= 4, timeout=10_000)  # it moves on by itself, clip after clip
    assert shown[:4] == [lang.code for lang in window.context.content.languages[:4]]
    if window.context.audio.clip(shown[0], FINDER_MESSAGE, *_neutral(), None) is not None:
        assert fake_output.played, "a language with a clip is heard, not only shown"
    keys.press(Key.Key_Left)  # the person reacted a moment late: back one
    stopped_on = finder.current.code
    assert finder.native.raw_text == finder.current.native_name
    keys.press(Key.Key_Return)
    assert window.current_screen is window.addressee
    assert window.addressee.language.code == stopped_on
    assert not finder.running


def test_the_finder_says_when_it_has_been_through_every_language_and_esc_stops_it(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window(finder_pause_seconds=0.0, finder_text_seconds=0.0)
    keys = keyboard(window)
    to_language_screen(window, keys, qtbot)
    keys.type("an")  # the finder goes through the languages the grid shows
    offered = window.languages.visible_codes()
    with qtbot.waitSignal(window.finder.round_finished, timeout=20_000):
        keys.press(Key.Key_F2)
    assert [lang.code for lang in window.finder.languages] == offered
    assert "every language" in window.finder.status.text()
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.languages


def _neutral():
    from vita.content.model import Audience, Form

    return Form.UNSPECIFIED, Audience.ADULT
