"""What the exported record says about sound, after a whole interview by keyboard: with no sound output every
message was shown as text and the record (JSON and the PDF read back with pdftotext) never says a message was
played or heard in a voice; with sound it says the messages were played."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.audio.errors import AudioUnavailable
from vita.content.model import Answer

from tests.gui.conftest import answer_to_the_end, pdf_text, start_interview

Key = QtCore.Qt.Key


def no_device() -> None:
    raise AudioUnavailable("Sound cannot be played: no loudspeaker or headset was found.")


def interview_and_export(window: Any, keys: Any, qtbot: QtBot) -> tuple[dict[str, Any], str]:
    """Every message presented, every question answered, the closing messages played, consent, export."""
    start_interview(window, keys, qtbot)
    answer_to_the_end(window, keys, lambda _message: Answer.DONT_KNOW)
    keys.press(Key.Key_Space, Key.Key_Y)
    with qtbot.waitSignal(window.finish.exported, timeout=30_000) as exported:
        keys.press(Key.Key_E)
    result = exported.args[0]
    text = " ".join(pdf_text(result.pdf_path).split())
    return json.loads(result.json_path.read_text(encoding="utf-8")), text


def all_plays(record: dict[str, Any]) -> list[dict[str, int]]:
    return [item["plays"] for item in (*record["statements"], *record["questions"])]


@pytest.mark.parametrize("sound", [False, True], ids=["no sound output", "sound"])
def test_the_record_says_messages_were_shown_as_text_without_sound_and_played_with_it(
    make_window, keyboard, qtbot: QtBot, fake_output, sound: bool
) -> None:
    window = make_window(backend_factory=None if sound else no_device)
    record, text = interview_and_export(window, keyboard(window), qtbot)
    plays = all_plays(record)
    audio = record["content"]["audio"]
    if sound:
        assert fake_output.played
        assert sum(p["times"] for p in plays) > 0 and re.search(r"played \d+×", text)
        assert audio["synthetic"] + audio["recorded"] > 0, audio
    else:
        assert fake_output.played == []
        assert sum(p["times"] for p in plays) == 0 and sum(p["shown"] for p in plays) > 0
        assert "shown as text" in text and not re.search(r"played \d+×", text)
        # nothing was heard: the record does not say the messages reached the person in a recorded or
        # synthetic voice
        assert (audio["state"], audio["recorded"], audio["synthetic"]) == ("none", 0, 0), audio
        assert "computer voice" not in text and "recorded by a human speaker" not in text
    window.close()
