"""`vita content check`: the coverage matrix, the JSON report, and its exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib

from vita.content.model import PERSON_ANSWERS, Catalogue


def run_check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(root), "content", "check", *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_shipped_content_is_usable(repo_root: Path, catalogue: Catalogue) -> None:
    """Every message, core and modules, in every language, and every clip matching its text."""
    result = run_check(repo_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(catalogue.messages)} messages, 40 languages, 0 missing texts, 0 errors" in result.stdout


def test_json_report_covers_every_language_and_message(repo_root: Path, catalogue: Catalogue) -> None:
    result = run_check(repo_root, "--json")
    report = json.loads(result.stdout)
    assert report["messages"] == list(catalogue.message_ids)
    assert {row["code"] for row in report["languages"]} >= {"ar", "am", "my", "zh", "km", "pcm"}
    for row in report["languages"]:
        assert set(row["cells"]) == set(report["messages"])
    english = next(row for row in report["languages"] if row["code"] == "en")
    assert english["texts"] == len(catalogue.messages)  # the source language carries every message


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


def test_new_language_starts_a_draft_po_file(content_copy: Path, catalogue: Catalogue) -> None:
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
    # One draft entry per message and per answer word shown under the person's symbols.
    assert text.count("#, fuzzy") == len(catalogue.messages) + len(PERSON_ANSWERS) and "Language: ka" in text
    assert 'msgctxt "answer.declined"' in text and "answer.no_answer" not in text
    # Until someone translates it, the check says the new language is missing its texts and is not offered.
    checked = run_check(content_copy).stdout
    assert "ka.po: warning: safety.hurt: no translation" in checked
    assert "Georgian is not offered for interviews" in checked and "not offered for interviews" in checked


def run_vita(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(root), *args], capture_output=True, text=True, timeout=120
    )


def test_update_po_adds_new_messages_empties_changed_ones_and_retires_removed_ones(content_copy: Path) -> None:
    """After a change of the English set, every PO file stays valid: translators see what to do, nothing is lost."""
    catalogue = content_copy / "messages" / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8")
    text = text.replace("Do you need a doctor now?", "Do you need to see a doctor now?")
    text = text.replace('id = "help.man_officer"', 'id = "help.male_officer"')
    catalogue.write_text(text, encoding="utf-8")
    old_ar = polib.pofile(str(content_copy / "translations" / "ar.po"))
    old_doctor = next(e for e in old_ar if e.msgctxt == "safety.doctor")

    result = run_vita(content_copy, "content", "update-po")
    assert result.returncode == 0, result.stderr
    ar = polib.pofile(str(content_copy / "translations" / "ar.po"))
    doctor = next(e for e in ar if e.msgctxt == "safety.doctor")
    assert doctor.msgid == "Do you need to see a doctor now?" and doctor.msgstr == ""
    assert "fuzzy" in doctor.flags and "Draft: awaiting review by a qualified translator" in doctor.tcomment
    assert old_doctor.msgstr and old_doctor.msgstr in doctor.tcomment  # the old translation stays as a hint
    assert doctor.previous_msgid == "Do you need a doctor now?"
    added = [e for e in ar if e.msgctxt and e.msgctxt.startswith("help.male_officer")]
    assert {e.msgctxt for e in added} == {"help.male_officer", "help.male_officer|female", "help.male_officer|male"}
    assert all(e.msgstr == "" and "fuzzy" in e.flags for e in added)
    assert [e.obsolete for e in ar if e.msgctxt == "help.man_officer"] == [1]
    english = polib.pofile(str(content_copy / "translations" / "en.po"))
    assert next(e for e in english if e.msgctxt == "safety.doctor").msgstr == "Do you need to see a doctor now?"
    # Every file still loads: the texts the translators have to write are named, and until they are written
    # those languages are not offered (English, the source, is complete).
    report = json.loads(run_check(content_copy, "--json").stdout)
    assert not [p for p in report["problems"] if p["severity"] == "error"]
    missing = [p["message"] for p in report["problems"] if p["message"].endswith(": no translation")]
    assert "safety.doctor: no translation" in missing and "help.male_officer: no translation" in missing
    assert "ar" in report["incomplete_languages"] and "en" not in report["incomplete_languages"]
