"""How long recording a language's full set takes in the studio with keys only, measured by driving the real
window with a synthetic speaker who reads each text aloud in real time (espeak-ng files fed to the recorder as a
microphone would deliver them) and hearing each take played back in full on the sound output.

    bash -c 'source tools/test-env.sh; trap vita_test_env_cleanup EXIT; .venv/bin/python tools/studio-timing.py fr'

Per text the coordinator presses R, the speaker reads (the take grows in real time), R again, the take is
processed and played back to its end, then K keeps it. Everything is written into a throw-away overlay; nothing
reaches the shipped content. Prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("language", nargs="?", default="fr")
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts (0: all)")
    args = parser.parse_args()

    from PySide6 import QtCore, QtTest, QtWidgets

    from vita.audio import default_backend
    from vita.audio.espeak import EspeakEngine
    from vita.paths import Paths

    from vita.gui.app import launch
    from tests.gui.conftest import PASSPHRASE, TEST_KDF_COST
    from tests.gui.studio_speaker import SpeakerFromFiles

    Key = QtCore.Qt.Key
    work = Path(tempfile.mkdtemp(prefix="vita-studio-timing-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)  # the store and the overlay: nothing stays behind
    window = launch(
        Paths(ROOT, work / "data", work / "overlay"), backend_factory=default_backend, kdf_cost=TEST_KDF_COST
    )
    window.resize(1366, 768)
    window.activateWindow()
    speaker = SpeakerFromFiles(window, EspeakEngine(), realtime=True)
    window.context.recorder_factory = speaker
    app = QtWidgets.QApplication.instance()
    assert app is not None

    def wait(condition: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out on {window.current_screen.accessibleName()}: {window.context.runner.busy}")
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.002)

    def press(*keys: Key) -> None:
        for key in keys:
            target = QtWidgets.QApplication.focusWidget() or window
            QtTest.QTest.keyClick(target, key)

    def type_text(text: str) -> None:
        QtTest.QTest.keyClicks(QtWidgets.QApplication.focusWidget() or window, text)

    wait(window.isActiveWindow)
    type_text(PASSPHRASE)
    press(Key.Key_Return)
    type_text(PASSPHRASE)
    press(Key.Key_Return)
    wait(lambda: window.ready and window.current_screen is window.start)
    home = window.studio.home
    listed = []
    home.listed.connect(lambda: listed.append(1))
    press(Key.Key_F7)
    wait(lambda: bool(listed))
    home.languages.setFocus()
    while home.current_code != args.language:
        press(Key.Key_Down)
    press(Key.Key_Return)
    type_text("Synthetic speaker")
    press(Key.Key_Tab, Key.Key_Tab, Key.Key_Space, Key.Key_Return)
    record = window.studio.record
    wait(lambda: window.current_screen is record)
    assert record.session is not None
    total = len(record.session.items) if not args.limit else min(args.limit, len(record.session.items))

    finished: list[int] = []
    window.context.audio.finished.connect(lambda *_args: finished.append(1))
    kept: list[int] = []
    record.kept.connect(kept.append)
    ready: list[int] = []
    record.take_ready.connect(lambda: ready.append(1))
    speech_s = 0.0
    started = time.perf_counter()
    for number in range(total):
        press(Key.Key_R)
        wait(lambda: speaker.heard_all)  # the speaker has read the text to its end
        speech_s += speaker.duration_s
        before, heard = len(ready), len(finished)
        press(Key.Key_R)
        wait(lambda: len(ready) > before)
        wait(lambda: len(finished) > heard)  # the take played back to its end
        press(Key.Key_K)
        wait(lambda: len(kept) > number)
    elapsed = time.perf_counter() - started
    progress = record.session.progress()
    window.close()
    print(
        json.dumps(
            {
                "language": args.language,
                "texts": total,
                "recorded": progress.recorded,
                "of": progress.total,
                "minutes": round(elapsed / 60, 1),
                "speaker_reading_minutes": round(speech_s / 60, 1),
                "seconds_per_text": round(elapsed / max(1, total), 1),
                "overhead_per_text_s": round((elapsed - 2 * speech_s) / max(1, total), 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
