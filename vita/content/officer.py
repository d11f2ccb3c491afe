"""The officer's interface language: gettext catalogues in translations/officer/<code>.po.

Qt-free. Every officer-facing string goes through one `OfficerText` object, passed in the app's context (never
a module-level singleton). The msgid is the English text, so a missing or empty translation shows English;
strings that come from the content (officer notes, indicator names, group names, answer labels, element
titles) carry a msgctxt "<kind>:<key>" because their English wording may be edited by a deployment.
Person-facing texts stay in translations/<code>.po: this is only what the officer reads.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # an English interface (the first start) reads no catalogue, and loads none of these
    import polib

    from vita.content.errors import Problems

SOURCE_LANGUAGE = "en"
OFFICER_DIR = "officer"
# Scripts written right to left: the interface is mirrored for an officer who reads one of them.
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ur", "ckb", "he"})
FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
NATIVE_NAME = re.compile(r'^"X-Native-Name:[ \t]*((?:[^"\\]|\\.)*?)\\n"$', re.MULTILINE)  # a header line


def N_(text: str) -> str:
    """Marks a constant for the officer template without translating it yet (it is translated where shown)."""
    return text


@dataclass(frozen=True)
class OfficerText:
    """The translate function for one interface language. Call it with the English text (and named fields)."""

    language: str = SOURCE_LANGUAGE
    entries: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (msgctxt, msgid) -> msgstr
    native_name: str = "English"

    def __call__(self, english: str, /, **fields: object) -> str:
        text = self.entries.get(("", english)) or english
        return _fill(text, english, fields)

    def content(self, kind: str, key: str, english: str) -> str:
        """A string from the content (kind: note, indicator, group, answer, element), by its stable key."""
        return self.entries.get((f"{kind}:{key}", english)) or english

    def beside(self, english: str, **fields: object) -> str:
        """The text in the officer's language with the English after it, for what may travel abroad (the PDF)."""
        own = self(english, **fields)
        plain = _fill(english, english, fields)
        return own if own == plain else f"{own} ({plain})"

    def content_beside(self, kind: str, key: str, english: str) -> str:
        own = self.content(kind, key, english)
        return own if own == english else f"{own} ({english})"

    @property
    def is_rtl(self) -> bool:
        return self.language.split("-")[0] in RTL_LANGUAGES

    @property
    def is_english(self) -> bool:
        return self.language == SOURCE_LANGUAGE


def _fill(text: str, english: str, fields: Mapping[str, object]) -> str:
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation with a broken field falls back to the English
        return english.format(**fields)


def officer_dir(content_root: Path) -> Path:
    return content_root / "translations" / OFFICER_DIR


def officer_languages(content_root: Path) -> tuple[str, ...]:
    """The interface languages on offer: English, and every catalogue in translations/officer/."""
    found = sorted(path.stem for path in officer_dir(content_root).glob("*.po"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


def read_officer_catalogue(path: Path, code: str, problems: Problems) -> polib.POFile | None:
    """Read and check one officer PO file; problems are collected, never raised."""
    from vita.content.po import PO_LINE

    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        problems.error(path, 0, f"no officer interface catalogue for {code!r}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(path, 0, f"cannot read the officer catalogue: {exc}")
        return None
    bad = [n for n, line in enumerate(raw.splitlines(), 1) if not PO_LINE.match(line)]
    if bad:
        problems.error(path, bad[0], f"not a valid PO file: broken entry at line {bad[0]}")
        return None
    import polib  # an English interface (the first start) reads no catalogue

    try:
        po = polib.pofile(raw, encoding="utf-8", check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        problems.error(path, 0, f"not a valid PO file: {exc}")
        return None
    if po.metadata.get("Language", "").replace("_", "-") != code:
        problems.error(path, 1, f"header Language is {po.metadata.get('Language', '')!r}, expected {code!r}")
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        wanted, given = set(FIELD.findall(entry.msgid)), set(FIELD.findall(entry.msgstr))
        if wanted != given:
            problems.error(
                path, entry.linenum, f"{entry.msgid[:40]!r}: the fields {sorted(wanted)} must all appear, no others"
            )
        if "fuzzy" not in entry.flags and "Reviewed by:" not in (entry.tcomment or ""):
            problems.error(path, entry.linenum, f"{entry.msgid[:40]!r}: not marked draft (fuzzy) and names no reviewer")
    return po


def load_officer_text(content_root: Path, code: str, native_name: str = "") -> OfficerText:
    """The interface in `code`; English when the code is English or its catalogue cannot be used."""
    if code == SOURCE_LANGUAGE:
        return OfficerText()
    from vita.content.errors import Problems

    problems = Problems()
    po = read_officer_catalogue(officer_dir(content_root) / f"{code}.po", code, problems)
    if po is None or problems.errors:
        return OfficerText()
    entries = {(e.msgctxt or "", e.msgid): e.msgstr for e in po if e.msgstr and not e.obsolete}
    return OfficerText(code, entries, native_name or str(po.metadata.get("X-Native-Name", code)))


def native_name(content_root: Path, code: str) -> str:
    """How an interface language names itself, for the chooser (from its catalogue's header).

    Only the header entry is read (up to the first blank line): the chooser is on the first screen, and a whole
    catalogue takes a while to parse. `vita content check` checks the header with the rest."""
    if code == SOURCE_LANGUAGE:
        return "English"
    try:
        with (officer_dir(content_root) / f"{code}.po").open(encoding="utf-8") as handle:
            header = "".join(itertools.takewhile(lambda line: line.strip(), _after_comments(handle)))
    except (OSError, UnicodeDecodeError):
        return code
    found = NATIVE_NAME.search(header)
    return found.group(1).replace('\\"', '"').replace("\\\\", "\\").strip() if found else code


def _after_comments(lines: Iterable[str]) -> Iterator[str]:
    """The lines from the first one that is not a comment or blank (the header entry's msgid) on."""
    return itertools.dropwhile(lambda line: not line.strip() or line.startswith("#"), lines)
