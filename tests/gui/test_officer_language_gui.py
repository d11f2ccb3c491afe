"""The officer's interface language in the window: chosen at first start (so the unlock screen speaks it from
then on), kept in the data folder's preferences, right-to-left for Arabic, and carried into the exported PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.content.model import Answer
from vita.content.officer import load_officer_text
from vita.preferences import Preferences, load_preferences, save_preferences

from tests.gui.conftest import answer_to_the_end, pdf_text, unlock_new_store

Key = QtCore.Qt.Key


def test_at_first_start_the_officer_chooses_turkish_and_the_unlock_screen_speaks_it_from_then_on(
    make_window, qtbot: QtBot, tmp_path: Path, repo_root: Path
) -> None:
    window = make_window()
    unlock = window.unlock
    assert unlock.title.text() == "Set a passphrase to protect the answers"
    unlock.language.setCurrentIndex(unlock.language.findData("tr"))
    tr = load_officer_text(repo_root, "tr")
    assert (
        unlock.title.text()
        == tr("Set a passphrase to protect the answers")
        != "Set a passphrase to protect the answers"
    )
    assert window.start.settings_action.text() == tr("Settings")  # the other screens were made again in Turkish
    assert load_preferences(tmp_path / "data").interface_language == "tr"
    window.close()

    again = make_window()  # the next start: the unlock screen is in Turkish before anything is typed
    assert again.unlock.submit_action.text() == tr("Set passphrase and start")
    assert again.hide_action.text() == tr("Hide")


def test_an_arabic_interface_reads_right_to_left(make_window, keyboard, qtbot: QtBot, tmp_path: Path) -> None:
    save_preferences(tmp_path / "data", Preferences("ar"))
    window = make_window()
    assert QtWidgets.QApplication.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft
    unlock_new_store(window, keyboard(window), qtbot)
    assert window.start.start_action.text() == window.context.tr("Start a new interview") != "Start a new interview"
    window.close()
    QtWidgets.QApplication.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)


def test_a_turkish_officer_runs_a_whole_interview_by_keyboard_and_the_pdf_headings_are_turkish_with_english(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path, repo_root: Path
) -> None:
    save_preferences(tmp_path / "data", Preferences("tr"))
    window = make_window()
    tr = window.context.tr
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    assert window.current_screen.accessibleName() == tr("Start an interview")
    keys.type("Kapikule, lane 3")  # QTest types Latin-1 only
    keys.press(Key.Key_Tab)
    keys.type("Memur A. Demir")
    keys.press(Key.Key_Return)
    keys.type("arab")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_M, Key.Key_A, Key.Key_Return)
    screen = window.interview
    assert screen.finish_action.text() == tr("End the interview")
    answer_to_the_end(
        window,
        keys,
        lambda message: Answer.YES if message.id in ("control.debt", "help.want_help") else Answer.DONT_KNOW,
    )
    keys.press(Key.Key_Y)
    with qtbot.waitSignal(window.finish.exported, timeout=30_000) as exported:
        keys.press(Key.Key_E)
    result = exported.args[0]
    text = " ".join(pdf_text(result.pdf_path).split())
    for heading in ("Questions and answers", "Indicators the answers touch", "Recommended referral", "Case",
                    "VITA identification record", "Officer's notes", "Content used"):  # fmt: skip
        assert f"{tr(heading)} ({heading})" in text, heading
    assert "Sorular ve cevaplar (Questions and answers)" in text
    window.close()


def test_switching_the_unlock_screen_to_arabic_and_back_turns_the_window_and_every_screen_each_way(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    unlock = window.unlock
    rtl, ltr = QtCore.Qt.LayoutDirection.RightToLeft, QtCore.Qt.LayoutDirection.LeftToRight
    try:
        unlock.language.setCurrentIndex(unlock.language.findData("ar"))
        for widget in (window, unlock, unlock.passphrase, window.start, window.interview, window.blank):
            assert widget.layoutDirection() == rtl, widget
        unlock.language.setCurrentIndex(unlock.language.findData("en"))
        for widget in (window, unlock, unlock.passphrase, window.start, window.interview, window.blank):
            assert widget.layoutDirection() == ltr, widget
        unlock_new_store(window, keyboard(window), qtbot)
        assert window.current_screen.layoutDirection() == ltr
    finally:
        window.close()
        QtWidgets.QApplication.setLayoutDirection(ltr)
