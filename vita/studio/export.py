"""The studio's work as a signed content pack that another laptop of the deployment can install."""

from __future__ import annotations

from pathlib import Path

from vita.paths import Paths


def export_work(paths: Paths, languages: list[str], private_key: Path, out: Path) -> Path:
    raise NotImplementedError
