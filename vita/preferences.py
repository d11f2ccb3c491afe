"""The officer's preferences that must be known before the store is unlocked: a small plaintext file in the
data folder. Only choices about the interface go here, never personal data (the store is encrypted for that).

Qt-free. A missing or damaged file gives the defaults, so it can never keep the officer out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

FILE_NAME = "preferences.toml"


@dataclass(frozen=True)
class Preferences:
    interface_language: str = ""  # empty: not chosen yet (the first start asks)

    def with_language(self, code: str) -> Preferences:
        return replace(self, interface_language=code)


def preferences_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def load_preferences(data_dir: Path) -> Preferences:
    try:
        text = preferences_path(data_dir).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Preferences()  # the first start, before a language was chosen: no file
    import tomllib  # only when there is a file: the first window of a first start does without

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return Preferences()
    language = data.get("interface_language", "")
    return Preferences(interface_language=language if isinstance(language, str) else "")


def save_preferences(data_dir: Path, preferences: Preferences) -> None:
    """Write the file whole (vita.safe_files): never half a file. Raises OSError."""
    text = (
        "# VITA interface preferences. Not personal data: the interviews are in the encrypted store.\n"
        f"interface_language = {json.dumps(preferences.interface_language)}\n"
    )
    from vita.safe_files import write_file  # not needed to read them, before the first window

    write_file(preferences_path(data_dir), text.encode("utf-8"), replace=True, private=False)
