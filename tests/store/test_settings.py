"""The settings schema in the core: defaults, forgiving reads, strict writes, and `vita settings` doing the same
through the real encrypted store."""

from __future__ import annotations

from pathlib import Path

import pytest
from storekit import PASSPHRASE, make_store

from vita.errors_text import explain
from vita.store import Store
from vita.store.settings import SETTINGS, BadSettingValue, Settings, UnknownSetting

from vita.cli.main import main


class MemoryBackend:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.values[key] = value


def test_settings_have_defaults_are_typed_and_survive_a_bad_stored_value() -> None:
    backend = MemoryBackend()
    settings = Settings(backend)
    assert {s.key: settings.get(s.key) for s in SETTINGS} == {s.key: s.default for s in SETTINGS}
    settings.set("auto_lock_minutes", 2.5)
    settings.set("autoplay", "no")
    assert backend.values == {"auto_lock_minutes": "2.5", "autoplay": "False"}
    assert Settings(backend).get("auto_lock_minutes") == 2.5 and Settings(backend).get("autoplay") is False
    backend.values["auto_lock_minutes"] = "ten"  # damaged in the store: read as the default, never a crash
    assert Settings(backend).get("auto_lock_minutes") == 5.0
    assert Settings(backend, {"auto_lock_minutes": 0.01}).get("auto_lock_minutes") == 0.01
    with pytest.raises(UnknownSetting):
        settings.get("no_such_setting")


@pytest.mark.parametrize(
    ("key", "value"),
    [("volume", "1.5"), ("volume", "loud"), ("retention_days", "-1"), ("retention_days", "2.5"),
     ("autoplay", "perhaps"), ("auto_lock_minutes", "nan")],
)  # fmt: skip
def test_a_bad_value_is_refused_with_what_was_expected_and_nothing_is_written(key: str, value: str) -> None:
    backend = MemoryBackend()
    with pytest.raises(BadSettingValue) as refused:
        Settings(backend).set(key, value)
    assert backend.values == {}
    assert refused.value.key == key and value in explain(refused.value)


def test_vita_settings_lists_gets_and_sets_with_the_same_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("VITA_DATA", str(data))
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    make_store(data / "vita.db").close()

    assert main(["settings", "list"]) == 0
    listed = capsys.readouterr().out
    assert all(f"{s.key} = " in listed for s in SETTINGS)
    assert main(["settings", "set", "retention_days", "30"]) == 0
    assert "retention_days = 30" in capsys.readouterr().out
    assert main(["settings", "get", "retention_days"]) == 0
    assert capsys.readouterr().out.strip() == "30"

    assert main(["settings", "set", "volume", "11"]) == 1
    assert "'11' is not a number from 0 to 1" in capsys.readouterr().err
    assert main(["settings", "get", "colour"]) == 1
    assert "no setting called 'colour'" in capsys.readouterr().err
    with Store.open(data / "vita.db", PASSPHRASE) as store:
        assert Settings(store).get("retention_days") == 30 and Settings(store).get("volume") == 1.0


def test_vita_settings_without_a_store_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VITA_DATA", str(tmp_path / "empty"))
    assert main(["settings", "list"]) == 1
    assert "There is no VITA store" in capsys.readouterr().err
