"""The audio adapter: the player's callbacks, made on the player's own threads, arrive as signals on the GUI
thread; and a library that cannot be read, or no output, leaves the app working with text."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.audio.errors import AudioUnavailable
from vita.audio.fake import FakeBackend
from vita.content.model import Audience, Form

from vita.gui.audio_bridge import AudioBridge


def test_started_and_finished_arrive_on_the_gui_thread(qtbot: QtBot, repo_root: Path) -> None:
    bridge = AudioBridge()
    bridge.connect_output(repo_root / "audio", lambda: FakeBackend(auto_finish=True))
    clip = bridge.clip("en", "opening.greeting", Form.UNSPECIFIED, Audience.ADULT)
    assert clip is not None and bridge.available
    threads: list[threading.Thread] = []
    bridge.started.connect(lambda *_: threads.append(threading.current_thread()))
    bridge.finished.connect(lambda *_: threads.append(threading.current_thread()))
    with qtbot.waitSignal(bridge.finished, timeout=10_000) as done:
        assert bridge.play(clip)
    assert done.args == ["en", "opening.greeting", True]
    assert threads == [threading.main_thread(), threading.main_thread()]
    assert QtCore.QThread.currentThread() is QtCore.QCoreApplication.instance().thread()
    bridge.close()


def test_a_language_is_decoded_ahead_and_announced(qtbot: QtBot, repo_root: Path) -> None:
    bridge = AudioBridge()
    bridge.connect_output(repo_root / "audio", lambda: FakeBackend())
    with qtbot.waitSignal(bridge.language_ready, timeout=20_000) as ready:
        bridge.prepare_language("en")
    assert ready.args[0] == "en" and ready.args[1] > 0
    bridge.close()


def test_without_an_output_the_bridge_says_why_and_plays_nothing(repo_root: Path) -> None:
    def none() -> FakeBackend:
        raise AudioUnavailable("Sound cannot be played: no loudspeaker or headset was found.")

    bridge = AudioBridge()
    bridge.connect_output(repo_root / "audio", none)
    clip = bridge.clip("en", "opening.greeting", Form.UNSPECIFIED, Audience.ADULT)
    assert not bridge.available and "no loudspeaker" in bridge.unavailable_reason
    assert clip is not None and bridge.play(clip) is False


def test_a_broken_manifest_means_text_only_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "manifest.json").write_text("{ not json", encoding="utf-8")
    bridge = AudioBridge()
    bridge.connect_output(tmp_path, lambda: FakeBackend())
    assert not bridge.available and "manifest.json" in bridge.unavailable_reason
    assert not bridge.has_audio("en")


def test_a_clip_refused_when_played_is_text_only_from_then_on(tmp_path: Path, repo_root: Path) -> None:
    """Two English clips swapped on disk: each is audible until it is checked; playing one refuses it, and from
    then on its message has no voice (a message with no clip has none either)."""
    shutil.copytree(repo_root / "audio" / "en", tmp_path / "en")
    bridge = AudioBridge()
    bridge.connect_output(tmp_path, lambda: FakeBackend())
    hurt = bridge.clip("en", "safety.hurt", Form.UNSPECIFIED, Audience.ADULT)
    doctor = bridge.clip("en", "safety.doctor", Form.UNSPECIFIED, Audience.ADULT)
    assert hurt is not None and doctor is not None
    a, b = tmp_path / hurt.path, tmp_path / doctor.path
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)
    b.write_bytes(a_bytes)
    assert bridge.audible(hurt) is hurt  # not checked yet: it is checked when played
    assert bridge.play(hurt) is False
    assert bridge.audible(hurt) is None and bridge.audible(doctor) is doctor
    assert bridge.audible(None) is None
    bridge.close()
