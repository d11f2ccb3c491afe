"""`vita content keygen|trust|pack|install|packs|remove-pack`: signed content packs for a deployment.

Trusted keys are the `*.pub` files in `keys/` of the shipped content and of the deployment's overlay
(`vita content trust KEY.pub` copies one there). A pack never writes to keys/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from vita.errors_text import explain
from vita.packs.install import KEYS, install_pack_file, installed_packs, remove_pack, trusted_key_dirs
from vita.packs.signing import (
    PackError,
    generate_keys,
    make_pack,
    read_private_key,
    read_public_key,
)
from vita.paths import Paths


def register_pack_actions(commands: Any) -> None:
    keygen = commands.add_parser("keygen", help="make the deployment's Ed25519 key pair for signing packs")
    keygen.add_argument("key", type=Path, help="private key file to write (the public key goes to KEY.pub)")
    keygen.add_argument("--comment", default="", help="who the key belongs to (default: the file name)")
    keygen.set_defaults(handler=run_keygen)

    trust = commands.add_parser("trust", help="trust packs signed by this public key (copies it into keys/)")
    trust.add_argument("public_key", type=Path)
    trust.set_defaults(handler=run_trust)

    pack = commands.add_parser("pack", help="sign a folder of content (messages/, translations/, audio/, fonts/)")
    pack.add_argument("folder", type=Path)
    pack.add_argument("--key", type=Path, required=True, help="the private key from `vita content keygen`")
    pack.add_argument("--out", type=Path, required=True, help="the pack file to write")
    pack.add_argument("--name", default=None, help="the pack's name (default: the output file's name)")
    pack.set_defaults(handler=run_pack)

    install = commands.add_parser("install", help="verify a signed pack and install it into the overlay")
    install.add_argument("pack", type=Path)
    install.set_defaults(handler=run_install)

    listing = commands.add_parser("packs", help="list the installed packs")
    listing.set_defaults(handler=run_packs)

    remove = commands.add_parser("remove-pack", help="remove an installed pack, putting back what it replaced")
    remove.add_argument("name")
    remove.set_defaults(handler=run_remove)


def _fail(error: Exception) -> int:
    print(f"vita: {explain(error)}", file=sys.stderr)
    return 1


def _overlay(paths: Paths) -> Path:
    return paths.overlay or paths.content_root


def run_keygen(args: argparse.Namespace, paths: Paths) -> int:
    try:
        public, key_id = generate_keys(args.key, args.comment or args.key.stem)
    except (PackError, OSError) as error:
        return _fail(error)
    print(f"wrote {args.key} (private: keep it off the border-post laptops) and {public}")
    print(f"key id {key_id}; deployments trust it with: vita content trust {public}")
    return 0


def run_trust(args: argparse.Namespace, paths: Paths) -> int:
    try:
        key = read_public_key(args.public_key)
        target = _overlay(paths) / KEYS / f"{key.key_id}.pub"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.public_key, target)
    except (PackError, OSError) as error:
        return _fail(error)
    print(f"packs signed by {key.comment} ({key.key_id}) are now trusted: {target}")
    return 0


def run_pack(args: argparse.Namespace, paths: Paths) -> int:
    name = args.name or args.out.name.split(".")[0]
    try:
        made = make_pack(args.folder, read_private_key(args.key), args.out, name)
    except (PackError, OSError) as error:
        return _fail(error)
    print(f"wrote {args.out}: pack {made.name}, {len(made.files)} files, signed by key {made.key_id}")
    return 0


def run_install(args: argparse.Namespace, paths: Paths) -> int:
    try:
        installed = install_pack_file(_overlay(paths), args.pack, trusted_key_dirs(paths.content_root, paths.overlay))
    except (PackError, OSError) as error:
        return _fail(error)
    print(
        f"installed pack {installed.name} ({len(installed.files)} files, key {installed.key_id}) into {_overlay(paths)}"
    )
    print("run `vita content check` to see the content as the app will")
    return 0


def run_packs(args: argparse.Namespace, paths: Paths) -> int:
    found = installed_packs(_overlay(paths))
    if not found:
        print(f"no packs installed in {_overlay(paths)}")
    for pack in found:
        languages = ", ".join(pack.languages) or "no languages"
        print(f"{pack.name}: {len(pack.files)} files ({languages}), made {pack.created}, "
              f"installed {pack.installed}, key {pack.key_id}")  # fmt: skip
    return 0


def run_remove(args: argparse.Namespace, paths: Paths) -> int:
    try:
        remove_pack(_overlay(paths), args.name)
    except (PackError, OSError) as error:
        return _fail(error)
    print(f"removed pack {args.name}")
    return 0
