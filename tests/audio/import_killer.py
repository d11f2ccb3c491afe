"""Run by test_import_kill.py as a separate process: imports a folder of recordings, and with KILL_AT > 0 kills
itself with SIGKILL just before the KILL_AT-th file-system step of the import (a write flushed, a copy, a rename,
a folder made or deleted). With KILL_AT = 0 it imports to the end and prints how many steps there were.
Not a test module.

usage: python import_killer.py CONTENT_ROOT RECORDINGS LANGUAGE KILL_AT
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vita.audio.importer import import_recordings
from vita.audio.manifest import Recorded
from vita.content.loader import load_content

steps = 0


def counted(function: Callable[..., Any], kill_at: int) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)

    return step


def main(root: Path, recordings: Path, language: str, kill_at: int) -> None:
    content = load_content(root)
    os.fsync = counted(os.fsync, kill_at)
    os.rename = counted(os.rename, kill_at)
    os.replace = counted(os.replace, kill_at)
    os.mkdir = counted(os.mkdir, kill_at)
    shutil.copy2 = counted(shutil.copy2, kill_at)
    shutil.rmtree = counted(shutil.rmtree, kill_at)  # type: ignore[assignment]
    speaker = Recorded("Test speaker", "2025-01-01", "")
    report = import_recordings(content, root / "audio", recordings, language, speaker)
    assert not report.rejected, [str(r) for r in report.rejected]
    print(steps)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
