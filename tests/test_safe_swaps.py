"""The one way to replace content (a manifest, a catalogue, a finished file, a whole folder): never through a link,
all or nothing, and an interrupted folder swap settled wholly old or wholly new by the next start."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vita.safe_files import (
    FileExists,
    FileInTheWay,
    FolderSwap,
    UnsafeFolder,
    place_file,
    recover_swaps,
    write_file,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    target = tmp_path / "victim.txt"
    target.write_bytes(b"precious")
    return target


@posix_only
def test_content_is_readable_by_all_and_may_be_written_into_a_shared_folder(tmp_path: Path) -> None:
    shared = tmp_path / "content"
    shared.mkdir(mode=0o775)
    shared.chmod(0o775)  # a group's folder, as a umask of 002 makes it
    old_mask = os.umask(0o077)
    try:
        path = write_file(shared / "fr" / "manifest.json", b"{}", private=False)
    finally:
        os.umask(old_mask)
    assert path.read_bytes() == b"{}" and stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["manifest.json"]


@posix_only
def test_content_is_never_written_through_a_planted_link_nor_into_a_linked_folder(tmp_path: Path, victim: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "fr.po").symlink_to(victim)
    with pytest.raises(FileInTheWay):
        write_file(tmp_path / "content" / "fr.po", b"msgid", replace=True, private=False)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafeFolder):
        write_file(tmp_path / "linked" / "fr.po", b"msgid", private=False)
    assert victim.read_bytes() == b"precious" and list((tmp_path / "elsewhere").iterdir()) == []


def test_a_finished_file_is_placed_without_replacing_unless_asked(tmp_path: Path) -> None:
    (tmp_path / ".store.draft").write_bytes(b"new store")
    (tmp_path / "store.db").write_bytes(b"someone else's store")
    with pytest.raises(FileExists):
        place_file(tmp_path / ".store.draft", tmp_path / "store.db")
    assert (tmp_path / "store.db").read_bytes() == b"someone else's store"
    place_file(tmp_path / ".store.draft", tmp_path / "other.db")
    assert files(tmp_path) == {"other.db": b"new store", "store.db": b"someone else's store"}


@posix_only
def test_placing_with_replace_replaces_a_link_itself_never_its_target(tmp_path: Path, victim: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "CASE.json").symlink_to(victim)
    (tmp_path / "out" / ".CASE.json.hidden").write_bytes(b"the export")
    place_file(tmp_path / "out" / ".CASE.json.hidden", tmp_path / "out" / "CASE.json", replace=True)
    assert not (tmp_path / "out" / "CASE.json").is_symlink()
    assert files(tmp_path / "out") == {"CASE.json": b"the export"} and victim.read_bytes() == b"precious"


def test_a_folder_swap_replaces_the_whole_folder_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    live = tmp_path / "overlay"
    (live / "audio").mkdir(parents=True)
    (live / "audio" / "clip.opus").write_bytes(b"old clip")
    (live / "kept.toml").write_bytes(b"kept")
    with FolderSwap(live) as swap:
        new = swap.start(copy_of=live, hard_links=True)
        write_file(new / "audio" / "clip.opus", b"new clip", replace=True, private=False)
        assert (live / "audio" / "clip.opus").read_bytes() == b"old clip"  # the live folder untouched meanwhile
    assert files(live) == {"audio/clip.opus": b"new clip", "kept.toml": b"kept"}
    assert [p.name for p in tmp_path.iterdir()] == ["overlay"]


def test_a_folder_swap_left_with_an_error_changes_nothing(tmp_path: Path) -> None:
    live = tmp_path / "fr"
    live.mkdir()
    (live / "clip.opus").write_bytes(b"old clip")
    with pytest.raises(RuntimeError), FolderSwap(live) as swap:
        write_file(swap.start() / "clip.opus", b"half", private=False)
        raise RuntimeError("power cut")
    assert files(live) == {"clip.opus": b"old clip"}
    assert [p.name for p in tmp_path.iterdir()] == ["fr"]


def test_recovery_puts_back_a_folder_set_aside_and_deletes_what_was_half_built(tmp_path: Path) -> None:
    """Cut off between the two renames: the live folder aside, the new one not yet in. The old comes back."""
    (tmp_path / ".fr.old-0123abcd").mkdir()
    (tmp_path / ".fr.old-0123abcd" / "clip.opus").write_bytes(b"old clip")
    (tmp_path / ".fr.new-0123abcd").mkdir()
    (tmp_path / ".fr.new-0123abcd" / "clip.opus").write_bytes(b"new clip")
    (tmp_path / "en").mkdir()  # swapped in already; only its old folder was left
    (tmp_path / "en" / "clip.opus").write_bytes(b"new en clip")
    (tmp_path / ".en.old-89abcdef").mkdir()
    assert recover_swaps(tmp_path) == ["fr"]
    assert files(tmp_path) == {"en/clip.opus": b"new en clip", "fr/clip.opus": b"old clip"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en", "fr"]


def test_recovery_settles_what_earlier_versions_left(tmp_path: Path) -> None:
    (tmp_path / ".old-fr-1234abcd").mkdir()
    (tmp_path / ".old-fr-1234abcd" / "clip.opus").write_bytes(b"old clip")
    (tmp_path / ".staging-deadbeef" / "fr").mkdir(parents=True)
    (tmp_path / ".copy-ar").mkdir()
    assert recover_swaps(tmp_path) == ["fr"]
    assert files(tmp_path) == {"fr/clip.opus": b"old clip"} and [p.name for p in tmp_path.iterdir()] == ["fr"]


def test_recovery_of_one_folder_leaves_the_swaps_of_others_alone(tmp_path: Path) -> None:
    (tmp_path / ".overlay.old-0123abcd").mkdir()
    (tmp_path / ".store.db.old-0123abcd").mkdir()
    (tmp_path / ".store.db.abcdef012345.partial").write_bytes(b"a file being written")
    assert recover_swaps(tmp_path, "overlay") == ["overlay"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".store.db.abcdef012345.partial",
        ".store.db.old-0123abcd",
        "overlay",
    ]
