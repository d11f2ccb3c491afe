"""The GUI's figures for `vita bench`, each measured in a fresh child process so that it sees what an officer's
start sees: `python -m vita.gui.benchmark startup|interview` prints one JSON line.

startup    builds the real app (real sound output if there is one) and reports when its window is shown.
interview  unlocks a new store with the real key derivation, runs a whole scripted interview through the
           screens (every question answered, one corrected, a note), exports the record, and reports the
           peak resident memory of the process. Sound goes to the test fake so the run does not take as
           long as the clips; the clips are still decoded by the real decoder.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

PASSPHRASE = "benchmark passphrase"


def _paths() -> tuple[Path, Path]:
    from vita.paths import default_content_root

    data = Path(os.environ.get("VITA_DATA") or tempfile.mkdtemp(prefix="vita-bench-"))
    return default_content_root(), data


def startup() -> None:
    """Print "shown" the moment the window is on screen (the parent times it), then "ready" when the
    content, the sound and every screen are loaded, as the app does."""
    from vita.paths import Paths

    from vita.gui.app import launch

    content, data = _paths()
    launch(Paths(content, data), on_shown=lambda: print("shown", flush=True))
    print("ready", flush=True)


def interview(language: str) -> dict[str, float | str | int]:
    from vita.audio.fake import FakeBackend
    from vita.content.model import Answer, Audience, Form
    from vita.paths import Paths

    from vita.gui.app import application, launch

    content, data = _paths()
    app = application()
    window = launch(
        Paths(content, data),
        backend_factory=lambda: FakeBackend(auto_finish=True),
        setting_overrides={"export_dir": str(data / "records")},
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
    window.addressee.chosen.emit(Form.FEMALE, Audience.ADULT)
    screen = window.interview
    answers = list(Answer)
    corrected = False
    for step in range(200):
        app.processEvents()
        if window.current_screen is not screen:
            break
        if screen.current.is_question:
            if not corrected and step > 8:
                screen.answer(Answer.NO)
                screen.back()
                corrected = True
            screen.note.setText("benchmark note")
            screen.save_note()
            screen.answer(answers[step % 2])
        else:
            screen.play()
            screen.next()
    window.finish.record_consent(True)
    window.finish.finish_and_export()
    window.context.runner.wait()  # the record is written in the background
    exported = window.finish.result is not None
    window.close()
    return {
        "peak_rss_mb": _peak_mb(),
        "peak_before_unlock_mb": before_unlock_mb,
        "peak_after_unlock_mb": after_unlock_mb,
        "exported": int(exported),
        "language": language,
    }


def _peak_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss: kilobytes on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main(argv: Sequence[str] | None = None) -> None:
    """`vita _gui-benchmark startup|interview [LANG]`, started by `vita bench`."""
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = args[0] if args else "startup"
    if mode == "startup":
        startup()
    else:
        print(json.dumps(interview(args[1] if len(args) > 1 else "en")), flush=True)
    os._exit(0)  # the figures are out; skip tearing Qt down, which is not what is measured


if __name__ == "__main__":
    main()
