"""Where VITA finds its content and keeps its data, passed around as one explicit context."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

CONTENT_ENV = "VITA_CONTENT"
DATA_ENV = "VITA_DATA"


def default_content_root() -> Path:
    """The folder holding messages/, translations/ and audio/: $VITA_CONTENT, else the source checkout."""
    if os.environ.get(CONTENT_ENV):
        return Path(os.environ[CONTENT_ENV])
    here = Path(__file__).resolve().parent
    for candidate in (here.parent, here / "content_data", Path(sys.prefix) / "share" / "vita"):
        if (candidate / "messages" / "catalogue.toml").exists():
            return candidate
    return here.parent


def default_data_dir() -> Path:
    """Where the encrypted store and settings live: $VITA_DATA, else the platform's per-user data folder."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "VITA"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "VITA"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "vita"


@dataclass(frozen=True)
class Paths:
    content_root: Path
    data_dir: Path

    @classmethod
    def default(cls) -> Paths:
        return cls(default_content_root(), default_data_dir())

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
