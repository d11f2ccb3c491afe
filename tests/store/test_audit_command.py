"""`vita audit` reads the audit trail back, for people and for machines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from storekit import PASSPHRASE, make_store

from vita.store import AuditFile, audit

from vita.cli.main import main


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vita-data"
    monkeypatch.setenv("VITA_DATA", str(folder))
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    return folder


def test_the_audit_trail_lists_exports_and_a_settled_crash(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with make_store(data_dir / "vita.db") as store:
        store.record_audit("export", "BG-1: BG-1.json and BG-1.pdf", "Officer Ivanov")
        store.begin_audit("export", "BG-2: BG-2.json", "Officer Petrova", [AuditFile.of(data_dir / "BG-2.json", b"x")])
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "settled 1 export(s) a crash had left unconfirmed" in out
    assert "Officer Ivanov: BG-1" in out and "Officer Petrova: BG-2" in out
    assert audit.CLEANED in out

    assert main(["audit", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [(e["officer"], e["state"]) for e in entries] == [
        ("Officer Ivanov", "done"),
        ("Officer Petrova", audit.CLEANED),
    ]


def test_without_a_store_it_says_so(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit"]) == 1
    assert "no VITA store" in capsys.readouterr().err
