"""A take is trimmed, resampled and normalised exactly like a library clip, and each fault is named."""

from __future__ import annotations

import numpy as np
import pytest

from vita.audio import dsp
from vita.studio.items import expected_seconds
from vita.studio.model import StudioItem
from vita.studio.recorder import RawTake, noise_floor_db, peak_db
from vita.studio.takes import process_take

from tests.audio.conftest import tone
from tests.studio.conftest import raw_take


def item(expected_s: float = 2.0) -> StudioItem:
    return StudioItem(
        "safety.hurt", "", "neutral", "Are you hurt?", "Ma dhaawacantay?", expected_s, "missing", False, False
    )


def kinds(take: RawTake, expected_s: float = 2.0) -> set[str]:
    return {w.kind for w in process_take(take, item(expected_s)).warnings}


def test_a_clean_take_at_48_khz_becomes_a_library_clip_without_warnings() -> None:
    processed = process_take(raw_take(tone(2.0, 48_000, amplitude=0.2), 48_000), item(2.0))
    assert processed.usable and processed.warnings == ()
    assert processed.rate == dsp.LIBRARY_RATE and processed.samples.dtype == np.float32
    # trimmed to the speech with the library's lead-in and tail, whatever silence the speaker left around it
    assert processed.duration_s == pytest.approx(2.0 + dsp.LEAD_IN_S + dsp.TAIL_S, abs=0.05)
    assert processed.duration_s == pytest.approx(processed.samples.size / dsp.LIBRARY_RATE)
    assert dsp.active_level_db(processed.samples, processed.rate) == pytest.approx(dsp.TARGET_LEVEL_DB, abs=0.1)


def test_the_level_is_the_library_level_whatever_the_microphone_gain() -> None:
    """A quiet and a loud take of the same speech end up at the same level, the one dsp.prepare gives clips."""
    quiet = process_take(raw_take(tone(1.5, 44_100, amplitude=0.03), 44_100), item(1.5))
    loud = process_take(raw_take(tone(1.5, 44_100, amplitude=0.6), 44_100), item(1.5))
    synthetic = dsp.prepare(tone(1.5, 22_050, amplitude=0.3), 22_050)
    levels = [dsp.active_level_db(s, dsp.LIBRARY_RATE) for s in (quiet.samples, loud.samples, synthetic.samples)]
    assert max(levels) - min(levels) < 0.2


def test_clipping_is_named() -> None:
    loud = np.clip(tone(2.0, 48_000, amplitude=3.0), -1.0, 1.0)
    assert "clipping" in kinds(raw_take(loud, 48_000))


def test_a_take_far_from_the_microphone_is_too_quiet() -> None:
    assert kinds(raw_take(tone(2.0, 48_000, amplitude=0.012), 48_000)) == {"too_quiet"}


def test_background_noise_before_speech_is_measured_and_named() -> None:
    take = raw_take(tone(2.0, 48_000, amplitude=0.2), 48_000, noise_db=-35.0)
    assert take.noise_floor_db == pytest.approx(-35.0, abs=1.5)
    assert "noisy" in kinds(take)
    quiet_room = raw_take(tone(2.0, 48_000, amplitude=0.2), 48_000, noise_db=-70.0)
    assert quiet_room.noise_floor_db == pytest.approx(-70.0, abs=1.5)
    assert "noisy" not in kinds(quiet_room)


def test_a_take_much_longer_or_shorter_than_the_text_is_named() -> None:
    assert kinds(raw_take(tone(7.0, 48_000, amplitude=0.2), 48_000), expected_s=2.0) == {"too_long"}
    assert kinds(raw_take(tone(0.6, 48_000, amplitude=0.2), 48_000), expected_s=4.0) == {"too_short"}
    assert kinds(raw_take(tone(3.5, 48_000, amplitude=0.2), 48_000), expected_s=3.0) == set()


def test_silence_or_almost_no_speech_cannot_be_kept() -> None:
    for samples in (np.zeros(48_000, np.float32), tone(0.1, 48_000, amplitude=0.2)):
        processed = process_take(raw_take(samples, 48_000), item())
        assert not processed.usable
        assert [w.kind for w in processed.warnings] == ["no_speech"]
        assert processed.warnings[0].detail


def test_a_take_too_long_for_any_clip_cannot_be_kept() -> None:
    processed = process_take(raw_take(tone(dsp.CLIP_MAX_S + 2, 16_000, amplitude=0.2), 16_000), item())
    assert not processed.usable and [w.kind for w in processed.warnings] == ["too_long"]


def test_noise_floor_ignores_digital_silence_and_the_meter_reads_peaks() -> None:
    assert noise_floor_db(np.zeros(16_000, np.float32), 16_000) == -120.0
    assert peak_db(np.array([0.0, -0.5, 0.25], np.float32)) == pytest.approx(-6.02, abs=0.01)
    assert peak_db(np.zeros(4, np.float32)) == -120.0


def test_the_expected_length_follows_the_pace_of_the_script() -> None:
    """An abjad or abugida says fewer letters a second than an alphabet; a Han character is a syllable."""
    latin = expected_seconds("Are you hurt? Do you need a doctor now?", "Latn")
    arabic = expected_seconds("هل أنت مصاب؟ هل تحتاج إلى طبيب الآن؟", "Arab")
    khmer = expected_seconds("តើអ្នករងរបួសទេ?", "Khmr")
    assert 1.5 < latin < 4.0 and 2.0 < arabic < 5.0 and 1.0 < khmer < 3.0
    assert expected_seconds("你受伤了吗？", "Hani") == pytest.approx(5 / 3.6 + 0.3, abs=0.05)
    assert expected_seconds("", "Latn") == 0.6  # never zero: a take is compared with it
