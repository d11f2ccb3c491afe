"""The studio's figures for `vita bench`: how long the officer waits at each step of a recording sitting.

Measured on the shipped content with a scratch overlay, in the language with the most clips (a keep rewrites the
language's whole folder, so the largest language is the slowest). Takes are a synthetic speech-like signal at
48 kHz, as a microphone delivers it; no sound device is needed.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import numpy as np

from vita.paths import Paths
from vita.studio.model import Speaker
from vita.studio.recorder import RawTake, noise_floor_db
from vita.studio.session import StudioSession, studio_languages
from vita.studio.takes import process_take

KEEPS = 5
MIC_RATE = 48_000


def _take(seconds: float) -> RawTake:
    t = np.arange(int(seconds * MIC_RATE)) / MIC_RATE
    speech = (0.2 * (0.55 + 0.45 * np.sin(2 * np.pi * 3.0 * t)) * np.sin(2 * np.pi * 220.0 * t)).astype(np.float32)
    pause = np.zeros(MIC_RATE // 2, np.float32)
    samples = np.concatenate([pause, speech, pause])
    return RawTake(samples, MIC_RATE, noise_floor_db(samples, MIC_RATE))


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def measure(paths: Paths, language: str, scratch: Path) -> dict[str, Any]:
    """studio_languages_ms, studio_open_ms, take_process_ms and studio_keep_ms (a list, one per keep)."""
    run = Paths(paths.content_root, scratch / "data", scratch / "overlay")
    started = time.perf_counter()
    studio_languages(run)
    figures: dict[str, Any] = {"studio_languages_ms": _ms(started)}
    started = time.perf_counter()
    session = StudioSession.open(run, language, Speaker("bench", True, dt.date.today().isoformat()))
    figures["studio_open_ms"] = _ms(started)
    processing, keeps = [], []
    for item in session.items[:KEEPS]:
        raw = _take(item.expected_s)
        started = time.perf_counter()
        take = process_take(raw, item)
        processing.append(_ms(started))
        started = time.perf_counter()
        session.keep(item, take)
        keeps.append(_ms(started))
    figures["take_process_ms"] = processing
    figures["studio_keep_ms"] = keeps
    return figures
