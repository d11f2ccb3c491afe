"""The record as JSON: valid against its schema (checked by two independent validators), with a verifiable digest.

The independent validator is fastjsonschema, which compiles the schema into its own Python code and shares
nothing with the jsonschema library used on write. The independent canonicaliser is the rfc8785 package.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
import rfc8785
from recordkit import EXPORTED, finished_sample, sample_directory, shipped_content

from vita.content.model import Audience
from vita.record.build import build_record
from vita.record.codec import canonical_bytes, document_text, load_schema, schema_problems, to_document, verify_file
from vita.record.errors import InvalidRecord, NotARecord


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    content, directory = shipped_content(), sample_directory()
    made = {}
    for audience in Audience.ADULT, Audience.CHILD:
        header, events = finished_sample("ar", audience)
        made[audience.value] = to_document(build_record(header, events, content, directory, now=EXPORTED))
    return made


def write(tmp_path: Path, document: dict[str, Any], text: str | None = None) -> Path:
    path = tmp_path / "record.json"
    path.write_text(text if text is not None else document_text(document), encoding="utf-8")
    return path


def test_the_schema_is_itself_a_valid_draft_7_schema_with_a_version() -> None:
    import jsonschema

    schema = load_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {"const": 1}


def test_sample_records_validate_with_an_independent_validator(documents: dict[str, dict[str, Any]]) -> None:
    validate = fastjsonschema.compile(load_schema())
    for document in documents.values():
        validate(document)  # raises JsonSchemaValueException when invalid
        assert schema_problems(document) == []


def test_both_validators_reject_a_record_that_breaks_the_schema(documents: dict[str, dict[str, Any]]) -> None:
    validate = fastjsonschema.compile(load_schema())
    broken = copy.deepcopy(documents["adult"])
    broken["questions"][0]["answer"] = "maybe"
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        validate(broken)
    assert any(p.startswith("$.questions[0].answer") for p in schema_problems(broken))
    del broken["consent"]
    assert any("'consent' is a required property" in p for p in schema_problems(broken))


def test_the_digest_is_sha256_of_the_rfc8785_form_without_the_digest_member(
    documents: dict[str, dict[str, Any]],
) -> None:
    document = documents["adult"]
    body = {k: v for k, v in document.items() if k != "digest"}
    assert canonical_bytes(document) == rfc8785.dumps(body)
    assert document["digest"]["value"] == hashlib.sha256(rfc8785.dumps(body)).hexdigest()
    assert document["digest"]["algorithm"] == "sha-256"


def test_an_unchanged_or_reformatted_file_verifies(tmp_path: Path, documents: dict[str, dict[str, Any]]) -> None:
    document = documents["adult"]
    assert verify_file(write(tmp_path, document)).ok
    reordered = dict(reversed(list(document.items())))
    assert verify_file(write(tmp_path, document, json.dumps(reordered, ensure_ascii=True))).ok


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["questions"][3].update(answer="no", answer_label="No"),
        lambda d: d["case"].update(officer="Someone else"),
        lambda d: d["notes"][0].update(text=d["notes"][0]["text"] + " "),
        lambda d: d["indicators"][1]["found"].pop(),
        lambda d: d["referrals"]["recommended"].reverse(),
    ],
    ids=["answer", "officer", "note-space", "indicator-removed", "referral-order"],
)
def test_any_change_to_the_content_fails_verification(
    tmp_path: Path, documents: dict[str, dict[str, Any]], change: Any
) -> None:
    document = copy.deepcopy(documents["adult"])
    change(document)
    result = verify_file(write(tmp_path, document))
    assert not result.digest_ok and not result.ok
    assert result.claimed == documents["adult"]["digest"]["value"] != result.computed


def test_files_that_are_not_records_are_refused_clearly(tmp_path: Path, documents: dict[str, dict[str, Any]]) -> None:
    with pytest.raises(NotARecord, match="not readable JSON"):
        verify_file(write(tmp_path, {}, "{oops"))
    with pytest.raises(NotARecord, match="vita-identification-record"):
        verify_file(write(tmp_path, {"kind": "invoice"}))
    without = copy.deepcopy(documents["adult"])
    del without["digest"]
    with pytest.raises(NotARecord, match="carries no digest"):
        verify_file(write(tmp_path, without))
    with pytest.raises(NotARecord, match="does not exist"):
        verify_file(tmp_path / "missing.json")


def test_a_float_in_a_record_is_refused_because_it_has_no_single_canonical_form(
    documents: dict[str, dict[str, Any]],
) -> None:
    document = copy.deepcopy(documents["adult"])
    document["case"]["duration_seconds"] = 1.5
    with pytest.raises(InvalidRecord, match=r"\$.case.duration_seconds: floating point"):
        canonical_bytes(document)


def test_a_child_record_shows_no_consent_needed_and_child_protection(documents: dict[str, dict[str, Any]]) -> None:
    child = documents["child"]
    assert child["person"]["treated_as_child"] is True
    assert child["consent"]["status"] == "not_required"
    assert child["referrals"]["recommended"][0]["kind"] == "child_protection"
    assert {hit["id"] for group in child["indicators"] for hit in group["found"]} >= {
        "child_minor",
        "child_unaccompanied",
    }


def test_deeply_nested_json_is_refused_in_plain_words_not_with_a_recursion_error(tmp_path: Path) -> None:
    for depth in (100, 100_000):
        with pytest.raises(NotARecord, match="nests more than"):
            verify_file(write(tmp_path, {}, "[" * depth + "]" * depth))
    nested_in_a_string = '{"kind": "' + "[" * 1000 + '"}'
    with pytest.raises(NotARecord, match="vita-identification-record"):  # brackets inside text do not count
        verify_file(write(tmp_path, {}, nested_in_a_string))


def test_a_record_with_a_duplicated_member_is_refused(tmp_path: Path, documents: dict[str, dict[str, Any]]) -> None:
    """First "no", last "yes": Python would read yes, other parsers no. The file is refused, not verified."""
    document = copy.deepcopy(documents["adult"])
    question = document["questions"][3]
    text = document_text(document)
    original = f'"answer": {json.dumps(question["answer"])},'
    assert text.count(original) >= 1
    doubled = text.replace(original, '"answer": "no",\n      ' + original, 1)
    with pytest.raises(NotARecord, match='"answer" appears twice'):
        verify_file(write(tmp_path, document, doubled))


def test_a_record_whose_canonicalization_was_changed_is_refused(
    tmp_path: Path, documents: dict[str, dict[str, Any]]
) -> None:
    document = copy.deepcopy(documents["adult"])
    document["digest"]["canonicalization"] = "Python json.dumps with ensure_ascii=True"
    with pytest.raises(NotARecord, match="unknown canonicalization"):
        verify_file(write(tmp_path, document))
