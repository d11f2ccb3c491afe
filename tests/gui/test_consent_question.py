"""The adult consent question on the finish screen: Space plays it first in the person's language, the person's
view shows it with the answer symbols, and Y/N logs the answer; a child is not asked."""

from __future__ import annotations

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.interview.model import EventType
from vita.interview.plan import CONSENT_QUESTION

from tests.gui.conftest import start_interview

Key = QtCore.Qt.Key


def test_an_adult_hears_and_sees_the_consent_question_first_and_y_records_the_answer(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "english", Key.Key_W)
    keys.press(Key.Key_E, Key.Key_E)
    finish = window.finish
    assert window.current_screen is finish
    closing = [m.id for m in finish.controller.closing_messages()]
    keys.press(Key.Key_Space)

    def played() -> list[str]:
        events = finish.controller.events
        return [e.data["message_id"] for e in events if e.type is EventType.MESSAGE_PLAYED]

    # The question first, then the closing messages (each clip starts when the one before has ended).
    qtbot.waitUntil(lambda: played()[-1 - len(closing) :] == [CONSENT_QUESTION, *closing], timeout=10_000)

    keys.press(Key.Key_P)
    view = window.person_view
    question = window.context.content.text("en", CONSENT_QUESTION, finish.controller.state.form)
    assert question is not None and view.message.raw_text == question.text
    assert all(symbol.isVisible() for symbol in view.symbols.values())
    assert view.words  # with the answer words under them

    keys.press(Key.Key_Y)
    consent = [e for e in finish.controller.events if e.type is EventType.CONSENT_RECORDED]
    assert [e.data["consent"] for e in consent] == [True]
    assert finish.preview().consent.status == "given"
    assert view.message.raw_text != question.text  # answered: the person now sees the closing messages
    assert not any(symbol.isVisible() for symbol in view.symbols.values())
    keys.press(Key.Key_P)


def test_a_child_is_not_asked_and_the_screen_says_child_protection_is_informed(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "english", Key.Key_C)
    keys.press(Key.Key_E, Key.Key_E)
    finish = window.finish
    closing = [m.id for m in finish.controller.closing_messages()]
    keys.press(Key.Key_Space)

    def played() -> list[str]:
        events = finish.controller.events
        return [e.data["message_id"] for e in events if e.type is EventType.MESSAGE_PLAYED]

    qtbot.waitUntil(lambda: played()[-len(closing) :] == closing, timeout=10_000)
    assert CONSENT_QUESTION not in played()
    keys.press(Key.Key_Y)
    assert not any(e.type is EventType.CONSENT_RECORDED for e in finish.controller.events)
    assert "not needed" in finish.consent.text() and "child protection" in finish.consent.text()
    assert finish.preview().consent.status == "not_required"
