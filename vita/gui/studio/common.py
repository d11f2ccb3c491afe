"""What the studio's screens share: the list of a language's texts, the English source beside the translation,
and the words for a text's state and for a take's warnings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Language
from vita.content.officer import N_, OfficerText

from vita.gui.typography import Typography
from vita.gui.widgets import FittingLabel, KeyButton, label, plain_tooltip

if TYPE_CHECKING:
    from vita.studio.model import Progress, StudioItem
    from vita.studio.takes import TakeWarning

INDEX = QtCore.Qt.ItemDataRole.UserRole + 1

STATUS_WORDS = {
    "recorded": N_("recorded"),
    "synthetic": N_("synthetic voice"),
    "missing": N_("no voice"),
}

# The core's words for a text's form (StudioItem.form_label), marked here for the officer's template.
FORM_WORDS = (N_("neutral"), N_("female"), N_("male"), N_("child"), N_("child, female"), N_("child, male"))

# What the speaker and the coordinator do about each warning (the core's `detail` says what was measured).
WARNING_WORDS = {
    "clipping": N_("Too loud: the take is clipped. Move a little back from the microphone, then retake."),
    "too_quiet": N_("Too quiet. Move closer to the microphone or speak up, then retake."),
    "noisy": N_("Background noise. Close the door or switch off the fan, then retake."),
    "too_long": N_("Much longer than the text suggests: a pause or an extra word? Listen, then keep or retake."),
    "too_short": N_("Much shorter than the text suggests: a word missing? Listen, then keep or retake."),
    "no_speech": N_("No speech was heard. Check the microphone and the input chosen, then retake."),
}


def language_name(language: Language) -> str:
    """A language as the studio names it: in English, then in its own words."""
    return f"{language.english_name} ({language.native_name})"


def status_words(item: StudioItem, tr: OfficerText) -> str:
    return tr(STATUS_WORDS.get(item.status, item.status))


def progress_words(progress: Progress, tr: OfficerText) -> str:
    return tr(
        "{recorded} of {total} recorded · {synthetic} synthetic · {missing} without a voice",
        recorded=progress.recorded,
        total=progress.total,
        synthetic=len(progress.synthetic),
        missing=len(progress.missing),
    )


def warning_words(warning: TakeWarning, tr: OfficerText) -> str:
    """What to do, in the officer's language (the core's English detail, with its measurement, is the tooltip)."""
    advice = WARNING_WORDS.get(warning.kind)
    return tr(advice) if advice else warning.detail


class ItemList(QtWidgets.QListWidget):
    """Every text of the language, one line each. Clicking one goes to it; the keys move through the list, so it
    never takes the focus."""

    jump = QtCore.Signal(int)  # index in the session's items

    def __init__(self, typography: Typography, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        typography.apply(self, "small")
        self.itemClicked.connect(lambda item: self.jump.emit(int(item.data(INDEX))))

    def fill(self, items: Sequence[StudioItem], describe: Callable[[StudioItem], str]) -> None:
        self.clear()
        for index, item in enumerate(items):
            row = QtWidgets.QListWidgetItem(describe(item))
            row.setData(INDEX, index)
            row.setToolTip(plain_tooltip(item.source_text))
            self.addItem(row)

    def update_row(self, index: int, text: str) -> None:
        row = self.item(index)
        if row is not None:
            row.setText(text)

    def show_current(self, index: int) -> None:
        if 0 <= index < self.count():
            self.setCurrentRow(index)
            self.scrollToItem(self.item(index), QtWidgets.QAbstractItemView.ScrollHint.PositionAtCenter)


class TextPair(QtWidgets.QWidget):
    """The English source, large, and the translation beside it in the language's font and direction."""

    def __init__(self, typography: Typography, tr: OfficerText) -> None:
        super().__init__()
        t = typography
        self.source_caption = label(tr("English source"), t, "muted")
        self.translation_caption = label("", t, "muted", name=tr("Translation"))
        self.source = FittingLabel(t, "message", tr("The English source"), largest=2.6)
        self.translation = FittingLabel(t, "message", tr("The translation"), largest=2.6)
        layout = QtWidgets.QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        layout.addWidget(self.source_caption, 0, 0)
        layout.addWidget(self.translation_caption, 0, 1)
        layout.addWidget(self.source, 1, 0)
        layout.addWidget(self.translation, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(1, 1)

    def show_item(self, item: StudioItem, language: Language, form_words: str) -> None:
        self.source.show_text(item.source_text, "Latn", False)
        self.translation_caption.setText(f"{language_name(language)} · {form_words}")
        self.translation.show_text(item.text, language.script, language.is_rtl)


def sitting_column(
    above: Sequence[QtWidgets.QWidget],
    items: ItemList,
    previous: QtGui.QAction,
    following: QtGui.QAction,
    back: QtGui.QAction,
    typography: Typography,
) -> QtWidgets.QVBoxLayout:
    """The left column of a sitting (recording or review): who and how far, the list of texts, and the keys that
    move through it, beside the list they move through (the right column keeps its room)."""
    column = QtWidgets.QVBoxLayout()
    for widget in above:
        column.addWidget(widget)
    column.addWidget(items, 1)
    moves = QtWidgets.QHBoxLayout()
    moves.addWidget(KeyButton(previous, typography, two_lines=True))
    moves.addWidget(KeyButton(following, typography, two_lines=True))
    column.addLayout(moves)
    column.addWidget(KeyButton(back, typography))
    return column


def key_row(actions: Sequence[QtGui.QAction], typography: Typography) -> QtWidgets.QHBoxLayout:
    """A screen's row of key buttons, the first one primary (what Enter does)."""
    row = QtWidgets.QHBoxLayout()
    for index, action in enumerate(actions):
        row.addWidget(KeyButton(action, typography, primary=index == 0))
    return row


def titled_page(page: QtWidgets.QWidget, title: str, intro: str, typography: Typography) -> QtWidgets.QVBoxLayout:
    """The column of a studio page that lists languages (the studio's first page, export): its title and what it
    is for; the caller adds the rest."""
    layout = QtWidgets.QVBoxLayout(page)
    layout.setContentsMargins(24, 10, 24, 10)
    layout.setSpacing(10)
    layout.addWidget(label(title, typography, "title", bold=True))
    layout.addWidget(label(intro, typography, "muted"))
    return layout


def form_page(
    page: QtWidgets.QWidget,
    heading: QtWidgets.QWidget,
    intro: QtWidgets.QWidget,
    form: QtWidgets.QLayout,
    problem: QtWidgets.QWidget,
    buttons: QtWidgets.QLayout,
) -> None:
    """Lay out a page that asks who takes part (speaker, reviewer): heading, what happens, the form, what is
    wrong with it, and the keys."""
    layout = QtWidgets.QVBoxLayout(page)
    layout.setContentsMargins(24, 14, 24, 14)
    layout.setSpacing(14)
    layout.addWidget(heading)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(problem)
    layout.addLayout(buttons)
    layout.addStretch(1)
