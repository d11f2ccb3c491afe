"""A clip that does not match its checksum is never played as another message (issue 11, item 4): with the files
of "Are you hurt?" and "Do you need a doctor?" swapped, the app refuses both with the message used for unreadable
clips and shows the text, and the clips that match still play."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.audio.manifest import load_manifest

from vita.gui.screens.interview import InterviewScreen

from tests.gui.conftest import start_interview

HURT, DOCTOR = "safety.hurt", "safety.doctor"


@pytest.fixture
def repo_root(content_copy: Path) -> Path:
    """The shipped content with the English clips, two of them swapped on disk (the manifest is unchanged)."""
    source = Path(__file__).resolve().parents[2] / "audio" / "en"
    shutil.copytree(source, content_copy / "audio" / "en")
    manifest = load_manifest(content_copy / "audio")
    hurt, doctor = manifest.get("en", HURT), manifest.get("en", DOCTOR)
    assert hurt is not None and doctor is not None
    a, b = content_copy / "audio" / hurt.path, content_copy / "audio" / doctor.path
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    return content_copy


def voiced(screen: InterviewScreen) -> bool:
    """Whether the message on the screen has a clip that speaks its current text."""
    assert screen.controller is not None
    state, message = screen.controller.state, screen.current
    translation = screen.context.content.text(state.language, message.id, state.form, state.audience)
    assert translation is not None
    clip = screen.context.audio.clip(state.language, message.id, state.form, state.audience, translation.text)
    return clip is not None


def shown_text(screen: InterviewScreen) -> str:
    """The text of the current message in the person's language, as the content gives it."""
    assert screen.controller is not None
    state = screen.controller.state
    translation = screen.context.content.text(state.language, screen.current.id, state.form, state.audience)
    assert translation is not None
    return translation.text


def test_swapped_clips_are_refused_and_shown_as_text(make_window, keyboard, qtbot: QtBot, fake_output) -> None:
    window = make_window(autoplay=False)
    audio = window.interview.context.audio
    heard: list[str] = []  # the messages whose sound reached the output, in order
    ended: list[str] = []  # the messages whose sound ended (to its end or stopped), in order
    audio.started.connect(lambda _language, message_id, _slower: heard.append(message_id))
    audio.finished.connect(lambda _language, message_id, _completed: ended.append(message_id))
    keys = keyboard(window)
    start_interview(window, keys, qtbot)  # starting an interview plays its first message, whatever autoplay says
    screen = window.interview
    if voiced(screen):  # it is heard (a decoded clip reaches the output only once its start is reported)
        first = screen.current.id
        qtbot.waitUntil(lambda: heard == [first] and ended == [first], timeout=20_000)

    def settled() -> None:  # every clip that was heard has ended, and the output holds each of them
        # A clip still being decoded is at the output from its start but counted in `played` only once it ends,
        # so "as many reported as played" alone also holds while one has started unreported.
        qtbot.waitUntil(lambda: ended == heard and len(fake_output.played) == len(heard), timeout=20_000)

    def press_play_and_hear() -> None:
        settled()
        before, expected = len(fake_output.played), [*heard, screen.current.id]
        keys.press(QtCore.Qt.Key.Key_Space)
        qtbot.waitUntil(
            lambda: len(fake_output.played) == before + 1 and heard == expected and ended == expected, timeout=20_000
        )

    def press_play_and_read(message_id: str) -> None:
        settled()
        before, heard_before = len(fake_output.played), list(heard)
        assert screen.status.text() == ""  # moving to the message cleared what was said before
        keys.press(QtCore.Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: "cannot be read" in screen.status.text())
        assert (
            "does not match its checksum" in screen.status.text()
            and "The text is on the screen" in screen.status.text()
        )
        assert screen.status.isVisible() and screen.message.raw_text == shown_text(screen)
        assert len(fake_output.played) == before and heard == heard_before  # nothing reached the output
        assert screen.current.id == message_id

    while not voiced(screen):  # messages rewritten since their clips were made are text until re-synthesised
        assert screen.current.id != HURT, "no message before the hurt question has a clip of its current text"
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_hear()  # this clip matches its checksum: it plays
    while screen.current.id != HURT:
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_read(HURT)  # its file holds the doctor question: refused, not played as another message
    while screen.current.id != DOCTOR:
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_read(DOCTOR)
    keys.press(QtCore.Qt.Key.Key_Right)
    while not voiced(screen):
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_hear()  # refused clips stop nothing: the next clip of the language plays
