"""The store's scheduled integrity check in the window (the rule itself: vita/store/integrity.py).

It runs when the app locks, before the store closes, through the background runner: the officer has stepped
away or chosen to lock, and the window (the unlock screen) keeps painting and taking keys. The check and the
close are one call queued on the store's thread at the lock, so an unlock typed meanwhile opens the file only
after it is closed.
Damage is said in plain words on the start screen after the next unlock, once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from vita.content.officer import N_

from vita.gui.context import AppContext

if TYPE_CHECKING:  # the store and the check load after the window is on screen, when the officer unlocks
    from vita.store import Store
    from vita.store.integrity import CheckRecord

DAMAGE_NOTICE = N_(
    "VITA's regular check of the stored interviews found damage in the file that holds them on this computer. "
    "Some stored answers may no longer be readable. Nothing was deleted, and you can go on working. Run "
    "'vita doctor' on this computer, or contact support, soon: a backup of the file may be needed."
)
log = logging.getLogger("vita.store.integrity")


class ScheduledCheck:
    """Runs the check at lock when it is due, and keeps what it found until the officer has been told."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.pending: CheckRecord | None = None  # damage found, not yet shown
        self.last: CheckRecord | None = None  # the last check this window ran

    def close_store(self, store: Store) -> None:
        """Close the store (already let go of by the window), after the check when it is due."""
        from vita.store import StoreError, integrity
        from vita.store.settings import Settings

        try:
            days = float(Settings(store, self.context.setting_overrides).get(integrity.PERIOD_SETTING))
        except StoreError:  # reading a setting never keeps the app from locking
            days = 0.0
        now, owner = self.context.clock(), self.context.store_thread

        def check_and_close() -> CheckRecord | None:
            try:
                return integrity.run_if_due(store, now, days, log)
            finally:
                store.close()

        # Queued on the store's thread now, not when a worker gets to it: an unlock typed meanwhile is queued
        # after it, so the file is closed before it is opened again. The runner only waits for it.
        queued = owner.submit(check_and_close)
        self.context.runner.run(queued.result, self._checked, self._failed)

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

        self.pending = self.pending or integrity.untold_damage(store)

    def notice(self, store: Store) -> str:
        """The words for damage found and not yet told ("" when there is none); told from now on."""
        record, self.pending = self.pending, None
        if record is None:
            return ""
        from vita.store import integrity

        integrity.mark_told(store, record)
        return self.context.tr(DAMAGE_NOTICE)
