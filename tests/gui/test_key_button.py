"""A key button follows its action's visibility, also when the action changes before the button is placed (a
button not yet placed is never shown on its own, which would make it a window of its own)."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets
from pytestqt.qtbot import QtBot

from vita.gui.widgets import KeyButton


def test_a_button_whose_action_is_shown_again_before_it_is_placed_is_shown_with_its_page(
    make_window, qtbot: QtBot
) -> None:
    window = make_window()
    page = QtWidgets.QWidget()
    qtbot.addWidget(page)
    action = QtGui.QAction("Open", page)
    action.setData("O")
    action.setVisible(False)
    button = KeyButton(action, window.context.typography)  # made while its action is hidden
    action.setVisible(True)  # and shown again before the button is placed
    assert not button.isVisible()  # not a window of its own meanwhile
    QtWidgets.QVBoxLayout(page).addWidget(button)
    page.show()
    qtbot.waitExposed(page)
    assert button.isVisible()
    action.setVisible(False)
    assert not button.isVisible()
    action.setVisible(True)
    assert button.isVisible()
