"""The store's figures for `vita bench`, on a store of 10,000 finished interviews that the benchmark builds once
and keeps in its cache folder (a few minutes to build, 100 MB; rebuilt when the schema changes).

The interviews hold the events an officer's keys make (their kinds, order and data) and written in one
transaction through SQLCipher with the real key derivation, so the file is what years at a busy post
leave. The measurements run in a fresh process (`python -m vita.cli.bench_store FILE`) so that its peak
memory is the statistics' own, and go through the code the app and `vita stats` use.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from vita.content.loader import load_content
from vita.content.model import Answer, Audience, Content, Form
from vita.interview.model import Event, EventType, Interview
from vita.interview.plan import interview_plan
from vita.paths import default_content_root
from vita.safe_files import place_file
from vita.stats.counts import count_outcomes, to_csv
from vita.store import SCHEMA_VERSION, Store, connection, kdf, summaries
from vita.store.reading import timestamp

PASSPHRASE = "benchmark passphrase"
INTERVIEWS = 10_000
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # the first interview; the others follow every 105 minutes or so
RETENTION_CUTOFF = START - dt.timedelta(days=1)


def cached_store(cache: Path, content: Content, count: int = INTERVIEWS) -> Path:
    """The benchmark store in `cache`, built first if it is not there (an interrupted build leaves nothing)."""
    path = cache / f"store-{count}-schema{SCHEMA_VERSION}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    draft = cache / f".{path.name}.building"
    for leftover in cache.glob(f".{path.name}.building*"):
        leftover.unlink()
    try:
        Store.create(draft, PASSPHRASE).close()
        _fill(draft, content, count)
        place_file(draft, path)
    finally:
        for leftover in cache.glob(f".{path.name}.building*"):
            leftover.unlink()
    return path


def _interview(content: Content, rng: random.Random, started: dt.datetime) -> tuple[Interview, list[Event]]:
    """One finished interview as an officer's keys make it: every message played, the questions answered
    (a few corrected), some notes, the consent, the end. The events are made directly: a session derives its
    state again after each event, which would take minutes for 10,000 interviews."""
    languages = [code for code in content.translations if code != content.catalogue.source_language]
    audience = Audience.CHILD if rng.random() < 0.15 else Audience.ADULT
    interview = Interview.start(
        place="Benchmark post", officer=f"Officer {rng.randrange(40)}", language=rng.choice(languages),
        form=rng.choice([Form.FEMALE, Form.MALE]), audience=audience, now=started, country="BG",
    )  # fmt: skip
    events: list[Event] = []

    def add(kind: EventType, **data: Any) -> None:
        events.append(Event(len(events) + 1, started + dt.timedelta(seconds=5 * len(events)), kind, data))

    for message in interview_plan(content.catalogue, audience, content.deployment.modules):
        add(EventType.MESSAGE_PLAYED, message_id=message.id, slow=False)
        if message.is_question:
            add(EventType.ANSWER_SELECTED, message_id=message.id, answer=rng.choice(list(message.answers)).value)
            if rng.random() < 0.03:
                add(EventType.ANSWER_CORRECTED, message_id=message.id, answer=Answer.YES.value, replaces=len(events))
        if rng.random() < 0.05:
            add(EventType.NOTE_ADDED, text="benchmark note " + "x" * rng.randrange(80), message_id=message.id)
    add(EventType.CONSENT_RECORDED, consent=rng.random() < 0.7)
    add(EventType.FINISHED)
    return interview, events


def _fill(path: Path, content: Content, count: int) -> None:
    rng = random.Random(10_000)
    key = kdf.derive_key(PASSPHRASE, connection.read_salt(path))
    conn = connection.connect(str(path), key)
    try:
        connection.configure_writer(path, conn)
        conn.execute("BEGIN")
        for n in range(count):
            started = START + dt.timedelta(minutes=105 * n + rng.randrange(60))
            interview, events = _interview(content, rng, started)
            conn.execute(
                "INSERT INTO interviews (id, case_reference, started_at, place, officer, language, form, audience,"
                " country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [interview.id, interview.case_reference, timestamp(interview.started_at), interview.place,
                 interview.officer, interview.language, interview.form.value, interview.audience.value,
                 interview.country],
            )  # fmt: skip
            conn.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
                [(interview.id, e.seq, timestamp(e.at), e.type.value,
                  json.dumps(dict(e.data), ensure_ascii=False, sort_keys=True)) for e in events],
            )  # fmt: skip
        summaries.write(Database(conn, execute_plugins=False))  # as Store.append does at each FINISHED event
        conn.execute("COMMIT")
    finally:
        conn.close()


def measure(path: Path, content: Content) -> dict[str, Any]:
    """unlock_kdf_ms, store_open_10k_ms (the unlock without the key derivation), retention_10k_ms (the
    retention rule that runs after every unlock, when nothing is due), unfinished_10k_ms (what the start
    screen lists after every unlock), list_10k_ms, stats_10k_ms, stats_10k_peak_mb: the peak memory of
    this process after the statistics, and stats_10k_added_mb: how much the statistics raised it;
    integrity_check_10k_ms: the full check the app runs at lock on its schedule (the store waits); store_cpu_ms:
    the CPU time of each (on a shared machine the wall-clock figures include waiting for a core)."""
    derivations: list[float] = []
    derive = kdf.derive_key

    derivation_cpu: list[float] = []

    def timed_derive(passphrase: str, salt: bytes) -> bytes:  # a probe around the real derivation
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            return derive(passphrase, salt)
        finally:
            derivations.append(time.perf_counter() - started)
            derivation_cpu.append(time.process_time() - cpu_started)

    kdf.derive_key = timed_derive
    cpu: dict[str, float] = {}
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        store = Store.open(path, PASSPHRASE)
        opened, cpu["open"] = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        kdf.derive_key = derive
    with store:
        started, cpu_started = time.perf_counter(), time.process_time()
        store.delete_finished_before(RETENTION_CUTOFF)  # what apply_retention runs; nothing here is that old
        retention, cpu["retention"] = time.perf_counter() - started, time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        store.unfinished()
        unfinished, cpu["unfinished"] = time.perf_counter() - started, time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        listed = store.interviews()
        listing, cpu["list"] = time.perf_counter() - started, time.process_time() - cpu_started
        before_stats_mb = _peak_mb()
        started, cpu_started = time.perf_counter(), time.process_time()
        text = to_csv(count_outcomes(store.outcomes(), content.catalogue), None)
        stats, cpu["stats"] = time.perf_counter() - started, time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        store.integrity_problems()  # last: it reads every page, which would warm the cache for the others
        integrity, cpu["integrity"] = time.perf_counter() - started, time.process_time() - cpu_started
    cpu["open"] -= sum(derivation_cpu)
    return {
        "unlock_kdf_ms": round(sum(derivations) * 1000, 1),
        "store_open_10k_ms": round((opened - sum(derivations)) * 1000, 1),
        "retention_10k_ms": round(retention * 1000, 1),
        "unfinished_10k_ms": round(unfinished * 1000, 1),
        "list_10k_ms": round(listing * 1000, 1),
        "stats_10k_ms": round(stats * 1000, 1),
        "integrity_check_10k_ms": round(integrity * 1000, 1),
        "stats_10k_peak_mb": _peak_mb(),
        "stats_10k_added_mb": round(_peak_mb() - before_stats_mb, 1),
        "store_cpu_ms": {key: round(value * 1000, 1) for key, value in cpu.items()},
        "before_stats_peak_mb": before_stats_mb,
        "interviews": len(listed),
        "stats_lines": text.count("\n"),
    }


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main(argv: Sequence[str] | None = None) -> None:
    """python -m vita.cli.bench_store STORE_FILE: prints the measurements as one JSON line."""
    print(
        json.dumps(
            measure(Path((sys.argv[1:] if argv is None else list(argv))[0]), load_content(default_content_root()))
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
