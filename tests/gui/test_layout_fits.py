"""The layout on a 1366×768 laptop: every screen fits at 100 % and 125 % scaling; at 150 % the window still fits
the screen, the screens scroll, and every button keeps its key hint. And no text is cut off: each language's
tallest and longest messages are laid out in each text area and their ink (the tight bounding box, with marks
above and below the line) must lie inside the area.

Scaling is arithmetic here: with QT_SCALE_FACTOR (or Windows' 125 %/150 %) Qt keeps sizes in logical pixels
and the same 1366×768 screen offers 1366/s × 768/s of them. The screenshots (tools/screenshots.py) show it."""

from __future__ import annotations

import numpy as np
import pytest

from PySide6 import QtCore, QtGui, QtWidgets
from pytestqt.qtbot import QtBot

from vita.content.model import Content
from vita.preferences import Preferences, save_preferences

from vita.gui.main_window import MainWindow
from vita.gui.widgets import KeyButton, ScriptLabel

from tests.gui.conftest import start_interview

SCREEN = QtCore.QSize(1366, 768)
DESKTOP_CHROME = 72  # a title bar and a task bar, in logical pixels (they scale with everything else)


def available(scale: float) -> QtCore.QSize:
    return QtCore.QSize(int(SCREEN.width() / scale), int(SCREEN.height() / scale) - DESKTOP_CHROME)


def screens(window: MainWindow) -> list[QtWidgets.QWidget]:
    return [window.unlock, window.start, window.languages, window.addressee, window.interview, window.finish]


def open_window(make_window, keyboard, qtbot: QtBot, tmp_path, language: str) -> MainWindow:
    save_preferences(tmp_path / "data", Preferences(language))
    window = make_window()
    start_interview(window, keyboard(window), qtbot, "arab", QtCore.Qt.Key.Key_W)
    assert window.controller is not None
    window.finish.attach(window.controller)
    # The finish screen with its export notice showing: the state in which text was cut off in the field.
    notice = window.context.tr(
        "The interview is finished and saved. Record written to {folder}: {pdf} and {json}. Press O to open the PDF.",
        folder="/home/officer/Documents/VITA records",
        pdf="VITA-20260301-0001.pdf",
        json="VITA-20260301-0001.json",
    )
    window.finish._show_status(notice)
    return window


def show_each_screen(window: MainWindow, room: QtCore.QSize) -> list[tuple[QtWidgets.QWidget, str]]:
    """Resize the window to the room the screen offers; show each screen; what the officer would miss on it."""
    window.resize(room)
    lost: list[tuple[QtWidgets.QWidget, str]] = []
    for screen in screens(window):
        window.stack.setCurrentWidget(screen)
        QtWidgets.QApplication.processEvents()
        for bar in (window.scroller.horizontalScrollBar(), window.scroller.verticalScrollBar()):
            if bar.maximum() > 0:
                lost.append((screen, "scrolls"))
        for button in screen.findChildren(KeyButton):
            if not button.isVisibleTo(screen):
                continue
            if not button.text().endswith(button.key_hint):
                lost.append((screen, f"key hint cut: {button.text()!r}"))
            elif "…" in button.text():
                lost.append((screen, f"words elided: {button.text()!r}"))
    return lost


@pytest.mark.parametrize("language", ["en", "tr"])
@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_every_screen_fits_a_1366_by_768_screen_without_scrolling_or_eliding(
    make_window, keyboard, qtbot: QtBot, tmp_path, language: str, scale: float
) -> None:
    window = open_window(make_window, keyboard, qtbot, tmp_path, language)
    lost = show_each_screen(window, available(scale))
    assert [(screen.accessibleName(), what) for screen, what in lost] == []


@pytest.mark.parametrize("language", ["en", "tr"])
def test_at_150_percent_the_window_fits_the_screen_scrolls_and_keeps_every_key_hint(
    make_window, keyboard, qtbot: QtBot, tmp_path, language: str
) -> None:
    window = open_window(make_window, keyboard, qtbot, tmp_path, language)
    room = available(1.5)
    assert window.minimumSizeHint().width() <= room.width() and window.minimumSizeHint().height() <= room.height()
    assert window.minimumSize().width() <= room.width() and window.minimumSize().height() <= room.height()
    lost = show_each_screen(window, room)
    assert [what for _screen, what in lost if what.startswith("key hint")] == []
    # Whatever does not fit is reachable: the screen scrolls instead of falling off the window.
    for screen in screens(window):
        window.stack.setCurrentWidget(screen)
        QtWidgets.QApplication.processEvents()
        need, view = window.stack.minimumSizeHint(), window.scroller.viewport().size()
        horizontal, vertical = window.scroller.horizontalScrollBar(), window.scroller.verticalScrollBar()
        assert need.width() <= view.width() or horizontal.maximum() > 0, screen.accessibleName()
        assert need.height() <= view.height() or vertical.maximum() > 0, screen.accessibleName()


def ink_box(label: QtWidgets.QLabel) -> QtCore.QRect:
    """Where the label's text puts ink, in the label's coordinates: drawn as QLabel draws it, without its clip."""
    margin = 300
    image = QtGui.QImage(label.width() + 2 * margin, label.height() + 2 * margin, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    area = QtCore.QRectF(label.contentsRect()).adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    flags = QtWidgets.QStyle.visualAlignment(label.layoutDirection(), label.alignment())
    if label.wordWrap():
        flags |= QtCore.Qt.TextFlag.TextWordWrap
    painter = QtGui.QPainter(image)
    painter.setFont(label.font())
    painter.setLayoutDirection(label.layoutDirection())
    painter.setPen(QtGui.QColor("black"))
    painter.drawText(area.translated(margin, margin), int(flags.value) if hasattr(flags, "value") else int(flags),
                     label.text())  # fmt: skip
    painter.end()
    bits = image.constBits()
    alpha = np.frombuffer(bits, dtype=np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)[..., 3]
    rows, cols = np.nonzero(alpha[:, : image.width()])
    if rows.size == 0:
        return QtCore.QRect()
    return QtCore.QRect(int(cols.min()) - margin, int(rows.min()) - margin,
                        int(cols.max() - cols.min()) + 1, int(rows.max() - rows.min()) + 1)  # fmt: skip


def extreme_messages(content: Content, code: str, font: QtGui.QFont) -> list[str]:
    """A language's tallest message (ink reaching furthest above and below the line) and its longest."""
    texts = [t.text for t in content.translations[code].entries.values()]
    metrics = QtGui.QFontMetricsF(font)
    tallest = max(texts, key=lambda text: metrics.tightBoundingRect(text).height())
    longest = max(texts, key=len)
    return list(dict.fromkeys([tallest, longest]))


def text_areas(window: MainWindow) -> list[tuple[QtWidgets.QWidget, ScriptLabel]]:
    return [(window.interview, window.interview.message), (window.finish, window.finish.closing),
            (window.addressee, window.addressee.preview)]  # fmt: skip


def test_no_language_has_text_cut_off_in_any_text_area(make_window, keyboard, qtbot: QtBot, tmp_path) -> None:
    window = open_window(make_window, keyboard, qtbot, tmp_path, "en")
    content = window.context.content
    cut: list[str] = []
    for screen, area in text_areas(window):
        window.stack.setCurrentWidget(screen)
        QtWidgets.QApplication.processEvents()
        for language in content.languages:
            font = window.context.typography.font("message", language.script)
            for text in extreme_messages(content, language.code, font):
                area.show_text(text, language.script, language.is_rtl)
                QtWidgets.QApplication.processEvents()
                ink = ink_box(area)
                if not area.rect().contains(ink):
                    cut.append(f"{language.code} in {area.accessibleName()}: ink {ink.getCoords()} outside "
                               f"{area.rect().getCoords()}: {text[:30]}…")  # fmt: skip
    assert cut == []


def test_at_150_percent_every_answer_symbol_of_the_persons_window_is_on_the_screen(
    make_window, keyboard, qtbot: QtBot, tmp_path
) -> None:
    window = open_window(make_window, keyboard, qtbot, tmp_path, "en")
    view = window.person_view
    width = available(1.5).width()
    view.fit_symbols(width)
    row = sum(symbol.width() for symbol in view.symbols.values()) + 24 * (len(view.symbols) - 1) + 2 * 48
    assert row <= width
