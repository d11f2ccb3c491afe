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
from vita.store import Store
from vita.store.connection import PAGE_SIZE
from vita.store.store import Store as StoreClass

from vita.gui.settings_dialog import SettingsDialog

from tests.gui.conftest import PASSPHRASE, TEST_KDF_COST, unlock_new_store
from tests.gui.test_background import TICKS_WANTED, Heartbeat

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
    offset = path.stat().st_size - 3 * PAGE_SIZE + 1000
    with path.open("r+b") as file:
        file.seek(offset)
        data = file.read(16)
        file.seek(offset)
        file.write(bytes(b ^ 0xFF for b in data))


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
