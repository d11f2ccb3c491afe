"""Every studio screen fits a 1366×768 laptop at 100 % and 125 % (less a title bar and a task bar): no scrolling,
and every button keeps its words and its key, in English and in Turkish (long words). The record and review
screens are shown with a real sitting and a real review of French, written into the test's own overlay."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.audio.fake import FakeBackend
from vita.paths import Paths
from vita.preferences import Preferences, save_preferences
from vita.studio.model import Speaker
from vita.studio.review import Review
from vita.studio.session import StudioSession

from vita.gui.app import launch
from vita.gui.main_window import MainWindow
from vita.gui.widgets import KeyButton

from tests.gui.conftest import TEST_KDF_COST, unlock_new_store

SCREEN = QtCore.QSize(1366, 768)
DESKTOP_CHROME = 72
SHOTS = Path("/tmp/studio-shots")


def available(scale: float) -> QtCore.QSize:
    return QtCore.QSize(int(SCREEN.width() / scale), int(SCREEN.height() / scale) - DESKTOP_CHROME)


@pytest.mark.parametrize("language", ["en", "tr"])
@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_every_studio_screen_fits_without_scrolling_or_eliding(
    qtbot: QtBot, keyboard, repo_root: Path, tmp_path: Path, fake_output: FakeBackend, language: str, scale: float
) -> None:
    save_preferences(tmp_path / "data", Preferences(language))
    paths = Paths(repo_root, tmp_path / "data", tmp_path / "overlay")
    window: MainWindow = launch(paths, backend_factory=lambda: fake_output, kdf_cost=TEST_KDF_COST)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow)  # on a real X display (no window manager) keys need this
    unlock_new_store(window, keyboard(window), qtbot)
    studio = window.studio
    with qtbot.waitSignal(studio.home.listed, timeout=30_000):
        window.studio_routes.enter()
    studio.speaker.prepare(window.context.language("fr"))
    studio.reviewer.prepare(window.context.language("fr"))
    # Arabic on the record screen: right to left, in its own font
    studio.record.attach(StudioSession.open(paths, "ar", Speaker("Amina Test", True, "2026-11-29")), None)
    studio.review.attach(Review.open(paths, "fr", "Rita Reviewer"), "fr", "Rita Reviewer", None)
    studio.export.prepare(["fr"])
    window.resize(available(scale))
    lost = []
    for screen in studio.all():
        window.stack.setCurrentWidget(screen)
        QtWidgets.QApplication.processEvents()
        for bar in (window.scroller.horizontalScrollBar(), window.scroller.verticalScrollBar()):
            if bar.maximum() > 0:
                lost.append((screen.accessibleName(), "scrolls"))
        for button in screen.findChildren(KeyButton):
            if button.isVisibleTo(screen) and (not button.text().endswith(button.key_hint) or "…" in button.text()):
                lost.append((screen.accessibleName(), button.text()))
        if scale == 1.25:
            SHOTS.mkdir(exist_ok=True)
            window.grab().save(str(SHOTS / f"layout-{language}-125-{studio.all().index(screen)}.png"))
    studio.record.detach()
    window.idle_lock.detach()
    assert lost == [], "\n".join(map(str, lost))
