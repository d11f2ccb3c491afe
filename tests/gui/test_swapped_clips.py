"""A clip that does not match its checksum is never played as another message (issue 11, item 4): with the files
of "Are you hurt?" and "Do you need a doctor?" swapped, the app refuses both with the message used for unreadable
clips and shows the text, and the clips that match still play. Clips whose bytes match but cannot be decoded are
refused the same way. The officer reads why in words that name no file, and the message's controls say it is
shown as text only, as for a message without a voice."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.audio.manifest import load_manifest

from vita.gui.screens.interview import InterviewScreen
from vita.gui.widgets import KeyButton, key_label

from tests.gui.conftest import start_interview

HURT, DOCTOR = "safety.hurt", "safety.doctor"
WHY = {  # how each kind of damage is explained to the officer
    "swapped": "the file does not match its checksum in the manifest (changed, damaged or swapped with another)",
    "undecodable": "the file cannot be decoded as sound (it is damaged, or not a sound file)",
}


@pytest.fixture(params=sorted(WHY))
def damage(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def repo_root(content_copy: Path, damage: str) -> Path:
    """The shipped content with the English clips, the hurt and doctor ones damaged: swapped on disk (the manifest
    is unchanged), or replaced by bytes that are no sound, with the manifest's checksums made to match them."""
    source = Path(__file__).resolve().parents[2] / "audio" / "en"
    shutil.copytree(source, content_copy / "audio" / "en")
    manifest = load_manifest(content_copy / "audio")
    hurt, doctor = manifest.get("en", HURT), manifest.get("en", DOCTOR)
    assert hurt is not None and doctor is not None
    a, b = content_copy / "audio" / hurt.path, content_copy / "audio" / doctor.path
    if damage == "swapped":
        a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
        a.write_bytes(b_bytes)
        b.write_bytes(a_bytes)
        return content_copy
    listed = content_copy / "audio" / "en" / "manifest.json"
    data = json.loads(listed.read_text(encoding="utf-8"))
    for entry in data["clips"]:
        if entry["message_id"] in (HURT, DOCTOR):
            noise = f"not a sound: {entry['message_id']}\n".encode() * 64
            (listed.parent / entry["file"]).write_bytes(noise)
            entry["sha256"] = hashlib.sha256(noise).hexdigest()
    listed.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return content_copy


def voiced(screen: InterviewScreen) -> bool:
    """Whether the message on the screen has a clip that speaks its current text."""
    assert screen.controller is not None
    state, message = screen.controller.state, screen.current
    translation = screen.context.content.text(state.language, message.id, state.form, state.audience)
    assert translation is not None
    clip = screen.context.audio.clip(state.language, message.id, state.form, state.audience, translation.text)
    return clip is not None


def key_button(screen: InterviewScreen, key: str) -> KeyButton:
    """The button the officer sees for a key."""
    [button] = [b for b in screen.findChildren(KeyButton) if b.key_hint == f"[{key_label(key)}]"]
    return button


def shown_text(screen: InterviewScreen) -> str:
    """The text of the current message in the person's language, as the content gives it."""
    assert screen.controller is not None
    state = screen.controller.state
    translation = screen.context.content.text(state.language, screen.current.id, state.form, state.audience)
    assert translation is not None
    return translation.text


def test_damaged_clips_are_refused_and_shown_as_text(
    make_window, keyboard, qtbot: QtBot, fake_output, damage: str, repo_root: Path
) -> None:
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
        qtbot.waitUntil(lambda: "cannot be used" in screen.status.text())
        said = screen.status.text()
        assert said == (
            f"The recording of this message cannot be used: {WHY[damage]}. The message is shown as text only. "
            "The text is on the screen: show it to the person."
        )
        assert str(repo_root) not in said and "/" not in said and ".opus" not in said  # no file is named
        assert screen.status.isVisible() and screen.message.raw_text == shown_text(screen)
        assert len(fake_output.played) == before and heard == heard_before  # nothing reached the output
        assert screen.current.id == message_id
        # Its controls read as those of a message without a voice: shown, not played; nothing to slow down.
        replay = key_button(screen, "Space")
        assert replay.accessibleName() == "Text only:\nshow the screen" and "Play" not in replay.text()
        assert not key_button(screen, "S").isEnabled()
        assert "text only, no voice" in screen.provenance.text()

    while not voiced(screen):  # messages rewritten since their clips were made are text until re-synthesised
        assert screen.current.id != HURT, "no message before the hurt question has a clip of its current text"
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_hear()  # this clip matches its checksum: it plays
    assert key_button(screen, "Space").accessibleName() == "Play / replay"
    while screen.current.id != HURT:
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_read(HURT)  # refused when Space is pressed, not played (the swapped file: as another message)
    assert screen.controller is not None
    state = screen.controller.state
    doctor = audio.clip(state.language, DOCTOR, state.form, state.audience, None)
    assert doctor is not None
    qtbot.waitUntil(lambda: audio.refused(doctor), timeout=20_000)  # found when the language was decoded ahead
    while screen.current.id != DOCTOR:
        keys.press(QtCore.Qt.Key.Key_Right)
    assert key_button(screen, "Space").accessibleName() == "Text only:\nshow the screen"  # before any Space
    press_play_and_read(DOCTOR)
    keys.press(QtCore.Qt.Key.Key_Right)
    while not voiced(screen):
        keys.press(QtCore.Qt.Key.Key_Right)
    press_play_and_hear()  # refused clips stop nothing: the next clip of the language plays
