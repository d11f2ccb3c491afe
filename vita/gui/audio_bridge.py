"""A thin QObject adapter over vita.audio's Player: its plain callbacks become Qt signals on the GUI thread.

The player calls back on its own notifier thread; each callback only emits a private signal, which Qt queues
to this object's thread (the GUI thread), where the public signal is emitted. No widget is touched off the
GUI thread and nothing polls. When there is no sound at all, the bridge still exists: it says why in plain
words and every message is shown as text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from vita.audio.errors import AudioError
from vita.paths import ContentLayers

if TYPE_CHECKING:  # the audio modules load numpy and the decoder: only once the window is on screen
    import numpy as np

    from vita.audio.cache import ClipKey, ClipLibrary, LanguageLoad
    from vita.audio.manifest import ClipEntry
    from vita.audio.player import AudioBackend, Player
    from vita.content.model import Audience, Form
    from vita.record.provenance import AudioProvenance

log = logging.getLogger("vita.audio")
BackendFactory = Callable[[], "AudioBackend"]


def read_library(audio: Path | ContentLayers) -> ClipLibrary:
    """The clip library and its manifest (checked against its schema: slow, so run in the background), the
    overlay's languages replacing the shipped ones. Raises AudioError. Touches no Qt object."""
    from vita.audio.cache import ClipLibrary
    from vita.audio.layers import layered_manifest, recover_layers

    recover_layers(audio)  # finish or undo what an interrupted import or synth left
    return ClipLibrary(audio if isinstance(audio, Path) else audio.shipped_audio, layered_manifest(audio))


class AudioBridge(QtCore.QObject):
    started = QtCore.Signal(str, str, bool)  # language, message id, slower
    finished = QtCore.Signal(str, str, bool)  # language, message id, played to the end
    failed = QtCore.Signal(str)  # a plain-words sentence (the app's log has the details, such as a clip's path)
    language_ready = QtCore.Signal(str, int)  # language, clips decoded

    # Raised on the player's threads, delivered on this object's thread.
    _started_elsewhere = QtCore.Signal(str, str, bool)
    _finished_elsewhere = QtCore.Signal(str, str, bool)
    _failed_elsewhere = QtCore.Signal(str)
    _loaded_elsewhere = QtCore.Signal(str, int)

    connected = QtCore.Signal()  # the clip library and the output are ready (or known to be missing)

    def __init__(self) -> None:
        super().__init__()
        self.library: ClipLibrary | None = None
        self.audio_source: Path | ContentLayers | None = None  # where provenance is read if the library failed
        self.player: Player | None = None
        self.unavailable_reason = ""  # why there is no sound; "" when there is
        self.playing: ClipKey | None = None
        self._routed = False

    def _route_reports(self) -> None:
        """Deliver what the player and the decoders report on this object's thread, always queued (also a clip
        refused as it is asked to play, on this thread). Connected with the first player rather than at once:
        the bridge is made before the first window, which does without Qt's enums (vita/gui/qt_values.py)."""
        if self._routed:
            return
        queued = QtCore.Qt.ConnectionType.QueuedConnection
        self._started_elsewhere.connect(self._on_started, queued)
        self._finished_elsewhere.connect(self._on_finished, queued)
        self._failed_elsewhere.connect(self.failed.emit, queued)
        self._loaded_elsewhere.connect(self.language_ready.emit, queued)
        self._routed = True

    def provenance(self) -> AudioProvenance | None:
        """Where the clips the app plays come from, for the record: from the library the app holds (the same
        clips it plays), or, when that could not be read, from the folder (None: no audio; else why unknown)."""
        from vita.record.provenance import provenance_of, read_audio_provenance  # loaded when a record is made

        if self.library is not None:
            return provenance_of(self.library.manifest)
        return read_audio_provenance(self.audio_source) if self.audio_source is not None else None

    def connect_output(self, audio: Path | ContentLayers, backend_factory: BackendFactory) -> None:
        """Read the clip library and open a player on the backend; text only, with the reason, when either fails."""
        self.audio_source = audio
        try:
            library: ClipLibrary | AudioError = read_library(audio)
        except AudioError as error:
            library = error
        self.use_library(library, backend_factory)

    def use_library(self, library: ClipLibrary | AudioError, backend_factory: BackendFactory) -> None:
        """Open a player over a library read by `read_library` (in the background), or say why there is none."""
        from vita.audio.cache import ClipCache
        from vita.audio.player import Player

        if isinstance(library, AudioError):
            self.unavailable_reason = f"The sound clips cannot be used ({library}). The messages are shown as text."
            self.connected.emit()
            return
        self.library = library
        try:
            backend = backend_factory()
        except AudioError as error:
            self.unavailable_reason = str(error)
            self.connected.emit()
            return
        self._route_reports()
        player = Player(backend, ClipCache(self.library))
        player.on_started = lambda key, slower: self._started_elsewhere.emit(key[0], key[1], slower)
        player.on_finished = lambda key, done: self._finished_elsewhere.emit(key[0], key[1], done)
        player.on_error = self._tell
        self.player = player
        if not player.open():
            self.unavailable_reason = "The sound output cannot be opened. The messages are shown as text."
        self.connected.emit()

    @property
    def available(self) -> bool:
        return self.player is not None and not self.unavailable_reason

    def has_audio(self, language: str) -> bool:
        """Whether a language has any clip at all (else it is marked text-only)."""
        return self.library is not None and self.library.has_audio(language)

    def clip(
        self, language: str, message_id: str, form: Form, audience: Audience, text: str | None = None
    ) -> ClipEntry | None:
        """The clip that speaks exactly `text` in this form, or None: then the message is text-only."""
        if self.library is None:
            return None
        return self.library.resolve(language, message_id, form, audience, text)

    def prepare_language(
        self,
        language: str,
        form: Form | None = None,
        audience: Audience | None = None,
        order: Sequence[str] = (),
    ) -> None:
        """Decode a language's clips ahead of time, in the background; language_ready says when all are done.

        With the person's form and audience only the clips they can hear are decoded (fewer, so sooner).
        `order` (the message ids in interview order) decodes the first messages first. Each clip is checked
        against its checksum as it is decoded (a refused clip is never decoded), so nothing waits here."""
        from vita.content.model import variant_chain

        if self.player is not None and self.library is not None:
            variants = variant_chain(form, audience) if form is not None and audience is not None else None
            self.player.cache.load_language(
                language, lambda load: self._language_loaded(load), variants=variants, order=order
            )

    def _language_loaded(self, load: LanguageLoad) -> None:
        self._loaded_elsewhere.emit(load.language, load.clips)

    def play(self, clip: ClipEntry, slower: bool = False) -> bool:
        """Start a clip (replacing what plays). False when there is no sound: show the text instead."""
        if not self.available or self.player is None:
            return False
        refusal = self.library.refusal(clip) if self.library is not None else None
        if refusal is not None:  # changed, swapped or undecodable: never play it
            self._tell(refusal)
            return False
        if slower:
            self.player.play_slower(clip.key)
        else:
            self.player.play(clip.key)
        return True

    def refused(self, clip: ClipEntry) -> bool:
        """Whether the clip is known to be refused (its file was changed, swapped, lost or could not be decoded),
        so its message is text only. Reads no file: a clip not checked yet is checked when it is played."""
        return self.library is not None and self.library.refusal(clip, check=False) is not None

    def audible(self, clip: ClipEntry | None) -> ClipEntry | None:
        """The clip a message would be heard with, or None when it is shown as text only: it has no clip (None),
        or its clip is known to be refused (then it is never heard). Reads no file, as `refused`."""
        return None if clip is None or self.refused(clip) else clip

    def _tell(self, error: AudioError) -> None:
        """Say what went wrong in the officer's words (from any thread); the app's log keeps the details."""
        from vita.errors_text import explain  # its error classes load with the first error, not at start-up

        log.warning("%s", error)
        self._failed_elsewhere.emit(explain(error))

    def play_samples(self, language: str, name: str, samples: np.ndarray, rate: int) -> bool:
        """Play PCM that is not a library clip (a studio take); `started`/`finished` name it (language, name).
        False when there is no sound."""
        if not self.available or self.player is None:
            return False
        self.player.play_samples((language, name, ""), samples, rate)
        return True

    def replace_library(self, library: ClipLibrary) -> None:
        """Play from a library read again (the studio kept new clips): the same output, a fresh cache."""
        if self.player is None:
            self.library = library
            return
        from vita.audio.cache import ClipCache

        self.player.stop()
        old = self.player.cache
        self.player.cache = ClipCache(library, rate=old.rate)
        old.close()
        self.library = library

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()
        self.playing = None

    def close(self) -> None:
        if self.player is not None:
            self.player.close()

    @QtCore.Slot(str, str, bool)
    def _on_started(self, language: str, message_id: str, slower: bool) -> None:
        self.playing = (language, message_id, "")
        self.started.emit(language, message_id, slower)

    @QtCore.Slot(str, str, bool)
    def _on_finished(self, language: str, message_id: str, completed: bool) -> None:
        self.playing = None
        self.finished.emit(language, message_id, completed)
