"""The player over the fake backend (the machine's sound card is the only thing faked), and the clip cache."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from vita.audio.cache import ClipCache, ClipKey, ClipLibrary
from vita.audio.codec import ClipReader, decode
from vita.audio.errors import AudioError, AudioUnavailable, ClipMissing, OutputDeviceError
from vita.audio.fake import FakeBackend
from vita.audio.manifest import load_manifest
from vita.audio.onset import PRE_ROLL_S, onset_window, speech_index, speech_start, speech_threshold
from vita.audio.player import OutputDevice, Player
from vita.content.model import Audience, Form, variant_chain

GREETING: ClipKey = ("en", "opening.greeting", "")
HURT: ClipKey = ("en", "safety.hurt", "")


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.005)


class Recorder:
    """Collects the player's callbacks, in the order they were delivered."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []
        self.lock = threading.Lock()

    def started(self, key: ClipKey, slower: bool) -> None:
        with self.lock:
            self.events.append(("started", (key, slower)))

    def finished(self, key: ClipKey, completed: bool) -> None:
        with self.lock:
            self.events.append(("finished", (key, completed)))

    def error(self, error: AudioError) -> None:
        with self.lock:
            self.events.append(("error", error))

    def of(self, kind: str) -> list[object]:
        with self.lock:
            return [value for name, value in self.events if name == kind]


@pytest.fixture
def library(library_root: Path) -> ClipLibrary:
    return ClipLibrary(library_root / "audio", load_manifest(library_root / "audio"))


def make_player(library: ClipLibrary, backend: FakeBackend) -> tuple[Player, Recorder]:
    recorder = Recorder()
    player = Player(backend, ClipCache(library), recorder.started, recorder.finished, recorder.error)
    return player, recorder


def test_play_hands_the_decoded_clip_to_the_output_and_reports_start_and_end(library: ClipLibrary) -> None:
    backend = FakeBackend()
    player, events = make_player(library, backend)
    player.load_language("en").result(timeout=10)
    player.play(GREETING)
    wait_for(lambda: len(events.of("finished")) == 1)
    assert events.events == [("started", (GREETING, False)), ("finished", (GREETING, True))]
    clip = library.manifest.get(*GREETING)
    assert clip is not None
    samples = decode(library.path(clip)).samples
    assert np.array_equal(backend.played[0], samples[speech_start(samples, library.manifest.sample_rate) :])
    assert player.last_latency_s is not None and player.last_latency_s < 0.05
    player.close()


def test_playback_starts_at_the_speech_not_at_the_lead_in_silence_of_the_file(library: ClipLibrary) -> None:
    """The person hears words at once: at most the short pre-roll is played before the speech, found (so that a clip
    can start before it is wholly decoded) in the clip's first ONSET_WINDOW_S, and within 10 ms of where the whole
    clip's level would put it."""
    backend = FakeBackend()
    player, _events = make_player(library, backend)
    player.load_language("fr").result(timeout=10)
    for key in [clip.key for clip in library.manifest.for_language("fr")]:
        player.play(key)
    wait_for(lambda: len(backend.played) == len(library.manifest.for_language("fr")))
    rate = library.manifest.sample_rate
    for clip, played in zip(library.manifest.for_language("fr"), backend.played, strict=True):
        original = decode(library.path(clip)).samples
        head = original[: onset_window(rate)]
        threshold = speech_threshold(head)
        assert speech_index(head) > 0, "the test clips have a lead-in, as synthetic clips do"
        assert speech_index(played, threshold) <= rate * PRE_ROLL_S
        assert original.size - played.size == speech_index(head) - speech_index(played, threshold)
        assert speech_index(played, speech_threshold(original)) <= rate * (PRE_ROLL_S + 0.010)
    player.close()


def test_a_clip_not_yet_decoded_starts_once_its_background_decode_is_done(library: ClipLibrary) -> None:
    backend = FakeBackend()
    player, events = make_player(library, backend)
    player.play(HURT)  # the language was never loaded
    wait_for(lambda: events.of("finished") == [(HURT, True)])
    assert len(backend.played) == 1
    player.close()


def test_stop_ends_the_clip_and_says_it_did_not_complete(library: ClipLibrary) -> None:
    backend = FakeBackend(auto_finish=False)
    player, events = make_player(library, backend)
    player.load_language("en").result(timeout=10)
    player.play(GREETING)
    wait_for(lambda: bool(events.of("started")))
    player.stop()
    wait_for(lambda: events.of("finished") == [(GREETING, False)])
    player.close()


def test_a_click_during_a_slow_decode_wins_over_the_earlier_click(library: ClipLibrary) -> None:
    released = threading.Event()

    class HeldReader(ClipReader):  # the greeting's decoding is slow: held until the second click
        def read(self, frames: int) -> np.ndarray:
            if self.path.name.startswith("opening.greeting"):
                released.wait(10)
            return super().read(frames)

    backend = FakeBackend()
    events = Recorder()
    player = Player(backend, ClipCache(library, reader=HeldReader), events.started, events.finished, events.error)
    player.play(GREETING)  # not decoded yet
    player.play(HURT)
    released.set()
    wait_for(lambda: bool(events.of("finished")))
    player.cache.fetch(GREETING).result(timeout=10)
    assert events.of("started") == [(HURT, False)]  # the stale decode never started
    player.close()


def test_a_new_click_replaces_the_clip_that_is_playing(library: ClipLibrary) -> None:
    backend = FakeBackend(auto_finish=False)
    player, events = make_player(library, backend)
    player.load_language("en").result(timeout=10)
    player.play(GREETING)
    player.play(HURT)
    wait_for(lambda: len(events.of("started")) == 2)
    backend.finish()
    wait_for(lambda: len(events.of("finished")) == 2)
    assert events.of("finished") == [(GREETING, False), (HURT, True)]
    player.close()


def test_replay_plays_the_last_clip_again(library: ClipLibrary) -> None:
    backend = FakeBackend()
    player, events = make_player(library, backend)
    player.load_language("en").result(timeout=10)
    player.play(HURT)
    player.replay()
    wait_for(lambda: len(events.of("finished")) == 2)
    assert events.of("started") == [(HURT, False), (HURT, False)]
    assert np.array_equal(backend.played[0], backend.played[1])
    player.close()


def test_slower_plays_a_longer_version_of_the_same_clip(library: ClipLibrary) -> None:
    backend = FakeBackend()
    player, events = make_player(library, backend)
    player.load_language("en").result(timeout=10)
    player.play(HURT)
    player.play_slower()
    wait_for(lambda: len(events.of("finished")) == 2)
    assert events.of("started") == [(HURT, False), (HURT, True)]
    normal, slow = backend.played
    assert slow.size == pytest.approx(normal.size / 0.75, rel=0.01)
    assert player.cache.slowed(HURT).result() is slow  # computed once, kept
    player.close()


def test_volume_and_output_device_reach_the_backend(library: ClipLibrary) -> None:
    backend = FakeBackend()
    player, _ = make_player(library, backend)
    player.set_volume(1.7)
    assert player.volume == 1.0
    player.set_volume(0.4)
    assert backend.volume == 0.4
    headset = next(d for d in player.devices() if d.name == "Fake headset")
    assert player.set_device(headset)
    assert backend.opened[-1][0] == headset and player.device == headset
    player.close()


def test_a_device_with_another_sample_rate_gets_clips_resampled_to_it(library: ClipLibrary) -> None:
    backend = FakeBackend(rate=48_000)
    player, events = make_player(library, backend)
    player.load_language("en")
    assert player.open()
    player.play(HURT)
    wait_for(lambda: bool(events.of("finished")))
    clip = library.manifest.get(*HURT)
    assert clip is not None
    samples = decode(library.path(clip)).samples
    from_speech = samples.size - speech_start(samples, library.manifest.sample_rate)
    assert backend.played[0].size == pytest.approx(from_speech * 3, abs=6)
    player.close()


def test_a_missing_clip_is_reported_as_a_typed_error_not_a_crash(library: ClipLibrary) -> None:
    player, events = make_player(library, FakeBackend())
    player.play(("so", "opening.greeting", ""))
    wait_for(lambda: bool(events.of("error")))
    [error] = events.of("error")
    assert isinstance(error, ClipMissing) and "show the text instead" in str(error)
    player.close()


def test_when_the_output_cannot_open_the_player_reports_it_and_carries_on(library: ClipLibrary) -> None:
    backend = FakeBackend()
    backend.fail = OutputDeviceError("Sound cannot be played on Fake headset.")
    player, events = make_player(library, backend)
    player.play(GREETING)
    wait_for(lambda: bool(events.of("error")))
    assert backend.played == []
    backend.fail = None  # the headset is plugged back in
    player.play(GREETING)
    wait_for(lambda: bool(events.of("finished")))
    player.close()


def test_a_listener_that_raises_does_not_stop_later_events(library: ClipLibrary) -> None:
    seen: list[ClipKey] = []

    def faulty(key: ClipKey, slower: bool) -> None:
        seen.append(key)
        raise RuntimeError("bug in a listener")

    player = Player(FakeBackend(), ClipCache(library), on_started=faulty)
    player.load_language("en").result(timeout=10)
    player.play(GREETING)
    player.play(HURT)
    wait_for(lambda: len(seen) == 2)
    player.close()


def test_loading_a_language_decodes_all_its_clips_and_drops_the_previous_one(library: ClipLibrary) -> None:
    cache = ClipCache(library)
    english = cache.load_language("en").result(timeout=10)
    assert english.clips == 3 and english.errors == {}
    assert cache.get(GREETING) is not None
    french = cache.load_language("fr").result(timeout=10)
    assert french.clips == 4
    assert cache.get(GREETING) is None and cache.get(("fr", "opening.greeting", "child")) is not None
    cache.close()


def test_loading_the_same_language_again_reuses_what_is_in_memory(library: ClipLibrary) -> None:
    """The app loads a language when it is chosen and again when the interview starts: decode only once."""
    cache = ClipCache(library)
    cache.load_language("en").result(timeout=10)
    for clip in library.manifest.for_language("en"):
        library.path(clip).write_bytes(b"gone from disk")  # a second decode would fail now
    again = cache.load_language("en").result(timeout=10)
    assert again.clips == 3 and again.errors == {}
    assert cache.get(GREETING) is not None
    cache.close()


def test_only_the_forms_asked_for_are_decoded_ahead(library: ClipLibrary) -> None:
    cache = ClipCache(library)
    load = cache.load_language("fr", variants=variant_chain(Form.FEMALE, Audience.ADULT)).result(timeout=10)
    assert load.clips < 4
    assert cache.get(("fr", "opening.greeting", "child")) is None
    cache.close()


def test_a_damaged_clip_is_reported_by_the_language_load_and_the_rest_still_load(library: ClipLibrary) -> None:
    clip = library.manifest.get(*HURT)
    assert clip is not None
    library.path(clip).write_bytes(b"damaged")
    cache = ClipCache(library)
    load = cache.load_language("en").result(timeout=10)
    assert load.clips == 2 and list(load.errors) == [HURT]
    cache.close()


def test_the_clip_shown_matches_the_text_on_screen(library: ClipLibrary) -> None:
    child = library.resolve("fr", "opening.greeting", Form.FEMALE, Audience.CHILD)
    assert child is not None and child.variant == "child"
    adult = library.resolve("fr", "opening.not_in_trouble", Form.FEMALE, Audience.ADULT)
    assert adult is not None and adult.variant == ""  # the female text is the neutral text
    assert library.resolve("fr", "safety.hurt", text="Êtes-vous blessé ?") is not None
    assert (
        library.resolve("fr", "safety.hurt", text="Avez-vous mal ?") is None
    )  # never words that differ from the screen
    assert library.resolve("so", "safety.hurt") is None


def test_without_portaudio_the_backend_says_so_in_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from vita.audio import default_backend

    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(AudioUnavailable) as caught:
        default_backend()
    assert "shown as text" in str(caught.value)


def test_without_any_output_device_the_backend_says_so_in_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    import sounddevice

    from vita.audio import default_backend

    monkeypatch.setattr(sounddevice, "query_devices", lambda *a, **k: [])
    with pytest.raises(AudioUnavailable) as caught:
        default_backend()
    assert "no loudspeaker or headset" in str(caught.value)


def test_the_fake_is_not_the_default_backend() -> None:
    import inspect

    from vita.audio import default_backend

    assert "Fake" not in inspect.getsource(default_backend)
    assert OutputDevice(0, "x").name == "x"


def test_a_click_while_a_language_is_loading_does_not_wait_for_the_whole_language(library_root: Path) -> None:
    import shutil
    from dataclasses import replace

    audio = library_root / "audio"
    manifest = load_manifest(audio)
    source = manifest.get(*HURT)
    assert source is not None
    (audio / "xx").mkdir()
    bulk = []
    for index in range(120):  # a big language: many clips to decode
        path = f"xx/bulk.clip{index}.opus"
        shutil.copy(audio / source.path, audio / path)
        bulk.append(replace(source, path=path, language="xx", message_id=f"bulk.clip{index}"))
    library = ClipLibrary(audio, manifest.with_clips(bulk))
    backend = FakeBackend()
    player, events = make_player(library, backend)
    loading = player.load_language("xx")
    player.play(("xx", "bulk.clip119", ""))  # the last one the preload would reach
    wait_for(lambda: bool(events.of("started")))
    assert not loading.done()
    assert loading.result(timeout=30).clips == 120
    player.close()


def test_preloading_only_the_forms_of_the_person_in_front_decodes_less(library: ClipLibrary) -> None:
    from vita.content.model import variant_chain

    cache = ClipCache(library)
    adult = cache.load_language("fr", variants=variant_chain(Form.FEMALE, Audience.ADULT)).result(timeout=10)
    assert adult.clips == 3  # neutral texts only: the child form is not needed for an adult
    assert cache.get(("fr", "opening.greeting", "child")) is None
    assert cache.fetch(("fr", "opening.greeting", "child")).result(timeout=10).size > 0  # still there on demand
    cache.close()


def test_a_language_decodes_in_interview_order_so_its_first_message_is_playable_before_the_last_is_decoded(
    library: ClipLibrary,
) -> None:
    """The officer may press Space as soon as the language is chosen: the first message comes first."""
    cache = ClipCache(library, workers=1)
    clips = library.manifest.for_language("fr")
    order = list(dict.fromkeys(c.message_id for c in reversed(clips)))  # not the manifest's order
    try:
        load = cache.load_language("fr", order=order).result(timeout=30)
    finally:
        cache.close()
    assert [key[1] for key in load.order] == sorted((c.message_id for c in clips), key=order.index)
    assert load.first_seconds is not None and load.first_seconds < load.seconds
    assert load.clips == len(clips)


def test_the_forms_of_the_person_in_front_of_the_officer_decode_first(library: ClipLibrary) -> None:
    cache = ClipCache(library, workers=1)
    variants = variant_chain(Form.UNSPECIFIED, Audience.CHILD)
    try:
        load = cache.load_language("fr", variants=variants, order=["opening.greeting"]).result(timeout=30)
    finally:
        cache.close()
    assert load.order[0] == ("fr", "opening.greeting", variants[0])


def test_a_take_that_is_not_in_the_library_plays_whole_at_the_output_rate(library: ClipLibrary) -> None:
    """The studio plays a take back at once: all of it (its lead-in is the speaker's), resampled to the output."""
    backend = FakeBackend(rate=48_000)
    player, events = make_player(library, backend)
    take = np.sin(np.linspace(0, 400 * np.pi, 16_000)).astype(np.float32) * 0.5
    player.play_samples(("en", "take", ""), take, 16_000)
    wait_for(lambda: bool(events.of("finished")))
    assert events.events == [("started", (("en", "take", ""), False)), ("finished", (("en", "take", ""), True))]
    assert backend.played[0].size == 48_000
    player.close()


def test_a_clip_swapped_after_it_was_checked_is_refused_when_decoded_and_never_played(library: ClipLibrary) -> None:
    """Each clip is decoded from the very bytes that matched its checksum: a check made earlier is not enough."""
    hurt, greeting = library.manifest.get(*HURT), library.manifest.get(*GREETING)
    assert hurt is not None and greeting is not None
    assert library.refusal(hurt) is None  # checked now: it matches
    library.path(hurt).write_bytes(library.path(greeting).read_bytes())  # then swapped on disk
    backend = FakeBackend()
    player, events = make_player(library, backend)
    player.play(HURT)
    wait_for(lambda: bool(events.of("error")))
    assert "does not match its checksum" in str(events.of("error")[0])
    assert backend.played == [] and events.of("started") == []
    assert library.refusal(hurt) is not None  # and it stays refused
    player.close()


def test_choosing_a_language_reads_none_of_its_clips_before_decoding_starts(library: ClipLibrary) -> None:
    """The first message is not kept waiting by a check of every clip: each is checked as it is decoded, so a
    damaged clip further on is refused in its turn and the first message plays."""
    hurt = library.manifest.get(*HURT)
    assert hurt is not None
    library.path(hurt).write_bytes(b"damaged")
    assert library.resolve("en", "safety.hurt") == hurt  # finding the clip reads no file
    assert library.manifest.refused == {}
    cache = ClipCache(library, workers=1)
    load = cache.load_language("en", order=["opening.greeting"]).result(timeout=30)
    cache.close()
    assert load.order[0] == GREETING and cache.get(GREETING) is not None
    assert list(load.errors) == [HURT] and HURT in library.manifest.refused


class WatchedCache(ClipCache):
    """The real cache, noting when each clip's decoding starts and ends."""

    def __init__(self, library: ClipLibrary, workers: int) -> None:
        super().__init__(library, workers=workers)
        self.moments: list[tuple[str, ClipKey]] = []
        self.moments_lock = threading.Lock()

    def _decode(self, clip, on_playable=None):  # type: ignore[no-untyped-def]
        with self.moments_lock:
            self.moments.append(("start", clip.key))
        try:
            return super()._decode(clip, on_playable)
        finally:
            with self.moments_lock:
                self.moments.append(("end", clip.key))


def test_nothing_else_of_a_language_is_decoded_until_its_first_message_is(library: ClipLibrary) -> None:
    """On a busy machine the first message's clips (every form of it) get the workers to themselves."""
    cache = WatchedCache(library, workers=2)
    clips = library.manifest.for_language("fr")
    first = [c.key for c in clips if c.message_id == "opening.greeting"]
    assert len(first) >= 2 and len(first) < len(clips)
    try:
        cache.load_language("fr", order=["opening.greeting"]).result(timeout=30)
    finally:
        cache.close()
    moments = cache.moments
    last_first_end = max(i for i, (kind, key) in enumerate(moments) if kind == "end" and key in first)
    first_other_start = min(i for i, (kind, key) in enumerate(moments) if kind == "start" and key not in first)
    assert last_first_end < first_other_start, moments


class LockWithAMoment:
    """The player's lock, with a moment the test chooses: right after the first release for which `when()` holds,
    `moment` runs to its end on a thread of its own (as another key press would) before the releasing thread goes
    on. So a race is made to happen at one exact point, by events rather than by luck or sleeps."""

    def __init__(self, lock: threading.Lock, when: Callable[[], bool], moment: Callable[[], None]) -> None:
        self._lock = lock
        self._when = when
        self._moment = moment
        self._armed = True
        self.happened = threading.Event()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *_exc: object) -> None:
        self._lock.release()
        if self._armed and self._when():
            self._armed = False
            other = threading.Thread(target=self._moment, name="test-other-key")
            other.start()
            other.join(10)
            self.happened.set()


class WatchedOutput(FakeBackend):
    """The fake output, saying when a start call has returned."""

    def __init__(self) -> None:
        super().__init__(auto_finish=False)
        self.start_returned = threading.Event()

    def start(self, pcm, on_first_frame, on_done):  # type: ignore[no-untyped-def]
        try:
            super().start(pcm, on_first_frame, on_done)
        finally:
            self.start_returned.set()


def test_a_stop_that_lands_as_a_decoded_clip_is_being_started_leaves_it_stopped(library: ClipLibrary) -> None:
    """The officer presses Stop just as a clip's decoding ends and the player decides to start it. Whatever the
    moment, the clip does not go on playing after the stop: here the stop lands at the worst one, as soon as the
    decoder's thread lets go of the player's lock after finding the clip still wanted."""
    released = threading.Event()

    class HeldReader(ClipReader):  # the clip is decoded only once the test has pressed play
        def read(self, frames: int) -> np.ndarray:
            released.wait(10)
            return super().read(frames)

    backend = WatchedOutput()
    events = Recorder()
    player = Player(backend, ClipCache(library, reader=HeldReader), events.started, events.finished, events.error)
    clicker = threading.current_thread()
    stop = LockWithAMoment(player._lock, lambda: threading.current_thread() is not clicker, player.stop)
    player._lock = stop  # type: ignore[assignment]
    player.play(HURT)  # not decoded yet: it starts from the decoder's thread
    released.set()
    assert stop.happened.wait(10) and backend.start_returned.wait(10)
    assert not backend.playing, "the clip plays on after the officer stopped it"
    wait_for(lambda: events.of("finished") == [(HURT, False)] and backend.settled())
    assert not backend.playing and events.of("error") == []
    player.close()


def test_a_clip_played_just_after_a_stop_is_not_cut_by_that_stop(library: ClipLibrary) -> None:
    """Stop, then at once the next message: the stop's silencing of the output happens before the next clip starts,
    never after it (which would cut the new message the officer just asked for)."""
    backend = WatchedOutput()
    player, events = make_player(library, backend)
    player.load_language("en").result(timeout=10)
    player.play(GREETING)
    wait_for(lambda: backend.playing)
    stopper = threading.current_thread()
    armed = threading.Event()  # only the stop's release, not those of the plays above
    next_clip = LockWithAMoment(
        player._lock, lambda: armed.is_set() and threading.current_thread() is stopper, lambda: player.play(HURT)
    )
    player._lock = next_clip  # type: ignore[assignment]
    armed.set()
    player.stop()
    assert next_clip.happened.is_set()
    wait_for(lambda: events.of("started") == [(GREETING, False), (HURT, False)])
    assert backend.playing, "the stop pressed before it cut the next message"
    assert events.of("finished") == [(GREETING, False)]
    player.close()
