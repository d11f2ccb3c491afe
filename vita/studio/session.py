"""A recording sitting over one language: its texts, where it was left, and keeping takes into the overlay."""

from __future__ import annotations

from pathlib import Path

from vita.paths import Paths

from vita.studio.model import Progress, Speaker, StudioItem
from vita.studio.takes import ProcessedTake


class StudioSession:
    language: str
    speaker: Speaker
    items: tuple[StudioItem, ...]
    position: int

    @classmethod
    def open(cls, paths: Paths, language: str, speaker: Speaker) -> StudioSession:
        """ValueError if the speaker has not consented."""
        raise NotImplementedError

    def progress(self) -> Progress:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def go_to(self, index: int) -> None:
        raise NotImplementedError

    def keep(self, item: StudioItem, take: ProcessedTake) -> StudioItem:
        raise NotImplementedError

    def clip_path(self, item: StudioItem) -> Path | None:
        raise NotImplementedError


def studio_languages(paths: Paths) -> list[tuple[str, str, Progress]]:
    raise NotImplementedError
