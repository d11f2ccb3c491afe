"""The store's full integrity check runs when the app locks, if its period has passed: the window stays alive
meanwhile, damage is said in plain words on the start screen after the next unlock (once), and it is in the
audit trail and the app log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.content.model import Audience, Form
from vita.interview.model import Interview
from vita.store import Store, integrity
from vita.store.connection import PAGE_SIZE
from vita.store.store import Store as StoreClass

from vita.gui.settings_dialog import SettingsDialog

from tests.gui.conftest import PASSPHRASE, TEST_KDF_COST, unlock_new_store
from tests.gui.test_background import TICKS_WANTED, Heartbeat
from tests.store.storekit import flip

Key = QtCore.Qt.Key


def a_store_with_a_damaged_page(path: Path) -> None:
    """A closed store with one finished interview's long log, one of its pages damaged on the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.create(path, PASSPHRASE, kdf_cost=TEST_KDF_COST) as store:
        interview = Interview.start(place="Svilengrad", officer="Officer Petrova", language="ar",
                                    form=Form.FEMALE, audience=Audience.ADULT)  # fmt: skip
        session = store.start_session(interview)
        for n in range(60):
            session.note(f"note {n} " + "x" * 300)
        session.finish()
    flip(path, path.stat().st_size - 3 * PAGE_SIZE + 1000)


def unlock(window, keys, qtbot: QtBot) -> None:
    keys.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock.unlocked, timeout=10_000):
        keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.start)


def test_damage_found_at_lock_is_told_in_plain_words_after_the_next_unlock_once_and_kept_in_the_audit_trail(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path
) -> None:
    a_store_with_a_damaged_page(tmp_path / "data" / "vita.db")
    window = make_window(retention_days=0)
    keys = keyboard(window)
    unlock(window, keys, qtbot)  # unlocking reads the header only: the damaged store opens
    assert not window.start.problem.isVisible()

    window.idle_lock.idle.emit()  # the officer stepped away: the auto-lock
    assert window.current_screen is window.unlock and window.context.store is None
    assert window.context.runner.wait()
    found = window.scheduled_check.last
    assert found is not None and not found.sound

    unlock(window, keys, qtbot)
    words = window.start.problem.text()
    assert window.start.problem.isVisible()
    for said in ("found damage", "Nothing was deleted", "'vita doctor'", "contact support"):
        assert said in words, said
    entries = [e for e in window.context.unlocked.audit_log() if e.action == "integrity check"]
    assert len(entries) == 1 and "nothing was deleted" in entries[0].detail
    assert "found damage" in (tmp_path / "data" / "vita.log").read_text(encoding="utf-8")

    window.lock()  # a week has not passed: no second check, and the words are not said again
    assert window.context.runner.wait()
    assert window.scheduled_check.last is found
    unlock(window, keys, qtbot)
    assert "found damage" not in window.start.problem.text()


def test_the_window_stays_alive_while_the_check_runs_and_an_unlock_typed_meanwhile_waits_its_turn(
    make_window, keyboard, qtbot: QtBot, monkeypatch
) -> None:
    window = make_window()
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    checking = Heartbeat(window.surface.busy)
    monkeypatch.setattr(StoreClass, "integrity_problems", checking.hold(StoreClass.integrity_problems))

    window.lock()
    qtbot.waitUntil(lambda: checking.working.is_set(), timeout=10_000)
    keys.type(PASSPHRASE)  # the unlock screen takes keys while the store's thread is busy with the check
    assert window.unlock.passphrase.text() == PASSPHRASE
    with qtbot.waitSignal(window.unlock.unlocked, timeout=20_000):
        keys.press(Key.Key_Return)
    assert checking.during >= TICKS_WANTED
    qtbot.waitUntil(lambda: window.current_screen is window.start)
    assert window.scheduled_check.last is not None and window.scheduled_check.last.sound
    assert not window.start.problem.isVisible()


def test_a_check_is_not_run_at_lock_before_its_period_has_passed_or_when_it_is_set_to_0(
    make_window, keyboard, qtbot: QtBot
) -> None:
    moments = [dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)]
    window = make_window()
    window.context.clock = lambda: moments[-1]
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    ran = []
    for days_later, period in ((0, 7), (6, 7), (7, 7), (30, 0)):
        moments.append(moments[0] + dt.timedelta(days=days_later))
        dialog = SettingsDialog(window.context, window)  # the period is set where the officer sets it
        qtbot.addWidget(dialog)
        editor = dialog.editors["integrity_check_days"]
        assert isinstance(editor, QtWidgets.QLineEdit)
        editor.setText(str(period))
        dialog.save()
        assert not dialog.isVisible(), dialog.problem.text()
        window.activateWindow()
        qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
        window.scheduled_check.last = None
        window.lock()
        assert window.context.runner.wait()
        ran.append(window.scheduled_check.last is not None)
        unlock(window, keys, qtbot)
    assert ran == [True, False, True, False]


def test_an_app_never_locked_runs_the_due_check_as_its_window_closes_and_tells_the_damage_after_the_next_start(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path
) -> None:
    """Auto-lock off, the window closed: the check runs before the store closes. The damaged connection refuses
    to keep the result, so it waits beside the file; the next unlock keeps it (audit trail) and says it once."""
    a_store_with_a_damaged_page(tmp_path / "data" / "vita.db")
    window = make_window(retention_days=0, auto_lock_minutes=0)
    keys = keyboard(window)
    unlock(window, keys, qtbot)
    assert not window.start.problem.isVisible()

    window.close()
    found = window.scheduled_check.last
    assert found is not None and not found.sound, "the check ran as the window closed"
    assert window.context.store is None and not window.isVisible()
    assert "found damage" in (tmp_path / "data" / "vita.log").read_text(encoding="utf-8")

    again = make_window(retention_days=0, auto_lock_minutes=0)  # VITA started again
    keys = keyboard(again)
    unlock(again, keys, qtbot)
    words = again.start.problem.text()
    assert again.start.problem.isVisible()
    for said in ("found damage", "Nothing was deleted", "'vita doctor'"):
        assert said in words, said
    store = again.context.unlocked
    entries = [e for e in store.audit_log() if e.action == "integrity check"]
    assert len(entries) == 1 and "nothing was deleted" in entries[0].detail
    kept = integrity.last_check(store)
    assert kept is not None and kept.at == found.at and kept.problems == found.problems and kept.told
    assert not list((tmp_path / "data").glob("*.check")), "the parked result is in the store now"


def test_closing_runs_the_check_only_when_it_is_due_and_its_record_is_in_the_store_when_opened_again(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path
) -> None:
    moments = [dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)]
    path = tmp_path / "data" / "vita.db"

    def start_and_close(days_later: int) -> integrity.CheckRecord | None:
        """VITA started `days_later` days after the first start, unlocked, and its window closed; the record the
        store holds after."""
        window = make_window(auto_lock_minutes=0)
        window.context.clock = lambda: moments[0] + dt.timedelta(days=days_later)
        keys = keyboard(window)
        if Store.exists(path):
            unlock(window, keys, qtbot)
        else:
            unlock_new_store(window, keys, qtbot)
        window.close()
        assert window.context.store is None
        ran.append(window.scheduled_check.last is not None)
        with Store.open(path, PASSPHRASE) as store:
            return integrity.last_check(store)

    ran: list[bool] = []
    first = start_and_close(0)  # never checked: due
    assert first is not None and first.sound and first.at == moments[0]
    assert start_and_close(6) == first  # not due: not run, the record as it was
    week = start_and_close(7)
    assert week is not None and week.sound and week.at == moments[0] + dt.timedelta(days=7)
    assert ran == [True, False, True]


def test_a_check_that_fails_as_the_window_closes_is_logged_and_the_store_is_closed_all_the_same(
    make_window, keyboard, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    window = make_window(auto_lock_minutes=0)
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)

    def broken(_store: StoreClass) -> list[str]:
        raise RuntimeError("the file went away")

    monkeypatch.setattr(StoreClass, "integrity_problems", broken)
    window.close()
    assert not window.isVisible() and window.context.store is None
    assert "could not run (RuntimeError)" in (tmp_path / "data" / "vita.log").read_text(encoding="utf-8")
    monkeypatch.undo()
    with Store.open(tmp_path / "data" / "vita.db", PASSPHRASE) as store:  # closed: a second opener is not refused
        assert store.integrity_problems() == []
