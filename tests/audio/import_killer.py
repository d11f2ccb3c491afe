"""Run by test_import_kill.py as a separate process: imports a folder of recordings, and with KILL_AT > 0 kills
itself with SIGKILL just before the KILL_AT-th file-system step of the import (a write flushed, a copy, a rename,
a folder made or deleted). With KILL_AT = 0 it imports to the end and prints how many steps there were.
Not a test module.

usage: python import_killer.py CONTENT_ROOT RECORDINGS LANGUAGE KILL_AT
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from vita.audio.importer import import_recordings
from vita.audio.manifest import Recorded
from vita.content.loader import load_content

from tests.step_killer import StepKiller


def main(root: Path, recordings: Path, language: str, kill_at: int) -> None:
    content = load_content(root)
    killer = StepKiller(kill_at)
    killer.wrap(os, "fsync", "rename", "replace", "mkdir")
    killer.wrap(shutil, "copy2", "rmtree")
    speaker = Recorded("Test speaker", "2025-01-01", "")
    report = import_recordings(content, root / "audio", recordings, language, speaker)
    assert not report.rejected, [str(r) for r in report.rejected]
    print(killer.steps)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
