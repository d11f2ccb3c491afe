"""`vita sample-record` end to end, as a partner agency would run it: no display, real store, real PDF and JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fastjsonschema
import pytest
from pdftext import answers_by_row, plain_text, script_words

from vita.record.codec import load_schema

REPO = Path(__file__).resolve().parents[2]


def run_vita(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TMPDIR"] = str(tmp_path / "tmp")
    env["VITA_DATA"] = str(tmp_path / "data")
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "vita", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def amharic_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp_path = tmp_path_factory.mktemp("sample")
    result = run_vita("sample-record", "--out", str(tmp_path / "out"), "--language", "am", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    (record,) = (tmp_path / "out").glob("*.json")
    return pdf, record, tmp_path


def test_the_sample_pdf_passes_qpdf_check(amharic_sample: tuple[Path, Path, Path]) -> None:
    pdf, _, _ = amharic_sample
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


def test_pdftotext_finds_each_answer_and_the_text_in_the_persons_script(
    amharic_sample: tuple[Path, Path, Path],
) -> None:
    pdf, record_path, _ = amharic_sample
    record = json.loads(record_path.read_text(encoding="utf-8"))
    answers = answers_by_row(pdf)
    assert [answers[n].startswith(q["answer_label"]) for n, q in enumerate(record["questions"], 1)] == [True] * len(
        record["questions"]
    )
    text = plain_text(pdf)
    heard = [item["heard"]["text"] for item in record["questions"] + record["statements"]]
    assert heard and all(heard)
    assert {w for t in heard for w in script_words(t) if w not in text} == set()


def test_the_sample_json_validates_with_an_independent_validator_and_its_digest_verifies(
    amharic_sample: tuple[Path, Path, Path],
) -> None:
    _, record_path, tmp_path = amharic_sample
    fastjsonschema.compile(load_schema())(json.loads(record_path.read_text(encoding="utf-8")))
    verified = run_vita("verify", str(record_path), tmp_path=tmp_path)
    assert verified.returncode == 0 and "digest matches" in verified.stdout


def test_a_changed_sample_json_fails_verification(amharic_sample: tuple[Path, Path, Path]) -> None:
    _, record_path, tmp_path = amharic_sample
    document = json.loads(record_path.read_text(encoding="utf-8"))
    document["questions"][0]["answer"] = "no" if document["questions"][0]["answer"] != "no" else "yes"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    verified = run_vita("verify", str(changed), tmp_path=tmp_path)
    assert verified.returncode == 1
    assert "DIGEST DOES NOT MATCH" in verified.stdout


def test_the_throw_away_store_is_gone_and_the_files_are_private(amharic_sample: tuple[Path, Path, Path]) -> None:
    pdf, record_path, tmp_path = amharic_sample
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "data").exists()  # the user's own store is never touched
    assert {oct(p.stat().st_mode & 0o777) for p in (pdf, record_path)} == {"0o600"}


def test_the_default_arabic_adult_and_a_child_sample_are_written(tmp_path: Path) -> None:
    adult = run_vita("sample-record", "--out", str(tmp_path / "adult"), tmp_path=tmp_path)
    child = run_vita("sample-record", "--out", str(tmp_path / "child"), "--child", tmp_path=tmp_path)
    assert adult.returncode == 0 and child.returncode == 0, adult.stderr + child.stderr
    adult_doc = json.loads(next((tmp_path / "adult").glob("*.json")).read_text(encoding="utf-8"))
    child_doc = json.loads(next((tmp_path / "child").glob("*.json")).read_text(encoding="utf-8"))
    assert adult_doc["person"]["language"] == "ar" and adult_doc["languages"][0]["direction"] == "rtl"
    assert child_doc["consent"]["status"] == "not_required"
    for folder in ("adult", "child"):
        (pdf,) = (tmp_path / folder).glob("*.pdf")
        assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    again = run_vita("sample-record", "--out", str(tmp_path / "adult"), tmp_path=tmp_path)
    assert again.returncode == 1 and "not overwritten" in again.stderr
    unknown = run_vita("sample-record", "--out", str(tmp_path / "x"), "--language", "xx", tmp_path=tmp_path)
    assert unknown.returncode == 1 and "xx is not in" in unknown.stderr
