"""A recording sitting: the texts a language needs, keeping a take into the overlay, progress, resuming."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from vita.audio import dsp
from vita.audio.cache import ClipLibrary
from vita.audio.codec import decode, encode_opus
from vita.audio.espeak import EspeakEngine
from vita.audio.layers import layered_manifest
from vita.audio.manifest import Recorded, load_manifest
from vita.paths import Paths
from vita.studio.errors import StudioError
from vita.studio.model import Speaker
from vita.studio.session import StudioSession, last_speaker, sitting_path, studio_languages
from vita.studio.takes import process_take

from tests.studio.conftest import SPEAKER, TODAY, raw_take, spoken, tree
from vita.cli.content import content_check


def keep_spoken(session: StudioSession, engine: EspeakEngine, index: int, gain: float = 1.0) -> None:
    item = session.items[index]
    samples, rate = spoken(engine, item.text, "en", gain)
    take = process_take(raw_take(samples, rate), item)
    assert take.usable
    session.keep(item, take)


def test_a_speaker_who_has_not_agreed_cannot_be_recorded(paths: Paths) -> None:
    with pytest.raises(ValueError, match="not agreed"):
        StudioSession.open(paths, "so", dataclasses.replace(SPEAKER, consent=False))
    with pytest.raises(ValueError, match="date"):
        StudioSession.open(paths, "so", dataclasses.replace(SPEAKER, consent_date="yesterday"))
    with pytest.raises(ValueError, match="name"):
        StudioSession.open(paths, "so", dataclasses.replace(SPEAKER, name=" "))
    assert not sitting_path(paths, "so").exists()


def test_every_text_whose_words_differ_is_an_item_in_catalogue_order(paths: Paths) -> None:
    session = StudioSession.open(paths, "fr", SPEAKER)
    keys = [(i.message_id, i.variant) for i in session.items]
    # the child form differs from the neutral text; the female form of not_in_trouble has the same words: no clip
    assert keys == [
        ("opening.greeting", ""),
        ("opening.greeting", "child"),
        ("opening.not_in_trouble", ""),
        ("safety.hurt", ""),
    ]
    greeting = session.items[0]
    assert greeting.source_text == "Hello. I work here, and I am here to help you."
    assert greeting.text.startswith("Bonjour")
    assert session.items[1].form_label == "child"
    assert all(i.status == "synthetic" and not i.reviewed and not i.approved for i in session.items)
    assert 1.5 < greeting.expected_s < 8 and session.items[3].expected_s < greeting.expected_s
    progress = session.progress()
    assert (progress.recorded, progress.total, len(progress.synthetic), progress.missing) == (0, 4, 4, ())


def test_keeping_the_first_take_gives_a_language_without_voice_its_voice(paths: Paths, engine: EspeakEngine) -> None:
    shipped_before = tree(paths.content_root)
    assert "so" in load_manifest(paths.audio_dir).no_voice
    session = StudioSession.open(paths, "so", SPEAKER)
    assert [i.status for i in session.items] == ["missing"] * 3 and session.position == 0

    before = dt.date.today().isoformat()
    keep_spoken(session, engine, 2)  # safety.hurt
    dated = {before, dt.date.today().isoformat()}  # the day the take was kept (a run may cross midnight)

    hurt = session.items[2]
    assert hurt.status == "recorded" and not hurt.approved
    assert session.position == 0  # on to the first text still to record
    progress = session.progress()
    assert (progress.recorded, progress.total, len(progress.missing)) == (1, 3, 2)
    overlay = load_manifest(paths.overlay / "audio")  # type: ignore[operator]
    assert "so" not in overlay.no_voice
    entry = overlay.get("so", "safety.hurt")
    assert entry is not None and isinstance(entry.provenance, Recorded) and entry.provenance.date in dated
    assert entry.provenance == Recorded(
        SPEAKER.name, entry.provenance.date, SPEAKER.place, consent=True, consent_date=SPEAKER.consent_date
    )
    clip = session.clip_path(hurt)
    assert clip is not None and clip.is_file() and paths.overlay in clip.parents  # type: ignore[operator]
    assert session.clip_path(session.items[0]) is None
    assert tree(paths.content_root) == shipped_before  # the shipped content is never written

    # The interview plays what is recorded and shows the rest as text.
    library = ClipLibrary(paths.content.shipped_audio, layered_manifest(paths.content))
    assert library.has_audio("so")
    assert library.resolve("so", "safety.hurt", text=hurt.text) is not None
    assert library.resolve("so", "opening.greeting", text=session.items[0].text) is None

    # The content check passes, the language voiced: recorded where recorded, the rest named as text only.
    report = content_check(paths.content)
    assert report.ok, [str(p) for p in report.errors]
    row = next(r for r in report.rows if r.code == "so")
    assert row.cells["safety.hurt"].audio.value == "recorded"
    assert row.cells["opening.greeting"].audio.value == "missing"
    text_only = [str(p) for p in report.problems if "shown as text only" in str(p)]
    assert any("opening.greeting" in p for p in text_only) and not any("safety.hurt" in p for p in text_only)


def test_a_recorded_clip_plays_as_loud_as_a_synthetic_one(paths: Paths, engine: EspeakEngine, tmp_path: Path) -> None:
    """The same words, recorded through a quiet microphone or synthesised, play at the same level."""
    session = StudioSession.open(paths, "fr", SPEAKER)
    item = session.items[3]
    keep_spoken(session, engine, 3, gain=0.05)  # a quiet microphone: -26 dB
    recorded = decode(session.clip_path(session.items[3]))  # type: ignore[arg-type]
    assert session.items[3].status == "recorded"
    # the synthetic clip the library would make of the same speech (dsp.prepare, Opus), as `vita content synth` does
    samples, rate = spoken(engine, item.text, "en")
    prepared = dsp.prepare(samples, rate)
    (tmp_path / "synthetic.opus").write_bytes(encode_opus(prepared.samples, prepared.rate))
    synthetic = decode(tmp_path / "synthetic.opus")
    level = dsp.active_level_db(recorded.samples, recorded.rate)
    assert level == pytest.approx(dsp.active_level_db(synthetic.samples, synthetic.rate), abs=0.3)
    # and within the spread of the language's shipped synthetic clips (each under the same peak ceiling)
    others = [decode(session.clip_path(i)) for i in session.items if i.status == "synthetic"]  # type: ignore[arg-type]
    spread = [dsp.active_level_db(d.samples, d.rate) for d in others]
    assert min(spread) - 0.3 <= level <= max(spread) + 0.3 or abs(level - dsp.TARGET_LEVEL_DB) < 1.0


def test_a_sitting_left_half_way_resumes_where_it_was_with_its_speaker(paths: Paths, engine: EspeakEngine) -> None:
    session = StudioSession.open(paths, "fr", SPEAKER)
    keep_spoken(session, engine, 0)
    assert session.position == 1
    session.go_to(3)
    saved = json.loads(sitting_path(paths, "fr").read_text(encoding="utf-8"))
    assert (saved["message_id"], saved["variant"]) == ("safety.hurt", "")
    assert sitting_path(paths, "fr").is_relative_to(paths.overlay)  # type: ignore[arg-type]

    again = StudioSession.open(paths, "fr", SPEAKER)
    assert again.position == 3
    assert again.items[0].status == "recorded"
    assert last_speaker(paths, "fr") == SPEAKER
    assert last_speaker(paths, "so") is None
    with pytest.raises(IndexError):
        again.go_to(4)


def test_a_damaged_sitting_file_starts_at_the_first_text_not_recorded(paths: Paths, engine: EspeakEngine) -> None:
    session = StudioSession.open(paths, "so", SPEAKER)
    keep_spoken(session, engine, 0)
    sitting_path(paths, "so").write_text("{not json", encoding="utf-8")
    assert StudioSession.open(paths, "so", SPEAKER).position == 1


def test_an_unusable_take_is_refused_and_nothing_is_written(paths: Paths) -> None:
    import numpy as np

    session = StudioSession.open(paths, "so", SPEAKER)
    silent = process_take(raw_take(np.zeros(48_000, np.float32), 48_000), session.items[0])
    with pytest.raises(ValueError, match="no_speech"):
        session.keep(session.items[0], silent)
    assert not (paths.overlay / "audio" / "so").exists()  # type: ignore[operator]


def test_the_language_list_shows_each_languages_progress(paths: Paths, engine: EspeakEngine) -> None:
    keep_spoken(StudioSession.open(paths, "so", SPEAKER), engine, 1)
    found = {
        code: (name, p.recorded, p.total, len(p.synthetic), len(p.missing)) for code, name, p in studio_languages(paths)
    }
    assert found["so"] == ("Somali", 1, 3, 0, 2)
    assert found["fr"] == ("French", 0, 4, 4, 0)
    assert "en" in found


def test_another_speaker_may_resume_a_sitting(paths: Paths, engine: EspeakEngine) -> None:
    StudioSession.open(paths, "so", SPEAKER).go_to(2)
    other = Speaker("Second speaker", True, TODAY)
    session = StudioSession.open(paths, "so", other)
    assert session.position == 2 and last_speaker(paths, "so") == other
    keep_spoken(session, engine, 2)
    entry = load_manifest(Path(paths.overlay) / "audio").get("so", "safety.hurt")  # type: ignore[arg-type]
    assert entry is not None and isinstance(entry.provenance, Recorded) and entry.provenance.speaker == "Second speaker"


def test_a_take_of_a_text_changed_since_it_was_shown_is_refused(paths: Paths, engine: EspeakEngine) -> None:
    import polib

    session = StudioSession.open(paths, "so", SPEAKER)
    shown = session.items[2]
    po_path = paths.content.writable_file("translations/so.po")
    po = polib.pofile(str(po_path), encoding="utf-8", wrapwidth=0)
    next(e for e in po if e.msgctxt == "safety.hurt").msgstr = "Ma dhaawacantay hadda?"
    po.save(str(po_path))
    samples, rate = spoken(engine, shown.text)
    with pytest.raises(StudioError, match="changed since it was shown"):
        session.keep(shown, process_take(raw_take(samples, rate), shown))
    assert session.items[2].text == "Ma dhaawacantay hadda?" and session.items[2].status == "missing"
    assert not (paths.overlay / "audio" / "so").exists()  # type: ignore[operator]
