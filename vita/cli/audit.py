"""`vita audit [--json]`: read the audit trail (who exported what, when; what the retention deleted)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from vita.errors_text import explain
from vita.paths import Paths
from vita.store import Store, StoreError

from vita.cli.passphrase import passphrase


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="show the audit trail: every export and deletion, oldest first")
    parser.add_argument("--json", action="store_true", help="one JSON object for machines")
    parser.set_defaults(handler=run_audit)


def run_audit(args: argparse.Namespace, paths: Paths) -> int:
    if not Store.exists(paths.database):
        print(f"There is no VITA store at {paths.database} yet, so there is no audit trail.", file=sys.stderr)
        return 1
    try:
        with Store.open(paths.database, passphrase()) as store:
            entries = store.audit_log()
            recovered = store.recovered
    except StoreError as error:
        print(f"vita: {explain(error)}", file=sys.stderr)
        return 1
    if args.json:
        document = {"store": str(paths.database), "entries": [entry.as_json() for entry in entries]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    if recovered:
        print(f"Opening the store settled {len(recovered)} export(s) a crash had left unconfirmed (see below).")
    if not entries:
        print("The audit trail is empty: nothing has been exported or deleted yet.")
    for entry in entries:
        print(entry.describe())
    return 0
