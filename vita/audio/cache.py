"""Decoded clips kept in memory, decoded in a background pool so that no click waits on the disk.

`load_language` decodes every clip of a language ahead of time, in the order the interview plays them, so the
first message is playable a few milliseconds after the language is chosen while the rest decode behind it;
`open` decodes a clip asked for before its turn at once, on a worker of its own. `slowed` computes and keeps
the slower version of a clip. All hand back futures; nothing here blocks the calling (GUI) thread.

A clip is playable once its first part is decoded (ONSET_WINDOW_S: all that its start point depends on); the
rest is decoded, about fifty times faster than it plays, into the same ClipStream while it already plays. On an
output whose rate is not the library's, clips are resampled whole, so they are playable once wholly decoded.

Every clip is decoded from bytes that were just read and found to match the manifest's SHA-256: a file
that was changed, damaged or swapped with another is refused, never played (see ClipLibrary). So a language
needs no check of all its clips before its first message can play; each is checked as it is decoded.

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

import numpy as np

from vita.audio import dsp
from vita.audio.codec import ClipReader, sha256_bytes
from vita.audio.errors import AudioError, ClipDecodeError, ClipMissing, ClipRefused
from vita.audio.manifest import MISMATCH, ClipEntry, Manifest, clip_file_problem
from vita.audio.onset import onset_window, speech_start
from vita.audio.stream import ClipStream
from vita.audio.synth import text_sha256
from vita.content.model import Audience, Form, variant_chain

SLOWER_SPEED = 0.75  # three quarters of the speed: clearly slower, still natural
BLOCK_S = 0.1  # decoded a block at a time behind the first part: each block is ready long before it is played

ClipKey = tuple[str, str, str]  # (language, message id, variant)


@dataclass
class LanguageLoad:
    """The outcome of decoding one language: how many clips, which failed, how long it took."""

    language: str
    clips: int = 0
    errors: dict[ClipKey, AudioError] = field(default_factory=dict)
    seconds: float = 0.0
    first_seconds: float | None = None  # until the first clip in interview order was playable (its first part)
    order: list[ClipKey] = field(default_factory=list)  # the clips in the order their decoding finished


UNDECODABLE = "the file cannot be decoded as sound (it is damaged, or not a sound file)"


class ClipLibrary:
    """The manifest plus the folder it describes: which clip plays for a message shown in a form.

    Clips are checked against their SHA-256 in the manifest one by one, when they are about to be played or
    decoded (`check`, `read_checked`); a clip that does not match is refused from then on (see `refusal`), so
    that a swapped file is never played as another message. Safe to use from several threads."""

    def __init__(self, audio_dir: Path, manifest: Manifest) -> None:
        self.audio_dir = audio_dir
        self.manifest = manifest
        self._matched: set[ClipKey] = set()  # clips whose file was found to match the manifest
        self._lock = threading.Lock()

    def path(self, clip: ClipEntry) -> Path:
        return self.audio_dir / clip.path

    def verify_language(self, language: str) -> None:
        """Check every clip of the language not checked yet; mismatching clips are refused from now on."""
        for clip in self.manifest.for_language(language):
            self.check(clip)

    def check(self, clip: ClipEntry) -> str:
        """Why the clip's file cannot be trusted ("" when it matches its checksum). Hashed once per clip."""
        with self._lock:
            if clip.key in self._matched:
                return ""
            refused = self.manifest.refused.get(clip.key)
            if refused is not None:
                return refused[1]
        return self._record(clip, clip_file_problem(self.path(clip), clip.sha256))

    def read_checked(self, clip: ClipEntry) -> bytes:
        """The clip's file as read now, only if it matches its checksum; else ClipDecodeError (and refused)."""
        refusal = self.refusal(clip, check=False)
        if refusal is not None:
            raise refusal
        try:
            data = self.path(clip).read_bytes()
        except FileNotFoundError:
            why = "the file is missing"
        except OSError as exc:
            why = f"the file cannot be read ({exc.strerror or exc})"
        else:
            why = "" if sha256_bytes(data) == clip.sha256 else MISMATCH
        if self._record(clip, why):
            raise ClipRefused(clip.key, self.path(clip), why)
        return data

    def refuse(self, clip: ClipEntry, why: str, detail: str = "") -> ClipRefused:
        """Refuse a clip from now on, for a reason found after its checksum matched (it cannot be decoded)."""
        self._record(clip, why)
        return ClipRefused(clip.key, self.path(clip), why, detail)

    def _record(self, clip: ClipEntry, why: str) -> str:
        with self._lock:
            if why:
                if clip.key not in self.manifest.refused:
                    self.manifest = self.manifest.refusing(clip, why)
                self._matched.discard(clip.key)
            else:
                self._matched.add(clip.key)
        return why

    def refusal(self, clip: ClipEntry, check: bool = True) -> ClipRefused | None:
        """Why this clip must not be played (its file was changed, swapped or lost), as for an unreadable clip.

        A clip not checked yet is checked now (`check`), so the answer never rests on an unread file."""
        if check:
            self.check(clip)
        with self._lock:
            refused = self.manifest.refused.get(clip.key)
        return None if refused is None else ClipRefused(clip.key, self.path(clip), refused[1])

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

    def __init__(
        self,
        library: ClipLibrary,
        rate: int = dsp.LIBRARY_RATE,
        workers: int = 2,
        reader: Callable[[bytes, Path], ClipReader] = ClipReader,
    ) -> None:
        self.library = library
        self.rate = rate
        self._reader = reader
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vita-decode")
        # A click must not queue behind a whole language being decoded: its clip gets a worker of its own.
        self._urgent = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vita-decode-now")
        self._lock = threading.Lock()
        self._pcm: dict[ClipKey, ClipStream] = {}  # playable clips: decoded, or being decoded behind their start
        self._slow: dict[ClipKey, Future[dsp.Pcm]] = {}
        self.language: str | None = None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._urgent.shutdown(wait=False, cancel_futures=True)

    def _decode(self, clip: ClipEntry, on_playable: Callable[[ClipStream], None] | None = None) -> ClipStream:
        """The clip at the output's rate from its speech on, decoded from bytes that match its checksum.

        `on_playable` is called (on this thread) as soon as the clip can start: once its first part is decoded,
        before the rest is. A decoding error before then raises; one after it also ends the stream (`fail`).
        Either way the clip is refused from then on (ClipRefused), as one whose file does not match its checksum."""
        reader: ClipReader | None = None
        stream: ClipStream | None = None
        try:
            reader = self._reader(self.library.read_checked(clip), self.library.path(clip))
            rate = self.rate
            if reader.rate != rate:  # resampled whole, through the spectrum: playable once all is decoded
                pcm = dsp.resample(reader.read_all(), reader.rate, rate)
                stream = ClipStream.complete(pcm[speech_start(pcm, rate) :])
            else:
                head = reader.read(onset_window(rate))
                while head.size < onset_window(rate) and not reader.at_end:
                    head = np.concatenate([head, reader.read(onset_window(rate))])
                start = speech_start(head, rate)
                stream = ClipStream(max(head.size, reader.frames) - start)
                stream.append(head[start:])
            stream.playable_at = time.perf_counter()
            if on_playable is not None:
                on_playable(stream)
            block = max(1, int(rate * BLOCK_S))
            while not reader.at_end:
                stream.append(reader.read(block))
        except Exception as exc:
            error = self._failure(clip, exc)
            if stream is not None:
                stream.fail(error)
            if error is exc:
                raise
            raise error from exc
        finally:
            if reader is not None:
                reader.close()
        stream.finish()
        return stream

    def _failure(self, clip: ClipEntry, exc: Exception) -> AudioError:
        """What a failed decoding reports. Bytes that matched their checksum but cannot be decoded would fail
        again: the clip is refused from then on."""
        if isinstance(exc, ClipRefused) or (isinstance(exc, AudioError) and not isinstance(exc, ClipDecodeError)):
            return exc
        detail = exc.reason if isinstance(exc, ClipDecodeError) else str(exc) or type(exc).__name__  # untyped
        return self.library.refuse(clip, UNDECODABLE, detail)

    def _keep(self, key: ClipKey, stream: ClipStream) -> None:
        with self._lock:
            if self.language == key[0]:
                self._pcm[key] = stream

    def _forget(self, key: ClipKey) -> None:
        """Drop a clip whose decoding failed: it is never played from what was decoded before the failure."""
        with self._lock:
            stream = self._pcm.get(key)
            if stream is not None and stream.error is not None:
                del self._pcm[key]

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
        variants of a message are decoded in the order `variants` gives, messages not in `order` last. The
        first message's clips are decoded on their own, the rest only once they are done: on a busy machine
        nothing of this language competes with what the officer may play first.
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
        first = [clip for clip in clips if clip.message_id == clips[0].message_id] if clips else []
        rest = clips[len(first) :]
        remaining = [len(clips), len(first)]  # the whole language; its first message
        count_lock = threading.Lock()

        def finish() -> None:
            load.seconds = time.perf_counter() - started
            result.set_result(load)
            if on_done is not None:
                on_done(load)

        def one(clip: ClipEntry) -> None:
            error: AudioError | None = None

            def playable(stream: ClipStream) -> None:
                self._keep(clip.key, stream)
                if clip is clips[0]:
                    load.first_seconds = time.perf_counter() - started

            try:
                if self.language != language:
                    pass  # another language was chosen meanwhile: its clips go first, this one is dropped
                elif self.stream(clip.key) is None:  # in memory: a second call for the same language is free
                    self._decode(clip, playable)
            except AudioError as exc:
                error = exc
                self._forget(clip.key)
            except Exception as exc:  # a broken file must never take the worker down
                error = AudioError(f"{clip.path}: {exc}")
                self._forget(clip.key)
            with count_lock:
                if error is None:
                    load.clips += 1
                    if clip is clips[0] and load.first_seconds is None:  # it was in memory already
                        load.first_seconds = time.perf_counter() - started
                else:
                    load.errors[clip.key] = error
                load.order.append(clip.key)
                remaining[0] -= 1
                last = remaining[0] == 0
                if clip in first:
                    remaining[1] -= 1
                    first_done = remaining[1] == 0
                else:
                    first_done = False
            if first_done:
                submit(rest)
            if last:
                finish()

        def submit(batch: list[ClipEntry]) -> None:
            try:
                for clip in batch:
                    self._pool.submit(one, clip)
            except RuntimeError:  # the cache was closed (the app is ending): nothing more to decode
                pass

        if not clips:
            finish()
        submit(first)
        return result

    def get(self, key: ClipKey) -> dsp.Pcm | None:
        """The whole decoded clip if it is in memory, else None. Never blocks."""
        stream = self.stream(key)
        return None if stream is None else stream.complete_pcm

    def stream(self, key: ClipKey) -> ClipStream | None:
        """The clip if it is playable now (wholly decoded, or its first part with the rest on its way), else None."""
        with self._lock:
            return self._pcm.get(key)

    def open(self, key: ClipKey) -> Future[ClipStream]:
        """The clip to play: at once if it is playable, else decoded in the background, the future done as soon
        as its first part is (the rest is decoded behind it, into the same stream)."""
        ready: Future[ClipStream] = Future()
        existing = self.stream(key)
        if existing is not None:
            ready.set_result(existing)
            return ready
        if self.library.manifest.get(*key) is None:
            ready.set_exception(ClipMissing(*key))
            return ready

        def work() -> None:
            try:
                self._decode_key(key, ready.set_result)
            except Exception as exc:  # handed to whoever waits (after the first part, the stream carries it)
                if not ready.done():
                    ready.set_exception(exc)

        self._urgent.submit(work)
        return ready

    def fetch(self, key: ClipKey) -> Future[dsp.Pcm]:
        """The whole decoded clip, now if it is in memory, else decoded in the background."""
        cached = self.get(key)
        if cached is not None:
            done: Future[dsp.Pcm] = Future()
            done.set_result(cached)
            return done
        if self.library.manifest.get(*key) is None:
            failed: Future[dsp.Pcm] = Future()
            failed.set_exception(ClipMissing(*key))
            return failed
        return self._urgent.submit(self._whole, key)

    def _whole(self, key: ClipKey) -> dsp.Pcm:
        """The whole clip: waits for one being decoded (by a task that waits on nothing), else decodes it here."""
        stream = self.stream(key)
        return (stream if stream is not None else self._decode_key(key)).result()

    def _decode_key(self, key: ClipKey, on_playable: Callable[[ClipStream], None] | None = None) -> ClipStream:
        clip = self.library.manifest.get(*key)
        if clip is None:
            raise ClipMissing(*key)

        def playable(stream: ClipStream) -> None:
            self._keep(key, stream)
            if on_playable is not None:
                on_playable(stream)

        try:
            return self._decode(clip, playable)
        except AudioError:
            self._forget(key)
            raise

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
            return dsp.time_stretch(self._whole(key), self.rate, speed)

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
