"""Signed content packs: the file format, Ed25519 keys, and verification that changes nothing.

A pack is one zip file: `pack.json` (its name, the signer's key id and every file's SHA-256 and size),
`pack.sig` (the Ed25519 signature of pack.json's exact bytes, base64) and the files under `files/`. A checksum
list alone proves nothing against whoever rewrites the pack, so only a pack whose signature verifies with a
key the deployment trusts is read any further; then every file must match its line in pack.json, and the zip
must hold nothing else. Ed25519 comes from `cryptography` (a maintained library, not hand-written crypto).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vita.safe_files import write_file

FORMAT = 1
MANIFEST = "pack.json"
SIGNATURE = "pack.sig"
PUBLIC_PREFIX = "vita-ed25519"
SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._@-]*"
# What a pack may carry: texts, translations, one language's audio, fonts. Never keys/, never code.
ALLOWED = re.compile(
    rf"^(messages/{SEGMENT}\.toml|translations/{SEGMENT}\.po|audio/{SEGMENT}/({SEGMENT}\.opus|manifest\.json)"
    rf"|fonts/{SEGMENT}\.(ttf|otf)|fonts/fonts\.json)$"
)
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class PackError(Exception):
    """A pack was refused; the message says why in plain words. Nothing was changed."""


@dataclass(frozen=True)
class PublicKey:
    key: Ed25519PublicKey
    comment: str

    @property
    def key_id(self) -> str:
        return key_id(self.key)


@dataclass(frozen=True)
class VerifiedPack:
    name: str
    key_id: str
    created: str
    manifest_bytes: bytes  # kept, with the signature, in the installed pack's record
    signature: bytes
    files: dict[str, bytes]  # relative path -> content, every one checked against pack.json

    def languages_with_audio(self) -> list[str]:
        return sorted({path.split("/")[1] for path in self.files if path.startswith("audio/")})


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_keys(private_path: Path, comment: str) -> tuple[Path, str]:
    """Write a new private key (PEM, readable by its owner only) and `<name>.pub` beside it.

    Returns the public key file and the key id. Refuses to overwrite an existing key.
    """
    public_path = private_path.with_suffix(".pub")
    for path in (private_path, public_path):
        if path.exists():
            raise PackError(f"{path} exists already; a key is never overwritten")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(pem)
    public = private.public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    write_file(public_path, f"{PUBLIC_PREFIX} {base64.b64encode(raw).decode()} {comment}\n".encode(), private=False)
    return public_path, key_id(public)


def read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise PackError(f"{path} is not a readable private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path} is not an Ed25519 key")
    return key


def read_public_key(path: Path) -> PublicKey:
    """A `vita-ed25519 <base64> <comment>` line, as `vita content keygen` writes it."""
    try:
        kind, encoded, *comment = path.read_text(encoding="utf-8").split(maxsplit=2)
        if kind != PUBLIC_PREFIX:
            raise ValueError(f"does not start with {PUBLIC_PREFIX}")
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(encoded, validate=True))
    except (OSError, ValueError, binascii.Error) as exc:
        raise PackError(f"{path} is not a VITA public key: {exc}") from exc
    return PublicKey(key, comment[0].strip() if comment else path.stem)


def trusted_keys(key_dirs: list[Path]) -> list[PublicKey]:
    """The deployment's trusted keys: every keys/*.pub in the shipped content and in the overlay."""
    return [read_public_key(path) for folder in key_dirs for path in sorted(folder.glob("*.pub"))]


def make_pack(source: Path, private_key: Ed25519PrivateKey, out: Path, name: str) -> VerifiedPack:
    """Sign every file under source (laid out like the content: messages/, translations/, audio/, fonts/)."""
    if not NAME.match(name):
        raise PackError(f"pack name {name!r}: use lower-case letters, digits, - and _ (at most 64)")
    files: dict[str, bytes] = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = path.relative_to(source).as_posix()
        if path.name.startswith("."):
            continue
        if not ALLOWED.match(relative):
            raise PackError(
                f"{relative}: a pack carries only messages/*.toml, translations/*.po, audio/<code>/, fonts/"
            )
        files[relative] = path.read_bytes()
    if not files:
        raise PackError(f"{source} holds no content files")
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    public = private_key.public_key()
    manifest = {
        "format": FORMAT,
        "name": name,
        "created": created,
        "key_id": key_id(public),
        "files": {p: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for p, data in files.items()},
    }
    manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
    signature = private_key.sign(manifest_bytes)
    packed = io.BytesIO()  # the files are in memory already; the pack is written whole, or not at all
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, base64.b64encode(signature))
        for relative, data in files.items():
            archive.writestr(f"files/{relative}", data)
    write_file(out, packed.getvalue(), replace=True, private=False)
    return VerifiedPack(name, key_id(public), created, manifest_bytes, signature, files)


def verify_pack(pack: Path, keys: list[PublicKey]) -> VerifiedPack:
    """Read and check a whole pack; PackError says why it is refused. Nothing outside memory is touched."""
    try:
        with zipfile.ZipFile(pack) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names or SIGNATURE not in names:
                raise PackError(f"{pack.name} is not signed (it has no {SIGNATURE}); only signed packs are installed")
            manifest_bytes = archive.read(MANIFEST)
            signature = base64.b64decode(archive.read(SIGNATURE), validate=True)
            signer = _signer(manifest_bytes, signature, keys, pack)
            manifest = _manifest(manifest_bytes, pack)
            listed = {f"files/{p}" for p in manifest["files"]}
            extra = names - listed - {MANIFEST, SIGNATURE}
            if extra or listed - names:
                what = sorted(extra) or sorted(listed - names)
                raise PackError(f"{pack.name} was changed after signing: {what[0]} is not as signed")
            files = {p: archive.read(f"files/{p}") for p in manifest["files"]}
    except (zipfile.BadZipFile, EOFError, OSError, binascii.Error, zipfile.LargeZipFile) as exc:
        raise PackError(f"{pack.name} is damaged or truncated ({exc}); nothing was installed") from exc
    for path, data in files.items():
        expected = manifest["files"][path]
        if len(data) != expected["size"] or hashlib.sha256(data).hexdigest() != expected["sha256"]:
            raise PackError(f"{pack.name} was changed after signing: {path} does not match its signed checksum")
    return VerifiedPack(manifest["name"], signer.key_id, manifest["created"], manifest_bytes, signature, files)


def _signer(manifest_bytes: bytes, signature: bytes, keys: list[PublicKey], pack: Path) -> PublicKey:
    if not keys:
        raise PackError("this deployment trusts no pack keys yet: put the signer's .pub file in the content's keys/")
    for key in keys:
        try:
            key.key.verify(signature, manifest_bytes)
            return key
        except InvalidSignature:
            continue
    raise PackError(
        f"{pack.name} is not signed by a key this deployment trusts (or was changed after signing); "
        f"trusted: {', '.join(f'{k.comment} ({k.key_id})' for k in keys)}"
    )


def _manifest(manifest_bytes: bytes, pack: Path) -> dict[str, Any]:
    """The signed pack.json, checked for shape: a signed file can still be badly made."""
    try:
        manifest = json.load(io.BytesIO(manifest_bytes))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"format {manifest.get('format')!r}, this VITA reads format {FORMAT}")
        if not NAME.match(str(manifest.get("name", ""))):
            raise ValueError(f"bad pack name {manifest.get('name')!r}")
        for path, entry in manifest["files"].items():
            if not ALLOWED.match(path):
                raise ValueError(f"{path} is not a place a pack may write")
            if not isinstance(entry["size"], int) or not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]):
                raise ValueError(f"{path} has no valid checksum")
        str(manifest["created"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PackError(f"{pack.name} is signed but not a valid pack: {exc}") from exc
    result: dict[str, Any] = manifest
    return result
