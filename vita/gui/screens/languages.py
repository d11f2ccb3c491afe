"""Find the person's language: a searchable grid that names each language in its own script, with the English
name under it — never a flag, since a flag names a country, not a language. Text-only languages are marked;
languages whose translation is incomplete are listed greyed, with the reason, and cannot be chosen."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Content, Language
from vita.content.officer import OfficerText

from vita.gui.context import AppContext
from vita.gui.typography import Typography
from vita.gui.widgets import KeyButton, key_action, label, line_edit

if TYPE_CHECKING:  # the clip library's module loads with the library, after the window is on screen
    from vita.audio.cache import ClipLibrary

CODE = QtCore.Qt.ItemDataRole.UserRole + 1
TEXT_ONLY = QtCore.Qt.ItemDataRole.UserRole + 2
SEARCH_KEYS = QtCore.Qt.ItemDataRole.UserRole + 3
SCRIPT = QtCore.Qt.ItemDataRole.UserRole + 4
ENGLISH = QtCore.Qt.ItemDataRole.UserRole + 5
RTL = QtCore.Qt.ItemDataRole.UserRole + 6
INCOMPLETE = QtCore.Qt.ItemDataRole.UserRole + 7  # why a language is listed but not offered, or None


def folded(text: str) -> str:
    """Lower case without accents, so that 'francais' finds 'Français'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_keys(language: Language) -> str:
    """What a typed query is looked for in: the English name, the native name and the code, folded."""
    return "\n".join(folded(name) for name in (language.english_name, language.native_name, language.code))


def name_band(typography: Typography) -> int:
    """The height kept for a native name in a tile: room for tall scripts, the same for every tile."""
    return int(QtGui.QFontMetrics(typography.font("native-name")).height() * 1.35)


class LanguageTile(QtWidgets.QStyledItemDelegate):
    """Paints one language: the native name large in its own script, the English name under it."""

    def __init__(self, typography: Typography, size: QtCore.QSize, tr: OfficerText, view: QtWidgets.QWidget) -> None:
        super().__init__(view)  # the view's: deleted with it, never left to Python's collector
        self.typography = typography
        self.size = size
        self._incomplete_tag = tr("incomplete — not available")
        self._text_only_tag = tr("text only — no voice")

    def sizeHint(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex
    ) -> QtCore.QSize:
        return self.size

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
    ) -> None:
        painter.save()
        rect = QtCore.QRect(option.rect).adjusted(4, 4, -4, -4)
        incomplete = index.data(INCOMPLETE)
        selected = bool(option.state & QtWidgets.QStyle.StateFlag.State_Selected) and not incomplete
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(QtGui.QPen(QtGui.QColor("#123e70" if selected else "#9c998f"), 3 if selected else 1.5))
        painter.setBrush(QtGui.QColor("#1f5fa8" if selected else "#e4e2dc" if incomplete else "#ffffff"))
        painter.drawRoundedRect(rect, 8, 8)
        ink = QtGui.QColor("#ffffff" if selected else "#6b6b6b" if incomplete else "#151515")
        muted = QtGui.QColor("#e8eef5" if selected else "#4a4a4a")
        native_font = self.typography.font("native-name", str(index.data(SCRIPT)))
        name = str(index.data(QtCore.Qt.ItemDataRole.DisplayRole))
        room = rect.width() - 16
        while QtGui.QFontMetrics(native_font).horizontalAdvance(name) > room and native_font.pointSizeF() > 8:
            native_font.setPointSizeF(native_font.pointSizeF() * 0.92)  # a long name gets smaller, never cut
        small = self.typography.font("small")
        band = name_band(self.typography)
        native_rect = QtCore.QRect(rect.left() + 6, rect.top() + 6, rect.width() - 12, band)
        while QtGui.QFontMetrics(native_font).tightBoundingRect(name).height() > band and native_font.pointSizeF() > 8:
            native_font.setPointSizeF(native_font.pointSizeF() * 0.92)
        small_height = QtGui.QFontMetrics(small).height()
        option_rtl = QtGui.QTextOption(QtCore.Qt.AlignmentFlag.AlignCenter)
        option_rtl.setTextDirection(
            QtCore.Qt.LayoutDirection.RightToLeft if index.data(RTL) else QtCore.Qt.LayoutDirection.LeftToRight
        )
        option_rtl.setWrapMode(QtGui.QTextOption.WrapMode.NoWrap)
        painter.setFont(native_font)
        painter.setPen(ink)
        painter.drawText(QtCore.QRectF(native_rect), name, option_rtl)
        painter.setFont(small)
        painter.setPen(muted)
        english_rect = QtCore.QRect(rect.left() + 6, native_rect.bottom() + 2, rect.width() - 12, small_height)
        painter.drawText(english_rect, int(QtCore.Qt.AlignmentFlag.AlignCenter), str(index.data(ENGLISH)))
        tag = self._incomplete_tag if incomplete else self._text_only_tag if index.data(TEXT_ONLY) else ""
        if tag:
            tag_rect = QtCore.QRect(rect.left() + 6, english_rect.bottom() + 1, rect.width() - 12, small_height)
            painter.drawText(tag_rect, int(QtCore.Qt.AlignmentFlag.AlignCenter), tag)
        painter.restore()


class LanguageScreen(QtWidgets.QWidget):
    chosen = QtCore.Signal(str)
    finder_requested = QtCore.Signal()
    back = QtCore.Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("Choose the person's language"))
        t = context.typography
        self.search = line_edit(t, tr("Find a language"), tr("Type a few letters of the language's name…"))
        self.model = QtGui.QStandardItemModel(self)
        self.proxy = QtCore.QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_KEYS)
        self._listed: tuple[Content, ClipLibrary | None] | None = None  # what the rows were made from
        metrics = QtGui.QFontMetrics(t.font("native-name"))
        tile = QtCore.QSize(
            max(190, metrics.averageCharWidth() * 12),
            name_band(t) + 2 * QtGui.QFontMetrics(t.font("small")).height() + 20,
        )
        self.grid = QtWidgets.QListView()
        self.grid.setAccessibleName(tr("Languages"))
        self.grid.setViewMode(QtWidgets.QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)
        self.grid.setMovement(QtWidgets.QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setSpacing(4)
        self.grid.setGridSize(tile + QtCore.QSize(8, 8))
        self.grid.setItemDelegate(LanguageTile(t, tile, tr, self.grid))
        self.grid.setModel(self.proxy)
        self.grid.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.activated.connect(self._choose)
        self.grid.clicked.connect(self._choose)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.grid.installEventFilter(self)

        self.choose_action = key_action(self, tr("Choose this language"), "Return", self.choose_current, "Enter")
        self.finder_action = key_action(
            self, "Language finder: play one language after another", "F2", self.finder_requested.emit
        )
        self.back_action = key_action(self, tr("Back"), "Esc", self.back.emit)
        self.none_found = label(
            tr("No language matches. Try the English name, or use the language finder."), t, "notice"
        )
        self.none_found.setVisible(False)

        header = QtWidgets.QHBoxLayout()
        header.addWidget(label(tr("Which language does the person speak?"), t, "title", bold=True), 1)
        header.addWidget(KeyButton(self.finder_action, t, primary=True))
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(KeyButton(self.back_action, t))
        buttons.addStretch(1)
        hint = label(tr("The arrow keys move in the grid"), t, "muted")
        hint.setWordWrap(False)
        buttons.addWidget(hint)
        buttons.addWidget(KeyButton(self.choose_action, t, primary=True))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.addLayout(header)
        layout.addWidget(self.search)
        layout.addWidget(self.none_found)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        self.follow_content()

    def follow_content(self) -> None:
        """List the languages of the content and clips the app holds now. Both are read again while the app runs
        (leaving the studio, installing a pack), and may then bring a language or a voice: the rows are made again
        only when they were made from something else."""
        listed = (self.context.content, self.context.audio.library)
        if self._listed is not None and all(now is then for now, then in zip(listed, self._listed, strict=True)):
            return
        self._listed = listed
        tr = self.context.tr
        self.model.removeRows(0, self.model.rowCount())
        for language in self.context.content.languages:
            item = QtGui.QStandardItem(language.native_name)
            text_only = not self.context.audio.has_audio(language.code)
            item.setData(language.code, CODE)
            item.setData(search_keys(language), SEARCH_KEYS)
            item.setData(language.script, SCRIPT)
            item.setData(language.english_name, ENGLISH)
            item.setData(language.is_rtl, RTL)
            item.setData(text_only, TEXT_ONLY)
            spoken = tr("text only, no voice") if text_only else tr("with voice")
            item.setData(
                f"{language.english_name} — {language.native_name} ({spoken})",
                QtCore.Qt.ItemDataRole.AccessibleTextRole,
            )
            item.setEditable(False)
            self.model.appendRow(item)
        for incomplete in self.context.content.incomplete:
            language = incomplete.language
            count = len(incomplete.missing)
            reason = (
                tr("incomplete: 1 message not yet translated")
                if count == 1
                else tr("incomplete: {count} messages not yet translated", count=count)
            )
            item = QtGui.QStandardItem(language.native_name)
            for role, value in ((CODE, language.code), (SEARCH_KEYS, search_keys(language)), (SCRIPT, language.script),
                                (ENGLISH, language.english_name), (RTL, language.is_rtl),
                                (INCOMPLETE, reason)):  # fmt: skip
                item.setData(value, role)
            item.setToolTip(
                tr(
                    "{language}: {reason}. vita content check names what is missing.",
                    language=language.english_name,
                    reason=reason,
                )
            )
            item.setData(
                f"{language.english_name} — {language.native_name} ({tr('not available: {reason}', reason=reason)})",
                QtCore.Qt.ItemDataRole.AccessibleTextRole,
            )
            item.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)  # greyed: it cannot be chosen
            self.model.appendRow(item)
        if self.proxy.rowCount() and not self.grid.currentIndex().isValid():
            self.grid.setCurrentIndex(self.proxy.index(0, 0))
        self.none_found.setVisible(self.proxy.rowCount() == 0)

    def prepare(self) -> None:
        self.follow_content()
        self.search.clear()
        self.grid.setCurrentIndex(self.proxy.index(0, 0))
        self.search.setFocus()

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.search

    def visible_codes(self) -> list[str]:
        """The languages shown that can be chosen (the finder plays these)."""
        rows = (self.proxy.index(row, 0) for row in range(self.proxy.rowCount()))
        return [str(index.data(CODE)) for index in rows if not index.data(INCOMPLETE)]

    def _choose(self, index: QtCore.QModelIndex) -> None:
        if index.isValid() and not index.data(INCOMPLETE):
            self.chosen.emit(str(index.data(CODE)))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(folded(text.strip()))
        self.none_found.setVisible(self.proxy.rowCount() == 0)
        if self.proxy.rowCount():
            self.grid.setCurrentIndex(self.proxy.index(0, 0))

    def choose_current(self) -> None:
        index = self.grid.currentIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        self._choose(index)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """Down in the search box moves into the grid; typing in the grid goes on into the search box."""
        if event.type() != QtCore.QEvent.Type.KeyPress or not isinstance(event, QtGui.QKeyEvent):
            return False
        if watched is self.search and event.key() in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_PageDown):
            self.grid.setFocus()
            if not self.grid.currentIndex().isValid() and self.proxy.rowCount():
                self.grid.setCurrentIndex(self.proxy.index(0, 0))
            return True
        if watched is self.grid and event.text() and event.text().isprintable() and not event.text().isspace():
            self.search.setFocus()
            self.search.insert(event.text())
            return True
        if watched is self.grid and event.key() == QtCore.Qt.Key.Key_Backspace:
            self.search.setFocus()
            self.search.backspace()
            return True
        return False
