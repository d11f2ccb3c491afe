"""A synthetic speaker for the studio's tests: a recorder fed from speech files instead of a microphone (the one
part a test machine lacks). It "reads aloud" the translation the record screen shows, with espeak-ng, over a
little room noise. Nothing it produces leaves the test's own folder.

`realtime`: the take grows with the time since R was pressed, as a microphone's does (the measurement);
otherwise R, R hands over the whole reading at once (the keyboard tests). `mode` spoils the next takes:
"loud" clips them, "silent" has no speech.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from vita.audio import dsp
from vita.audio.espeak import EspeakEngine
from vita.audio.voices import CALM_RATE, voice_for

from vita.gui.main_window import MainWindow

RATE = 48_000  # a microphone's native rate, not the library's
NOISE = 0.002  # room noise, about -54 dBFS
LEAD_S = 0.5  # the speaker waits a moment after R before reading


@dataclass
class SpeakerFromFiles:
    window: MainWindow
    engine: EspeakEngine
    realtime: bool = False
    mode: str = "normal"
    rate: int = RATE
    takes: list[np.ndarray] = field(default_factory=list)  # every take handed over, in order
    _reading: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    _started: float = 0.0
    closed: bool = False

    def __call__(self, _device: int | str | None) -> SpeakerFromFiles:
        """The context's recorder factory: this speaker, whatever input was chosen."""
        return self

    def reading_for(self, text: str, language: str) -> np.ndarray:
        choice = voice_for(language)
        speech = self.engine.speak(text, choice.voice("female") if choice else "en", CALM_RATE)
        voice = dsp.resample(speech.samples, speech.sample_rate, self.rate) * 0.5
        rng = np.random.default_rng(len(self.takes))
        lead = np.zeros(int(LEAD_S * self.rate), dtype=np.float32)
        tail = np.zeros(int(0.4 * self.rate), dtype=np.float32)
        take = np.concatenate([lead, voice, tail]).astype(np.float32)
        if self.mode == "silent":
            take = np.zeros_like(take)
        take = take + rng.normal(0, NOISE, take.size)
        if self.mode == "loud":  # the converter saturates: runs of samples at full scale
            take = np.clip(take * 8, -1.0, 1.0)
        return take.astype(np.float32)

    @property
    def duration_s(self) -> float:
        return self._reading.size / self.rate

    def start(self) -> None:
        screen = self.window.studio.record
        assert screen.session is not None
        self._reading = self.reading_for(screen.texts.translation.raw_text, screen.session.language)
        self._started = time.perf_counter()

    def _heard(self) -> np.ndarray:
        if not self.realtime:
            return self._reading
        return self._reading[: int((time.perf_counter() - self._started) * self.rate)]

    @property
    def heard_all(self) -> bool:
        """The speaker has finished reading (in real time, the time it takes has passed)."""
        return self._heard().size >= self._reading.size

    def level_db(self) -> float:
        block = self._heard()[-1024:]
        peak = float(np.max(np.abs(block))) if block.size else 0.0
        return 20 * np.log10(max(peak, 1e-6))

    def stop(self) -> object:
        from vita.studio.recorder import RawTake

        heard = self._heard().copy()
        self.takes.append(heard)
        return RawTake(heard, self.rate, 20 * np.log10(NOISE))

    def close(self) -> None:
        self.closed = True
