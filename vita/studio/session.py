"""A recording sitting over one language: its texts, where it was left, and keeping takes into the overlay.

Where the sitting stands (the item shown, and its speaker) is kept in the overlay's studio/<language>.json,
written through vita/safe_files.py at every move, so a sitting left half-way resumes where it was. A kept take
goes into the library through the import's own write path (`write_recorded_clips`): the language copied into
the overlay first, its folder swapped in whole, the clip marked `recorded` with its speaker, date, place and
consent. A language that had no voice is voiced from its first kept clip on: the interview plays what is
recorded and shows the rest as text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from vita.audio.codec import encode_opus
from vita.audio.importer import NewClip, write_recorded_clips
from vita.audio.manifest import Recorded
from vita.paths import Paths
from vita.safe_files import private_folder, write_file
from vita.studio.errors import StudioError, StudioRefusal
from vita.studio.items import build_items, clip_file, progress_of, read_all, read_state
from vita.studio.model import Progress, Speaker, StudioItem
from vita.studio.takes import ProcessedTake

STUDIO_FOLDER = "studio"
SITTING_SCHEMA = 1


def sitting_path(paths: Paths, language: str) -> Path:
    """Where a language's sitting is kept: in the deployment's overlay (the content itself without one)."""
    return (paths.overlay or paths.content_root) / STUDIO_FOLDER / f"{language}.json"


def _read_sitting(paths: Paths, language: str) -> dict[str, Any] | None:
    """The saved sitting, or None when there is none or it cannot be read (a sitting then starts afresh)."""
    try:
        raw = json.loads(sitting_path(paths, language).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("schema") != SITTING_SCHEMA or raw.get("language") != language:
        return None
    return raw


def last_speaker(paths: Paths, language: str) -> Speaker | None:
    """The speaker of the language's last sitting, to offer when it is resumed; None when there was none."""
    raw = _read_sitting(paths, language)
    speaker = raw.get("speaker") if raw else None
    if not isinstance(speaker, dict):
        return None
    try:
        return Speaker(
            str(speaker["name"]), bool(speaker["consent"]), str(speaker["consent_date"]), str(speaker.get("place", ""))
        )
    except KeyError:
        return None


def check_speaker(speaker: Speaker) -> None:
    """ValueError, in plain words, unless the speaker has a name and agreed, on a given date, to be recorded."""
    if not speaker.name.strip() or "\n" in speaker.name:
        raise StudioRefusal("the speaker's name is needed (one line)")
    if not speaker.consent:
        raise StudioRefusal("the speaker has not agreed to the use of their voice: nothing may be recorded")
    try:
        dt.date.fromisoformat(speaker.consent_date)
    except ValueError:
        raise StudioRefusal(f"the date of consent {speaker.consent_date!r} is not a date like 2026-11-29") from None


class StudioSession:
    """One language and one speaker; `items` in the catalogue's order, `position` the item shown."""

    def __init__(self, paths: Paths, language: str, speaker: Speaker) -> None:
        self.paths = paths
        self.language = language
        self.speaker = speaker
        self.items: tuple[StudioItem, ...] = ()
        self.position = 0
        self.refresh()

    @classmethod
    def open(cls, paths: Paths, language: str, speaker: Speaker) -> StudioSession:
        """Open a sitting, resumed where the last one over this language was left (else at the first text not
        yet recorded). ValueError if the speaker has not consented; StudioError if the language cannot be used."""
        check_speaker(speaker)
        session = cls(paths, language, speaker)
        if not session.items:
            raise StudioError(f"{language} has no translated texts to record yet")
        raw = _read_sitting(paths, language)
        keys = [(item.message_id, item.variant) for item in session.items]
        saved = (raw.get("message_id"), raw.get("variant")) if raw else None
        if saved in keys:
            session.position = keys.index(saved)
        else:
            session.position = session._first_not_recorded(0)
        session._save()
        return session

    def progress(self) -> Progress:
        return progress_of(self.items)

    def refresh(self) -> None:
        """Read the content and library again (after a write, here or by another tool)."""
        self._state = read_state(self.paths.content, self.language)
        self.items = build_items(self._state, self.language)
        self.position = min(self.position, max(0, len(self.items) - 1))

    def go_to(self, index: int) -> None:
        """Show item `index`; remembered durably, so that a sitting can be left and resumed."""
        if not 0 <= index < len(self.items):
            raise IndexError(f"there is no text number {index + 1} (the language has {len(self.items)})")
        self.position = index
        self._save()

    def keep(self, item: StudioItem, take: ProcessedTake) -> StudioItem:
        """Write the take as this item's clip into the overlay (atomically, marked recorded with the speaker's
        consent) and move on to the next text not yet recorded. Returns the item as it now stands."""
        if not take.usable:
            kinds = ", ".join(w.kind for w in take.warnings) or "unusable"
            raise StudioRefusal(f"this take cannot be kept ({kinds}): record it again")
        key = (item.message_id, item.variant)
        self.refresh()  # the text may have been edited (Poedit, a pack) since it was shown
        index = self._index_of(item)
        if self.items[index].text.strip() != item.text.strip():
            raise StudioError(
                f"the text of {item.message_id} ({item.form_label}) was changed since it was shown: "
                "read the new text and record it again"
            )
        clip = NewClip(item.text, take.duration_s, encode_opus(take.samples, take.rate))
        provenance = Recorded(
            self.speaker.name.strip(),
            dt.date.today().isoformat(),
            self.speaker.place.strip(),
            consent=True,
            consent_date=self.speaker.consent_date,
        )
        write_recorded_clips(self.paths.content, self.language, {key: clip}, provenance)
        self.refresh()
        kept = self.items[index]
        self.position = self._first_not_recorded(index + 1)
        self._save()
        return kept

    def clip_path(self, item: StudioItem) -> Path | None:
        """The clip the app would play now for this item (for listening), or None when it would show text."""
        return clip_file(self._state, item)

    def _index_of(self, item: StudioItem) -> int:
        for index, candidate in enumerate(self.items):
            if (candidate.message_id, candidate.variant) == (item.message_id, item.variant):
                return index
        raise StudioError(f"{item.message_id} ({item.form_label}) is no longer a text of {self.language}")

    def _first_not_recorded(self, start: int) -> int:
        """The first item from `start` on (wrapping round) not yet recorded; `start` itself when all are."""
        count = len(self.items)
        for step in range(count):
            index = (start + step) % count
            if self.items[index].status != "recorded":
                return index
        return min(start, count - 1)

    def _save(self) -> None:
        item = self.items[self.position]
        raw = {
            "schema": SITTING_SCHEMA,
            "language": self.language,
            "message_id": item.message_id,
            "variant": item.variant,
            "speaker": {
                "name": self.speaker.name,
                "consent": self.speaker.consent,
                "consent_date": self.speaker.consent_date,
                "place": self.speaker.place,
            },
        }
        target = sitting_path(self.paths, self.language)
        private_folder(target.parent)
        write_file(target, json.dumps(raw, ensure_ascii=False, indent=1).encode("utf-8"), replace=True)


def studio_languages(paths: Paths) -> list[tuple[str, str, Progress]]:
    """Every language of the deployment with its recording progress: (code, English name, progress), by name."""
    found = [
        (language.code, language.english_name, progress_of(build_items(state, language.code)))
        for language, state in read_all(paths.content)
    ]
    return sorted(found, key=lambda row: row[1])
