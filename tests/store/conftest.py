"""Store fixtures: each test gets its own encrypted file in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from storekit import file_digests, make_store

from vita.store import Store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "vita.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with make_store(store_path) as opened:
        yield opened


@pytest.fixture
def digests() -> Callable[[Path], dict[str, str]]:
    return file_digests
