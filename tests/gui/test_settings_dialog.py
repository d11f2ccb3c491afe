"""The settings dialog checks values with the core's schema: a wrong one is refused in words, nothing is saved."""

from __future__ import annotations

from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from vita.store.settings import Settings

from vita.gui.settings_dialog import SettingsDialog

from tests.gui.conftest import unlock_new_store


def test_a_wrong_retention_is_refused_in_words_and_no_setting_is_saved(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    unlock_new_store(window, keyboard(window), qtbot)
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    autoplay = dialog.editors["autoplay"]
    assert isinstance(autoplay, QtWidgets.QCheckBox)
    autoplay.setChecked(False)
    retention = dialog.editors["retention_days"]
    assert isinstance(retention, QtWidgets.QLineEdit)
    retention.setText("three months")
    dialog.save()
    assert dialog.problem.isVisibleTo(dialog)
    assert "'three months' is not a whole number" in dialog.problem.text()
    stored = Settings(window.context.unlocked)
    assert stored.get("retention_days") == 90 and stored.get("autoplay") is True
    retention.setText("30")
    dialog.save()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert stored.get("retention_days") == 30 and stored.get("autoplay") is False
