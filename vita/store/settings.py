"""The app's settings, declared as data with their defaults, kept in the encrypted store.

Qt-free, so the window and `vita settings` read and change the same settings with the same checks. Reading is
forgiving: a setting that is missing or unreadable falls back to its default, so a damaged value never stops
the app. Writing is strict: an unknown key or a value of the wrong kind or range is refused with a typed
error and nothing is written. The store only sees strings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

from vita.content.officer import N_
from vita.stats.suppress import DEFAULT_MIN_COUNT, MIN_COUNT_SETTING


class SettingsBackend(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


class SettingError(Exception):
    """Base of the settings' refusals. Carries data; `vita.errors_text` says it in words."""


class UnknownSetting(SettingError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class BadSettingValue(SettingError):
    """`value` cannot be this setting: `expected` names the kind ("number", "yes or no", …) and the range."""

    def __init__(self, key: str, value: object, expected: str) -> None:
        super().__init__(key, value, expected)
        self.key = key
        self.value = value
        self.expected = expected


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type
    label: str
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None

    @property
    def expected(self) -> str:
        """What a value must be, for an error about a wrong one (data, phrased by vita.errors_text)."""
        kind = {bool: "yes or no", int: "a whole number", float: "a number"}.get(self.kind, "text")
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f"{kind} of at least {self.minimum:g}"
        return kind


SETTINGS: tuple[Setting, ...] = (
    Setting("auto_lock_minutes", 5.0, float, N_("Lock after this many minutes without use"),
            N_("The passphrase is asked again; a running interview is kept."), minimum=0.0, maximum=120.0),
    Setting("last_officer", "", str, N_("Officer (remembered from the last interview)")),
    Setting("last_place", "", str, N_("Place (remembered from the last interview)")),
    Setting("export_dir", "", str, N_("Folder for exported records"),
            N_("Empty: a 'VITA records' folder in your documents.")),
    Setting("autoplay", True, bool, N_("Play the next message as soon as an answer is chosen")),
    Setting("finder_pause_seconds", 1.5, float, N_("Language finder: pause after each language"),
            N_("Time for the person to react before the next language starts."), minimum=0.0, maximum=120.0),
    Setting("finder_text_seconds", 4.0, float, N_("Language finder: time a text-only language stays on screen"),
            minimum=0.0, maximum=120.0),
    Setting("retention_days", 90, int, N_("Delete finished interviews this many days after they end"),
            N_("0 keeps them until deleted by hand. Exported records are files of their own and are not affected."),
            minimum=0),
    Setting("integrity_check_days", 7, int, N_("Check the whole store for damage every this many days"),
            N_("The check runs when VITA locks or its window closes, and can take a few seconds with many interviews. "
               "0 never runs it on a schedule ('vita doctor' still does)."), minimum=0, maximum=365),
    Setting("output_device", "", str, N_("Sound output (empty: the system's default)")),
    Setting("volume", 1.0, float, N_("Volume, from 0 to 1"), minimum=0.0, maximum=1.0),
    Setting(MIN_COUNT_SETTING, DEFAULT_MIN_COUNT, int, N_("Statistics: hide counts below"),
            "At a quiet post a count of 1 can point to a person; 1 shows every count.", minimum=1),
)  # fmt: skip

BY_KEY = {setting.key: setting for setting in SETTINGS}
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def setting(key: str) -> Setting:
    """The declared setting called `key`; UnknownSetting if there is none."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise UnknownSetting(key) from None


def validate(key: str, raw: Any) -> Any:
    """`raw` (a typed value or the text a person typed) as the setting's type; BadSettingValue if it is not
    one, or out of range. Used for every write, from the window or the command line."""
    declared = setting(key)
    value: Any
    if declared.kind is bool:
        if isinstance(raw, bool):
            value = raw
        elif str(raw).strip().lower() in TRUE_WORDS | FALSE_WORDS:
            value = str(raw).strip().lower() in TRUE_WORDS
        else:
            raise BadSettingValue(key, raw, declared.expected)
    elif declared.kind in (int, float):
        try:
            value = declared.kind(str(raw).strip()) if isinstance(raw, str) else declared.kind(raw)
        except (TypeError, ValueError):
            raise BadSettingValue(key, raw, declared.expected) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise BadSettingValue(key, raw, declared.expected)
        if (declared.minimum is not None and value < declared.minimum) or (
            declared.maximum is not None and value > declared.maximum
        ):
            raise BadSettingValue(key, raw, declared.expected)
    else:
        value = str(raw)
    return value


def _lenient(declared: Setting, raw: Any) -> Any:
    """A stored value as the setting's type, or the default when it cannot be one (reading never fails)."""
    if raw is None:
        return declared.default
    try:
        return validate(declared.key, raw)
    except BadSettingValue:
        return declared.default


class Settings:
    """Typed access to the declared settings over a store's get_setting / set_setting."""

    def __init__(self, backend: SettingsBackend, overrides: dict[str, Any] | None = None) -> None:
        self._backend = backend
        self._overrides = dict(overrides or {})  # for a test or the benchmark; never written to the store

    def get(self, key: str) -> Any:
        declared = setting(key)
        if key in self._overrides:
            return _lenient(declared, self._overrides[key])
        return _lenient(declared, self._backend.get_setting(key, None))

    def set(self, key: str, value: Any) -> Any:
        """Check and store a value; returns it as stored. Raises UnknownSetting or BadSettingValue."""
        checked = validate(key, value)
        self._overrides.pop(key, None)
        self._backend.set_setting(key, str(checked))
        return checked

    def items(self) -> list[tuple[Setting, Any]]:
        return [(declared, self.get(declared.key)) for declared in SETTINGS]
