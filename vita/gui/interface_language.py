"""Choosing the officer's interface language: the chooser shown at first start and in the settings, and the
one function that applies a choice (kept in the plaintext preferences file, so the unlock screen speaks it)."""

from __future__ import annotations

from PySide6 import QtWidgets

from vita.content.officer import load_officer_text, native_name, officer_languages
from vita.preferences import load_preferences, save_preferences

from vita.gui.context import AppContext
from vita.gui.typography import text_direction


def language_chooser(context: AppContext) -> QtWidgets.QComboBox:
    """Every interface language by its own name, the current one selected."""
    combo = QtWidgets.QComboBox()
    combo.setAccessibleName(context.tr("Interface language"))
    combo.view().setAccessibleName(context.tr("Interface language"))
    root = context.paths.content_root
    names = {code: native_name(root, code) for code in officer_languages(root)}
    context.typography.cover(names.values())  # each name is written in its own script
    for code, name in names.items():
        combo.addItem(name, code)
    combo.setCurrentIndex(max(0, combo.findData(context.tr.language)))
    context.typography.apply(combo)
    return combo


def apply_interface_language(context: AppContext, code: str) -> str | None:
    """Use `code` for the interface from now on and remember it. Returns a problem in words, or None."""
    context.tr = load_officer_text(context.paths.content_root, code)
    QtWidgets.QApplication.setLayoutDirection(text_direction(context.tr.is_rtl))
    try:
        save_preferences(context.paths.data_dir, load_preferences(context.paths.data_dir).with_language(code))
    except OSError as error:
        return context.tr("The language could not be remembered for the next start: {reason}", reason=str(error))
    return None
