"""The record as JSON for systems: a schema-checked document carrying a SHA-256 digest of itself.

What is hashed, so that a receiving agency can check a record with any tool:

    1. Parse the JSON file and remove the top-level member "digest".
    2. Serialise what remains in the JSON Canonicalization Scheme (RFC 8785): object members sorted by
       name (compared as UTF-16 code units), no whitespace, strings with only the escapes JSON requires,
       UTF-8. The record holds no floating point numbers and no integer beyond 2^53 - 1, so this is Python's
       json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8") over members so ordered.
    3. SHA-256 over those bytes, written as 64 lower-case hex digits in digest.value.

Reformatting the file (indentation, member order) does not change the digest; changing any value does.
A digest shows that a copy matches the record it was made from when the digest travels separately,
for example printed on the signed PDF; it is not a signature, so anyone who changes the JSON can also
recompute its digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from vita.record.errors import InvalidRecord, NotARecord
from vita.record.model import HeardText, Record
from vita.record.referrals import Recommendation
from vita.safe_files import write_file

DIGEST_ALGORITHM = "sha-256"
CANONICALIZATION = "RFC 8785 (JCS) serialisation of the record without its top-level 'digest' member, UTF-8"
RECORD_KIND = "vita-identification-record"
SIMULATION_KIND = "vita-simulated-record"  # `vita simulate`: never an identification record, never verified as one


def _time(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # the core keeps UTC; a naive time is taken to be UTC rather than the local clock
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _heard(heard: HeardText) -> dict[str, Any]:
    return {
        "language": heard.language,
        "form": heard.form.value,
        "audience": heard.audience.value,
        "variant": heard.variant,
        "text": heard.text,
        "status": heard.status,
        "reviewer": heard.reviewer,
    }


def _referral(item: Recommendation) -> dict[str, Any]:
    entry = item.entry
    return {
        "id": entry.id,
        "name": entry.name,
        "organisation": entry.organisation,
        "kind": entry.kind.value,
        "country": entry.country,
        "handles": [h.value for h in entry.handles],
        "languages": list(entry.languages),
        "speaks_language": item.speaks_language,
        "hours": entry.hours,
        "phone": entry.phone,
        "email": entry.email,
        "website": entry.website,
        "address": entry.address,
        "contact": entry.contact,
        "notes": entry.notes,
        "reasons": list(item.reasons),
    }


def record_to_json(record: Record) -> dict[str, Any]:
    """The record as a JSON object, without its digest."""
    case, person = record.case, record.person
    return {
        "schema_version": record.schema_version,
        "kind": SIMULATION_KIND if record.simulation else RECORD_KIND,
        "created_at": _time(record.created_at),
        "generator": {"name": "VITA", "version": record.generator_version},
        "not_a_legal_determination": record.statement,
        "case": {
            "reference": case.reference,
            "interview_id": case.interview_id,
            "place": case.place,
            "officer": case.officer,
            "started_at": _time(case.started_at),
            "finished_at": _time(case.finished_at),
            "duration_seconds": case.duration_seconds,
            "country": case.country,
        },
        "person": {
            "audience": person.audience.value,
            "form": person.form.value,
            "treated_as_child": person.treated_as_child,
            "language": person.language,
            "languages_used": list(person.languages_used),
            "audience_changes": [
                {"at": _time(c.at), "audience": c.audience.value, "reason": c.reason} for c in person.audience_changes
            ],
        },
        "languages": [
            {
                "code": x.code,
                "english_name": x.english_name,
                "native_name": x.native_name,
                "script": x.script,
                "direction": x.direction,
            }
            for x in record.languages
        ],
        "questions": [
            {
                "message_id": q.message_id,
                "group": q.group,
                "english": q.english,
                "heard": _heard(q.heard),
                "answer": q.answer.value if q.answer else None,
                "answer_label": q.answer_label,
                "answered_at": _time(q.answered_at),
                "history": [{"answer": h.answer.value, "answer_label": h.label, "at": _time(h.at)} for h in q.history],
                "plays": {"times": q.plays.times, "slowed": q.plays.slowed},
                "indicators": list(q.indicators),
                "asked_before_correction": q.asked_before_correction,
            }
            for q in record.questions
        ],
        "skipped": [
            {
                "message_id": s.message_id,
                "group": s.group,
                "english": s.english,
                "reason": s.reason,
                "explanation": s.explanation,
            }
            for s in record.skipped
        ],
        "indicator_grouping": record.indicator_grouping,
        "statements": [
            {
                "message_id": s.message_id,
                "group": s.group,
                "english": s.english,
                "heard": _heard(s.heard),
                "plays": {"times": s.plays.times, "slowed": s.plays.slowed},
            }
            for s in record.statements
        ],
        "notes": [{"at": _time(n.at), "text": n.text, "message_id": n.message_id} for n in record.notes],
        "indicators": [
            {
                "element": s.element.value,
                "title": s.title,
                "found": [
                    {"id": h.id, "name": h.name, "source": h.source, "questions": list(h.questions)} for h in s.found
                ],
            }
            for s in record.indicators
        ],
        "consent": {
            "status": record.consent.status,
            "source": record.consent.source,
            "explanation": record.consent.explanation,
        },
        "referrals": {
            "directory": {"name": record.directory.name, "sample": record.directory.sample},
            "recommended": [_referral(item) for item in record.referrals],
            "note": record.referral_note,
        },
        "content": {
            "texts": {
                "draft": record.content.draft,
                "reviewed": record.content.reviewed,
                "missing": record.content.missing,
            },
            "audio": {
                "state": record.content.audio.state,
                "recorded": record.content.audio.recorded,
                "synthetic": record.content.audio.synthetic,
                "without_clip": record.content.audio.without_clip,
                "detail": record.content.audio.detail,
            },
        },
    }


MAX_EXACT_INT = 2**53 - 1  # RFC 8785 numbers are IEEE doubles: larger integers have no single canonical text


def _check_numbers(value: Any, where: str = "$") -> None:
    """Floats have no single canonical text outside RFC 8785's number rules, nor do integers beyond 2^53 (a
    double cannot hold them exactly); the record keeps small integers only."""
    if isinstance(value, float):
        raise InvalidRecord([f"{where}: floating point numbers are not allowed in a record"])
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_EXACT_INT:
        raise InvalidRecord([f"{where}: {value} is too large a number for a record (more than 2^53 - 1)"])
    if isinstance(value, Mapping):
        for key, item in value.items():
            _check_numbers(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_numbers(item, f"{where}[{index}]")


def _utf16_order(value: Any) -> Any:
    """Objects with their members in RFC 8785's order: by UTF-16 code units, which differs from Python's code
    point order once a name holds a character outside the Basic Multilingual Plane (found by fuzzing)."""
    if isinstance(value, Mapping):
        return {k: _utf16_order(value[k]) for k in sorted(value, key=lambda k: k.encode("utf-16-be"))}
    if isinstance(value, list):
        return [_utf16_order(item) for item in value]
    return value


def canonical_bytes(document: Mapping[str, Any]) -> bytes:
    """The bytes the digest covers: the document without "digest", in RFC 8785 canonical form."""
    body = {key: value for key, value in document.items() if key != "digest"}
    _check_numbers(body)
    return json.dumps(_utf16_order(body), separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def compute_digest(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema of the record, shipped as vita/record/schema.json."""
    text = resources.files("vita.record").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_problems(document: Mapping[str, Any]) -> list[str]:
    """Every way the document breaks the schema, each as 'path: message'; empty when it is valid."""
    validator = jsonschema.Draft7Validator(load_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        problems.append(f"{where}: {error.message}")
    return problems


def to_document(record: Record) -> dict[str, Any]:
    """The JSON document with its digest, checked against the schema. Raises InvalidRecord if it does not match."""
    document = record_to_json(record)
    document["digest"] = {
        "algorithm": DIGEST_ALGORITHM,
        "canonicalization": CANONICALIZATION,
        "value": compute_digest(document),
    }
    problems = schema_problems(document)
    if problems:
        raise InvalidRecord(problems)
    return document


def document_text(document: Mapping[str, Any]) -> str:
    """How the JSON file is written: indented for people; the digest does not depend on the layout."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_private(path: Path, data: bytes) -> None:
    """Write a record file owner-only, all at once, never through a link: vita.safe_files does it (replacing
    an earlier plain file of that name). Kept for callers such as `vita simulate`."""
    write_file(path, data, replace=True)


@dataclass(frozen=True)
class Verification:
    """The result of checking a record file: the digest it claims, the one computed, and schema problems."""

    path: Path
    claimed: str
    computed: str
    schema_problems: list[str] = field(default_factory=list)

    @property
    def digest_ok(self) -> bool:
        return self.claimed == self.computed

    @property
    def ok(self) -> bool:
        return self.digest_ok and not self.schema_problems


MAX_DEPTH = 32  # a record nests about 6 deep; far deeper input is refused before it is parsed


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose members all have different names. With a duplicate, two JSON readers may each see a
    different value (one the first "no", another the last "yes"), so such a file is not a record."""
    members: dict[str, Any] = {}
    for key, value in pairs:
        if key in members:
            raise _DuplicateKey(key)
        members[key] = value
    return members


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON text, without parsing it (strings are skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_record_text(text: str, path: Path) -> Any:
    """Parse a record file strictly: no duplicate member names, no absurd nesting. Raises NotARecord."""
    if nesting_depth(text) > MAX_DEPTH:
        raise NotARecord(path, f"it nests more than {MAX_DEPTH} levels deep, which no record does")
    try:
        return json.loads(text, object_pairs_hook=_unique_members)
    except _DuplicateKey as exc:
        raise NotARecord(
            path, f'the name "{exc.key}" appears twice in one object, so different programs could read it differently'
        ) from None
    except (ValueError, RecursionError) as exc:
        raise NotARecord(path, f"not readable JSON ({exc})") from exc


def verify_file(path: Path) -> Verification:
    """Recompute a record file's digest and check it against the schema. Raises NotARecord for other files."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise NotARecord(path, "the file does not exist") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise NotARecord(path, f"not readable JSON ({exc})") from exc
    document = parse_record_text(text, path)
    if not isinstance(document, dict) or document.get("kind") != RECORD_KIND:
        raise NotARecord(path, f'it has no "kind": "{RECORD_KIND}"')
    digest = document.get("digest")
    if not isinstance(digest, dict) or not isinstance(digest.get("value"), str):
        raise NotARecord(path, "it carries no digest")
    if digest.get("algorithm") != DIGEST_ALGORITHM:
        raise NotARecord(path, f"unknown digest algorithm {digest.get('algorithm')!r}")
    if digest.get("canonicalization") != CANONICALIZATION:
        # The digest does not cover its own member: a changed method would go unnoticed unless checked here.
        raise NotARecord(path, f"unknown canonicalization {digest.get('canonicalization')!r}")
    try:
        computed = compute_digest(document)
    except InvalidRecord as exc:
        return Verification(path, digest["value"], "", exc.problems)
    return Verification(path, digest["value"], computed, schema_problems(document))
