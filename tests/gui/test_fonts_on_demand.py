"""Fonts are registered when a text needs them: the first window waits only for the Latin font and the font of
the interface language it shows; the others follow once it is on screen, before any screen of the person's
language is built. The language chooser's list shows every interface language by its own name, each in its
own script, in a font that falls back on all of them."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from vita.audio.fake import FakeBackend
from vita.content.officer import native_name, officer_languages
from vita.fonts import bundled_fonts
from vita.paths import Paths

from vita.gui.app import launch
from vita.gui.main_window import MainWindow
from vita.printing.fonts import scripts_in

from tests.gui.conftest import TEST_KDF_COST


def test_the_first_window_has_the_fonts_of_the_names_it_shows_and_the_rest_follow(
    qtbot: QtBot, repo_root: Path, tmp_path: Path, fake_output: FakeBackend
) -> None:
    on_screen: dict[str, object] = {}

    def shown() -> None:
        window = next(w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        on_screen["chooser"] = set(window.unlock.language.font().families())
        on_screen["scripts"] = set(window.context.typography.families)

    window = launch(
        Paths(repo_root, tmp_path / "data"),
        backend_factory=lambda: fake_output,
        kdf_cost=TEST_KDF_COST,
        on_shown=shown,
    )
    qtbot.addWidget(window)
    family_of = {script: font.family for font in reversed(bundled_fonts()) for script in font.scripts}
    names = [native_name(repo_root, code) for code in officer_languages(repo_root)]
    name_scripts = scripts_in(names)
    assert name_scripts is not None and name_scripts - {"Latn", "Cyrl"}, "the names are in several scripts"
    assert family_of["Latn"] in on_screen["chooser"]  # type: ignore[operator]
    assert on_screen["scripts"] < set(family_of), "a script no name on the first screen uses waited for its font"
    assert set(family_of) <= set(window.context.typography.families)  # all there before the other screens
    chooser = window.unlock.language
    chooser.showPopup()  # the officer opens the list: every name in its own script
    qtbot.waitUntil(lambda: chooser.view().isVisible())
    assert {family_of[script] for script in name_scripts} <= set(chooser.font().families())
    chooser.hidePopup()
    window.close()
