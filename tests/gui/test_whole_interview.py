"""A whole interview driven by the keyboard only, from the first start to the export, as an officer would do it;
then the store is reopened and the exported JSON and PDF are read back."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.content.model import Answer, Audience, Form
from vita.interview.model import EventType, derive_state
from vita.store import Store

from tests.gui.conftest import ANSWER_KEYS, PASSPHRASE, pdf_text, unlock_new_store

Key = QtCore.Qt.Key
# What the person answers; every other question gets "I don't know".
SCRIPT = {
    "opening.understand_language": Answer.YES,
    "safety.hurt": Answer.NO,
    "safety.doctor": Answer.NO,  # selected by mistake, corrected to YES below
    "journey.sexual_violence": Answer.DECLINED,
    "control.documents_held": Answer.YES,
    "control.debt": Answer.YES,
    "control.free_to_leave": Answer.NO,
    "help.support_organisation": Answer.NOT_UNDERSTOOD,
    "help.woman_officer": Answer.NO_ANSWER,
}
NOTE = "Says she owes 3000 euro to the driver"


def test_given_a_first_start_an_officer_runs_a_whole_interview_by_keyboard_and_exports_it(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path, fake_output, opened_files: list[Path]
) -> None:
    window = make_window()
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)

    # Start: the case reference is generated; type place and officer.
    reference = window.start.case_reference.text()
    assert reference.startswith("VITA-")
    keys.type("Kapikule border crossing, lane 3")
    keys.press(Key.Key_Tab)
    keys.type("Officer A. Demir")
    keys.press(Key.Key_Return)
    assert window.current_screen is window.languages

    # Language: type a few letters of the English name, Enter.
    keys.type("amhar")
    assert window.languages.visible_codes() == ["am"]
    keys.press(Key.Key_Return)
    assert window.current_screen is window.addressee

    # Woman, adult; Enter starts the interview and plays the first message.
    keys.press(Key.Key_W, Key.Key_A, Key.Key_Return)
    assert window.current_screen is window.interview
    screen = window.interview
    corrected = False
    for _ in range(80):
        if window.current_screen is not screen:
            break
        message = screen.current
        if not message.is_question:
            keys.press(Key.Key_Right)
            continue
        if message.id == "safety.hurt":
            keys.press(Key.Key_S, Key.Key_Space)  # slower, then again
        if message.id == "control.debt":
            keys.press(Key.Key_T)
            keys.type(NOTE)
            keys.press(Key.Key_Return)
            assert screen.note.text() == ""
        keys.press(ANSWER_KEYS[SCRIPT.get(message.id, Answer.DONT_KNOW)])
        if message.id == "safety.doctor" and not corrected:
            keys.press(Key.Key_Left)  # back to it: the wrong answer is on screen, checked
            assert screen.current.id == "safety.doctor"
            assert screen.answer_buttons[Answer.NO].isChecked()
            keys.press(Key.Key_Y)
            corrected = True
            assert "No → Yes" in screen.status.text()
    assert window.current_screen is window.finish

    # Finish: the adult consents; E finishes and exports; O opens the PDF; Enter goes back to the start.
    keys.press(Key.Key_Y)
    assert "given. " in window.finish.consent.text()  # the sentence ends before the explanation starts
    with qtbot.waitSignal(window.finish.exported, timeout=30_000) as exported:
        keys.press(Key.Key_E)
    result = exported.args[0]
    keys.press(Key.Key_O)
    assert opened_files == [result.pdf_path]
    with qtbot.waitSignal(window.start.listed, timeout=10_000):
        keys.press(Key.Key_Return)
    assert window.current_screen is window.start
    assert window.start.unfinished.count() == 0
    window.close()

    # What was stored: reopen the encrypted store with the passphrase.
    with Store.open(tmp_path / "data" / "vita.db", PASSPHRASE) as store:
        [interview] = store.interviews()
        events = store.events(interview.id)
        audit = store.audit_log()
    assert (interview.case_reference, interview.place, interview.officer) == (
        reference, "Kapikule border crossing, lane 3", "Officer A. Demir")  # fmt: skip
    assert (interview.language, interview.form, interview.audience) == ("am", Form.FEMALE, Audience.ADULT)
    state = derive_state(interview, events)
    assert state.finished and state.consent is True
    for message_id, answer in SCRIPT.items():
        expected = Answer.YES if message_id == "safety.doctor" else answer
        assert state.answer(message_id) is expected, message_id
    doctor = state.answers["safety.doctor"]
    assert [a for a, _at in doctor.history] == [Answer.NO]
    correction = next(e for e in events if e.type is EventType.ANSWER_CORRECTED)
    assert correction.data["message_id"] == "safety.doctor"
    assert next(e for e in events if e.seq == correction.data["replaces"]).data["answer"] == "no"
    assert [n.text for n in state.notes] == [NOTE] and state.notes[0].message_id == "control.debt"
    assert state.plays["safety.hurt"].slowed == 1 and state.plays["safety.hurt"].times >= 2
    assert [entry.action for entry in audit] == ["export"] and reference in audit[0].detail

    # What was exported: the JSON…
    record = json.loads(result.json_path.read_text(encoding="utf-8"))
    questions = {q["message_id"]: q for q in record["questions"]}
    assert record["case"]["reference"] == reference
    assert record["person"]["language"] == "am" and record["person"]["form"] == "female"
    assert questions["safety.doctor"]["answer"] == "yes"
    assert [h["answer"] for h in questions["safety.doctor"]["history"]] == ["no"]
    assert questions["control.debt"]["answer"] == "yes"
    assert questions["safety.hurt"]["plays"]["slowed"] == 1
    assert NOTE in [n["text"] for n in record["notes"]]
    assert record["consent"]["status"] == "given"
    # The record says how the messages reached the person, as `vita export` of the same case would: the
    # Amharic clips are synthetic (never "no audio", which the app's records used to say).
    audio = record["content"]["audio"]
    assert audio["state"] in ("synthetic", "mixed") and audio["synthetic"] > 0, audio
    amharic_doctor = window.context.content.text("am", "safety.doctor", Form.FEMALE).text
    assert questions["safety.doctor"]["heard"]["text"] == amharic_doctor

    # …and the PDF, read back as a receiving agency would.
    text = pdf_text(result.pdf_path)
    assert reference in text and "Officer A. Demir" in text and NOTE in text
    for word in amharic_doctor.split():
        assert word in text, word
    assert "Yes" in text and "No" in text
