"""The full integrity check on a schedule (vita/store/integrity.py): it runs when its period has passed and not
before, finds a damaged page, says so in the audit trail and the app log, and is not repeated at once."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from storekit import PASSPHRASE, an_interview, flip, make_store

from vita.store import Store
from vita.store.connection import PAGE_SIZE
from vita.store.integrity import RECORD_KEY, is_due, last_check, mark_told, run_if_due, untold_damage
from vita.store.settings import Settings

NOW = dt.datetime(2026, 11, 29, 18, 0, tzinfo=dt.UTC)
log = logging.getLogger("vita.store.integrity")


@pytest.fixture
def filled(store_path: Path) -> Path:
    """A closed store with one interview's long log: pages past the schema's first few."""
    with make_store(store_path) as store:
        session = store.start_session(an_interview())
        for n in range(60):
            session.note(f"note {n} " + "x" * 300)
    return store_path


def test_the_check_runs_when_its_period_has_passed_and_not_before(store: Store) -> None:
    days = Settings(store).get("integrity_check_days")
    assert days == 7  # the default, shown by `vita settings` and the settings dialog

    first = run_if_due(store, NOW, days, log)  # never ran: due
    assert first is not None and first.sound and first.at == NOW
    assert last_check(store) == first

    assert run_if_due(store, NOW + dt.timedelta(days=6, hours=23), days, log) is None
    assert last_check(store) == first, "a check that was not due leaves the record as it was"

    second = run_if_due(store, NOW + dt.timedelta(days=7), days, log)
    assert second is not None and second.at == NOW + dt.timedelta(days=7)
    assert last_check(store) == second


def test_a_period_of_0_never_runs_it_and_a_check_dated_in_the_future_counts_as_due(store: Store) -> None:
    assert run_if_due(store, NOW, 0, log) is None
    assert last_check(store) is None
    run_if_due(store, NOW + dt.timedelta(days=400), 7, log)  # the clock was wrong by a year
    assert is_due(last_check(store), NOW, 7), "the schedule must not stop until the wrong date comes"
    assert not is_due(last_check(store), NOW + dt.timedelta(days=400, hours=1), 7)


def test_an_unreadable_record_means_a_check_is_due(store: Store) -> None:
    store.set_setting(RECORD_KEY, "{not json")
    assert last_check(store) is None
    assert run_if_due(store, NOW, 7, log) is not None


def test_a_damaged_page_is_found_logged_kept_with_its_audit_entry_at_the_next_unlock_and_not_checked_again(
    filled: Path, caplog: pytest.LogCaptureFixture
) -> None:
    flip(filled, filled.stat().st_size - 3 * PAGE_SIZE + 1000)
    with Store.open(filled, PASSPHRASE) as store:  # unlocking reads the header only: it opens
        with caplog.at_level(logging.INFO, logger="vita.store.integrity"):
            found = run_if_due(store, NOW, 7, log)
        assert found is not None and not found.sound and found.problems and not found.told
    assert any("found damage" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    if not found.kept:  # SQLCipher refuses writes on a connection that met a damaged page
        assert any("could not be kept" in r.getMessage() for r in caplog.records)

    with Store.open(filled, PASSPHRASE) as store:  # the next unlock: a fresh connection
        assert run_if_due(store, NOW + dt.timedelta(minutes=1), 7, log) is None, "not repeated every minute"
        mark_told(store, found)  # the officer has seen the words: the result is kept now if it was not
        assert untold_damage(store) is None
        entries = [e for e in store.audit_log() if e.action == "integrity check"]
        assert len(entries) == 1 and "nothing was deleted" in entries[0].detail
        assert entries[0].officer == "VITA (automatic)"
        kept = last_check(store)
        assert kept is not None and kept.problems == found.problems and kept.told
        mark_told(store, found)
        assert len([e for e in store.audit_log() if e.action == "integrity check"]) == 1, "never written twice"


def test_damage_kept_but_not_yet_told_is_found_at_the_next_unlock(store: Store) -> None:
    """The app closed between the check and the next unlock: the store's record still says the officer was not
    told."""
    from vita.store.integrity import CheckRecord, keep

    damage = CheckRecord(NOW, ("3 page(s) were altered or damaged",), told=False)
    assert keep(store, damage)
    assert untold_damage(store) == damage
    mark_told(store, damage)
    assert untold_damage(store) is None


def test_doctor_shows_when_the_last_scheduled_check_ran_and_what_it_found(filled: Path) -> None:
    from vita import doctor

    before = doctor.check_store(filled, PASSPHRASE, lambda _store: 0)
    assert any("has not run its scheduled integrity check" in f.text for f in before)
    with Store.open(filled, PASSPHRASE) as store:
        run_if_due(store, NOW, 7, log)
    after = doctor.check_store(filled, PASSPHRASE, lambda _store: 0)
    assert any("scheduled integrity check (2026-11-29 18:00 UTC) found the store sound" in f.text for f in after)


def test_a_result_the_damaged_store_refused_is_parked_beside_it_and_kept_once_at_the_next_unlock(
    filled: Path,
) -> None:
    """The app closes right after the check: what it found waits beside the file, not in the closed process."""
    from vita.store.integrity import keep_parked, park, parked_path

    flip(filled, filled.stat().st_size - 3 * PAGE_SIZE + 1000)
    with Store.open(filled, PASSPHRASE) as store:
        found = run_if_due(store, NOW, 7, log)
    assert found is not None and not found.sound
    assert park(filled, found)
    assert parked_path(filled).read_text(encoding="utf-8") == found.as_json()  # SQLite's words, no answers

    with Store.open(filled, PASSPHRASE) as store:  # the next unlock
        keep_parked(store, filled)
        assert not parked_path(filled).exists()
        untold = untold_damage(store)
        assert untold is not None and untold.problems == found.problems and untold.at == found.at
        keep_parked(store, filled)  # nothing parked any more: nothing written twice
        assert len([e for e in store.audit_log() if e.action == "integrity check"]) == 1


def test_an_unreadable_parked_result_is_removed_and_changes_nothing(store: Store, store_path: Path) -> None:
    from vita.store.integrity import keep_parked, parked_path

    parked_path(store_path).write_bytes(b"\xff not a record")
    keep_parked(store, store_path)
    assert not parked_path(store_path).exists()
    assert last_check(store) is None
    assert not [e for e in store.audit_log() if e.action == "integrity check"]
