"""The interview's list of messages stays in step with the plan: after "this person may be a child" and child
mode, it lists the new plan with the message on screen highlighted, and clicking a row goes there. Skipped and
pending messages are explained in words, and answers a correction made irrelevant are marked."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from pytestqt.qtbot import QtBot

from vita.interview import plan as plans

from vita.gui.screens.message_list import POSITION

from tests.gui.conftest import start_interview

Key = QtCore.Qt.Key


def rows(window) -> dict[str, QtWidgets.QListWidgetItem]:
    """Each listed message's row, by message id."""
    screen = window.interview
    items = (screen.messages.item(i) for i in range(screen.messages.count()))
    return {screen.plan[item.data(POSITION)].id: item for item in items if item.data(POSITION) is not None}


def highlighted(window) -> str:
    item = window.interview.messages.currentItem()
    return window.interview.plan[item.data(POSITION)].id


def go_to(window, message_id: str) -> None:
    screen = window.interview
    screen.messages.itemClicked.emit(rows(window)[message_id])
    assert screen.current.id == message_id


def test_the_list_follows_the_plan_after_may_be_a_child_and_child_mode(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    screen = window.interview
    assert plans.AGE_QUESTION not in rows(window)  # an adult's plan has no age question
    keys.press(Key.Key_Right, Key.Key_Right)
    keys.press(Key.Key_A)
    assert screen.current.id == plans.AGE_QUESTION
    assert list(rows(window)) == [m.id for m in screen.plan] and highlighted(window) == plans.AGE_QUESTION
    keys.press(Key.Key_Y)  # child mode: the plan changes again
    assert screen.current.id == plans.CHILD_REASSURANCE
    assert list(rows(window)) == [m.id for m in screen.plan] and highlighted(window) == plans.CHILD_REASSURANCE
    assert rows(window)[plans.AGE_QUESTION].text().startswith("Yes")
    go_to(window, "children.alone")  # clicking a row goes to that message
    assert highlighted(window) == "children.alone"


def test_skipped_and_pending_messages_are_explained_in_words_and_old_answers_marked(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    screen = window.interview
    branch = rows(window)["control.work_off_debt"]
    assert branch.text().startswith("pending") and "Not yet relevant" in tooltip_words(branch)
    go_to(window, "control.debt")
    keys.press(Key.Key_Y)
    assert screen.current.id == "control.work_off_debt"
    keys.press(Key.Key_Y)
    go_to(window, "control.debt")
    keys.press(Key.Key_N)  # a correction: the branch closes, and the answer given in it counts for nothing
    branch = rows(window)["control.work_off_debt"]
    assert "asked before the correction" in branch.text()
    assert "control.debt=" not in tooltip_words(branch) and '"No"' in tooltip_words(branch)
    go_to(window, "control.work_off_debt")
    note = screen.officer_note.text()
    assert "control.debt=no" not in note and "Not asked: not relevant after the answer" in note
    progress = screen.progress_text.text()
    assert "questions answered" in progress


def tooltip_words(item: QtWidgets.QListWidgetItem) -> str:
    """The tooltip as the officer reads it: it is escaped rich text (content is never markup), so that the
    line breaks it keeps are its own; read back as plain words."""
    document = QtGui.QTextDocument()
    document.setHtml(item.toolTip())
    return document.toPlainText().replace("\xa0", " ")
