"""A deployment adds a language in a script VITA does not ship (Georgian) with a signed pack: text, clips and a
font. Only a pack signed by a trusted key, whole and unchanged, is installed; anything else changes nothing."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from vita.audio.cache import ClipLibrary
from vita.audio.codec import decode
from vita.audio.layers import layered_manifest
from vita.packs.signing import read_private_key
from vita.paths import ContentLayers

from tests.packs.georgian import DEJAVU, TEST_TEXT, georgian_pack_folder
from vita.cli.main import main

pytestmark = pytest.mark.skipif(not DEJAVU.exists(), reason="needs DejaVu Sans (fonts-dejavu-core) for Georgian")


def _tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["content", "check"])
    return status, capsys.readouterr().out


def _shipped(root: Path) -> dict[str, bytes]:
    return _tree(root / "messages") | _tree(root / "translations")


@pytest.fixture
def deployment(content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    overlay = tmp_path / "overlay"
    monkeypatch.setenv("VITA_CONTENT", str(content_copy))
    monkeypatch.setenv("VITA_OVERLAY", str(overlay))
    keys = tmp_path / "keys"
    assert main(["content", "keygen", str(keys / "ministry.key"), "--comment", "Ministry"]) == 0
    assert main(["content", "trust", str(keys / "ministry.pub")]) == 0
    folder = georgian_pack_folder(content_copy, tmp_path / "georgian")
    pack = tmp_path / "georgian.vitapack"
    assert main(["content", "pack", str(folder), "--key", str(keys / "ministry.key"), "--out", str(pack)]) == 0
    return {"shipped": content_copy, "overlay": overlay, "pack": pack, "keys": keys, "folder": folder}


def test_a_signed_pack_adds_a_language_with_its_font_and_clips_and_can_be_removed(
    deployment: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    shipped_before = _shipped(deployment["shipped"])
    status_before, out = _check(capsys)
    assert not any(line.startswith("ka ") for line in out.splitlines())

    assert main(["content", "install", str(deployment["pack"])]) == 0
    status, out = _check(capsys)
    assert status == status_before  # the pack brings no problem of its own (the shipped content may be mid-edit)
    assert any(line.startswith("ka ") for line in out.splitlines()), out
    assert not [line for line in out.splitlines() if "ka.po" in line or "/ka/" in line or "glyph" in line]
    assert main(["content", "packs"]) == 0
    assert "georgian: " in capsys.readouterr().out

    # The clip plays through the app's own library and decoder.
    layers = ContentLayers(deployment["shipped"], deployment["overlay"])
    library = ClipLibrary(layers.shipped_audio, layered_manifest(layers))
    [clip, *_] = layered_manifest(layers).for_language("ka")
    decoded = decode(library.path(clip))
    assert decoded.duration == pytest.approx(1.0, abs=0.05)
    assert _shipped(deployment["shipped"]) == shipped_before  # the shipped content is never written

    assert main(["content", "remove-pack", "georgian"]) == 0
    status, out = _check(capsys)
    assert status == status_before and not any(line.startswith("ka ") for line in out.splitlines())
    assert not layered_manifest(layers).for_language("ka")


def _refused(pack: Path, overlay: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = _tree(overlay)
    assert main(["content", "install", str(pack)]) == 1
    assert _tree(overlay) == before
    return capsys.readouterr().err


def test_a_changed_byte_an_untrusted_signer_a_missing_signature_or_a_cut_file_are_refused_and_change_nothing(
    deployment: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = deployment["overlay"]
    capsys.readouterr()
    good = deployment["pack"].read_bytes()

    with zipfile.ZipFile(deployment["pack"]) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}

    def rewrite(name: str, files: dict[str, bytes]) -> Path:
        target = tmp_path / name
        with zipfile.ZipFile(target, "w") as archive:
            for entry, data in files.items():
                archive.writestr(entry, data)
        return target

    po = "files/translations/ka.po"
    changed = dict(entries, **{po: entries[po].replace(TEST_TEXT.encode(), "ტესტის ტექსტე".encode(), 1)})
    assert "does not match its signed checksum" in _refused(rewrite("changed.vitapack", changed), overlay, capsys)

    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0x01  # one changed byte somewhere in the file
    (tmp_path / "flipped.vitapack").write_bytes(bytes(flipped))
    assert "vita: " in _refused(tmp_path / "flipped.vitapack", overlay, capsys)

    assert main(["content", "keygen", str(tmp_path / "other.key")]) == 0
    capsys.readouterr()
    resigned = tmp_path / "resigned.vitapack"
    other = str(tmp_path / "other.key")
    assert main(["content", "pack", str(deployment["folder"]), "--key", other, "--out", str(resigned)]) == 0
    capsys.readouterr()
    assert "not signed by a key this deployment trusts" in _refused(resigned, overlay, capsys)

    unsigned = {k: v for k, v in entries.items() if k != "pack.sig"}
    assert "is not signed" in _refused(rewrite("unsigned.vitapack", unsigned), overlay, capsys)

    forged = dict(entries, **{"pack.sig": base64.b64encode(bytes(64))})
    assert "not signed by a key" in _refused(rewrite("forged.vitapack", forged), overlay, capsys)

    (tmp_path / "cut.vitapack").write_bytes(good[: len(good) // 2])
    assert "damaged or truncated" in _refused(tmp_path / "cut.vitapack", overlay, capsys)

    assert main(["content", "packs"]) == 0
    assert "no packs installed" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "georgian")


def test_an_install_cut_off_between_its_two_renames_is_undone_at_the_next_use(
    deployment: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The overlay was renamed away and the new one never arrived: the next command puts the old one back."""
    overlay = deployment["overlay"]
    before = _tree(overlay)
    overlay.rename(overlay.parent / f".{overlay.name}.old-cafe1234")
    half_new = overlay.parent / f".{overlay.name}.new-cafe1234"
    (half_new / "translations").mkdir(parents=True)
    (half_new / "translations" / "ka.po").write_text("half", encoding="utf-8")

    assert main(["content", "packs"]) == 0
    assert _tree(overlay) == before
    assert not list(overlay.parent.glob(f".{overlay.name}.*"))


def test_even_a_trusted_signer_cannot_write_trusted_keys_or_outside_the_content(
    deployment: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = read_private_key(deployment["keys"] / "ministry.key")
    for path in ("keys/attacker.pub", "../outside.po", "translations/../../outside.po"):
        files = {path: {"sha256": hashlib.sha256(b"x").hexdigest(), "size": 1}}
        fields = {"format": 1, "name": "evil", "created": "2025-01-01T00:00:00+00:00", "key_id": "x", "files": files}
        manifest = json.dumps(fields).encode()
        pack = tmp_path / "evil.vitapack"
        with zipfile.ZipFile(pack, "w") as archive:
            archive.writestr("pack.json", manifest)
            archive.writestr("pack.sig", base64.b64encode(key.sign(manifest)))
            archive.writestr(f"files/{path}", b"x")
        assert "is not a place a pack may write" in _refused(pack, deployment["overlay"], capsys)
    assert not (tmp_path / "outside.po").exists()
