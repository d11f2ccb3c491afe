"""Where VITA finds its content and keeps its data, passed around as one explicit context.

Content is found in one order, by `locate_content`: $VITA_CONTENT, else a source checkout, else the content
installed with the package (importlib.resources), else a frozen bundle's folder. A deployment's own content
(packs, synthesised or imported clips, reviewed translations, its referral directory) lives in a writable
overlay folder that is read before the shipped content: a file there replaces the shipped file of the same
name whole, and a language's audio folder there replaces the shipped one whole. Nothing is ever written into
the shipped content, which may be read-only (site-packages, a bundle).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

CONTENT_ENV = "VITA_CONTENT"
DATA_ENV = "VITA_DATA"
OVERLAY_ENV = "VITA_OVERLAY"
MARKER = Path("messages") / "catalogue.toml"  # a folder holding this holds content
PACKAGE_CONTENT = "content_data"  # the folder inside the installed package that the wheel fills
BUNDLE_CONTENT = "content"  # the folder inside a frozen bundle
# Linux folders are lower case by convention; Windows and macOS show the name to the user.
APP_NAME = "vita" if sys.platform.startswith("linux") else "VITA"


class ContentNotFound(Exception):
    """No folder holds VITA's content; `looked` names every place that was tried, in order."""

    def __init__(self, looked: list[tuple[str, Path]]) -> None:
        self.looked = looked
        places = "; ".join(f"{why}: {path}" for why, path in looked)
        super().__init__(f"VITA's content (messages/catalogue.toml) was not found. Looked in {places}")


def _holds_content(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _candidates() -> Iterator[tuple[str, Path]]:
    if os.environ.get(CONTENT_ENV):
        # An explicit choice is the only one tried: falling back would hide a typo behind other content.
        yield f"${CONTENT_ENV}", Path(os.environ[CONTENT_ENV])
        return
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        yield "the source checkout", checkout
    yield "the installed package", _installed_content()
    if getattr(sys, "frozen", False):
        bundle = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        yield "the bundle", bundle / BUNDLE_CONTENT


def _installed_content() -> Path:
    """The content folder the wheel puts inside the package: beside this module when the package is a folder
    (an install, a checkout), which spares the window's start importlib's resource readers."""
    beside = Path(__file__).with_name(PACKAGE_CONTENT)
    if beside.is_dir():
        return beside
    from importlib import resources

    return Path(str(resources.files("vita") / PACKAGE_CONTENT))


def content_candidates() -> list[tuple[str, Path]]:
    """Every place content may be, in the order they are tried, each with why it is tried."""
    return list(_candidates())


def locate_content() -> Path:
    """The shipped content folder (read-only as far as VITA is concerned); ContentNotFound names where it looked.
    The places are tried one by one: the first that holds content ends the search."""
    looked: list[tuple[str, Path]] = []
    for why, folder in _candidates():
        if _holds_content(folder):
            return folder
        looked.append((why, folder))
    raise ContentNotFound(looked)


def default_content_root() -> Path:
    """The shipped content folder (ContentNotFound, naming every place tried, when there is none)."""
    return locate_content()


def default_data_dir() -> Path:
    """Where the encrypted store and settings live: $VITA_DATA, else the platform's per-user data folder.

    On Windows this is the local (not roaming) application data folder, so that a roaming profile never
    copies the store of interviews to a server.
    """
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_overlay_dir(data_dir: Path | None = None) -> Path:
    """The deployment's writable content: $VITA_OVERLAY, else `content/` in the data folder."""
    if os.environ.get(OVERLAY_ENV):
        return Path(os.environ[OVERLAY_ENV])
    return (data_dir or default_data_dir()) / "content"


@dataclass(frozen=True)
class ContentLayers:
    """The shipped content and the deployment's overlay above it: the one way content files are found."""

    shipped: Path  # never written
    # The deployment's writable content. None: `shipped` itself is written, as when a maintainer edits a
    # checkout with `vita --content DIR …`.
    overlay: Path | None = None

    def file(self, relative: str) -> Path:
        """The file as the app sees it: the overlay's copy when there is one, else the shipped one."""
        if self.overlay is not None and (self.overlay / relative).is_file():
            return self.overlay / relative
        return self.shipped / relative

    def files(self, folder: str, pattern: str) -> list[Path]:
        """Files matching pattern in a content folder, the overlay's replacing the shipped ones of the same name."""
        found = {path.name: path for path in sorted((self.shipped / folder).glob(pattern))}
        if self.overlay is not None:
            found.update({path.name: path for path in sorted((self.overlay / folder).glob(pattern))})
        return [found[name] for name in sorted(found)]

    def writable_file(self, relative: str) -> Path:
        """Where to write a content file: in the overlay, copying the shipped file there on the first write so
        that a change edits the deployment's copy and never the shipped one."""
        if self.overlay is None:
            return self.shipped / relative
        target = self.overlay / relative
        shipped = self.shipped / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() and shipped.is_file():
            shutil.copy2(shipped, target)
        return target

    @property
    def shipped_audio(self) -> Path:
        return self.shipped / "audio"

    @property
    def writable_audio(self) -> Path:
        """The audio library that synthesis, import and packs write to: the overlay's, never the shipped one."""
        return (self.overlay or self.shipped) / "audio"


@dataclass(frozen=True)
class Paths:
    content_root: Path  # the shipped content, never written when there is an overlay
    data_dir: Path
    overlay: Path | None = None  # see ContentLayers

    @classmethod
    def default(cls) -> Paths:
        data = default_data_dir()
        return cls(default_content_root(), data, default_overlay_dir(data))

    @property
    def content(self) -> ContentLayers:
        return ContentLayers(self.content_root, self.overlay)

    @property
    def messages_dir(self) -> Path:
        return self.content_root / "messages"

    @property
    def translations_dir(self) -> Path:
        return self.content_root / "translations"

    @property
    def audio_dir(self) -> Path:
        return self.content_root / "audio"

    @property
    def database(self) -> Path:
        return self.data_dir / "vita.db"
