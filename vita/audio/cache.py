"""Decoded clips kept in memory, decoded in a background pool so that no click waits on the disk.

`load_language` decodes every clip of a language ahead of time, in the order the interview plays them, so the
first message is playable a few milliseconds after the language is chosen while the rest decode behind it;
`fetch` decodes a clip asked for before its turn at once, on a worker of its own. `slowed` computes and keeps
the slower version of a clip. All hand back futures; nothing here blocks the calling (GUI) thread.

Each clip is kept from a few milliseconds before its speech (see vita.audio.onset): the lead-in silence of
the file is never played, so the person hears the message as soon as the officer presses the key.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from vita.audio import dsp
from vita.audio.codec import decode
from vita.audio.errors import AudioError, ClipDecodeError, ClipMissing
from vita.audio.manifest import ClipEntry, Manifest, verified
from vita.audio.onset import speech_start
from vita.audio.synth import text_sha256
from vita.content.model import Audience, Form, variant_chain

SLOWER_SPEED = 0.75  # three quarters of the speed: clearly slower, still natural

ClipKey = tuple[str, str, str]  # (language, message id, variant)


@dataclass
class LanguageLoad:
    """The outcome of decoding one language: how many clips, which failed, how long it took."""

    language: str
    clips: int = 0
    errors: dict[ClipKey, AudioError] = field(default_factory=dict)
    seconds: float = 0.0
    first_seconds: float | None = None  # until the first clip in interview order was playable
    order: list[ClipKey] = field(default_factory=list)  # the clips in the order their decoding finished


class ClipLibrary:
    """The manifest plus the folder it describes: which clip plays for a message shown in a form.

    The first time a language is used, its clips are checked against their SHA-256 in the manifest; a clip that
    does not match is refused (see `refusal`), so that a swapped file is never played as another message."""

    def __init__(self, audio_dir: Path, manifest: Manifest) -> None:
        self.audio_dir = audio_dir
        self.manifest = manifest
        self._verified: set[str] = set()

    def path(self, clip: ClipEntry) -> Path:
        return self.audio_dir / clip.path

    def verify_language(self, language: str) -> None:
        """Check the language's clips against the manifest (once); mismatching clips are refused from now on."""
        if language not in self._verified:
            self._verified.add(language)
            self.manifest = verified(self.manifest, self.audio_dir, language)

    def refusal(self, clip: ClipEntry) -> ClipDecodeError | None:
        """Why this clip must not be played (its file was changed, swapped or lost), as for an unreadable clip."""
        refused = self.manifest.refused.get(clip.key)
        return None if refused is None else ClipDecodeError(self.path(clip), refused[1])

    def resolve(
        self,
        language: str,
        message_id: str,
        form: Form = Form.UNSPECIFIED,
        audience: Audience = Audience.ADULT,
        text: str | None = None,
    ) -> ClipEntry | None:
        """The clip for a message in the most specific form that has one.

        When `text` (what the screen shows) is given, only a clip made from that very text is returned,
        so that the person never hears words that differ from the ones the officer sees.
        """
        wanted = text_sha256(text) if text is not None else None
        self.verify_language(language)
        for variant in variant_chain(form, audience):
            clip = self.manifest.get(language, message_id, variant)
            if clip is None and (language, message_id, variant) in self.manifest.refused:
                clip = self.manifest.refused[(language, message_id, variant)][0]  # resolved, then refused in play
            if clip is None:
                continue
            if wanted is None or not clip.text_sha256 or clip.text_sha256 == wanted:
                return clip
        return None

    def has_audio(self, language: str) -> bool:
        return bool(self.manifest.for_language(language))


class ClipCache:
    """PCM of one language at a time, at the output's sample rate, decoded by a small worker pool."""

    def __init__(self, library: ClipLibrary, rate: int = dsp.LIBRARY_RATE, workers: int = 2) -> None:
        self.library = library
        self.rate = rate
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vita-decode")
        # A click must not queue behind a whole language being decoded: its clip gets a worker of its own.
        self._urgent = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vita-decode-now")
        self._lock = threading.Lock()
        self._pcm: dict[ClipKey, dsp.Pcm] = {}
        self._slow: dict[ClipKey, Future[dsp.Pcm]] = {}
        self.language: str | None = None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._urgent.shutdown(wait=False, cancel_futures=True)

    def _decode(self, clip: ClipEntry) -> dsp.Pcm:
        decoded = decode(self.library.path(clip))
        pcm = dsp.resample(decoded.samples, decoded.rate, self.rate)
        return pcm[speech_start(pcm, self.rate) :]

    def load_language(
        self,
        language: str,
        on_done: Callable[[LanguageLoad], None] | None = None,
        *,
        variants: Iterable[str] | None = None,
        order: Iterable[str] | None = None,
    ) -> Future[LanguageLoad]:
        """Decode every clip of `language` in the background, dropping the previous language from memory.

        `variants` (e.g. `variant_chain(form, audience)` of the person in front of the officer) limits the
        work to the forms this interview can play; the others are still decoded on demand if asked for.
        `order` (message ids in the order the interview plays them) decodes the first messages first; the
        variants of a message are decoded in the order `variants` gives, messages not in `order` last.
        """
        started = time.perf_counter()
        wanted = None if variants is None else list(variants)
        clips = [c for c in self.library.manifest.for_language(language) if wanted is None or c.variant in wanted]
        rank = {message_id: index for index, message_id in enumerate(order or ())}
        variant_rank = {variant: index for index, variant in enumerate(wanted or ())}
        clips.sort(key=lambda c: (rank.get(c.message_id, len(rank)), variant_rank.get(c.variant, len(variant_rank))))
        with self._lock:
            self.language = language
            self._pcm = {k: v for k, v in self._pcm.items() if k[0] == language}
            self._slow = {k: v for k, v in self._slow.items() if k[0] == language}
        result: Future[LanguageLoad] = Future()
        load = LanguageLoad(language)
        remaining = [len(clips)]
        count_lock = threading.Lock()

        def finish() -> None:
            load.seconds = time.perf_counter() - started
            result.set_result(load)
            if on_done is not None:
                on_done(load)

        def one(clip: ClipEntry) -> None:
            error: AudioError | None = None
            try:
                if self.language != language:
                    pass  # another language was chosen meanwhile: its clips go first, this one is dropped
                elif self.get(clip.key) is None:  # already in memory: a second call for the same language is free
                    pcm = self._decode(clip)
                    with self._lock:
                        if self.language == language:
                            self._pcm[clip.key] = pcm
            except AudioError as exc:
                error = exc
            except Exception as exc:  # a broken file must never take the worker down
                error = AudioError(f"{clip.path}: {exc}")
            with count_lock:
                if error is None:
                    load.clips += 1
                    if clip is clips[0]:
                        load.first_seconds = time.perf_counter() - started
                else:
                    load.errors[clip.key] = error
                load.order.append(clip.key)
                remaining[0] -= 1
                last = remaining[0] == 0
            if last:
                finish()

        if not clips:
            finish()
        for clip in clips:
            self._pool.submit(one, clip)
        return result

    def get(self, key: ClipKey) -> dsp.Pcm | None:
        """The decoded clip if it is in memory, else None. Never blocks."""
        with self._lock:
            return self._pcm.get(key)

    def fetch(self, key: ClipKey) -> Future[dsp.Pcm]:
        """The decoded clip, now if cached, else decoded in the background."""
        cached = self.get(key)
        if cached is not None:
            done: Future[dsp.Pcm] = Future()
            done.set_result(cached)
            return done
        if self.library.manifest.get(*key) is None:
            failed: Future[dsp.Pcm] = Future()
            failed.set_exception(ClipMissing(*key))
            return failed
        return self._urgent.submit(self._decode_key, key)

    def _decode_key(self, key: ClipKey) -> dsp.Pcm:
        clip = self.library.manifest.get(*key)
        if clip is None:
            raise ClipMissing(*key)
        pcm = self._decode(clip)
        with self._lock:
            if self.language == key[0]:
                self._pcm[key] = pcm
        return pcm

    def slowed(self, key: ClipKey, speed: float = SLOWER_SPEED, urgent: bool = False) -> Future[dsp.Pcm]:
        """The clip stretched to `speed` with its pitch kept, computed once in the background and kept.

        `urgent` (someone is waiting to hear it) computes it at once unless it is already being computed.
        """
        with self._lock:
            existing = self._slow.get(key)
            failed = existing is not None and existing.done() and existing.exception() is not None
            if existing is not None and not failed and (not urgent or existing.running() or existing.done()):
                return existing

        def work() -> dsp.Pcm:  # decodes in the same worker: waiting on another task could starve the pool
            pcm = self.get(key)
            return dsp.time_stretch(pcm if pcm is not None else self._decode_key(key), self.rate, speed)

        future = (self._urgent if urgent else self._pool).submit(work)
        with self._lock:
            self._slow[key] = future
        return future

    def set_rate(self, rate: int) -> None:
        """Change the output sample rate: drops everything decoded at the old rate."""
        with self._lock:
            if rate == self.rate:
                return
            self.rate = rate
            self._pcm.clear()
            self._slow.clear()
