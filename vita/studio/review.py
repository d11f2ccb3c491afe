"""Review of a language: texts marked reviewed in the overlay's PO, clips approved in the manifest, comments."""

from __future__ import annotations

from pathlib import Path

from vita.paths import Paths

from vita.studio.model import StudioItem


class Review:
    items: tuple[StudioItem, ...]
    po_path: Path

    @classmethod
    def open(cls, paths: Paths, language: str, reviewer: str) -> Review:
        raise NotImplementedError

    def mark_reviewed(self, item: StudioItem) -> StudioItem:
        raise NotImplementedError

    def approve_clip(self, item: StudioItem) -> StudioItem:
        raise NotImplementedError

    def comment(self, item: StudioItem, text: str) -> None:
        raise NotImplementedError
