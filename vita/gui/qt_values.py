"""Qt's enum values for the code that builds the first window, without Python's enums of Qt's namespace.

PySide builds the whole of `QtCore.Qt` (93 Python enums, 1,195 members) at the first use of any of its values,
with Python's `enum` module: 15–25 ms here, a sixth of what VITA adds to a bare window's start. The first
window (the unlock screen, the frame around it, the hidden panel) needs only a handful of those values, so it
sets them through Qt's property system, by the name Qt gives them (`set_enum(label, "textFormat",
"PlainText")`), or as the plain numbers a few Qt functions take; `launch` builds the namespace once the window
is on screen (`build_namespace`). tests/gui/test_startup.py checks that nothing builds it before, and that
each number here is the value Qt's enum has.
"""

from __future__ import annotations

from PySide6 import QtCore

TEXT_SHOW_MNEMONIC = 0x0800  # Qt.TextFlag.TextShowMnemonic: QFontMetrics.size takes the flags as an int


def set_enum(target: QtCore.QObject, name: str, key: str) -> None:
    """Set the enum or flags property `name` of `target` to Qt's `key` ("PlainText", "AlignRight|AlignVCenter").
    Raises ValueError for a property or key Qt does not have (Qt itself would ignore it), and for anything but
    one key of an enum or keys of flags by their bare names: Qt would also take a number, a scoped name, or
    keys of an enum OR-ed into another of its values ("PlainText|RichText" is RichText)."""
    meta = target.metaObject()
    index = meta.indexOfProperty(name)
    prop = meta.property(index) if index >= 0 else None
    if prop is None or not prop.isEnumType() or not _names_keys(prop.enumerator(), key):
        raise ValueError(f"{meta.className()} has no enum property {name!r} with the key {key!r}")
    if not target.setProperty(name, key):
        raise ValueError(f"{meta.className()} refused {key!r} for {name!r}")


def _names_keys(enum: QtCore.QMetaEnum, key: str) -> bool:
    """Whether `key` is one key of the enum by its bare name (or, for flags, such keys joined by "|")."""
    parts = key.split("|")
    known = {enum.key(i) for i in range(enum.keyCount())}
    return (len(parts) == 1 or enum.isFlag()) and all(part in known for part in parts)


def set_direction(target: QtCore.QObject, is_rtl: bool) -> None:
    """Lay `target` (a widget, or the application) out for a language written right to left or not: the one way
    the app sets a layout direction."""
    set_enum(target, "layoutDirection", "RightToLeft" if is_rtl else "LeftToRight")


def build_namespace() -> None:
    """Build Python's enums of Qt's namespace now (see the module's docstring): once the window is on screen,
    before the officer's first key, which would otherwise wait for it."""
    QtCore.Qt.TextFormat  # noqa: B018  (the first use of any value of the namespace builds all of it)
