"""The one way to write personal data to a file: never through a link or an existing file, owner-only from the
first byte, all or nothing, and only into a folder that is the user's own."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vita.safe_files import FileExists, FileInTheWay, Staged, UnsafeFolder, private_folder, staged_files, write_file

from vita import safe_files

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    return out


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file an attacker wants VITA to overwrite (say, the officer's ~/.bashrc)."""
    target = tmp_path / "victim.txt"
    target.write_bytes(b"precious")
    target.chmod(0o644)
    return target


def test_a_new_file_is_owner_only_and_complete(folder: Path) -> None:
    path = write_file(folder / "CASE.json", b'{"a": 1}')
    assert path.read_bytes() == b'{"a": 1}'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["CASE.json"]


@posix_only
def test_the_file_is_owner_only_from_the_first_byte(folder: Path) -> None:
    with Staged(folder / "CASE.json") as staged:
        (partial,) = [p for p in folder.iterdir()]
        assert safe_files.is_partial_name(partial.name)
        assert stat.S_IMODE(partial.stat().st_mode) == 0o600
        staged.write(b"data")
    assert [p.name for p in folder.iterdir()] == ["CASE.json"]


@posix_only
@pytest.mark.parametrize("replace", [False, True])
def test_a_link_planted_under_the_final_name_is_refused_and_its_target_untouched(
    folder: Path, victim: Path, replace: bool
) -> None:
    (folder / "CASE.json").symlink_to(victim)
    with pytest.raises(FileInTheWay) as refused:
        write_file(folder / "CASE.json", b"the whole record", replace=replace)
    assert refused.value.is_link and "link" in str(refused.value)
    assert victim.read_bytes() == b"precious" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert (folder / "CASE.json").is_symlink()
    assert [p.name for p in folder.iterdir()] == ["CASE.json"]  # no partial left behind


@posix_only
def test_a_link_planted_under_a_predicted_partial_name_is_never_written_through(
    folder: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Partial names are random; even if one were guessed, it is created exclusively and the link is refused."""
    monkeypatch.setattr(safe_files, "partial_name", lambda final: f".{final}.partial")
    (folder / ".CASE.json.partial").symlink_to(victim)
    with pytest.raises(safe_files.SafeFileError):
        write_file(folder / "CASE.json", b"the whole record")
    assert victim.read_bytes() == b"precious"
    assert not (folder / "CASE.json").exists()


def test_partial_names_cannot_be_predicted() -> None:
    names = {safe_files.partial_name("CASE.json") for _ in range(50)}
    assert len(names) == 50


def test_an_existing_file_is_not_replaced_unless_asked(folder: Path) -> None:
    write_file(folder / "CASE.json", b"first")
    with pytest.raises(FileExists):
        write_file(folder / "CASE.json", b"second")
    assert (folder / "CASE.json").read_bytes() == b"first"
    write_file(folder / "CASE.json", b"second", replace=True)
    assert (folder / "CASE.json").read_bytes() == b"second"


@posix_only
def test_a_hard_link_to_another_file_is_replaced_not_written_through(folder: Path, victim: Path) -> None:
    os.link(victim, folder / "CASE.json")
    write_file(folder / "CASE.json", b"record", replace=True)
    assert victim.read_bytes() == b"precious"
    assert (folder / "CASE.json").read_bytes() == b"record"


@posix_only
def test_a_symlinked_folder_is_refused(tmp_path: Path, folder: Path) -> None:
    link = tmp_path / "records"
    link.symlink_to(folder, target_is_directory=True)
    with pytest.raises(UnsafeFolder, match="link"):
        write_file(link / "CASE.json", b"record")
    assert list(folder.iterdir()) == []


@posix_only
def test_a_folder_others_can_write_is_refused(folder: Path) -> None:
    folder.chmod(0o777)
    with pytest.raises(UnsafeFolder, match="other users may put files in it"):
        write_file(folder / "CASE.json", b"record")
    assert list(folder.iterdir()) == []


@posix_only
@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_folder_of_another_user_is_refused(folder: Path) -> None:
    os.chown(folder, 65534, 65534)
    with pytest.raises(UnsafeFolder, match="another user"):
        write_file(folder / "CASE.json", b"record")


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"")
    with pytest.raises(UnsafeFolder, match="not a folder"):
        write_file(tmp_path / "out" / "CASE.json", b"record")


@posix_only
def test_new_folders_are_owner_only_and_ours_are_tightened(tmp_path: Path) -> None:
    made = private_folder(tmp_path / "a" / "b")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    ours = tmp_path / "data"
    ours.mkdir()
    ours.chmod(0o755)
    private_folder(ours, tighten=True)
    assert stat.S_IMODE(ours.stat().st_mode) == 0o700


@posix_only
def test_files_that_belong_together_are_all_placed_or_none(folder: Path, victim: Path) -> None:
    (folder / "CASE.pdf").symlink_to(victim)
    with pytest.raises(FileInTheWay), staged_files([folder / "CASE.json", folder / "CASE.pdf"]) as (one, two):
        one.write(b"json")
        two.write(b"pdf")
    assert sorted(p.name for p in folder.iterdir()) == ["CASE.pdf"]
    assert victim.read_bytes() == b"precious"
