"""The settings dialog, made from the declared settings: one editor per setting, by its type."""

from __future__ import annotations

from typing import Any

from PySide6 import QtWidgets

from vita.errors_text import explain
from vita.store import StoreError
from vita.store.settings import SETTINGS, Setting, SettingError, validate

from vita.gui.context import AppContext
from vita.gui.interface_language import LanguageChooser, apply_interface_language
from vita.gui.widgets import KeyButton, key_action, label

HIDDEN = {"last_officer", "last_place"}  # remembered, not chosen


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, context: AppContext, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        tr = context.tr
        self.setWindowTitle(tr("VITA settings"))
        self.setAccessibleName(tr("Settings"))
        t = context.typography
        self.editors: dict[str, QtWidgets.QWidget] = {}
        self.language_changed = False
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(10)
        # The interface language is a preference kept outside the store (the unlock screen needs it).
        self.interface_language = LanguageChooser(context)
        form.addRow(label(tr("Language of the interface:"), t), self.interface_language)
        settings = context.settings
        for setting in SETTINGS:
            if setting.key in HIDDEN:
                continue
            editor = self._editor(setting, settings.get(setting.key))
            editor.setAccessibleName(tr(setting.label))
            editor.setToolTip(tr(setting.help) if setting.help else "")
            t.apply(editor)
            self.editors[setting.key] = editor
            form.addRow(label(tr(setting.label) + ":", t), editor)
        self.problem = label("", t, "error", name=tr("Problem"))
        self.problem.setVisible(False)
        save = key_action(self, tr("Save"), "Return", self.save, "Enter")
        cancel = key_action(self, tr("Cancel"), "Esc", self.reject)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(KeyButton(cancel, t))
        buttons.addStretch(1)
        buttons.addWidget(KeyButton(save, t, primary=True))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    def _editor(self, setting: Setting, value: Any) -> QtWidgets.QWidget:
        if setting.key == "output_device":
            combo = QtWidgets.QComboBox()
            combo.addItem(self.context.tr("The system's default"), "")
            player = self.context.audio.player
            for device in player.devices() if player is not None else []:
                combo.addItem(device.name, str(device.name))
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.kind is bool:
            box = QtWidgets.QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.kind is float:
            spin = QtWidgets.QDoubleSpinBox()
            spin.setRange(0.0, 1.0 if setting.key == "volume" else 120.0)
            spin.setSingleStep(0.1 if setting.key == "volume" else 0.5)
            spin.setValue(float(value))
            return spin
        edit = QtWidgets.QLineEdit(str(value))
        return edit

    def value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QtWidgets.QComboBox):
            return editor.currentData()
        if isinstance(editor, QtWidgets.QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QtWidgets.QDoubleSpinBox):
            return editor.value()
        assert isinstance(editor, QtWidgets.QLineEdit)
        return editor.text().strip()

    def save(self) -> None:
        """Check every value first, so a wrong one is refused with nothing saved; then save them all."""
        settings = self.context.settings
        try:
            values = {key: validate(key, self.value(key)) for key in self.editors}
            for key, value in values.items():
                settings.set(key, value)
        except (StoreError, SettingError) as error:
            self.problem.setText(explain(error, self.context.tr))
            self.problem.setVisible(True)
            return
        self.language_changed = str(self.interface_language.currentData()) != self.context.tr.language
        if self.language_changed:
            problem = apply_interface_language(self.context, str(self.interface_language.currentData()))
            if problem:
                self.problem.setText(problem)
                self.problem.setVisible(True)
                return
        self.accept()


def apply_output_settings(context: AppContext) -> None:
    """Use the chosen sound output and volume (called at unlock and after the settings change)."""
    player = context.audio.player
    if player is None:
        return
    settings = context.settings
    player.set_volume(float(settings.get("volume")))
    wanted = str(settings.get("output_device"))
    if wanted and (player.device is None or player.device.name != wanted):
        match = next((d for d in player.devices() if d.name == wanted), None)
        if match is not None:
            player.set_device(match)
