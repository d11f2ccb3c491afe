"""Fixtures for the studio: a small content tree (en, fr voiced by espeak-ng; so with no voice) shipped read-only
beside an overlay of the test's own, and synthetic test speakers made in the test's tmp folder."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest

from vita.audio import dsp
from vita.audio.espeak import EspeakEngine
from vita.paths import Paths
from vita.studio.model import Speaker
from vita.studio.recorder import RawTake

from tests.audio.conftest import _built_library, engine  # noqa: F401 (fixtures: one synthesis per session)

TODAY = dt.date.today().isoformat()
SPEAKER = Speaker("Test speaker (espeak-ng)", True, TODAY, "test room")


@pytest.fixture
def paths(_built_library: Path, tmp_path: Path) -> Paths:  # noqa: F811
    """The shipped content (never written: checked by the tests) and the deployment's overlay above it."""
    shipped = tmp_path / "shipped"
    shutil.copytree(_built_library, shipped)
    return Paths(shipped, tmp_path / "data", tmp_path / "overlay")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def spoken(engine: EspeakEngine, text: str, voice: str = "en", gain: float = 1.0) -> tuple[np.ndarray, int]:  # noqa: F811
    """A synthetic test speaker saying `text` (float32 mono at the engine's rate), scaled by `gain`."""
    speech = engine.speak(text, voice)
    return (dsp.to_mono(speech.samples) * gain).astype(np.float32), speech.sample_rate


def raw_take(samples: np.ndarray, rate: int, lead_s: float = 0.5, noise_db: float = -120.0, seed: int = 1) -> RawTake:
    """A take as the recorder returns it: a silent (or noisy) lead-in, the speech, a short tail."""
    from vita.studio.recorder import noise_floor_db

    lead = np.zeros(int(lead_s * rate), np.float32)
    tail = np.zeros(int(0.4 * rate), np.float32)
    take = np.concatenate([lead, samples.astype(np.float32), tail])
    if noise_db > -120:
        noise = np.random.default_rng(seed).standard_normal(take.size).astype(np.float32)
        take = take + noise * np.float32(10 ** (noise_db / 20))
    return RawTake(take, rate, noise_floor_db(take, rate))
