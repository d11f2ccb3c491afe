"""The referral directory (messages/referrals.toml): where a person can be referred, and which entries fit.

The directory is data that each deployment edits for its own country. This module reads it with clear
errors (file and line) and recommends entries from the indicators found and the person's age.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vita.content.errors import Problems
from vita.record.errors import DirectoryError, DirectoryProblem


class Handles(enum.StrEnum):
    """What an organisation handles. `adults` / `children` say whom it serves; the rest, which situations."""

    ADULTS = "adults"
    CHILDREN = "children"
    LABOUR_EXPLOITATION = "labour_exploitation"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    SMUGGLING_VICTIMS = "smuggling_victims"
    MEDICAL = "medical"
    LEGAL = "legal"


class EntryKind(enum.StrEnum):
    HOTLINE = "hotline"
    SPECIALISED_CENTRE = "specialised_centre"
    CHILD_PROTECTION = "child_protection"
    SUPPORT_ORGANISATION = "support_organisation"
    MEDICAL = "medical"
    LEGAL = "legal"
    EMERGENCY = "emergency"


# Which indicator calls for which specialised help. Age group and trafficking signals are handled in `recommend`.
NEED_BY_INDICATOR: dict[str, Handles] = {
    "withholding_of_wages": Handles.LABOUR_EXPLOITATION,
    "excessive_overtime": Handles.LABOUR_EXPLOITATION,
    "abusive_working_living_conditions": Handles.LABOUR_EXPLOITATION,
    "debt_bondage": Handles.LABOUR_EXPLOITATION,
    "physical_sexual_violence": Handles.SEXUAL_EXPLOITATION,
    "forced_acts_at_work": Handles.LABOUR_EXPLOITATION,
    "smuggling_violence": Handles.SMUGGLING_VICTIMS,
    "smuggling_sexual_violence": Handles.SMUGGLING_VICTIMS,
    "smuggling_extortion": Handles.SMUGGLING_VICTIMS,
    "smuggling_life_endangered": Handles.SMUGGLING_VICTIMS,
    "smuggling_robbery": Handles.SMUGGLING_VICTIMS,
    "needs_medical": Handles.MEDICAL,
    "needs_protection": Handles.LEGAL,  # the route to the asylum procedure
}
INTERNATIONAL = "INT"
# Elements whose indicators are signals of trafficking or of crimes against a smuggled migrant.
SIGNAL_ELEMENTS = frozenset({"act", "means", "purpose", "aggravated_smuggling"})

ENTRY_KEYS = {
    "id", "name", "organisation", "kind", "country", "handles", "languages",
    "hours", "phone", "email", "website", "address", "contact", "notes",
}  # fmt: skip
CONTACT_KEYS = ("phone", "email", "website", "address", "contact")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
COUNTRY_PATTERN = re.compile(r"^([A-Z]{2}|INT)$")
TAG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class ReferralEntry:
    id: str
    name: str
    kind: EntryKind
    country: str  # ISO 3166-1 alpha-2, or INT for an international service
    handles: tuple[Handles, ...]
    languages: tuple[str, ...] = ()  # BCP 47 codes; empty when the directory does not say
    organisation: str = ""
    hours: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    contact: str = ""
    notes: str = ""
    line: int = 0

    def serves(self, *, child: bool) -> bool:
        """True when the entry takes this age group; an entry naming neither age group takes everyone."""
        ages = {Handles.ADULTS, Handles.CHILDREN} & set(self.handles)
        return not ages or (Handles.CHILDREN if child else Handles.ADULTS) in ages


@dataclass(frozen=True)
class Directory:
    name: str
    sample: bool
    entries: tuple[ReferralEntry, ...]
    path: Path | None = None


@dataclass(frozen=True)
class Recommendation:
    entry: ReferralEntry
    reasons: tuple[str, ...]
    speaks_language: bool


def _line_of(text: str, key: str, value: str) -> int:
    match = re.search(rf'^\s*{re.escape(key)}\s*=\s*"{re.escape(value)}"', text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _strings(raw: dict[str, Any], key: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{key} must be a list of strings")
        return ()
    return tuple(value)


def _entry(raw: dict[str, Any], line: int, problems: list[str]) -> ReferralEntry | None:
    unknown = sorted(set(raw) - ENTRY_KEYS)
    if unknown:
        problems.append(f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(ENTRY_KEYS))})")
    for key in ENTRY_KEYS - {"handles", "languages"}:
        if key in raw and not isinstance(raw[key], str):
            problems.append(f"{key} must be a string")
            return None
    missing = [k for k in ("id", "name", "kind", "country") if not raw.get(k)]
    if missing:
        problems.append(f"entry has no {', '.join(missing)}")
        return None
    if not ID_PATTERN.match(raw["id"]):
        problems.append(f"id {raw['id']!r} must be lower case letters, digits, '-' or '_'")
    if raw["kind"] not in EntryKind.__members__.values():
        problems.append(f"kind {raw['kind']!r} is not one of: {', '.join(k.value for k in EntryKind)}")
    if not COUNTRY_PATTERN.match(raw["country"]):
        problems.append(f"country {raw['country']!r} must be an ISO 3166 two-letter code (or INT)")
    handles = _strings(raw, "handles", problems)
    if not handles:
        problems.append("handles must name at least one of: " + ", ".join(h.value for h in Handles))
    for value in handles:
        if value not in Handles.__members__.values():
            problems.append(f"handles {value!r} is not one of: {', '.join(h.value for h in Handles)}")
    languages = _strings(raw, "languages", problems)
    for code in languages:
        if not TAG_PATTERN.match(code):
            problems.append(f"language {code!r} is not a BCP 47 tag")
    if not any(raw.get(k) for k in CONTACT_KEYS):
        problems.append(f"entry gives no way to reach it (one of: {', '.join(CONTACT_KEYS)})")
    if problems:
        return None
    return ReferralEntry(
        id=raw["id"],
        name=raw["name"],
        kind=EntryKind(raw["kind"]),
        country=raw["country"],
        handles=tuple(Handles(h) for h in handles),
        languages=languages,
        line=line,
        **{
            k: raw.get(k, "")
            for k in ("organisation", "hours", "phone", "email", "website", "address", "contact", "notes")
        },
    )


def load_directory(path: Path) -> Directory:
    """Read a referral directory, or raise DirectoryError naming every problem with its line."""
    problems: list[DirectoryProblem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DirectoryError([DirectoryProblem(path, 0, "the referral directory file is missing")]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DirectoryError([DirectoryProblem(path, 0, f"cannot read the file: {exc}")]) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise DirectoryError(
            [DirectoryProblem(path, int(found.group(1)) if found else 0, f"not valid TOML: {exc}")]
        ) from exc

    header = data.get("directory", {})
    if not isinstance(header, dict) or not isinstance(header.get("name"), str) or not header["name"]:
        problems.append(DirectoryProblem(path, 0, "[directory] needs a name"))
        header = {}
    entries: list[ReferralEntry] = []
    seen: set[str] = set()
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raw_entries = []
    for raw in raw_entries:
        line = _line_of(text, "id", str(raw.get("id", "")))
        entry_problems: list[str] = []
        entry = _entry(raw, line, entry_problems)
        name = raw.get("id") or "(entry without id)"
        problems.extend(DirectoryProblem(path, line, f"{name}: {p}") for p in entry_problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(DirectoryProblem(path, line, f"{entry.id}: id is used twice"))
            continue
        seen.add(entry.id)
        entries.append(entry)
    if not raw_entries:
        problems.append(DirectoryProblem(path, 0, "the directory has no [[entry]]"))
    if problems:
        raise DirectoryError(problems)
    return Directory(str(header["name"]), bool(header.get("sample", False)), tuple(entries), path)


def recommend(
    directory: Directory,
    *,
    indicators: Collection[str],
    elements: Collection[str],
    child: bool,
    language: str,
    wants_help: bool,
    names: Mapping[str, str] | None = None,
) -> tuple[Recommendation, ...]:
    """The entries that fit, child protection first, then those that speak the person's language.

    A child is always referred to the entries that take children, whatever the answers and without
    consent. An adult is referred to entries that take adults when any trafficking or smuggling signal was
    found or the person asked for help; specialised entries are added for the needs the answers show.
    """
    signals = bool(SIGNAL_ELEMENTS & set(elements))
    needs: dict[Handles, list[str]] = {}
    for indicator in indicators:
        if indicator in NEED_BY_INDICATOR:
            needs.setdefault(NEED_BY_INDICATOR[indicator], []).append(indicator)
    base = language.split("-")[0]
    chosen: list[tuple[int, bool, int, Recommendation]] = []
    for index, entry in enumerate(directory.entries):
        if not entry.serves(child=child):
            continue
        reasons: list[str] = []
        priority = 2
        if child and Handles.CHILDREN in entry.handles:
            reasons.append("a child is always referred to child protection, with or without consent")
            priority = 0
        elif not child and Handles.ADULTS in entry.handles and signals:
            reasons.append("the answers touch indicators of trafficking or of crimes during the journey")
            priority = 1
        elif not child and Handles.ADULTS in entry.handles and wants_help:
            reasons.append("the person asked for help")
            priority = 1
        for need, found in needs.items():
            if need in entry.handles:
                shown = sorted((names or {}).get(i, i) for i in found)  # names for people, never ids
                reasons.append(f"handles {need.value.replace('_', ' ')} (indicators: {', '.join(shown)})")
                if need is Handles.MEDICAL:
                    priority = 0  # medical care comes before everything else
        if not reasons:
            continue
        speaks = any(code.split("-")[0] == base for code in entry.languages)
        chosen.append((priority, not speaks, index, Recommendation(entry, tuple(reasons), speaks)))
    chosen.sort(key=lambda item: item[:3])
    # One number is listed once: a sample directory for two countries holds "112" twice, and the officer
    # would read the same emergency number twice in a row.
    kept: list[Recommendation] = []
    numbers: set[tuple[str, str]] = set()
    for item in chosen:
        entry = item[3].entry
        number = (entry.name.strip().casefold(), entry.phone.strip())
        if entry.phone.strip() and number in numbers:
            continue
        numbers.add(number)
        kept.append(item[3])
    return tuple(kept)


CHILD_WITHOUT_ENTRY = (
    "This is a child: refer the child now to the national child-protection authority of {where}, with or "
    "without consent. The referral directory has no child-protection entry for it; write down whom you told."
)


def recommend_for_country(
    directory: Directory,
    *,
    country: str,
    indicators: Collection[str],
    elements: Collection[str],
    child: bool,
    language: str,
    wants_help: bool,
    names: Mapping[str, str] | None = None,
) -> tuple[tuple[Recommendation, ...], str]:
    """`recommend` over the entries for the interview's country plus international ones, and a plain sentence
    saying how the directory was narrowed (and when nothing in it serves that country)."""
    if not country:
        local = directory
        note = "No country was recorded for this interview: entries for every country in the directory were considered."
    else:
        kept = tuple(e for e in directory.entries if e.country in (country, INTERNATIONAL))
        local = Directory(directory.name, directory.sample, kept, directory.path)
        if any(e.country == country for e in kept):
            note = f"Entries for {country}, where the interview took place, and international entries."
        else:
            note = (
                f"The referral directory has no entry for {country}, where the interview took place: "
                "only international entries can be recommended. Find a local service yourself."
            )
    found = recommend(
        local,
        indicators=indicators,
        elements=elements,
        child=child,
        language=language,
        wants_help=wants_help,
        names=names,
    )
    if child and not any(Handles.CHILDREN in r.entry.handles for r in found):
        # A child is never left without a referral because the directory lacks an entry for the country.
        note = f"{note} {CHILD_WITHOUT_ENTRY.format(where=country or 'the country of the interview')}"
    return found, note


def directory_problems(path: Path) -> Problems:
    """The referral directory is read at every export: a broken one must fail the check, not the export."""
    problems = Problems()
    try:
        load_directory(path)
    except DirectoryError as exc:
        for problem in exc.problems:
            problems.error(problem.path, problem.line, problem.message)
    return problems
