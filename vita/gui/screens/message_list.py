"""The interview's table of contents: groups and their messages in order, each with its answer so far.
Clicking a message goes to it; the keys move through the interview, so the list never takes the focus."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Group, Message
from vita.content.officer import OfficerText
from vita.interview.controller import InterviewController, PlanEntry
from vita.interview.model import Plays
from vita.interview.plan import CHILD_REASSURANCE, OPENING

from vita.gui.symbols import SHORT_LABELS
from vita.gui.typography import Typography
from vita.gui.widgets import plain_tooltip

POSITION = QtCore.Qt.ItemDataRole.UserRole + 1


class MessageList(QtWidgets.QListWidget):
    jump = QtCore.Signal(int)  # position in the plan

    def __init__(self, typography: Typography, tr: OfficerText) -> None:
        super().__init__()
        self._tr = tr
        self.setAccessibleName(tr("Messages of the interview"))
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        typography.apply(self, "small")
        self._header_font = typography.font("small", bold=True)
        self._items: list[QtWidgets.QListWidgetItem] = []
        self._texts: list[str] = []
        self._plan: tuple[Message, ...] = ()
        self.itemClicked.connect(self._clicked)

    @property
    def plan(self) -> tuple[Message, ...]:
        """The messages listed, in order: the screen refills the list when the controller's plan differs."""
        return self._plan

    def fill(self, entries: Sequence[PlanEntry], groups: Sequence[Group], officer_text: Callable[[str], str]) -> None:
        plan = [entry.message for entry in entries]
        self.clear()
        self._items = []
        self._texts = []
        self._plan = tuple(plan)
        names = {g.id: self._tr.content("group", g.id, g.name) for g in groups}
        group = None
        for position, message in enumerate(plan):
            # A child's reassurance is said within the opening, so it is listed there.
            shown_in = OPENING if message.id == CHILD_REASSURANCE else message.group
            if shown_in != group:
                group = shown_in
                header = QtWidgets.QListWidgetItem(names.get(group, group).upper())
                header.setFont(self._header_font)
                header.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
                header.setForeground(QtGui.QColor("#20354d"))
                self.addItem(header)
            text = officer_text(message.id)
            item = QtWidgets.QListWidgetItem(text)
            item.setData(POSITION, position)
            item.setToolTip(plain_tooltip(text))
            self.addItem(item)
            self._items.append(item)
            self._texts.append(text)

    def show_state(self, controller: InterviewController) -> None:
        """Mark each message with its current answer (or that it was played, is pending or skipped, or was answered
        before a correction made it irrelevant), and select the current one."""
        tr = self._tr
        position, state = controller.position, controller.state
        entries = controller.entries
        for index, (item, entry, text) in enumerate(zip(self._items, entries, self._texts, strict=True)):
            message = entry.message
            answer = state.answer(message.id)
            why = controller.describe(entry, tr)
            if controller.answered_before_correction(entry):
                assert answer is not None
                mark = tr("{answer}, asked before the correction", answer=tr(SHORT_LABELS[answer]))
            elif entry.pending and answer is None:
                mark = tr("pending")
            elif entry.skipped and answer is None:
                mark = tr("skipped")
            elif answer is not None:
                mark = tr(SHORT_LABELS[answer])
            elif message.id in state.plays:
                mark = play_mark(state.plays[message.id], message.is_question, tr)
            else:
                mark = "·"
            item.setText(f"{mark} — {text}" if mark != "·" else f"   {text}")
            item.setToolTip(plain_tooltip(f"{text}\n{why}" if why else text))  # content is never markup
            item.setData(QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{text}: {mark if mark != '·' else tr('not yet')}")
            font = item.font()
            font.setBold(index == position)
            item.setFont(font)
        if 0 <= position < len(self._items):
            self.setCurrentItem(self._items[position])
            self.scrollToItem(self._items[position], QtWidgets.QAbstractItemView.ScrollHint.EnsureVisible)

    def _clicked(self, item: QtWidgets.QListWidgetItem) -> None:
        position = item.data(POSITION)
        if position is not None:
            self.jump.emit(int(position))


def play_mark(plays: Plays, is_question: bool, tr: OfficerText) -> str:
    """What happened to a message not answered: shown as text (no clip), heard to the end, stopped early, or
    only started; for a question, that it was asked."""
    if not plays.times:
        return tr("shown") if plays.shown else "·"
    if is_question:
        return tr("asked")
    if plays.heard:
        return tr("heard")
    if plays.stopped:
        return tr("stopped early")
    return tr("played")
