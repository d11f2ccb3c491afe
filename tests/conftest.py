"""Shared fixtures. Qt runs offscreen unless VITA_TEST_ON_DISPLAY=1 asks for the real display."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

if os.environ.get("VITA_TEST_ON_DISPLAY") != "1":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from vita.content.errors import ContentError, Problems
from vita.content.loader import load_catalogue, load_content
from vita.content.model import Catalogue, Content

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def content() -> Content:
    """The shipped content, loaded once."""
    return load_content(REPO)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped catalogue alone: for tests of the message set that do not need the translations."""
    problems = Problems()
    loaded = load_catalogue(REPO / "messages" / "catalogue.toml", problems)
    if loaded is None:
        raise ContentError(list(problems))
    return loaded


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped messages and translations, for tests that break things."""
    for folder in ("messages", "translations"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real data."""
    monkeypatch.setenv("VITA_DATA", str(tmp_path / "vita-data"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long fault and fuzz series (marked slow) run only when asked for with -m slow: CI runs their capped
    versions, which are not marked."""
    if config.getoption("markexpr"):
        return
    skip = pytest.mark.skip(reason="a long series: run it with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
