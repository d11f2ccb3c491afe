"""The store's scheduled integrity check in the window (the rule itself: vita/store/integrity.py).

It runs when the app locks, before the store closes, through the background runner: the officer has stepped
away or chosen to lock, and the window (the unlock screen) keeps painting and taking keys. The check and the
close are one call queued on the store's thread at the lock, so an unlock typed meanwhile opens the file only
after it is closed. The same call runs when the window closes with the store open (an app never locked still
gets its check), waited for there, with the window already gone from the screen.
Damage is said in plain words on the start screen after the next unlock, once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from vita.content.officer import N_

from vita.gui.context import AppContext

if TYPE_CHECKING:  # the store and the check load after the window is on screen, when the officer unlocks
    from concurrent.futures import Future

    from vita.store import Store
    from vita.store.integrity import CheckRecord

DAMAGE_NOTICE = N_(
    "VITA's regular check of the stored interviews found damage in the file that holds them on this computer. "
    "Some stored answers may no longer be readable. Nothing was deleted, and you can go on working. Run "
    "'vita doctor' on this computer, or contact support, soon: a backup of the file may be needed."
)
log = logging.getLogger("vita.store.integrity")


class ScheduledCheck:
    """Runs the check at a lock or the window's close when it is due, and keeps what it found until the officer
    has been told."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.pending: CheckRecord | None = None  # damage found, not yet shown
        self.last: CheckRecord | None = None  # the last check this window ran

    def close_store(self, store: Store) -> None:
        """At a lock: close the store (already let go of by the window), after the check when it is due. The
        window stays alive meanwhile; the runner only waits for the store's thread."""
        self.context.runner.run(self._check_and_close(store).result, self._checked, self._failed)

    def close_store_now(self, store: Store) -> None:
        """As the window closes: the same, waited for here (no event loop is left to hand a result back). The
        check's errors are logged and the close goes on; the store is closed whatever the check did."""
        try:
            self._checked(self._check_and_close(store).result())
        except Exception as error:
            self._failed(error)

    def _check_and_close(self, store: Store) -> Future[CheckRecord | None]:
        """Queue the check (when due) and the close on the store's thread now, not when a worker gets to it: an
        unlock typed after a lock is queued after it, so the file is closed before it is opened again. A result
        the store could not keep is parked beside the file for the next unlock (this may be the app's last act)."""
        from vita.store import integrity
        from vita.store.settings import Settings

        now, overrides = self.context.clock(), self.context.setting_overrides

        def check_and_close() -> CheckRecord | None:
            try:
                try:
                    days = float(Settings(store, overrides).get(integrity.PERIOD_SETTING))
                except Exception:  # reading a setting never keeps the app from locking or closing
                    days = 0.0
                record = integrity.run_if_due(store, now, days, log)
            finally:
                store.close()
            if record is not None and not record.kept:
                integrity.park(store.path, record)
            return record

        return self.context.store_thread.submit(check_and_close)

    def _checked(self, record: CheckRecord | None) -> None:
        if record is None:
            return
        self.last = record
        # Said after the next unlock. Delivered after it (rare: the unlock waits for the check on the store's
        # thread), a kept record was already read from the store; one the store could not keep was not.
        if not record.sound and (self.context.store is None or not record.kept):
            self.pending = record

    def _failed(self, error: BaseException) -> None:
        log.warning("The scheduled integrity check could not run (%s).", type(error).__name__)

    def hold(self, store: Store) -> None:
        """After an unlock: damage the store's record says was never told (the app closed first) waits too."""
        from vita.store import integrity

        integrity.keep_parked(store, store.path)  # found as the app closed, or at a lock before it closed
        self.pending = self.pending or integrity.untold_damage(store)

    def notice(self, store: Store) -> str:
        """The words for damage found and not yet told ("" when there is none); told from now on."""
        record, self.pending = self.pending, None
        if record is None:
            return ""
        from vita.store import integrity

        integrity.mark_told(store, record)
        return self.context.tr(DAMAGE_NOTICE)
