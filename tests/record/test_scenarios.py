"""Scenario tests: each answers file in scenarios/ goes through `vita simulate` as a trainer would run it, and the
simulated record must show exactly the indicators, ignored answers, consent and child referral of expected.toml."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from vita.content.errors import Problems
from vita.content.loader import load_catalogue
from vita.record.codec import SIMULATION_KIND

from vita.cli.main import main

SCENARIOS = Path(__file__).parent / "scenarios"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads((SCENARIOS / "expected.toml").read_text(encoding="utf-8"))
REPO = Path(__file__).resolve().parents[2]


def simulated(name: str, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any], str]:
    code = main(["--content", str(REPO), "simulate", str(SCENARIOS / f"{name}.json"), "--out", str(out), "--no-pdf"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    document = json.loads((out / f"{name}.simulated.json").read_text(encoding="utf-8"))
    return document, printed.out


def test_every_answers_file_has_its_expectations_and_there_are_at_least_twelve() -> None:
    files = {p.stem for p in SCENARIOS.glob("*.json")}
    assert files == set(EXPECTED)
    assert len(files) >= 12


def test_every_indicator_of_the_catalogue_is_reached_by_some_scenario() -> None:
    """The scenarios exercise every rule's indicator at least once, so no rule is untested."""
    catalogue = load_catalogue(REPO / "messages" / "catalogue.toml", Problems())
    assert catalogue is not None
    reached = {indicator for expected in EXPECTED.values() for indicator in expected["indicators"]}
    assert {i.id for i in catalogue.indicators} == reached


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario_gives_exactly_the_expected_record(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = EXPECTED[name]
    document, printed = simulated(name, tmp_path, capsys)
    assert document["kind"] == SIMULATION_KIND
    found = [hit["id"] for element in document["indicators"] for hit in element["found"]]
    assert sorted(found) == sorted(expected["indicators"])
    ignored = {line.split()[2].rstrip(":") for line in printed.splitlines() if line.startswith("ignored answer ")}
    assert ignored == set(expected["ignored"])
    assert document["consent"]["status"] == expected["consent"]
    kinds = {entry["kind"] for entry in document["referrals"]["recommended"]}
    assert ("child_protection" in kinds) == expected["child_protection"]
