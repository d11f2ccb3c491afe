"""The one way VITA writes a file (records, statistics, copies of the store's log, and content) or replaces a folder.

An attacker who can plant files in the destination folder (a shared Documents folder, a USB stick, a folder
left writable by everyone) must not be able to make VITA write through a link or an existing file, nor read
what VITA writes. So every file is written like this:

1. The folder is opened without following a link and checked: a plain directory, owned by the user, that
   no one else may write to (POSIX). Everything after this goes through that open folder (dir_fd), so the
   folder cannot be swapped for a link half-way.
2. A new file with a random hidden name is created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW), owner-only
   (0600) from the first byte, written, and synced. A planted file or link under any name is never opened.
3. The finished file is put in place atomically: a hard link to the final name when nothing may be replaced
   (link never replaces or follows an existing name), a rename when an earlier export may be replaced (rename
   replaces the name itself, never writes through it). Then the folder is synced.

A failure leaves no partial file behind and raises a typed `SafeFileError` that carries the path and why
(its words are in vita/errors_text.py). Content that is not personal data (manifests, catalogues, packs) is
written the same way with `private=False`: readable by all (0644), in a real folder that may be shared. A whole
folder (a language's audio, the overlay) is replaced by `FolderSwap`. Every rename in VITA is here (a test).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PARTIAL_SUFFIX = ".partial"
PRIVATE_FILE = 0o600
SHARED_FILE = 0o644
PRIVATE_FOLDER = 0o700
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_POSIX = os.name == "posix"
# Where the OS lets every step go through an open folder; elsewhere (Windows) paths are used.
_DIR_FDS = _POSIX and os.open in os.supports_dir_fd and os.link in os.supports_dir_fd


class SafeFileError(OSError):
    """A file with personal data was not written. It carries the path and why; `vita.errors_text.explain`
    says it to the officer. `str(error)` names the class and its data, for a log or a traceback.

    An OSError, so every caller that already handles a refused write handles these too."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def __str__(self) -> str:
        data = ", ".join(f"{name}={value}" for name, value in vars(self).items() if value is not None)
        return f"{type(self).__name__}({data})"


class UnsafeFolder(SafeFileError):
    """The destination folder is a link, not a folder, someone else's, or writable by others."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(path)
        self.why = why


class FileInTheWay(SafeFileError):
    """Something already has the final name; `is_link` says whether it is a (possibly planted) link."""

    def __init__(self, path: Path, is_link: bool) -> None:
        super().__init__(path)
        self.is_link = is_link


class FileExists(SafeFileError):
    """The final name is taken by a plain file, and nothing may be replaced."""


class DiskFull(SafeFileError):
    """The disk filled up while the file was written; nothing partial was left."""


class WriteFailed(SafeFileError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path)
        self.detail = detail


def folder_problem(info: os.stat_result) -> str | None:
    """Why a folder with this (lstat) status is unsafe, in plain words; None when it is safe."""
    if stat.S_ISLNK(info.st_mode):
        return "it is a link to another place, not a folder"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if not _POSIX:
        return None  # Windows: the user's profile folders are private; ownership is not in st_uid
    if info.st_uid != os.geteuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"other users may put files in it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def private_folder(folder: Path, *, tighten: bool = False) -> Path:
    """Make `folder` (and missing parents) owner-only, check it is safe, and return it.

    `tighten` also removes group and other permissions from an existing folder of ours (VITA's data folder);
    a folder the officer chose is checked but not changed. Raises UnsafeFolder."""
    folder = Path(folder)
    info = _made_folder(folder, PRIVATE_FOLDER)
    if tighten and _POSIX and stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and info.st_mode & 0o077:
        os.chmod(folder, PRIVATE_FOLDER, follow_symlinks=False)
        info = os.lstat(folder)
    why = folder_problem(info)
    if why:
        raise UnsafeFolder(folder, why)
    return folder


def shared_folder(folder: Path) -> Path:
    """Make `folder` (and missing parents) with the usual permissions and check it is a real folder, not a link
    or a file: where content that is not personal data is written. Raises UnsafeFolder."""
    folder = Path(folder)
    info = _made_folder(folder, 0o777)  # less the umask
    why = folder_problem(info)
    if why and not stat.S_ISDIR(info.st_mode):  # a link or a file; who owns a shared folder does not matter
        raise UnsafeFolder(folder, why)
    return folder


def _made_folder(folder: Path, mode: int) -> os.stat_result:
    try:
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
        return os.lstat(folder)
    except FileExistsError:
        raise UnsafeFolder(folder, "it is not a folder") from None
    except OSError as error:
        raise _translate(folder, error) from error


def write_file(path: Path, data: bytes, *, replace: bool = False, private: bool = True) -> Path:
    """Write `data` as a new owner-only file at `path`, all or nothing. See the module's rules.

    With `replace`, an earlier plain file of that name is replaced atomically; a link or anything else
    under the name is refused (FileInTheWay) either way. `private=False`: content that is not personal data,
    readable by others, in a folder that may be shared. Raises SafeFileError."""
    with Staged(path, replace=replace, private=private) as staged:
        staged.write(data)
    return path


def partial_name(final_name: str) -> str:
    """A hidden, unpredictable name for the file being written: a planted link cannot guess it."""
    return f".{final_name}.{os.urandom(6).hex()}{PARTIAL_SUFFIX}"


def is_partial_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(PARTIAL_SUFFIX)


class Staged:
    """A file being written under a hidden name, put in place by `commit` (or on leaving a `with` block).

    Several files that belong together (a record's JSON and PDF) are staged first and committed last, so a
    failure while writing any of them puts none of them in place."""

    def __init__(self, path: Path, *, replace: bool = False, private: bool = True) -> None:
        self.path = Path(path)
        self.replace = replace
        self.private = private
        self.folder = self.path.parent
        self.partial = self.folder / partial_name(self.path.name)
        self._dir_fd: int | None = None
        self._fd: int | None = None
        self.committed = False

    def __enter__(self) -> Staged:
        self.open()
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc_type is None:
            self.commit()
        self.close()

    def open(self) -> None:
        private_folder(self.folder) if self.private else shared_folder(self.folder)
        try:
            if _DIR_FDS:
                self._dir_fd = os.open(self.folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
                held = os.fstat(self._dir_fd)  # the folder we hold, not the name we checked
                why = folder_problem(held)
                if why and (self.private or not stat.S_ISDIR(held.st_mode)):
                    raise UnsafeFolder(self.folder, why)
            self._check_final()
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
            self._fd = os.open(self._name(self.partial), flags, PRIVATE_FILE, dir_fd=self._dir_fd)
            if not self.private and _POSIX:
                os.fchmod(self._fd, SHARED_FILE)  # content for every user, whatever the umask
        except SafeFileError:
            self.close()
            raise
        except OSError as error:
            self.close()
            raise _translate(self.path, error) from error

    def write(self, data: bytes) -> None:
        assert self._fd is not None, "open() first"
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as error:
            self.close()
            raise _translate(self.path, error) from error

    def commit(self) -> None:
        """Sync the file, then put it in place under its final name."""
        self.sync()
        self.place()

    def sync(self) -> None:
        """Make the hidden file's bytes durable (the slow, space-using step)."""
        assert self._fd is not None, "open() first"
        try:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
        except OSError as error:
            self.close()
            raise _translate(self.path, error) from error

    def place(self) -> None:
        """Give the synced file its final name atomically, and sync the folder so the name is durable."""
        try:
            self._check_final()
            if self.replace:
                os.replace(
                    self._name(self.partial), self._name(self.path), src_dir_fd=self._dir_fd, dst_dir_fd=self._dir_fd
                )
            else:
                _link_without_replacing(self._name(self.partial), self._name(self.path), self._dir_fd, self.path)
            self._sync_folder()
            self.committed = True
        except SafeFileError:
            self.close()
            raise
        except OSError as error:
            self.close()
            raise _translate(self.path, error) from error

    def withdraw(self) -> None:
        """Remove a placed file again (another file of the same set failed), if it is still ours."""
        if not self.committed:
            return
        with suppress(OSError):
            os.unlink(self._name(self.path), dir_fd=self._dir_fd)
        self.committed = False

    def close(self) -> None:
        """Forget the hidden file if it was not committed, and release the folder."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        with suppress(OSError):  # gone already: renamed into place, or never made
            os.unlink(self._name(self.partial), dir_fd=self._dir_fd)
        if self._dir_fd is not None:
            os.close(self._dir_fd)
            self._dir_fd = None

    def _name(self, path: Path) -> str:
        return path.name if self._dir_fd is not None else str(path)

    def _check_final(self) -> None:
        try:
            info = os.stat(self._name(self.path), dir_fd=self._dir_fd, follow_symlinks=False)
        except FileNotFoundError:
            return
        if not stat.S_ISREG(info.st_mode):
            raise FileInTheWay(self.path, stat.S_ISLNK(info.st_mode))
        if not self.replace:
            raise FileExists(self.path)

    def _sync_folder(self) -> None:
        if self._dir_fd is not None and _POSIX:
            os.fsync(self._dir_fd)
        else:
            sync_folder(self.folder)


def _link_without_replacing(source: str, target: str, dir_fd: int | None, final: Path) -> None:
    """Give the file `source` the name `target` (in the folder `dir_fd`, when given), never replacing a name."""
    try:
        os.link(source, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except FileExistsError:
        raise FileExists(final) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links (FAT on a USB stick): rename, after the check just made.
        # Windows' rename refuses an existing name by itself.
        if os.path.lexists(target if dir_fd is None else final):
            raise FileExists(final) from None
        os.rename(source, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    else:
        os.unlink(source, dir_fd=dir_fd)


def sync_folder(folder: Path) -> None:
    """Make a folder's new, renamed or removed names durable (POSIX; Windows has no folder handles)."""
    if not _POSIX:
        return
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def place_file(finished: Path, final: Path, *, replace: bool = False) -> Path:
    """Put a file that another writer finished under a hidden name in the same folder (SQLite's new store, an
    export that recovery found complete) in place under its final name: the file synced, given its name
    atomically, the folder synced. Without `replace` a taken name is never replaced (FileExists); with it the
    name itself is replaced, never written through. Raises SafeFileError."""
    finished, final = Path(finished), Path(final)
    try:
        _sync_file(finished)
        if replace:
            os.replace(finished, final)
        else:
            _link_without_replacing(str(finished), str(final), None, final)
        sync_folder(final.parent)
    except SafeFileError:
        raise
    except OSError as error:
        raise _translate(final, error) from error
    return final


@contextmanager
def staged_files(paths: list[Path], *, replace: bool = False) -> Iterator[list[Staged]]:
    """Stage several files that belong together; on leaving the block without an error all are put in place,
    otherwise none is. If putting one in place fails, the ones already placed are withdrawn."""
    staged: list[Staged] = []
    try:
        for path in paths:
            item = Staged(path, replace=replace)
            staged.append(item)
            item.open()
        yield staged
        for item in staged:
            item.sync()
        for item in staged:
            item._check_final()
        try:
            for item in staged:
                item.place()
        except BaseException:
            for item in staged:
                item.withdraw()
            raise
    finally:
        for item in staged:
            item.close()


# A folder swap's two hidden siblings of `<name>`: `.<name>.new-<tag>` being built, `.<name>.old-<tag>` set aside.
_SWAP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<role>new|old)-[0-9a-f]{8}$")
# What earlier versions left: `.old-<name>-<tag>` set aside, `.copy-<name>` and `.staging-<tag>/` being built.
_EARLIER_OLD = re.compile(r"^\.old-(?P<name>.+)-[0-9a-f]{8}$")
_EARLIER_NEW = re.compile(r"^\.copy-(?P<name>.+)$|^\.staging-[0-9a-f]{8}$")


def _swap_role(entry: str) -> tuple[str, str | None] | None:
    """("new" or "old", the live folder's name) for a swap's hidden sibling; None for any other name."""
    if found := _SWAP_NAME.match(entry):
        return found["role"], found["name"]
    if found := _EARLIER_OLD.match(entry):
        return "old", found["name"]
    if found := _EARLIER_NEW.match(entry):
        return "new", found["name"]
    return None


def recover_swaps(parent: Path, name: str | None = None) -> list[str]:
    """Settle every folder swap in `parent` (only those of the folder `name`, when given) that a crash cut off.

    A folder set aside whose new one never arrived is put back: wholly old. One whose new folder is in place
    is deleted: wholly new. A new folder never swapped in is deleted. Returns the names put back."""
    parent = Path(parent)
    if not parent.is_dir():
        return []
    found = [(entry, role) for entry in sorted(os.listdir(parent)) if (role := _swap_role(entry))]
    mine = [(entry, kind, live) for entry, (kind, live) in found if name is None or live == name]
    restored: list[str] = []
    for entry, kind, live in mine:
        if kind == "old" and live is not None and not os.path.lexists(parent / live):
            os.rename(parent / entry, parent / live)
            restored.append(live)
        else:
            remove_tree(parent / entry)
    if restored:
        sync_folder(parent)
    return restored


def remove_tree(path: Path) -> None:
    """Delete a folder and everything in it (or a file), if it is there; a link is removed, never followed."""
    if os.path.islink(path) or os.path.isfile(path):
        Path(path).unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def sync_tree(folder: Path) -> None:
    """Make every file and folder under `folder` durable, deepest first (links are not followed).

    A file with more than one name is one `link_or_copy` shared from a folder that was made durable when it was
    swapped in: its bytes are already on disk, and syncing its new folder makes the new name durable."""
    for here, _folders, files in os.walk(folder, topdown=False):
        for file in files:
            info = os.lstat(os.path.join(here, file))
            if not stat.S_ISLNK(info.st_mode) and info.st_nlink == 1:
                _sync_file(Path(here, file))
        sync_folder(Path(here))


def _sync_file(path: Path) -> None:
    fd = os.open(path, (os.O_RDONLY if _POSIX else os.O_RDWR) | _NOFOLLOW | _BINARY)  # Windows syncs writers only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_while_building(source: Path, target: Path) -> None:
    """Move a file or folder within a folder that is being built (a `FolderSwap`'s new folder), which no one
    reads yet: nothing is synced here, the swap makes the whole tree durable before it is used."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    os.rename(source, target)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Put `source`'s file at `target` as a hard link (no bytes copied), or a copy where links cannot be made.
    Only for files that are never written into: VITA replaces a file by a new one, so a linked file stays as it is."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class FolderSwap:
    """Replace the folder `live` (a language's audio, the overlay) by a new one, all at once or not at all.

    `start` makes the new folder beside it (empty, or a copy of a folder); the caller fills it; `commit` makes
    the whole new tree durable, then swaps it in with two renames (the live folder aside, the new one in),
    syncs the parent and deletes the old folder. Killed at any point, the folder is wholly old or wholly new
    once `recover_swaps` has run (every writer runs it before it starts). As a context manager: leaving the
    block with an error aborts (the new folder is deleted), leaving it without one commits."""

    def __init__(self, live: Path) -> None:
        self.live = Path(live)
        tag = os.urandom(4).hex()
        self.new = self.live.parent / f".{self.live.name}.new-{tag}"
        self.aside = self.live.parent / f".{self.live.name}.old-{tag}"
        self.done = False

    def __enter__(self) -> FolderSwap:
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc_type is not None:
            self.abort()
        elif not self.done:
            self.commit()

    def start(self, *, copy_of: Path | None = None, hard_links: bool = False) -> Path:
        """Settle an earlier cut-off swap of this folder, then make the new folder and return it: empty, or a
        copy of `copy_of`. With `hard_links` the copy shares the files (cheap): change them by replacing them
        (write_file with replace), never by writing into them, or the live folder changes too."""
        os.makedirs(self.live.parent, exist_ok=True)
        recover_swaps(self.live.parent, self.live.name)
        if copy_of is None:
            os.mkdir(self.new)
        else:
            copy = link_or_copy if hard_links else shutil.copy2
            shutil.copytree(copy_of, self.new, symlinks=True, copy_function=copy)
        return self.new

    def commit(self) -> None:
        sync_tree(self.new)
        if os.path.lexists(self.live):
            os.rename(self.live, self.aside)
        os.rename(self.new, self.live)
        sync_folder(self.live.parent)
        self.done = True
        remove_tree(self.aside)

    def abort(self) -> None:
        remove_tree(self.new)
        self.done = True


def _translate(path: Path, error: OSError) -> SafeFileError:
    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", -1):
        return DiskFull(path)
    if error.errno == errno.ELOOP:
        return FileInTheWay(path, True)
    if error.errno in (errno.ENOTDIR,):
        return UnsafeFolder(path.parent, "it is not a folder")
    return WriteFailed(path, error.strerror or type(error).__name__)
