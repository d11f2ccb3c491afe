"""`vita settings list|get|set`: read and change the settings kept in the encrypted store, with the same
declared schema and checks as the window's settings dialog (vita/store/settings.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vita.errors_text import explain
from vita.paths import Paths
from vita.store import Store, StoreError, StoreMissing
from vita.store.settings import SettingError, Settings, setting

from vita.cli.passphrase import passphrase


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "settings", help="list, read or change the app's settings (passphrase from $VITA_PASSPHRASE or asked)"
    )
    commands = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    commands.add_parser("list", help="every setting with its value and what it does").set_defaults(
        handler=run_settings, action="list"
    )
    get = commands.add_parser("get", help="print one setting's value")
    get.add_argument("key")
    get.set_defaults(handler=run_settings, action="get")
    change = commands.add_parser("set", help="change one setting (checked like the settings dialog)")
    change.add_argument("key")
    change.add_argument("value")
    change.set_defaults(handler=run_settings, action="set")


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def run_settings(args: argparse.Namespace, paths: Paths) -> int:
    try:
        if args.action != "list":
            setting(args.key)  # an unknown key is refused before the passphrase is asked
        if not Store.exists(paths.database):
            raise StoreMissing(paths.database)
        with Store.open(paths.database, passphrase()) as store:
            settings = Settings(store)
            if args.action == "list":
                for declared, value in settings.items():
                    print(f"{declared.key} = {shown(value)}")
                    print(f"    {declared.label}{'. ' + declared.help if declared.help else ''}")
            elif args.action == "get":
                print(shown(settings.get(args.key)))
            else:
                stored = settings.set(args.key, args.value)
                print(f"{args.key} = {shown(stored)}")
    except (StoreError, SettingError) as error:
        print(f"vita: {explain(error)}", file=sys.stderr)
        return 1
    return 0
