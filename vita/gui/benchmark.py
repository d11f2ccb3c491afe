"""The GUI's figures for `vita bench`, each measured in a fresh child process that runs the real app, as an
officer's start does: `vita _gui-benchmark latency|interview LANGUAGE ...` prints JSON lines.

latency    the real app with its real sound output (the system default: the PulseAudio null sink under
           tools/dev). It unlocks a new store, chooses the language (timing when its first message is
           playable and when every clip is decoded), and on the interview screen presses the real keys:
           Space to play, Escape, Right. For each play it prints when the key was pressed and when, by
           PortAudio's clock, the clip's first audible sample reaches the output; the parent checks this
           against a recording of the sink. Then it idles (measuring its own CPU) and plays after the idle.
languages  unlocks a new store and chooses each language in turn (each after the previous one is decoded),
           timing when its first message is playable.
interview  unlocks a new store with the real key derivation, runs a whole scripted interview through the
           screens with the real sound output (every message played), exports the record, and reports the
           peak resident memory of the process.
The data folder is the one the parent gives in VITA_DATA (the parent removes it).
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6 import QtCore, QtTest, QtWidgets

from vita.audio.cache import ClipKey, ClipLibrary
from vita.audio.stream import ClipStream
from vita.content.model import Answer, Audience, Form
from vita.interview.plan import interview_plan
from vita.paths import Paths

from vita.gui.app import application, launch
from vita.gui.main_window import MainWindow

PASSPHRASE = "benchmark passphrase"
FORM = Form.FEMALE  # the form with most clips of its own in the gendered languages
TIMEOUT_S = 10.0


def _emit(**values: Any) -> None:
    print(json.dumps(values), flush=True)


def _paths() -> Paths:
    from vita.paths import default_content_root, default_data_dir

    return Paths(default_content_root(), default_data_dir())


def _wait(app: QtWidgets.QApplication, condition: Callable[[], bool], timeout: float = TIMEOUT_S) -> bool:
    """Let the app run (events, signals from the audio threads) until `condition` holds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 1)
        time.sleep(0.0005)
    return True


def _sleep(seconds: float) -> None:
    """Idle as the app idles: in Qt's event loop, with nothing polling."""
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _open_interview(window: MainWindow, app: QtWidgets.QApplication, language: str, audience: Audience) -> None:
    """Unlock a new store, start an interview, choose the language and the form (timing the language)."""
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit()
    window.context.runner.wait()  # the key is derived in the background
    window.start.place.setText("Benchmark post")
    window.start.officer.setText("Benchmark officer")
    window.start.start()
    bridge = window.context.audio
    content = window.context.content
    clip = None
    # Looked up in a copy of the library: whatever reading the language for playing costs (checking its clips)
    # is left to the app, after the language is chosen, as for an officer.
    lookup = ClipLibrary(bridge.library.audio_dir, bridge.library.manifest) if bridge.library is not None else None
    for message in interview_plan(content.catalogue, audience, content.deployment.modules):
        text = content.text(language, message.id, FORM, audience)
        clip = lookup.resolve(language, message.id, FORM, audience, text.text if text else None) if lookup else None
        if clip is not None:  # the first message with a voice (a message may be text only)
            break
    loaded: list[float] = []
    bridge.language_ready.connect(lambda _code, _count: loaded.append(time.perf_counter()))
    chosen = time.perf_counter()
    window.languages.chosen.emit(language)
    if clip is not None and bridge.player is not None:
        cache = bridge.player.cache
        if _wait(app, lambda: cache.stream(clip.key) is not None):  # playable: its first part decoded
            _emit(event="language_ready", **_ready_ms(cache.stream(clip.key), chosen), clip=clip.path)
    _wait(app, lambda: bool(loaded), timeout=60)
    if loaded:
        _emit(event="language_all_decoded", ms=(loaded[0] - chosen) * 1000)
    window.addressee.chosen.emit(FORM, audience)
    _wait(app, lambda: window.current_screen is window.interview)


def languages(codes: Sequence[str]) -> None:
    """Each language in turn, as an officer's first choice of it: the time until its first message is playable."""
    app = application()
    window = launch(_paths(), kdf_cost=10, setting_overrides={"autoplay": False}, open_file=lambda _path: True)
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit()
    window.context.runner.wait()
    window.start.place.setText("Benchmark post")
    window.start.officer.setText("Benchmark officer")
    window.start.start()
    bridge, content = window.context.audio, window.context.content
    if bridge.library is None or bridge.player is None:
        _emit(event="no_sound", reason=bridge.unavailable_reason)
        return
    lookup = ClipLibrary(bridge.library.audio_dir, bridge.library.manifest)  # a copy: see _open_interview
    plan = interview_plan(content.catalogue, Audience.ADULT, content.deployment.modules)
    loaded: list[str] = []
    bridge.language_ready.connect(lambda language, _count: loaded.append(language))
    for code in codes:
        clip = None
        for message in plan:
            text = content.text(code, message.id, Form.UNSPECIFIED, Audience.ADULT)
            clip = lookup.resolve(code, message.id, Form.UNSPECIFIED, Audience.ADULT, text.text if text else None)
            if clip is not None:
                break
        if clip is None:
            continue  # text only: nothing to decode
        _choose(app, window, code, clip.key, loaded)
        window.addressee.back.emit()


def _choose(app: QtWidgets.QApplication, window: MainWindow, code: str, key: ClipKey, loaded: list[str]) -> None:
    """Choose a language; report when `key` (its first message) is playable; return once it is all decoded."""
    player = window.context.audio.player
    assert player is not None
    chosen = time.perf_counter()
    window.languages.chosen.emit(code)
    if _wait(app, lambda: player.cache.stream(key) is not None):  # playable: its first part decoded
        _emit(event="language_ready", language=code, **_ready_ms(player.cache.stream(key), chosen))
    _wait(app, lambda: code in loaded, timeout=60)  # the next language starts from a quiet app


def _ready_ms(stream: ClipStream | None, chosen: float) -> dict[str, float]:
    """From the choice to the moment the decoder made the clip playable (ms), and to the moment this (GUI)
    thread saw it (seen_ms): that one also counts the GUI's own work on the next screen, done meanwhile."""
    seen = time.perf_counter()
    at = stream.playable_at if stream is not None and stream.playable_at is not None else seen
    return {"ms": (max(at, chosen) - chosen) * 1000, "seen_ms": (seen - chosen) * 1000}


def _press(app: QtWidgets.QApplication, key: QtCore.Qt.Key) -> float:
    """A real key event where the officer's focus is; returns when it was pressed."""
    target = QtWidgets.QApplication.focusWidget() or QtWidgets.QApplication.activeWindow()
    assert target is not None, "the app has no window to type into"
    pressed = time.perf_counter()
    QtTest.QTest.keyClick(target, key)
    return pressed


def _voiced(window: MainWindow) -> bool:
    """Whether the current message has a clip in the person's language and form (some are text only)."""
    controller = window.interview.controller
    assert controller is not None
    state, message = controller.state, controller.current
    text = window.context.content.text(state.language, message.id, state.form, state.audience)
    bridge = window.context.audio
    return bridge.clip(state.language, message.id, state.form, state.audience, text.text if text else None) is not None


def _to_voiced(app: QtWidgets.QApplication, window: MainWindow) -> bool:
    """Move on (Right) to the next message with a voice; False at the end of the interview without one."""
    controller = window.interview.controller
    assert controller is not None
    while not _voiced(window):
        if controller.position >= len(controller.entries) - 1:
            return False
        _press(app, QtCore.Qt.Key.Key_Right)
    return True


def _play_once(app: QtWidgets.QApplication, window: MainWindow, idle: bool) -> None:
    """Space on the current message; report the key time and when its speech reaches the output."""
    from vita.audio.onset import speech_index

    player = window.context.audio.player
    assert player is not None
    screen = window.interview
    before = player.last_started_at
    pressed = _press(app, QtCore.Qt.Key.Key_Space)
    started = _wait(app, lambda: player.last_started_at != before, timeout=2)
    key = player.last_key
    if key is not None:  # the speech is found in the whole clip, decoded behind its start
        _wait(app, lambda: player.cache.get(key) is not None, timeout=2)
    pcm = player.cache.get(key) if key is not None else None
    clip = player.cache.library.manifest.get(*key) if key is not None else None
    if started and pcm is not None and clip is not None and player.last_started_at is not None:
        speech = speech_index(pcm)
        audible = player.last_started_at + speech / player.cache.rate
        _emit(event="play", idle=idle, key_at=pressed, audible_at=audible, clip=clip.path, message=screen.current.id)
    else:
        _emit(event="play_failed", idle=idle, message=screen.current.id)


def latency(language: str, plays: int, idle_plays: int, idle_s: float, cpu_s: float) -> None:
    app = application()
    window = launch(_paths(), kdf_cost=10, setting_overrides={"autoplay": False}, open_file=lambda _path: True)
    window.resize(1366, 768)
    window.activateWindow()
    _open_interview(window, app, language, Audience.ADULT)
    player = window.context.audio.player
    if player is None:
        _emit(event="no_sound", reason=window.context.audio.unavailable_reason)
        return
    window.interview.setFocus()
    rng = random.Random(13)  # keys come at moments out of step with the sound card's clock, but reproducibly
    for _ in range(min(plays, len(window.interview.plan) - 1)):
        if not _to_voiced(app, window):
            break
        _play_once(app, window, idle=False)
        _sleep(0.25 + rng.uniform(0, 0.1))
        _press(app, QtCore.Qt.Key.Key_Escape)
        _press(app, QtCore.Qt.Key.Key_Right)
        _sleep(rng.uniform(0.03, 0.12))
    backend: Any = getattr(player, "_backend", None)
    for round_ in range(idle_plays):
        _to_voiced(app, window)  # before the idle period: moving is not idling
        _press(app, QtCore.Qt.Key.Key_Escape)
        if round_ == 0:  # the first idle period: settle (the stream closes), then measure our own CPU
            _sleep(max(0.0, idle_s - cpu_s))
            usage, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
            _sleep(cpu_s)
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
            _emit(event="idle_cpu", percent=100 * cpu / (time.perf_counter() - wall), seconds=cpu_s)
        else:
            _sleep(idle_s)
        _emit(event="idle_state", stream_open=bool(getattr(backend, "stream_open", False)))
        _play_once(app, window, idle=True)
        _sleep(0.3)
    _emit(event="underruns", count=int(getattr(backend, "underruns", -1)),
          buffer_ms=1000 * float(getattr(backend, "latency", 0.0)))  # fmt: skip


def interview(language: str) -> None:
    """A whole interview with the real sound output, then the record's export; prints the peak memory."""
    app = application()
    data = _paths().data_dir
    window = launch(
        _paths(),
        setting_overrides={"export_dir": str(data / "records"), "autoplay": True},
        open_file=lambda _path: True,
    )
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    before_unlock_mb = _peak_mb()
    window.unlock.submit()
    window.context.runner.wait()  # the key is derived in the background
    after_unlock_mb = _peak_mb()
    window.start.place.setText("Benchmark post")
    window.start.officer.setText("Benchmark officer")
    window.start.start()
    window.languages.chosen.emit(language)
    window.addressee.chosen.emit(FORM, Audience.ADULT)
    screen = window.interview
    answers = list(Answer)
    corrected = False
    for step in range(400):
        app.processEvents()
        if window.current_screen is not screen:
            break
        screen.play()
        _wait(app, lambda: window.context.audio.playing is not None, timeout=0.5)
        if screen.current.is_question:
            if not corrected and step > 8:
                screen.answer(Answer.NO)
                screen.back()
                corrected = True
            screen.note.setText("benchmark note")
            screen.save_note()
            screen.answer(answers[step % 2])
        else:
            screen.next()
    window.finish.record_consent(True)
    window.finish.finish_and_export()
    window.context.runner.wait()  # the record is written in the background
    exported = window.finish.result is not None
    sound = window.context.audio.available
    window.close()
    _emit(
        peak_rss_mb=_peak_mb(),
        peak_before_unlock_mb=before_unlock_mb,
        peak_after_unlock_mb=after_unlock_mb,
        exported=int(exported),
        real_output=int(sound),
        language=language,
    )


def _peak_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss: kilobytes on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main(argv: Sequence[str] | None = None) -> None:
    """vita _gui-benchmark latency LANGUAGE PLAYS IDLE_PLAYS IDLE_S CPU_S | interview LANGUAGE | languages A,B,…"""
    mode, language, *numbers = sys.argv[1:] if argv is None else list(argv)
    if mode == "languages":
        languages(language.split(","))
    elif mode == "latency":
        latency(language, int(numbers[0]), int(numbers[1]), float(numbers[2]), float(numbers[3]))
    else:
        interview(language)
    sys.stdout.flush()
    os._exit(0)  # the figures are out; skip tearing Qt down, which is not what is measured


if __name__ == "__main__":
    main()
