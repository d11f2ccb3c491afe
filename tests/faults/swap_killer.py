"""Run by test_folder_swap_kill.py as a separate process: replaces a folder by a new one through the one folder
swap (vita.safe_files.FolderSwap), and with KILL_AT > 0 kills itself with SIGKILL just before the KILL_AT-th
file-system step (a folder made, a file opened, written, synced, linked, unlinked or renamed, a folder removed).
With KILL_AT = 0 it runs to the end and prints how many steps there were, and on a second line which of them
were folder renames (the steps a swap turns on). Not a test module.

usage: python swap_killer.py MODE ROOT KILL_AT
  MODE replace: ROOT/live exists and is replaced by a changed copy of itself
  MODE create:  ROOT/live does not exist yet and is made
  MODE pack:    a pack is installed into the overlay ROOT/overlay (vita.packs.install.install_pack)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from vita.packs.install import install_pack
from vita.packs.signing import VerifiedPack
from vita.safe_files import FolderSwap, move_while_building, write_file

from tests.step_killer import StepKiller

PACK_FILES = {"translations/xx.po": b"new catalogue\n", "messages/added.toml": b"added = true\n"}


def change(new: Path) -> None:
    """What the new folder holds that the old one did not: a changed file, one gone, a folder moved, one added."""
    write_file(new / "a.txt", b"new a\n", replace=True, private=False)
    (new / "gone.txt").unlink(missing_ok=True)
    if (new / "sub").exists():
        move_while_building(new / "sub", new / "moved")
    write_file(new / "moved" / "c.txt", b"new c\n", replace=True, private=False)
    write_file(new / "deep" / "er" / "d.txt", b"new d\n", private=False)


def main(mode: str, root: Path, kill_at: int) -> None:
    killer = StepKiller(kill_at)
    killer.wrap(os, "mkdir", "open", "write", "fsync", "link", "unlink", "rename", "replace", "rmdir")
    killer.wrap(shutil, "copy2")
    if mode == "pack":
        created = "2026-01-01T00:00:00+00:00"
        manifest = json.dumps({"name": "test", "created": created, "files": sorted(PACK_FILES)}).encode()
        pack = VerifiedPack("test", "0123456789abcdef", created, manifest, b"sig", PACK_FILES)
        install_pack(root / "overlay", pack, {})
    else:
        live = root / "live"
        with FolderSwap(live) as swap:
            change(swap.start(copy_of=live if mode == "replace" else None, hard_links=True))
    print(killer.steps)
    print(*killer.renames)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
