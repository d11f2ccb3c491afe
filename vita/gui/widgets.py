"""Small building blocks shared by the screens: actions with one key each, buttons that show their key,
labels that show text in the person's script, and the answer buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from vita.gui.qt_values import TEXT_SHOW_MNEMONIC, set_direction, set_enum
from vita.gui.typography import Typography

if TYPE_CHECKING:
    from vita.content.model import Answer

# Words, not arrow signs: the bundled Latin font has no arrows, and a key must never show as a box.
KEY_NAMES = {"Return": "Enter", "Left": "Left arrow", "Right": "Right arrow", "Up": "Up arrow", "Down": "Down arrow"}


def key_label(key: str) -> str:
    """How a key is written on a button."""
    return KEY_NAMES.get(key, key)


def key_action(
    owner: QtWidgets.QWidget, text: str, key: str, slot: Callable[[], object], *extra_keys: str
) -> QtGui.QAction:
    """An action with a keyboard shortcut that works whenever `owner` is visible in the active window."""
    action = QtGui.QAction(owner)  # QAction(text, owner) would make PySide build QIcon's enums, for its overloads
    action.setText(text)
    action.setShortcuts([QtGui.QKeySequence(k) for k in (key, *extra_keys)])
    set_enum(action, "shortcutContext", "WindowShortcut")
    action.setData(key)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


class KeyButton(QtWidgets.QPushButton):
    """A button for an action: shows the action's text and its key, and follows its enabled state."""

    def __init__(self, action: QtGui.QAction, typography: Typography, primary: bool = False, two_lines: bool = False):
        super().__init__()
        self._action = action
        self._two_lines = two_lines
        self._full = ""
        self._chrome_widths: dict[bool, int] = {}  # with focus or not (a focused frame is wider): see _chrome
        self._hidden_by_action = False  # hidden because its action was (see _sync)
        typography.apply(self, "button", bold=primary)
        if primary:
            self.setProperty("primary", "true")
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        self.setAutoDefault(False)
        # Preferred, not Minimum: the layout may give it less than its words need (it elides them, not the key).
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed)
        self._sync()

    def _sync(self) -> None:
        key = key_label(str(self._action.data()))
        text = self._action.text()
        self._full = f"{text}\n[{key}]" if self._two_lines else f"{text}   [{key}]"
        self._fit_text()
        self.setEnabled(self._action.isEnabled())
        visible = self._action.isVisible()
        if not visible or self.parentWidget() is not None:  # shown now, a button not yet placed would be a window
            self.setVisible(visible)
        elif self._hidden_by_action:  # not placed yet: no longer hidden on purpose, so shown with its page
            self.setAttribute(QtCore.Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)
        self._hidden_by_action = not visible
        self.setAccessibleName(text)
        self.setAccessibleDescription(f"Key: {key}")
        self.setToolTip(f"{text} (key {key})")

    @property
    def key_hint(self) -> str:
        return f"[{key_label(str(self._action.data()))}]"

    def _chrome(self) -> int:
        """The width the button's frame and padding take, beyond its text: Qt's own size for the words it
        shows, less the words (the style sheet gives every push button a box, so no minimum width enters).
        Asking the style object itself would make PySide build its whole QStyle type, a tenth of the time the
        window takes to appear. Every layout pass asks: measured once per focus state, again after a change of
        style or font."""
        focused = self.hasFocus()
        known = self._chrome_widths.get(focused)
        if known is not None:
            return known
        shown = self.text() or "XXXX"  # what Qt measures for a button without words
        words = self.fontMetrics().size(TEXT_SHOW_MNEMONIC, shown).width()
        # QPushButton.sizeHint polishes the button first, so this is measured with the style sheet that applies
        chrome = super().sizeHint().width() - words + 8
        self._chrome_widths[focused] = chrome
        return chrome

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() in (QtCore.QEvent.Type.StyleChange, QtCore.QEvent.Type.FontChange):
            self._chrome_widths.clear()
        super().changeEvent(event)

    def sizeHint(self) -> QtCore.QSize:
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance(line) for line in self._full.split("\n")) + self._chrome()
        return QtCore.QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QtCore.QSize:
        """Narrow enough to shrink on a small or scaled screen: an elided label, but always the whole key."""
        metrics = self.fontMetrics()
        hint = metrics.horizontalAdvance(self.key_hint)
        shortest = hint if self._two_lines else hint + metrics.horizontalAdvance("W…   ")
        return QtCore.QSize(shortest + self._chrome(), super().sizeHint().height())

    def _fit_text(self) -> None:
        """The label elided at its end when the button is narrower than it; the key hint is never cut. A
        button not on screen shows it whole until it is (see showEvent): its width is not known yet."""
        if not self.isVisible():
            if self._full != self.text():
                self.setText(self._full)
            return
        room = self.width() - self._chrome()
        metrics = self.fontMetrics()
        label, _, _ = self._full.rpartition("[")
        label = label.rstrip("\n ")
        separator = "\n" if self._two_lines else "   "
        widest = max(metrics.horizontalAdvance(line) for line in self._full.split("\n"))
        if self.width() <= 0 or widest <= room:
            shown = self._full
        else:
            keep = room if self._two_lines else room - metrics.horizontalAdvance(separator + self.key_hint)
            shown = (
                metrics.elidedText(label, QtCore.Qt.TextElideMode.ElideRight, max(0, keep)) + separator + self.key_hint
            )
        if shown != self.text():
            self.setText(shown)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self._fit_text()


class AnswerButton(QtWidgets.QToolButton):
    """A large answer symbol with its word and key under it; checked when it is the current answer."""

    def __init__(self, answer: Answer, action: QtGui.QAction, typography: Typography, symbol_size: int) -> None:
        from vita.gui.symbols import KEYS, answer_icon  # the answer screens load after the first window

        super().__init__()
        self.answer = answer
        self.setProperty("answer", answer.value)
        self.setCheckable(True)
        self.setIcon(answer_icon(answer, symbol_size))
        self.setIconSize(QtCore.QSize(symbol_size, symbol_size))
        self.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setText(f"{action.text()}\n[{KEYS[answer]}]")  # the action's text is in the officer's language
        typography.apply(self, "button", bold=True)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred)
        self.setAccessibleName(action.text())
        self.setAccessibleDescription(f"Key: {KEYS[answer]}")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # its key works from anywhere; focus stays put
        self.clicked.connect(lambda _checked=False: action.trigger())
        action.changed.connect(lambda: self.setEnabled(action.isEnabled()))


# Scripts whose words Qt cannot find (no spaces between words, and Qt's own rules break inside syllables):
# lines are broken only at the spaces the translator put in, by `fill_lines`.
SPACE_BREAK_SCRIPTS = frozenset({"Mymr", "Khmr", "Laoo", "Thai"})


def ink_reach(font: QtGui.QFont, text: str) -> tuple[float, float]:
    """How far the text's ink reaches above the font's ascent and below its descent, in pixels (0 when it stays
    within). Measured on the shaped glyph outlines: QFontMetrics' tight box misses Khmer subscripts."""
    metrics = QtGui.QFontMetricsF(font)
    above = below = 0.0
    for line in text.split("\n"):
        if not line.strip():
            continue
        path = QtGui.QPainterPath()
        path.addText(0, 0, font, line)
        box = path.boundingRect()
        above, below = max(above, -box.top() - metrics.ascent()), max(below, box.bottom() - metrics.descent())
    return above, below


def fill_lines(text: str, metrics: QtGui.QFontMetricsF, width: float) -> list[str]:
    """Break text into lines at spaces only, as many words on a line as fit. A word wider than the line
    keeps a line of its own (FittingLabel then makes the font smaller)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


class ScriptLabel(QtWidgets.QLabel):
    """Text in a given script, in that script's bundled font, right-to-left where the language needs it."""

    def __init__(self, typography: Typography, role: str, accessible_name: str) -> None:
        super().__init__()
        self._typography = typography
        self._role = role
        self._raw = ""
        self._script = "Latn"
        self.setProperty("role", role)
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setAccessibleName(accessible_name)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.NoTextInteraction)
        # The width comes from the layout, never from the text, so re-breaking lines cannot feed back.
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        typography.apply(self, role)

    @property
    def raw_text(self) -> str:
        """The text as given, without the line breaks added for display."""
        return self._raw

    @property
    def display_text(self) -> str:
        """The text as laid out: a sentence-end mark (Burmese ။) never starts a line on its own."""
        from vita.content.scripts import keep_sentence_end  # the script tables load with the first such text

        return keep_sentence_end(self._raw)

    @property
    def breaks_at_spaces(self) -> bool:
        return self._script in SPACE_BREAK_SCRIPTS

    def show_text(self, text: str, script: str, is_rtl: bool, align_center: bool = False) -> None:
        self._raw = text
        self._script = script
        self.setFont(self._typography.font(self._role, script))
        self._make_room_for_marks()
        set_direction(self, is_rtl)
        horizontal = QtCore.Qt.AlignmentFlag.AlignHCenter if align_center else QtCore.Qt.AlignmentFlag.AlignLeading
        self.setAlignment(horizontal | QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.setWordWrap(not self.breaks_at_spaces)
        self.setAccessibleDescription(text)
        self._lay_out()

    def _make_room_for_marks(self) -> None:
        """A margin as deep as the text's marks reach beyond the font's ascent or descent (Khmer subscripts,
        Arabic hamzas, Burmese stacked vowels), so the label's height counts them and they are never cut."""
        reach = max(ink_reach(self.font(), self.display_text)) if self._raw else 0.0
        margin = int(reach) + (2 if reach else 0)
        if margin != self.margin():
            self.setMargin(margin)

    def _usable_width(self) -> float:
        return max(40.0, self.contentsRect().width() - 2 * self.margin() - 8.0)

    def _lay_out(self) -> None:
        text = self.display_text
        if self.breaks_at_spaces:
            text = "\n".join(fill_lines(text, QtGui.QFontMetricsF(self.font()), self._usable_width()))
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.breaks_at_spaces:
            self._lay_out()


class CurrentPageStack(QtWidgets.QStackedWidget):
    """A stack as large as the page on show, not as the largest page: the small screens never scroll because
    the finish screen is tall."""

    def __init__(self) -> None:
        super().__init__()
        layout = self.layout()
        if layout is not None:  # else the layout pins the minimum size to the largest page's
            layout.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetNoConstraint)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QtCore.QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QtCore.QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        return page is not None and page.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        """The least height the page needs at this width (wrapped text counted), not the height it would like:
        the scroll area asks this, and scrolls only when the page really does not fit."""
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None or not layout.hasHeightForWidth():
            return -1
        return max(layout.totalMinimumHeightForWidth(width), layout.totalMinimumSize().height())


class FittingLabel(ScriptLabel):
    """A ScriptLabel that takes the space its layout gives it and sets its text as large as fits there,
    between `smallest` and `largest` times the body size. "Fits" counts the ink, not only the line boxes:
    Arabic hamzas and Burmese stacked marks reach beyond a font's ascent and descent."""

    def __init__(
        self, typography: Typography, role: str, accessible_name: str, largest: float, smallest: float = 1.0
    ) -> None:
        super().__init__(typography, role, accessible_name)
        self._largest = largest
        self._smallest = smallest
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QtCore.QSize:
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QtCore.QSize:
        line = QtGui.QFontMetrics(self._typography.font(self._role)).height()
        return QtCore.QSize(line * 4, line * 2)

    def hasHeightForWidth(self) -> bool:
        return False  # the font follows the size, not the other way round

    def _lay_out(self) -> None:
        self._fit()

    def _fits(self, font: QtGui.QFont, area: QtCore.QRectF) -> bool:
        metrics = QtGui.QFontMetricsF(font)
        # How far marks reach above the ascent and below the descent: room the line boxes do not count.
        above, below = ink_reach(font, self.display_text)
        overhang = 2 * max(above, below) + 2  # the block is centred: the deeper reach counts on both sides
        if self.breaks_at_spaces:
            lines = fill_lines(self.display_text, metrics, area.width())
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            height = len(lines) * metrics.lineSpacing() + overhang
            return widest <= area.width() and height <= area.height()
        flags = int(QtCore.Qt.TextFlag.TextWordWrap) | int(self.alignment().value)
        used = metrics.boundingRect(area, flags, self.display_text)
        return used.height() + overhang <= area.height() and used.width() <= area.width()

    def _fit(self) -> None:
        area = QtCore.QRectF(self.contentsRect()).adjusted(4, 4, -4, -4)
        if area.width() < 20 or area.height() < 10 or not self._raw:
            if self.text() != self.display_text:
                self.setText(self.display_text)
            return
        font = self._typography.font(self._role, self._script)
        scale = font.pointSizeF() / self._typography.font(self._role).pointSizeF()  # the script's own scale
        low = self._typography.body_pt * self._smallest * scale
        high = max(low, self._typography.body_pt * self._largest * scale)
        for _ in range(7):  # a binary search to within about 1% of the range
            middle = (low + high) / 2
            font.setPointSizeF(middle)
            if self._fits(font, area):
                low = middle
            else:
                high = middle
        font.setPointSizeF(low)
        if abs(self.font().pointSizeF() - low) > 0.25 or self.font().families() != font.families():
            self.setFont(font)
        text = self.display_text
        if self.breaks_at_spaces:
            text = "\n".join(fill_lines(text, QtGui.QFontMetricsF(font), area.width()))
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        QtWidgets.QLabel.resizeEvent(self, event)
        self._fit()


def plain_label(text: str = "") -> QtWidgets.QLabel:
    """A QLabel that shows its text as it is. A bare QLabel guesses (Qt.AutoText) and renders anything that looks
    like HTML, so an `<img src=…>` in a translator's comment or an officer note would load a local file: every label
    in the app is made here, and never guesses."""
    widget = QtWidgets.QLabel()
    set_enum(widget, "textFormat", "PlainText")
    widget.setText(text)
    return widget


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt guesses whether a tooltip is rich text, so content is escaped."""
    return QtGui.Qt.convertFromPlainText(text) if text else ""


def tell(parent: QtWidgets.QWidget | None, text: str, critical: bool = False) -> None:
    """A modal message box whose text is shown as it is (QMessageBox, like QLabel, guesses rich text)."""
    icon = QtWidgets.QMessageBox.Icon.Critical if critical else QtWidgets.QMessageBox.Icon.Warning
    box = QtWidgets.QMessageBox(icon, "VITA", "", QtWidgets.QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


def label(
    text: str, typography: Typography, role: str = "body", bold: bool = False, name: str = ""
) -> QtWidgets.QLabel:
    widget = plain_label(text)
    widget.setWordWrap(True)
    widget.setProperty("role", role)
    widget.setAccessibleName(name or text)
    typography.apply(widget, "title" if role == "title" else "small" if role == "small" else "body", bold=bold)
    return widget


def line_edit(typography: Typography, name: str, placeholder: str = "") -> QtWidgets.QLineEdit:
    edit = QtWidgets.QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    typography.apply(edit)
    return edit


def refresh_style(widget: QtWidgets.QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector changed."""
    font = widget.font()  # unpolishing puts back the font from before the last polish: keep ours
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.setFont(font)
