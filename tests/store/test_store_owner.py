"""One owner for the store: with a StoreThread, every call from any thread runs on that one thread, so work
moved off the window's thread never shares the SQLite connection; without one, another thread is refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from storekit import PASSPHRASE, TEST_COST, an_interview, make_store

from vita.content.model import Answer
from vita.store import Store, WrongPassphrase
from vita.store.owner import StoreThread


@pytest.fixture
def owner() -> Iterator[StoreThread]:
    thread = StoreThread()
    yield thread
    thread.shutdown()


def test_an_owned_store_is_opened_on_its_thread_and_serves_calls_from_any_thread(
    store_path: Path, owner: StoreThread
) -> None:
    seen: set[int] = set()
    with Store.create(store_path, PASSPHRASE, kdf_cost=TEST_COST, owner=owner) as store:
        # SQLite calls the trace callback on the thread that runs each statement.
        owner.call(store._conn.set_trace_callback, lambda _sql: seen.add(threading.get_ident()))
        interview = an_interview()
        session = store.start_session(interview)  # from the test's thread

        with ThreadPoolExecutor(max_workers=3) as pool:  # a background task's reads, several at once
            assert all(i.id == interview.id for i in pool.map(store.interview, [interview.id] * 6))
        session.answer("safety.hurt", Answer.YES)
    assert seen == {owner.ident} and owner.ident != threading.get_ident()
    with Store.open(store_path, PASSPHRASE, owner) as reopened:
        assert [e.data["answer"] for e in reopened.events(interview.id)] == ["yes"]


def test_a_store_without_an_owner_refuses_a_second_thread_instead_of_sharing_its_connection(store_path: Path) -> None:
    with make_store(store_path) as store:
        store.add_interview(an_interview())
        with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(Exception, match="thread"):
            pool.submit(store.interviews).result()
        assert len(store.interviews()) == 1


def test_an_owned_store_refuses_a_wrong_passphrase_like_any_other(store_path: Path, owner: StoreThread) -> None:
    make_store(store_path).close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, "not the passphrase", owner)
    with Store.open(store_path, PASSPHRASE, owner) as store:
        assert store.owner is owner and store.interviews() == []
