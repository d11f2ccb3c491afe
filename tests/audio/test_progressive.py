"""A clip plays once its first part is decoded, the rest decoding behind it: on the fake output, with a decoder
slowed down or broken on purpose (the real decoder, the real clips; only its pace and a failure are injected)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from vita.audio.cache import ClipCache, ClipKey, ClipLibrary
from vita.audio.codec import ClipReader, decode_bytes
from vita.audio.errors import AudioError, ClipDecodeError
from vita.audio.fake import FakeBackend
from vita.audio.manifest import load_manifest
from vita.audio.onset import onset_window, speech_start
from vita.audio.player import Player
from vita.audio.stream import ClipStream

GREETING: ClipKey = ("en", "opening.greeting", "")
HURT: ClipKey = ("en", "safety.hurt", "")


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.005)


@pytest.fixture
def library(library_root: Path) -> ClipLibrary:
    return ClipLibrary(library_root / "audio", load_manifest(library_root / "audio"))


def whole_decode(library: ClipLibrary, key: ClipKey) -> np.ndarray:
    """The clip as a decode of the whole file gives it, from where the player starts it."""
    clip = library.manifest.get(*key)
    assert clip is not None
    decoded = decode_bytes(library.path(clip).read_bytes(), library.path(clip))
    return decoded.samples[speech_start(decoded.samples, decoded.rate) :]


class SlowReader(ClipReader):
    """The real decoder, 20 ms per block after the first part: a clip of a few seconds takes most of a second."""

    def read(self, frames: int) -> np.ndarray:
        if self.position > 0:
            time.sleep(0.02)
        return super().read(frames)


class BrokenReader(ClipReader):
    """The real decoder, failing after the first part, as a damaged tail would (which a checksum makes impossible);
    with `playing`, only once the output has started the clip."""

    playing: threading.Event | None = None

    def read(self, frames: int) -> np.ndarray:
        if self.position > 0:
            if self.playing is not None:
                self.playing.wait(10)
            raise ClipDecodeError(self.path, "the data after 0.5 s is damaged")
        return super().read(frames)


class WatchedOutput(FakeBackend):
    """The fake output, noting whether each clip it is handed is still being decoded at that moment."""

    def __init__(self) -> None:
        super().__init__()
        self.handed: list[tuple[object, bool]] = []

    def start(self, pcm, on_first_frame, on_done):  # type: ignore[no-untyped-def]
        self.handed.append((pcm, isinstance(pcm, ClipStream) and not pcm.done))
        super().start(pcm, on_first_frame, on_done)


class Events:
    def __init__(self) -> None:
        self.items: list[tuple[str, object]] = []
        self.lock = threading.Lock()

    def add(self, kind: str, value: object) -> None:
        with self.lock:
            self.items.append((kind, value))

    def of(self, kind: str) -> list[object]:
        with self.lock:
            return [value for name, value in self.items if name == kind]


def player_over(cache: ClipCache, backend: FakeBackend) -> tuple[Player, Events]:
    events = Events()
    player = Player(
        backend,
        cache,
        on_started=lambda key, slower: events.add("started", key),
        on_finished=lambda key, completed: events.add("finished", (key, completed)),
        on_error=lambda error: events.add("error", error),
    )
    return player, events


def test_a_slowly_decoded_clip_starts_after_its_first_part_and_plays_whole_and_identical(
    library: ClipLibrary,
) -> None:
    backend = WatchedOutput()
    cache = ClipCache(library, reader=SlowReader)
    player, events = player_over(cache, backend)
    player.play(GREETING)  # not decoded ahead
    wait_for(lambda: bool(events.of("started")))
    assert events.of("started") == [GREETING]
    [(stream, decoding)] = backend.handed
    assert isinstance(stream, ClipStream) and decoding, "it started while the rest was still being decoded"
    wait_for(lambda: events.of("finished") == [(GREETING, True)])
    expected = whole_decode(library, GREETING)
    assert np.array_equal(backend.played[0], expected), "sample for sample what a whole decode gives"
    assert backend.silent_blocks > 0, "the output caught up with the decoder here, and waited"
    assert np.array_equal(stream.result(timeout=1), expected)
    assert events.of("error") == []
    player.close()


def test_the_first_clip_of_a_language_is_playable_while_the_language_is_still_decoding(library: ClipLibrary) -> None:
    cache = ClipCache(library, workers=1, reader=SlowReader)
    loading = cache.load_language("en", order=["opening.greeting"])
    wait_for(lambda: cache.stream(GREETING) is not None)
    assert cache.get(GREETING) is None and not loading.done()
    load = loading.result(timeout=30)
    assert load.first_seconds is not None and load.first_seconds < load.seconds / 2
    assert np.array_equal(cache.get(GREETING), whole_decode(library, GREETING))
    cache.close()


def test_a_clip_whose_decoding_breaks_off_after_its_first_part_stops_and_says_so(library: ClipLibrary) -> None:
    backend = FakeBackend()

    class BreaksWhilePlaying(BrokenReader):
        playing = backend.started

    cache = ClipCache(library, reader=BreaksWhilePlaying)
    player, events = player_over(cache, backend)
    whole = whole_decode(library, GREETING)  # now: once refused, the clip is no longer in the manifest's clips
    clip = library.manifest.get(*GREETING)
    assert clip is not None
    player.play(GREETING)
    wait_for(lambda: bool(events.of("finished")) and bool(events.of("error")))
    assert events.of("started") == [GREETING]
    assert events.of("finished") == [(GREETING, False)]
    [error] = events.of("error")
    assert isinstance(error, ClipDecodeError) and "cannot be read" in str(error)  # as an unreadable clip says
    played = backend.played[0]
    assert played.size <= onset_window(cache.rate)  # nothing past what was decoded
    assert np.array_equal(played, whole[: played.size]) and whole.size > played.size  # never garbage
    assert cache.stream(GREETING) is None and cache.get(GREETING) is None  # not kept
    assert library.refusal(clip, check=False) is not None  # these bytes do not decode: refused, its message is text
    player.close()


def test_after_a_clip_broke_off_the_player_plays_the_next_one(library: ClipLibrary) -> None:
    broken = {GREETING}

    class BreaksGreeting(ClipReader):
        def read(self, frames: int) -> np.ndarray:
            if self.position > 0 and self.path.name.startswith("opening.greeting"):
                raise ClipDecodeError(self.path, "damaged")
            return super().read(frames)

    backend = FakeBackend()
    player, events = player_over(ClipCache(library, reader=BreaksGreeting), backend)
    player.play(next(iter(broken)))
    wait_for(lambda: bool(events.of("error")))
    player.play(HURT)
    wait_for(lambda: (HURT, True) in events.of("finished"))
    assert np.array_equal(backend.played[-1], whole_decode(library, HURT))
    player.close()


def test_a_clip_loaded_with_its_language_that_breaks_off_is_reported_by_the_load(library: ClipLibrary) -> None:
    cache = ClipCache(library, reader=BrokenReader)
    keys = {c.key for c in library.manifest.for_language("en")}
    load = cache.load_language("en").result(timeout=30)
    assert load.clips == 0 and set(load.errors) == keys
    assert set(library.manifest.refused) == keys  # refused from now on: their messages are text only
    assert all(isinstance(e, AudioError) for e in load.errors.values())
    assert cache.stream(GREETING) is None
    cache.close()


def test_read_block_by_block_a_clip_is_the_same_as_decoded_whole(library: ClipLibrary) -> None:
    for clip in library.manifest:
        data = library.path(clip).read_bytes()
        whole = decode_bytes(data, library.path(clip)).samples
        for block in (80, 960, 1600, 4096):
            reader = ClipReader(data, library.path(clip))
            parts = [reader.read(block)]
            while not reader.at_end:
                parts.append(reader.read(block))
            reader.close()
            assert np.array_equal(np.concatenate(parts), whole), (clip.path, block)


def test_a_stream_hands_out_only_what_is_decoded() -> None:
    stream = ClipStream(4)
    assert stream.read(0, 10).size == 0 and not stream.wait_for(1, timeout=0.01)
    stream.append(np.arange(3, dtype=np.float32))
    assert stream.read(1, 10).tolist() == [1, 2]
    stream.append(np.arange(3, 6, dtype=np.float32))  # more than the header said: it grows
    assert stream.read(0, 10).tolist() == [0, 1, 2, 3, 4, 5]
    assert stream.complete_pcm is None
    stream.finish()
    assert stream.result(timeout=1).tolist() == [0, 1, 2, 3, 4, 5]
    failing = ClipStream(4)
    failing.append(np.ones(2, np.float32))
    failing.fail(AudioError("broken"))
    with pytest.raises(AudioError):
        failing.result(timeout=1)
    assert failing.complete_pcm is None and failing.read(0, 10).size == 2
