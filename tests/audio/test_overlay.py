"""The deployment's audio overlay: a language there replaces the shipped language whole; the shipped library is
never written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vita.audio.layers import copy_language_to_overlay, layered_manifest
from vita.audio.manifest import Recorded, load_manifest
from vita.paths import ContentLayers

from tests.audio.conftest import tone


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _vita(shipped: Path, overlay: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(shipped), "--overlay", str(overlay), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_imported_recordings_go_to_the_overlay_and_replace_that_language_only(
    library_root: Path, tmp_path: Path
) -> None:
    import soundfile as sf

    shipped_before = _tree(library_root / "audio")
    overlay = tmp_path / "overlay"
    folder = tmp_path / "recordings"
    folder.mkdir()
    sf.write(folder / "safety.hurt.wav", tone(1.5), 16_000)

    result = _vita(library_root, overlay, "content", "import", str(folder), "--lang", "fr", "--speaker", "Amina")
    assert result.returncode == 0, result.stderr

    assert _tree(library_root / "audio") == shipped_before  # the shipped library is untouched
    layers = ContentLayers(library_root, overlay)
    seen = layered_manifest(layers)
    hurt = seen.get("fr", "safety.hurt")
    assert hurt is not None and hurt.provenance == Recorded("Amina", hurt.provenance.date, "")
    assert Path(hurt.path).is_file() and Path(hurt.path).is_relative_to(overlay)
    shipped = load_manifest(library_root / "audio")
    # The rest of French came along from the shipped library on the first write; English is still the shipped one.
    assert {c.message_id for c in seen.for_language("fr")} == {c.message_id for c in shipped.for_language("fr")}
    assert seen.for_language("en") == shipped.for_language("en")

    check = _vita(library_root, overlay, "content", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    fr = next(line for line in check.stdout.splitlines() if line.startswith("fr "))
    assert "H" in fr  # a human recording is shown in the coverage matrix


def test_copying_a_language_to_the_overlay_is_done_once(library_root: Path, tmp_path: Path) -> None:
    layers = ContentLayers(library_root, tmp_path / "overlay")
    assert copy_language_to_overlay(layers, "fr")
    assert not copy_language_to_overlay(layers, "fr")
    assert layered_manifest(layers).for_language("fr")


def test_a_leftover_folder_without_a_manifest_is_replaced_whole_by_the_copy(library_root: Path, tmp_path: Path) -> None:
    """A folder an earlier tool left in the overlay (no manifest: not a language there) never mixes with the copy."""
    layers = ContentLayers(library_root, tmp_path / "overlay")
    leftover = layers.writable_audio / "fr"
    leftover.mkdir(parents=True)
    (leftover / "stray.opus").write_bytes(b"half a clip")
    assert copy_language_to_overlay(layers, "fr")
    assert _tree(leftover) == _tree(library_root / "audio" / "fr")
    assert [p.name for p in layers.writable_audio.iterdir()] == ["fr"]  # nothing half-built or set aside is left


def test_a_changed_overlay_clip_is_refused_when_its_language_is_read_for_playing(
    library_root: Path, tmp_path: Path
) -> None:
    layers = ContentLayers(library_root, tmp_path / "overlay")
    assert copy_language_to_overlay(layers, "fr")
    clip = layered_manifest(layers).get("fr", "safety.hurt")
    assert clip is not None
    Path(clip.path).write_bytes(b"not the clip the manifest describes")

    seen = layered_manifest(layers, verify=True)
    assert seen.get("fr", "safety.hurt") is None  # never played
    refused, why = seen.refused[clip.key]
    assert Path(refused.path).is_relative_to(tmp_path / "overlay") and "checksum" in why
    assert seen.get("en", "safety.hurt") is not None  # the shipped languages are still read from the shipped folder
