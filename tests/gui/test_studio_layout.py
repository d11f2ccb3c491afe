"""Every studio screen fits a 1366×768 laptop at 100 % and 125 % (less a title bar and a task bar): no scrolling,
and every button keeps its words and its key, in English and in Turkish (long words). At 150 % the window still
fits the screen: a screen that needs more room scrolls, and a button may shorten its words but never its key.
The record and review screens are shown with a real sitting and a real review of French, written into the test's
own overlay."""

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
@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
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
    room = available(scale)
    assert window.minimumSize().width() <= room.width() and window.minimumSize().height() <= room.height()
    window.resize(room)
    roomy = scale < 1.5  # at 150 % scrolling and shortened words are allowed, a lost key is not
    lost = []
    for screen in studio.all():
        window.stack.setCurrentWidget(screen)
        QtWidgets.QApplication.processEvents()
        need, view = window.stack.minimumSizeHint(), window.scroller.viewport().size()
        for bar, fits in ((window.scroller.horizontalScrollBar(), need.width() <= view.width()),
                          (window.scroller.verticalScrollBar(), need.height() <= view.height())):  # fmt: skip
            if (roomy and bar.maximum() > 0) or not (fits or bar.maximum() > 0):
                lost.append((screen.accessibleName(), "scrolls" if roomy else "cannot be reached"))
        for button in screen.findChildren(KeyButton):
            if not button.isVisibleTo(screen):
                continue
            if not button.text().endswith(button.key_hint) or (roomy and "…" in button.text()):
                lost.append((screen.accessibleName(), button.text()))
        if scale > 1:
            SHOTS.mkdir(exist_ok=True)
            window.grab().save(str(SHOTS / f"layout-{language}-{scale * 100:.0f}-{studio.all().index(screen)}.png"))
    studio.record.detach()
    window.idle_lock.detach()
    assert lost == [], "\n".join(map(str, lost))
