"""The app's settings, declared as data with their defaults, kept in the encrypted store.

Qt-free. A setting that is missing or unreadable falls back to its default, so a damaged value never stops
the app; the store only sees strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from vita.stats.suppress import DEFAULT_MIN_COUNT, MIN_COUNT_SETTING


class SettingsBackend(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type
    label: str
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("auto_lock_minutes", 5.0, float, "Lock after this many minutes without use",
            "The passphrase is asked again; a running interview is kept."),
    Setting("officer_language", "en", str, "Language the officer reads", "A language code from languages.toml."),
    Setting("last_officer", "", str, "Officer (remembered from the last interview)"),
    Setting("last_place", "", str, "Place (remembered from the last interview)"),
    Setting("export_dir", "", str, "Folder for exported records", "Empty: a 'VITA records' folder in your documents."),
    Setting("autoplay", True, bool, "Play the next message as soon as an answer is chosen"),
    Setting("finder_pause_seconds", 1.5, float, "Language finder: pause after each language",
            "Time for the person to react before the next language starts."),
    Setting("finder_text_seconds", 4.0, float, "Language finder: time a text-only language stays on screen"),
    Setting("retention_days", 90, int, "Delete finished interviews this many days after they end",
            "0 keeps them until deleted by hand. Exported records are files of their own and are not affected."),
    Setting("output_device", "", str, "Sound output (empty: the system's default)"),
    Setting("volume", 1.0, float, "Volume, from 0 to 1"),
    Setting(MIN_COUNT_SETTING, DEFAULT_MIN_COUNT, int, "Statistics: hide counts below",
            "At a quiet post a count of 1 can point to a person; 1 shows every count."),
)  # fmt: skip

BY_KEY = {setting.key: setting for setting in SETTINGS}
TRUE_WORDS = {"1", "true", "yes", "on"}


def _coerce(setting: Setting, raw: Any) -> Any:
    if raw is None:
        return setting.default
    try:
        if setting.kind is bool:
            return raw if isinstance(raw, bool) else str(raw).strip().lower() in TRUE_WORDS
        return setting.kind(raw)
    except (TypeError, ValueError):
        return setting.default


class Settings:
    """Typed access to the declared settings over a store's get_setting / set_setting."""

    def __init__(self, backend: SettingsBackend, overrides: dict[str, Any] | None = None) -> None:
        self._backend = backend
        self._overrides = dict(overrides or {})  # for a test or the benchmark; never written to the store

    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        if key in self._overrides:
            return _coerce(setting, self._overrides[key])
        return _coerce(setting, self._backend.get_setting(key, None))

    def set(self, key: str, value: Any) -> None:
        setting = BY_KEY[key]
        value = _coerce(setting, value)
        self._overrides.pop(key, None)
        self._backend.set_setting(key, str(value))
