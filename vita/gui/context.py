"""The app's explicit context, passed to every screen's constructor: no module-level state anywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vita.clock import utc_now
from vita.content.officer import OfficerText
from vita.paths import Paths

from vita.gui.typography import Typography

if TYPE_CHECKING:  # the window is shown before any of these is needed
    import datetime as dt

    from vita.content.model import Content, Language
    from vita.store import Store
    from vita.store.owner import StoreThread
    from vita.store.settings import Settings

    from vita.gui.audio_bridge import AudioBridge
    from vita.gui.runner import Runner


class Locked(RuntimeError):
    """The store was asked for while the app is locked. A bug in the GUI, never shown to the officer."""


@dataclass
class AppContext:
    paths: Paths
    typography: Typography
    audio: AudioBridge
    runner: Runner  # slow work off the GUI thread
    clock: Callable[[], dt.datetime] = utc_now
    kdf_cost: int | None = None  # None: the store's default; tests lower it to keep unlocking fast
    setting_overrides: dict[str, Any] = field(default_factory=dict)
    open_file: Callable[[Path], bool] = lambda _path: False  # set by the app: the system's PDF viewer
    # The studio's microphone, given the input device: None is sounddevice (vita.studio.recorder.Recorder); tests
    # give a recorder fed from files, the one part a test machine lacks.
    recorder_factory: Callable[[int | str | None], Any] | None = None
    store: Store | None = None
    loaded_content: Content | None = None  # read after the first window is on screen
    # The officer's interface language: every officer-facing string goes through it (vita/content/officer.py).
    tr: OfficerText = field(default_factory=OfficerText)
    _store_thread: StoreThread | None = field(default=None, repr=False)

    @property
    def store_thread(self) -> StoreThread:
        """The one thread that uses the store's connection; made when first asked for (the store's modules load
        after the window is on screen)."""
        if self._store_thread is None:
            from vita.store.owner import StoreThread

            self._store_thread = StoreThread()
        return self._store_thread

    def close_store_thread(self) -> None:
        """End the store's thread, if one was ever made (the app closes)."""
        if self._store_thread is not None:
            self._store_thread.shutdown()

    @property
    def content(self) -> Content:
        if self.loaded_content is None:
            raise RuntimeError("the content is not loaded yet")
        return self.loaded_content

    @property
    def unlocked(self) -> Store:
        if self.store is None:
            raise Locked("the store is locked")
        return self.store

    @property
    def settings(self) -> Settings:
        from vita.store.settings import Settings

        return Settings(self.unlocked, self.setting_overrides)

    def language(self, code: str) -> Language:
        return self.content.language(code)

    @property
    def officer_language(self) -> str:
        """The interface language when the content has the messages in it too, else the catalogue's source."""
        code = self.tr.language
        return code if code in self.content.translations else self.content.catalogue.source_language

    def officer_text(self, message_id: str) -> str:
        """A message in the officer's language, falling back to the catalogue's source text."""
        found = self.content.text(self.officer_language, message_id)
        return found.text if found else self.content.catalogue.message(message_id).text

    def officer_note(self, message_id: str) -> str:
        """The catalogue's note for the officer about a message, in the officer's language."""
        return self.tr.content("note", message_id, self.content.catalogue.message(message_id).note)

    def indicator_name(self, indicator_id: str, english: str) -> str:
        return self.tr.content("indicator", indicator_id, english)
