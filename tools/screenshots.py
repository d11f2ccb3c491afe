"""Screenshots of every screen of the app, from a real window on a real (virtual) X display, for checking by eye.

    Xvfb :55 -screen 0 1366x768x24 &
    DISPLAY=:55 .venv/bin/python tools/screenshots.py --out /tmp/vita-shots ar am my zh km
    DISPLAY=:55 .venv/bin/python tools/screenshots.py --officer th --scale 1.5 --out /tmp/vita-shots-th my

--officer sets the interface language (as the officer's choice in the preferences file would); --scale sets
QT_SCALE_FACTOR, as a 125 % or 150 % display setting does, and the window fills the screen's logical size.

Writes PNGs to --out (never into the repository). By default only VITA's bundled fonts are visible to Qt
(fontconfig is pointed at an empty configuration), so a missing glyph shows up as a box, as it would on an
officer's laptop without those fonts; --system-fonts lets Qt use the fonts installed here as well.
The sound output is the test fake: nothing is played.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("languages", nargs="*", default=["ar", "am", "my", "zh", "km"])
    parser.add_argument("--out", type=Path, default=Path("/tmp/vita-shots"))
    parser.add_argument("--system-fonts", action="store_true", help="let Qt use the fonts installed on this machine")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--officer", default="en", help="the officer's interface language (translations/officer)")
    parser.add_argument("--scale", type=float, default=1.0, help="display scaling, as QT_SCALE_FACTOR")
    return parser.parse_args()


def main() -> int:
    args = parse()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("Set DISPLAY to an X server, e.g. Xvfb :55 -screen 0 1366x768x24 & then DISPLAY=:55")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    workdir = Path(tempfile.mkdtemp(prefix="vita-shots-"))
    if not args.system_fonts:
        config = workdir / "fonts.conf"
        config.write_text(EMPTY_FONTCONFIG.format(cache=workdir / "fc-cache"), encoding="utf-8")
        os.environ["FONTCONFIG_FILE"] = str(config)

    from PySide6 import QtCore, QtGui, QtWidgets

    from vita.audio.fake import FakeBackend
    from vita.content.model import Answer, Audience, Form
    from vita.paths import Paths
    from vita.preferences import Preferences, save_preferences

    from vita.gui.app import application, launch

    width, height = (round(int(v) / args.scale) for v in args.size.split("x"))
    application()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 150) -> None:
        loop = QtCore.QEventLoop()
        QtCore.QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(name: str, _window: QtWidgets.QWidget | None = None) -> None:
        settle()
        screen = QtGui.QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0)  # the whole X screen: exactly what a person would see
        path = args.out / f"{name}.png"
        pixmap.save(str(path))
        print(path)

    for code in args.languages:
        data = workdir / f"data-{code}"
        save_preferences(data, Preferences(args.officer))
        window = launch(
            Paths(ROOT, data),
            backend_factory=lambda: FakeBackend(auto_finish=False),
            kdf_cost=10,
            setting_overrides={"export_dir": str(workdir / "records"), "finder_pause_seconds": 60},
            open_file=lambda _path: True,
        )
        window.setGeometry(0, 0, width, height)
        window.activateWindow()
        if code == args.languages[0]:
            shoot("01-first-start", window)
        window.unlock.passphrase.setText("correct horse battery")
        window.unlock.repeat.setText("correct horse battery")
        window.unlock.submit()
        settle(300)
        window.start.place.setText("Kapıkule border crossing, lane 3")
        window.start.officer.setText("Officer A. Demir")
        if code == args.languages[0]:
            shoot("02-start", window)
        window.start.start()
        window.languages.search.setText("")
        shoot(f"{code}-03-languages", window)
        window.routes._start_finder()
        codes = [lang.code for lang in window.context.content.languages]
        window.finder.index = codes.index(code)
        window.finder.running = False
        window.finder._show()
        shoot(f"{code}-04-finder", window)
        window.finder.choose()
        window.addressee.form_buttons[Form.FEMALE].setChecked(True)
        window.addressee.audience_buttons[Audience.CHILD if code == "km" else Audience.ADULT].setChecked(True)
        shoot(f"{code}-05-addressee", window)
        window.addressee.confirm()
        for _ in range(3):
            window.interview.next()
        shoot(f"{code}-06-interview-statement", window)
        while not window.interview.current.is_question:
            window.interview.next()
        window.interview.answer(Answer.NO)
        window.interview.back()
        window.interview.answer(Answer.YES)
        window.interview.back()
        shoot(f"{code}-07-interview-corrected", window)
        window.toggle_person_view()
        shoot(f"{code}-08-person-view", window.person_view)
        window.toggle_person_view()
        for _ in range(40):
            if window.current_screen is not window.interview:
                break
            if window.interview.current.is_question:
                window.interview.answer(Answer.DONT_KNOW if window.interview.position % 3 else Answer.YES)
            else:
                window.interview.next()
        shoot(f"{code}-09-finish", window)
        window.finish.record_consent(True)  # export waits for consent to be settled
        window.finish.finish_and_export()
        shoot(f"{code}-10-exported", window)
        if code == args.languages[0]:
            window.toggle_hidden()
            shoot("11-hidden", window)
            window.toggle_hidden()
            window.lock()
            shoot("12-locked", window)
        window.close()
        window.deleteLater()
        settle(50)
    print(f"records written under {workdir / 'records'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
