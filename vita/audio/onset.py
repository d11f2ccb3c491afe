"""Where the speech in a clip starts, found in the decoded samples (the clip files keep their lead-in).

Every synthetic clip opens with 100–125 ms of near-silence. Playing it from the first sample makes the person
wait that long after the officer's key for nothing, so the player starts each clip a few milliseconds before
its speech. The same definition of "speech starts here" is used by the benchmark, so that the latency it
reports is the time to the first sample a person can hear.

The start is found in the clip's first ONSET_WINDOW_S only (its level taken from that part too), so that a clip
can start playing once that part is decoded, before the rest is (see ClipCache); a decode of the whole clip
finds the very same start.
"""

from __future__ import annotations

import numpy as np

# A sample is speech once it reaches 1 % of the clip's peak (-40 dB): that is where espeak's and a recorded
# voice's first consonant starts; the lead-in of a clip stays below 0.01 % of full scale.
SPEECH_THRESHOLD_DB = -40.0
# Never below this, so that a silent or nearly silent clip is not "speech" at its noise floor.
MIN_THRESHOLD = 1e-3
# Kept before the onset, so that the first consonant's attack is not cut (one 5 ms block).
PRE_ROLL_S = 0.005
# Where the start is looked for: every library clip has 120 ms of lead-in (vita.audio.dsp.LEAD_IN_S), so this holds
# its first ~0.4 s of speech. On the shipped clips the start found here is the one found with the whole clip's peak
# for about half of them, and at most 10 ms earlier (99 % within 5 ms) for the others.
ONSET_WINDOW_S = 0.5


def speech_threshold(pcm: np.ndarray) -> float:
    """The amplitude from which a sample of this clip counts as speech."""
    if pcm.size == 0:
        return MIN_THRESHOLD
    peak = float(np.max(np.abs(pcm)))
    return max(MIN_THRESHOLD, peak * 10 ** (SPEECH_THRESHOLD_DB / 20))


def speech_index(pcm: np.ndarray, threshold: float | None = None) -> int:
    """The index of the first sample at or above the speech threshold (0 when there is none)."""
    if pcm.size == 0:
        return 0
    level = speech_threshold(pcm) if threshold is None else threshold
    above = np.flatnonzero(np.abs(pcm) >= level)
    return int(above[0]) if above.size else 0


def onset_window(rate: int) -> int:
    """How many samples from a clip's beginning decide where its playback starts."""
    return int(rate * ONSET_WINDOW_S)


def speech_start(pcm: np.ndarray, rate: int) -> int:
    """Where playback should start: a short pre-roll before the speech in the clip's first ONSET_WINDOW_S (0 for
    a clip that starts loud). Only `pcm[:onset_window(rate)]` is read."""
    return max(0, speech_index(pcm[: onset_window(rate)]) - int(rate * PRE_ROLL_S))
