"""`vita content check` refuses content that would mislead or break later: markup-like text in any content file
(named by file and line), and a referral directory that every export would then fail on (issue 11, items 2, 7)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from vita.audio.verify import check_content_and_audio, directory_problems
from vita.content.markup import markup_in, markup_problems

from tests.content.test_check_command import run_check

IMG = "<img src='file:///etc/vita.png'>"


def line_holding(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


def errors_of(root: Path) -> list[str]:
    return [str(p) for p in check_content_and_audio(root).errors]


def test_shipped_content_holds_no_markup_and_a_usable_directory(repo_root: Path) -> None:
    assert markup_problems(repo_root) == []
    assert directory_problems(repo_root / "messages" / "referrals.toml") == []


def test_markup_in_a_reviewer_comment_is_an_error_naming_file_and_line(content_copy: Path) -> None:
    path = content_copy / "translations" / "fr.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == "safety.hurt")
    entry.flags.remove("fuzzy")
    entry.tcomment = f"Reviewed by: {IMG}"
    po.save(str(path))
    line = line_holding(path, "Reviewed by: <img")
    problems = [e for e in errors_of(content_copy) if "looks like markup" in e]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}: error:") and "<img src=" in problems[0]


@pytest.mark.parametrize(
    ("file", "before", "after"),
    [
        ("catalogue.toml", 'note = "', f'note = "{IMG} '),
        ("languages.toml", 'english_name = "French"', 'english_name = "French &amp; friends"'),
        ("referrals.toml", 'name = "', 'name = "<b>Bold</b> '),
    ],
)
def test_markup_in_a_toml_value_is_an_error_naming_file_and_line(
    content_copy: Path, file: str, before: str, after: str
) -> None:
    path = content_copy / "messages" / file
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    line = line_holding(path, after)
    problems = [e for e in errors_of(content_copy) if "looks like markup" in e]
    assert problems and problems[0].startswith(f"{path}:{line}: error:"), problems


def test_markup_in_a_toml_comment_is_not_content(content_copy: Path) -> None:
    path = content_copy / "messages" / "catalogue.toml"
    path.write_text("# a <b>comment</b> is never shown\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert not [e for e in errors_of(content_copy) if "markup" in e]


def test_plural_formulas_and_plain_ampersands_are_not_markup() -> None:
    assert markup_in("plural=(n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)") is None
    assert markup_in("Women & children's centre; 3 < 4") is None
    assert markup_in("call &#60;now") == "&#60;now"
    assert markup_in("x </script>") == "</script>"


def test_a_broken_referral_directory_fails_the_check(content_copy: Path) -> None:
    path = content_copy / "messages" / "referrals.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('kind = "hotline"', 'kind = "hotlines"', 1), encoding="utf-8")
    line = line_holding(path, 'kind = "hotlines"')
    result = run_check(content_copy)
    assert result.returncode == 1
    assert f"{path}:" in result.stdout and "kind 'hotlines' is not one of" in result.stdout
    assert "Content is NOT usable" in result.stdout
    assert line > 0


def test_a_missing_referral_directory_fails_the_check(content_copy: Path) -> None:
    (content_copy / "messages" / "referrals.toml").unlink()
    assert any("referral directory file is missing" in e for e in errors_of(content_copy))
