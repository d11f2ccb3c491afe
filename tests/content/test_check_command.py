"""`vita content check`: the coverage matrix, the JSON report, and its exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run_check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(root), "content", "check", *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_shipped_content_is_usable(repo_root: Path) -> None:
    result = run_check(repo_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "35 messages, 40 languages, 0 missing texts, 0 errors" in result.stdout


def test_json_report_covers_every_language_and_message(repo_root: Path) -> None:
    result = run_check(repo_root, "--json")
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert len(report["messages"]) == 35
    assert {row["code"] for row in report["languages"]} >= {"ar", "am", "my", "zh", "km", "pcm"}
    for row in report["languages"]:
        assert row["texts"] == 35, row["code"]
        assert set(row["cells"]) == set(report["messages"])


def test_broken_copy_fails_and_names_the_problem(content_copy: Path) -> None:
    (content_copy / "translations" / "ha.po").write_text("not a po file", encoding="utf-8")
    po = content_copy / "translations" / "am.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgctxt "closing.wait_here"', 'msgctxt "closing.gone"'), "utf-8"
    )
    result = run_check(content_copy)
    assert result.returncode == 1
    assert "ha.po" in result.stdout and "not a valid PO file" in result.stdout
    assert "unknown message id 'closing.gone'" in result.stdout
    assert "closing.wait_here: no translation" in result.stdout
    assert "Content is NOT usable" in result.stdout
    report = json.loads(run_check(content_copy, "--json").stdout)
    assert report["ok"] is False and len(report["problems"]) >= 3


def test_every_po_file_passes_msgfmt_check(repo_root: Path) -> None:
    files = sorted((repo_root / "translations").glob("*.po"))
    assert len(files) == 40
    for path in files:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{path.name}: {result.stderr}"


def test_new_language_starts_a_draft_po_file(content_copy: Path) -> None:
    languages = content_copy / "messages" / "languages.toml"
    languages.write_text(
        languages.read_text(encoding="utf-8")
        + '\n[[language]]\ncode = "ka"\nenglish_name = "Georgian"\nnative_name = "ქართული"\n'
        'script = "Geor"\ndirection = "ltr"\nregions = ["GE"]\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(content_copy), "content", "new-language", "ka"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    text = (content_copy / "translations" / "ka.po").read_text(encoding="utf-8")
    assert text.count("#, fuzzy") == 35 and "Language: ka" in text
    # Until someone translates it, the check says the new language is missing its texts.
    assert "ka.po: error: safety.hurt: no translation" in run_check(content_copy).stdout
