"""Fuzzing the record's JSON round trip and `vita verify` with hypothesis: derandomised (the same examples on
every run) and capped in CI; the long series is marked slow:

    .venv/bin/python -m pytest tests/record/test_record_fuzz.py -m slow -q

Each property is checked against an independent reference where there is one (the rfc8785 package for the
canonical form). What fuzzing found is kept as explicit regression tests at the end of this file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import rfc8785
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from recordkit import EXPORTED, finished_sample, sample_directory, small_content

from vita.record.build import build_record
from vita.record.codec import canonical_bytes, compute_digest, document_text, to_document, verify_file
from vita.record.errors import InvalidRecord, NotARecord

CI_EXAMPLES = 150
LONG_EXAMPLES = 3000

# JSON values as a record may carry them: integers in the range every JSON reader keeps exactly, any text.
SAFE_INT = st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | SAFE_INT | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,  # nothing written beside the tests
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# -- the canonical form is RFC 8785's --------------------------------------------------------------------------


def canonical_matches_rfc8785(document: dict[str, Any]) -> None:
    """The digest covers the document without its top-level "digest" member, in RFC 8785 form."""
    body = {key: value for key, value in document.items() if key != "digest"}
    assert canonical_bytes(document) == rfc8785.dumps(body)


@fuzz(CI_EXAMPLES)
@given(st.dictionaries(TEXT, JSON_VALUES, max_size=6))
def test_the_canonical_form_is_rfc8785s_for_any_json(body: dict[str, Any]) -> None:
    canonical_matches_rfc8785(body)


@pytest.mark.slow
@fuzz(LONG_EXAMPLES)
@given(st.dictionaries(TEXT, JSON_VALUES, max_size=8))
def test_the_canonical_form_is_rfc8785s_for_any_json_long(body: dict[str, Any]) -> None:
    canonical_matches_rfc8785(body)


# -- a record with any text in it survives the round trip and verifies ------------------------------------------

BASE: dict[str, Any] = {}


def base_document() -> dict[str, Any]:
    if not BASE:
        header, events = finished_sample("ar")
        BASE.update(to_document(build_record(header, events, small_content(), sample_directory(), now=EXPORTED)))
    return copy.deepcopy(BASE)


def with_texts(place: str, officer: str, note: str) -> dict[str, Any]:
    document = base_document()
    document["case"]["place"], document["case"]["officer"] = place, officer
    document["notes"] = [{"at": document["case"]["started_at"], "text": note, "message_id": None}]
    document["digest"]["value"] = compute_digest(document)
    return document


def round_trip(tmp_path: Path, document: dict[str, Any], ascii_only: bool, indent: int | None) -> None:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(document, ensure_ascii=ascii_only, indent=indent), encoding="utf-8")
    result = verify_file(path)
    assert result.digest_ok, (result.claimed, result.computed)
    assert json.loads(path.read_text(encoding="utf-8")) == document


FREE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


@fuzz(CI_EXAMPLES // 3)
@given(FREE_TEXT, FREE_TEXT, FREE_TEXT, st.booleans(), st.sampled_from([None, 0, 2, 5]))
def test_any_text_in_a_record_round_trips_and_verifies(
    tmp_path: Path, place: str, officer: str, note: str, ascii_only: bool, indent: int | None
) -> None:
    round_trip(tmp_path, with_texts(place, officer, note), ascii_only, indent)


@pytest.mark.slow
@fuzz(LONG_EXAMPLES // 3)
@given(FREE_TEXT, FREE_TEXT, FREE_TEXT, st.booleans(), st.sampled_from([None, 0, 2, 5]))
def test_any_text_in_a_record_round_trips_and_verifies_long(
    tmp_path: Path, place: str, officer: str, note: str, ascii_only: bool, indent: int | None
) -> None:
    round_trip(tmp_path, with_texts(place, officer, note), ascii_only, indent)


# -- vita verify: any input gives a verdict or a clear refusal, never a crash; 'ok' means unchanged -------------


def verdict_on(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "record.json"
    path.write_bytes(raw)
    original = base_document()
    try:
        result = verify_file(path)
    except NotARecord as refusal:
        assert str(refusal).startswith(f"{path}: not a VITA record: ")
        return
    if result.ok:
        read = json.loads(raw.decode("utf-8"))
        strip = lambda d: {k: v for k, v in d.items() if k != "digest"}  # noqa: E731
        assert strip(read) == strip(original), "verify said ok for a changed record"


def mutated(data: Any) -> bytes:
    """The sample record's file with a few bytes changed, inserted or removed."""
    raw = bytearray(document_text(base_document()).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw) - 1))
        how = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        if how == "flip":
            raw[at] ^= data.draw(st.integers(1, 255))
        elif how == "insert":
            raw[at:at] = data.draw(st.sampled_from([b"[", b"{", b'"', b",", b"\\", b"0", b" ", b"\xff"]))
        else:
            del raw[at]
    return bytes(raw)


@fuzz(CI_EXAMPLES)
@given(st.data())
def test_verify_gives_a_verdict_or_a_clear_refusal_for_any_damaged_record(tmp_path: Path, data: Any) -> None:
    verdict_on(tmp_path, mutated(data))


@fuzz(CI_EXAMPLES // 3)
@given(st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_verify_gives_a_clear_refusal_for_anything_else(tmp_path: Path, raw: bytes) -> None:
    verdict_on(tmp_path, raw)


@pytest.mark.slow
@fuzz(LONG_EXAMPLES)
@given(st.data())
def test_verify_gives_a_verdict_or_a_clear_refusal_for_any_damaged_record_long(tmp_path: Path, data: Any) -> None:
    verdict_on(tmp_path, mutated(data))


# -- what fuzzing found, kept as regression tests ---------------------------------------------------------------


def test_found_member_names_outside_the_bmp_sort_as_rfc8785_says() -> None:
    """Python sorts U+E000 before U+10000 (code points); RFC 8785 sorts by UTF-16 units, D800 before E000."""
    body = {"\ue000": None, "\U00010000": None}
    assert canonical_bytes(body) == rfc8785.dumps(body) == '{"\U00010000":null,"\ue000":null}'.encode()


def test_found_an_integer_beyond_2_53_has_no_canonical_form_and_is_refused() -> None:
    with pytest.raises(InvalidRecord, match="too large a number"):
        canonical_bytes({"count": 2**53})
    with pytest.raises(rfc8785.IntegerDomainError):
        rfc8785.dumps({"count": 2**53})
