"""One locator for content: where it looks, what it says when nothing is there, and the deployment's overlay."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import polib
import pytest

from vita.content.loader import collect_content
from vita.paths import CONTENT_ENV, ContentLayers, ContentNotFound, Paths, content_candidates, locate_content

from vita.cli.main import main


def test_from_a_checkout_the_content_is_the_checkouts(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONTENT_ENV, raising=False)
    assert locate_content() == repo_root


def test_an_empty_content_folder_is_refused_naming_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A VITA_CONTENT that holds no content is not silently replaced by some other content."""
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path / "empty"))
    with pytest.raises(ContentNotFound) as refused:
        locate_content()
    assert refused.value.looked == [(f"${CONTENT_ENV}", tmp_path / "empty")]
    assert main(["content", "check"]) == 1
    error = capsys.readouterr().err
    assert "was not found" in error and str(tmp_path / "empty") in error


def test_with_content_nowhere_the_refusal_names_every_place_it_looked_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The places are tried one by one; when none holds content, each of them is named (a bundle too)."""
    monkeypatch.delenv(CONTENT_ENV, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    monkeypatch.setattr("vita.paths._holds_content", lambda _folder: False)
    with pytest.raises(ContentNotFound) as refused:
        locate_content()
    looked = refused.value.looked
    assert looked == content_candidates()
    assert [why for why, _folder in looked] == ["the source checkout", "the installed package", "the bundle"]
    assert looked[-1][1] == tmp_path / "bundle" / "content"
    for _why, folder in looked:
        assert str(folder) in str(refused.value)


def test_a_translation_in_the_overlay_replaces_the_shipped_one_whole(content_copy: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    layers = ContentLayers(content_copy, overlay)
    shipped_po = content_copy / "translations" / "fr.po"
    shipped_bytes = shipped_po.read_bytes()
    target = layers.writable_file("translations/fr.po")
    assert target == overlay / "translations" / "fr.po"
    assert target.read_bytes() == shipped_bytes  # the first write starts from a copy of the shipped file
    po = polib.pofile(str(target))
    next(e for e in po if e.msgstr).msgstr = "Texte revu par le déploiement."
    po.save(str(target))

    seen, problems = collect_content(layers)
    assert seen is not None and not [p for p in problems.errors if p.path == target]
    assert "Texte revu par le déploiement." in {t.text for t in seen.translations["fr"].entries.values()}
    assert shipped_po.read_bytes() == shipped_bytes


def test_the_command_line_writes_a_new_language_into_the_overlay_not_the_shipped_content(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(content_copy / "translations" / "fr.po", tmp_path / "fr.po.before")
    languages = content_copy / "messages" / "languages.toml"
    text = languages.read_text(encoding="utf-8")
    overlay = tmp_path / "overlay"
    (overlay / "messages").mkdir(parents=True)
    # The deployment adds Georgian in its own languages.toml, which replaces the shipped one whole.
    (overlay / "messages" / "languages.toml").write_text(
        text + '\n[[language]]\ncode = "ka"\nenglish_name = "Georgian"\nnative_name = "ქართული"\nscript = "Geor"\n'
        'direction = "ltr"\nregions = ["GE"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(CONTENT_ENV, str(content_copy))
    monkeypatch.setenv("VITA_OVERLAY", str(overlay))
    assert main(["content", "new-language", "ka"]) == 0
    assert (overlay / "translations" / "ka.po").is_file()
    assert not (content_copy / "translations" / "ka.po").exists()
    assert languages.read_text(encoding="utf-8") == text


def test_default_paths_keep_the_store_and_the_overlay_in_the_per_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VITA_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("VITA_OVERLAY", raising=False)
    paths = Paths.default()
    assert paths.database == tmp_path / "data" / "vita.db"
    assert paths.overlay == tmp_path / "data" / "content"
