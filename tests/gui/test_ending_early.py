"""Ending early is a deliberate act: E says how many questions have no answer and a second E ends; the record is
exported only once consent to referral is settled or its skipping explained; until then the officer can go back."""

from __future__ import annotations

import json

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from tests.gui.conftest import start_interview

Key = QtCore.Qt.Key


def test_ending_early_is_confirmed_and_export_waits_for_consent_or_a_reason(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "arab", Key.Key_W)
    screen = window.interview
    while not screen.current.is_question:
        keys.press(Key.Key_Right)
    keys.press(Key.Key_Y)
    progress = screen.controller.progress()
    left = progress.questions - progress.answered
    assert left > 0

    keys.press(Key.Key_E)  # once: a warning with the count, still on the questions
    assert window.current_screen is screen
    assert f"{left} of {progress.questions} questions have no answer yet" in screen.status.text()
    keys.press(Key.Key_Right)  # going on withdraws it: E must be pressed twice in a row
    keys.press(Key.Key_E)
    assert window.current_screen is screen
    keys.press(Key.Key_E)
    assert window.current_screen is window.finish

    finish = window.finish
    keys.press(Key.Key_E)  # consent not settled: nothing is exported, and the officer is told what to do
    assert finish.result is None and not finish.controller.state.finished
    assert "press K" in finish.status.text()
    keys.press(Key.Key_Escape)  # still possible to go back to the questions
    assert window.current_screen is screen
    keys.press(Key.Key_E, Key.Key_E)
    assert window.current_screen is finish

    keys.press(Key.Key_K)
    assert finish.skip_reason.hasFocus()
    keys.type("the person had to leave for the bus")
    keys.press(Key.Key_Return)
    with qtbot.waitSignal(finish.exported, timeout=30_000) as exported:
        keys.press(Key.Key_E)
    record = json.loads(exported.args[0].json_path.read_text(encoding="utf-8"))
    assert record["consent"]["status"] == "not_recorded"
    assert any("the person had to leave for the bus" in note["text"] for note in record["notes"])
    answered = [q for q in record["questions"] if q.get("answer")]
    assert len(answered) == progress.answered  # the unasked questions are in the record as unanswered


def test_p_shows_the_closing_message_to_the_person_on_the_finish_screen(make_window, keyboard, qtbot: QtBot) -> None:
    from vita.content.model import Answer

    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "arab", Key.Key_W)
    keys.press(Key.Key_E, Key.Key_E)
    assert window.current_screen is window.finish
    keys.press(Key.Key_P)
    assert window.person_view.isVisible()
    # An adult is asked for consent first: the question, then (once answered) the closing message.
    assert (
        window.finish.closing.raw_text.startswith(window.person_view.message.raw_text)
        and window.finish.closing.raw_text
    )
    keys.press(Key.Key_N)
    assert window.person_view.message.raw_text == window.finish.closing.raw_text != ""
    assert Answer.NO_ANSWER not in window.person_view.symbols  # the officer's own observation, never offered
    keys.press(Key.Key_P)
    assert not window.person_view.isVisible()


def test_a_text_only_message_says_show_the_screen_and_space_says_what_to_do(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    content = window.context.content
    silent = next(lang for lang in content.languages if not window.context.audio.has_audio(lang.code))
    keys = keyboard(window)
    start_interview(window, keys, qtbot, silent.english_name.lower(), Key.Key_W)  # whole name: Kurmanji has a voice
    screen = window.interview
    assert screen.replay_action.text() == "Text only:\nshow the screen"
    assert not screen.slower_action.isEnabled()
    keys.press(Key.Key_Space)
    assert "no voice in this language" in screen.status.text()
    # The record side: shown, never played; the message list says so too.
    plays = screen.controller.state.plays[screen.current.id]
    assert plays.times == 0 and plays.shown >= 1  # on arrival and on Space: shown each time, never played
    assert screen.messages.currentItem().text().startswith("shown")
