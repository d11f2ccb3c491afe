"""Choosing the officer's interface language: the chooser shown at first start and in the settings, and the
one function that applies a choice (kept in the plaintext preferences file, so the unlock screen speaks it)."""

from __future__ import annotations

from PySide6 import QtWidgets

from vita.content.officer import load_officer_text, native_name, officer_languages
from vita.preferences import load_preferences, save_preferences

from vita.gui.context import AppContext
from vita.gui.qt_values import set_direction


class LanguageChooser(QtWidgets.QComboBox):
    """Every interface language by its own name, the current one selected.

    The names in other scripts are needed only when the list opens: their fonts are registered then."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName(context.tr("Interface language"))
        self.view().setAccessibleName(context.tr("Interface language"))  # the list, for a screen reader
        root = context.paths.content_root
        for code in officer_languages(root):
            self.addItem(native_name(root, code), code)
        self.setCurrentIndex(max(0, self.findData(context.tr.language)))
        context.typography.cover([self.currentText()])
        context.typography.apply(self)

    def showPopup(self) -> None:
        typography = self.context.typography
        typography.cover([self.itemText(index) for index in range(self.count())])  # each in its own script
        typography.apply(self)  # a font made now falls back on the fonts just registered
        super().showPopup()


def apply_interface_language(context: AppContext, code: str) -> str | None:
    """Use `code` for the interface from now on and remember it. Returns a problem in words, or None."""
    context.tr = load_officer_text(context.paths.content_root, code)
    app = QtWidgets.QApplication.instance()
    assert app is not None, "the interface language is chosen in a running app"
    set_direction(app, context.tr.is_rtl)
    try:
        save_preferences(context.paths.data_dir, load_preferences(context.paths.data_dir).with_language(code))
    except OSError as error:
        return context.tr("The language could not be remembered for the next start: {reason}", reason=str(error))
    return None
