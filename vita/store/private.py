"""The store's files are the owner's alone on POSIX: its folder 0700, the store, its log and index 0600."""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

from vita.safe_files import private_folder


def make_private(path: Path, draft: Path) -> None:
    """The data folder owner-only (0700), and the new store's file created owner-only (0600) before SQLite
    opens it: SQLite gives its log and index files the mode of the store file."""
    private_folder(path.parent, tighten=True)
    os.close(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))


def keep_private(path: Path) -> None:
    """Take group and other permissions off a store made before VITA did so (its folder, file, log)."""
    if os.name != "posix":
        return  # Windows: the profile folder's access list already keeps other users out
    with suppress(OSError):
        private_folder(path.parent, tighten=True)
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with suppress(OSError):
            info = file.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_mode & 0o077:
                os.chmod(file, 0o600)
