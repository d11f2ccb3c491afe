"""`vita store check` opens the store with the passphrase from the environment and reports its health."""

from __future__ import annotations

from pathlib import Path

import pytest
from storekit import PASSPHRASE, an_interview, make_store

from vita.store import SCHEMA_VERSION, AuditFile

from vita.cli.main import main


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vita-data"
    monkeypatch.setenv("VITA_DATA", str(folder))
    return folder


def test_given_a_store_check_reports_format_encryption_and_counts_but_no_names(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_store(data_dir / "vita.db") as store:
        store.start_session(an_interview()).note("Samira")
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    assert main(["store", "check"]) == 0
    out = capsys.readouterr().out
    assert f"format:       version {SCHEMA_VERSION}" in out
    assert "scrypt N=2^10" in out and "journal wal, synchronous full" in out
    assert "1 (1 unfinished), 1 events" in out
    assert "Samira" not in out and "Petrova" not in out


def test_given_a_wrong_passphrase_check_says_so_and_fails(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_store(data_dir / "vita.db").close()
    monkeypatch.setenv("VITA_PASSPHRASE", "not it at all")
    assert main(["store", "check"]) == 1
    assert "passphrase does not open the store" in capsys.readouterr().err


def test_given_no_store_check_says_there_is_none(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "check"]) == 1
    assert "There is no VITA store" in capsys.readouterr().err


def test_given_a_passphrase_that_is_not_utf8_check_says_so_instead_of_a_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_store(data_dir / "vita.db").close()
    monkeypatch.setenv("VITA_PASSPHRASE", "caf\udce9 au lait")  # Latin-1 bytes where UTF-8 was expected
    assert main(["store", "check"]) == 1
    assert "not valid UTF-8" in capsys.readouterr().err


def test_given_an_export_a_crash_left_check_says_it_was_settled(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_store(data_dir / "vita.db") as store:
        store.begin_audit("export", "BG-7: BG-7.json", "Officer Petrova", [AuditFile.of(data_dir / "BG-7.json", b"x")])
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    assert main(["store", "check"]) == 0
    assert "warning:      settled an interrupted export: BG-7" in capsys.readouterr().out
