"""Review of a language: texts marked reviewed in the overlay's PO file, clips approved in the manifest, comments.

The project's convention (vita/content/loader.py): a draft text is marked `fuzzy`; a reviewed one is not, and
names its reviewer in a translator comment `Reviewed by: NAME`. The studio edits only the overlay's copy of the
language's PO file (copied from the shipped one when the review opens), written whole through vita/safe_files.py.
A comment for the translator is a translator comment too. Changing the text itself is done in Poedit or Weblate
on `po_path`; the studio only reads it. Approving a clip rewrites the language's manifest through the library's
atomic per-language swap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import polib

from vita.audio.layers import copy_language_to_overlay
from vita.audio.library import LibraryTransaction, open_library
from vita.content.loader import REVIEWER
from vita.paths import Paths
from vita.safe_files import private_folder, write_file
from vita.studio.errors import StudioError, StudioRefusal
from vita.studio.items import build_items, read_state
from vita.studio.model import StudioItem

COMMENT_PREFIX = "Comment from"


def _context(item: StudioItem) -> str:
    return f"{item.message_id}|{item.variant}" if item.variant else item.message_id


def _one_line(text: str) -> str:
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


class Review:
    """One reviewer going through one language."""

    def __init__(self, paths: Paths, language: str, reviewer: str, po_path: Path) -> None:
        self.paths = paths
        self.language = language
        self.reviewer = reviewer
        self.po_path = po_path  # the overlay's copy of the language's PO file (where edits go, in Poedit/Weblate)
        self.items: tuple[StudioItem, ...] = ()
        self.refresh()

    @classmethod
    def open(cls, paths: Paths, language: str, reviewer: str) -> Review:
        """ValueError without a reviewer's name; StudioError when the language has no PO file to review."""
        name = reviewer.strip()
        if not name or "\n" in name or "\r" in name:
            raise StudioRefusal("the reviewer's name is needed (one line)")
        relative = f"translations/{language}.po"
        if not paths.content.file(relative).is_file():
            raise StudioError(f"{language} has no translation file ({relative}) to review")
        po_path = paths.content.writable_file(relative)  # the shipped file copied into the overlay, once
        return cls(paths, language, name, po_path)

    def refresh(self) -> None:
        self.items = build_items(read_state(self.paths.content, self.language), self.language)

    def mark_reviewed(self, item: StudioItem) -> StudioItem:
        """The text is reviewed: `fuzzy` removed, `Reviewed by: NAME` in its translator comment."""

        def change(entry: polib.POEntry) -> None:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None  # a draft's old source is no longer wanted
            lines = [line for line in (entry.tcomment or "").splitlines() if not REVIEWER.match(line)]
            entry.tcomment = "\n".join([*lines, f"Reviewed by: {self.reviewer}"])

        self._edit_po(item, change)
        return self._item(item)

    def comment(self, item: StudioItem, text: str) -> None:
        """A comment for the translator, kept in the entry's translator comment with who wrote it and when."""
        words = _one_line(text)
        if not words:
            raise StudioRefusal("the comment is empty")
        today = dt.date.today().isoformat()

        def change(entry: polib.POEntry) -> None:
            line = f"{COMMENT_PREFIX} {self.reviewer} ({today}): {words}"
            entry.tcomment = "\n".join([*(entry.tcomment or "").splitlines(), line])

        self._edit_po(item, change)
        self.refresh()

    def approve_clip(self, item: StudioItem) -> StudioItem:
        """The clip is approved (in the manifest of the overlay's language, swapped in whole)."""
        layers = self.paths.content
        copy_language_to_overlay(layers, self.language)  # a shipped language's clips are approved in a copy
        audio_dir = layers.writable_audio
        manifest = open_library(audio_dir)
        clip = manifest.get(self.language, item.message_id, item.variant)
        current = self._item(item)
        if clip is None or current.status == "missing":
            raise StudioError(f"{item.message_id} ({item.form_label}) has no clip of its present text to approve")
        with LibraryTransaction(audio_dir, manifest) as transaction:
            transaction.begin_language(self.language)
            for entry in manifest.for_language(self.language):
                transaction.keep(dataclasses.replace(entry, approved=True) if entry.key == clip.key else entry)
            transaction.commit()
        return self._item(item)

    def _edit_po(self, item: StudioItem, change: Callable[[polib.POEntry], None]) -> None:
        po = polib.pofile(str(self.po_path), encoding="utf-8", wrapwidth=0)
        context = _context(item)
        entry = next((e for e in po if not e.obsolete and (e.msgctxt or "") == context), None)
        if entry is None:
            raise StudioError(f"{self.po_path} has no entry {context}")
        change(entry)
        private_folder(self.po_path.parent, tighten=True)
        write_file(self.po_path, str(po).encode("utf-8"), replace=True)

    def _item(self, item: StudioItem) -> StudioItem:
        self.refresh()
        for found in self.items:
            if (found.message_id, found.variant) == (item.message_id, item.variant):
                return found
        raise StudioError(f"{item.message_id} ({item.form_label}) is no longer a text of {self.language}")
