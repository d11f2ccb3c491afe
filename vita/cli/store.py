"""`vita store check`: open the encrypted store and report its health, without showing any personal data."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vita.errors_text import explain
from vita.paths import Paths
from vita.store import Store, StoreError

from vita.cli.passphrase import passphrase


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("store", help="look after the encrypted interview store")
    commands = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    check_parser = commands.add_parser(
        "check",
        help="open the store and report its format, encryption and counts (passphrase from $VITA_PASSPHRASE or asked)",
    )
    check_parser.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace, paths: Paths) -> int:
    path = paths.database
    if not Store.exists(path):
        print(f"There is no VITA store at {path} yet; VITA makes one on first start.", file=sys.stderr)
        return 1
    try:
        with Store.open(path, passphrase()) as store:
            info = store.info()
            upgraded_from = store.upgraded_from
            warnings = [explain(store.wal_damaged)] if store.wal_damaged else []
            warnings += [f"settled an interrupted export: {e.detail} ({e.outcome})" for e in store.recovered]
    except StoreError as error:
        print(explain(error), file=sys.stderr)
        return 1
    print(f"store:        {info.path}")
    upgrade = f" (upgraded from {upgraded_from})" if upgraded_from else ""
    print(f"format:       version {info.schema_version}{upgrade}")
    print(f"encryption:   SQLCipher {info.cipher_version}, key from {info.kdf}")
    print(f"durability:   journal {info.journal_mode}, synchronous {info.synchronous}")
    print(f"interviews:   {info.interviews} ({info.unfinished} unfinished), {info.events} events")
    print(f"size:         {info.size_bytes} bytes")
    for warning in warnings:
        print(f"warning:      {warning}")
    print("The store opens and every page checks out.")
    return 0
