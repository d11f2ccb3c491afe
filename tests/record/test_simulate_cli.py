"""`vita simulate` as a trainer runs it: a simulated record marked as such on every page, no store touched,
and a bad answers file refused with an error that names the key at fault."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = Path(__file__).parent / "scenarios"


def run_vita(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["VITA_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "vita", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=180
    )


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return [page for page in text.stdout.split("\f") if page.strip()]


def test_a_simulation_is_marked_on_every_pdf_page_and_in_its_json_and_is_not_a_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_vita("simulate", str(SCENARIOS / "child_alone.json"), "--out", str(tmp_path / "out"), data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SIMULATION")
    pdf, document = tmp_path / "out" / "child_alone.simulated.pdf", tmp_path / "out" / "child_alone.simulated.json"
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert all("SIMULATION — NOT AN IDENTIFICATION RECORD" in page for page in pages)
    record = json.loads(document.read_text(encoding="utf-8"))
    assert record["kind"] == "vita-simulated-record" and record["consent"]["status"] == "not_required"
    assert "Consent to referral Not required (child)" in " ".join(" ".join(pages).split())
    assert oct(pdf.stat().st_mode & 0o777) == oct(0o600) == oct(document.stat().st_mode & 0o777)
    refused = run_vita("verify", str(document), data=data)
    assert refused.returncode == 1 and "vita-identification-record" in refused.stderr  # cannot pass for a record
    assert not data.exists()  # no store was made or opened


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d.update(language="xx"), "language: 'xx' is not one of"),
        (lambda d: d.update(audience="elder"), "audience: 'elder' is not one of"),
        (lambda d: d.update(country="Turkey"), "country: 'Turkey' is not an ISO 3166"),
        (lambda d: d.update(country="TU"), "country: 'TU' is not an ISO 3166"),  # two letters, but no country
        (lambda d: d.update(modules=["jouney"]), "modules[0]: unknown module 'jouney'"),
        (lambda d: d["answers"].update({"safety.hurtt": "yes"}), "answers.safety.hurtt: no message has this id"),
        (lambda d: d["answers"].update({"safety.hurt": "maybe"}), "answers.safety.hurt: 'maybe' is not one of"),
        (lambda d: d["answers"].update({"opening.greeting": "yes"}), "answers.opening.greeting: this message is a"),
        (lambda d: d.update(consent="yes"), "consent: 'yes' is not one of"),
        (lambda d: d.update(gender="female"), "gender: unknown key"),
        (lambda d: d.pop("answers"), "answers: must be an object"),
    ],
)
def test_a_bad_answers_file_is_refused_naming_the_key(tmp_path: Path, change: object, key: str) -> None:
    document = json.loads((SCENARIOS / "fear_of_return.json").read_text(encoding="utf-8"))
    change(document)  # type: ignore[operator]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = run_vita("simulate", str(bad), "--out", str(tmp_path / "out"), "--no-pdf", data=tmp_path / "data")
    assert result.returncode == 2
    assert key in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_json_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"language": "ar",\n "answers": {,}}', encoding="utf-8")
    result = run_vita("simulate", str(bad), "--out", str(tmp_path / "out"), data=tmp_path / "data")
    assert result.returncode == 2 and "is not valid JSON (line 2" in result.stderr


def test_a_child_in_a_country_without_directory_entries_is_told_to_go_to_child_protection(tmp_path: Path) -> None:
    scenario = json.loads((SCENARIOS / "child_alone.json").read_text(encoding="utf-8"))
    scenario["country"] = "GR"  # the sample directory serves Türkiye and Belgium only
    answers = tmp_path / "child_in_greece.json"
    answers.write_text(json.dumps(scenario), encoding="utf-8")
    result = run_vita("simulate", str(answers), "--out", str(tmp_path / "out"), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    line = "refer the child now to the national child-protection authority of GR"
    assert line in result.stdout
    record = json.loads((tmp_path / "out" / "child_in_greece.simulated.json").read_text(encoding="utf-8"))
    assert line in record["referrals"]["note"]
    pdf = " ".join(" ".join(pdf_pages(tmp_path / "out" / "child_in_greece.simulated.pdf")).split())
    assert line in pdf and "Country Greece (GR)" in pdf  # the record names the country with its code
