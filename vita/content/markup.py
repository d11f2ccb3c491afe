"""Markup in content files: `vita content check` names every line where a text looks like HTML.

The app and the PDF always show content as plain text, so markup is never interpreted; but a tag or an entity in a
translation, a note, a name or a referral entry is either an attack or a mistake that would show as garbage to the
officer and the person. Checked on the values the loaders read (not on comments TOML ignores), reported on the line
of the file where the value is written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import polib

from vita.content.errors import Problems
from vita.paths import ContentLayers

# A tag opening (`<b`, `</i`, `<!--`, `<?xml`) or a character reference (`&amp;`, `&#60;`, `&#x3c;`).
# `n%100<10` (a plural formula) and `<EMAIL@ADDRESS>`-style text without a letter after `<` are not tags.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
FRAGMENT_LENGTH = 24


def markup_in(text: str) -> str | None:
    """The start of the first markup-like piece of `text` (as written, up to a quote or line end), or None."""
    found = MARKUP.search(text)
    if found is None:
        return None
    fragment = ""
    for char in text[found.start() : found.start() + FRAGMENT_LENGTH]:
        if char in '"\\\n':
            break  # a TOML or PO file writes these escaped: the fragment must match the file as written
        fragment += char
    return fragment


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _po_strings(path: Path) -> Iterator[str]:
    try:
        po = polib.pofile(path.read_text(encoding="utf-8"), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError):
        return  # the loader reports a broken file
    for entry in po:
        if entry.msgid == "" and not entry.msgctxt:
            continue  # the header: never shown
        yield from (entry.msgid, entry.msgstr, entry.tcomment or "", entry.comment or "")
        yield from entry.msgstr_plural.values()


def _toml_strings(path: Path) -> Iterator[str]:
    try:
        yield from _strings(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return  # the loader reports a broken file


def _report(path: Path, values: Iterable[str], skip_comment_lines: bool, problems: Problems) -> None:
    fragments = {f for f in map(markup_in, values) if f}
    if not fragments:
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    reported = False
    for number, line in enumerate(lines, 1):
        if skip_comment_lines and line.lstrip().startswith("#"):
            continue
        found = sorted(f for f in fragments if f in line)
        if found:
            problems.error(path, number, _sentence(found[0]))
            reported = True
    if not reported:  # written with escapes the fragment does not match: still an error, without a line
        problems.error(path, 0, _sentence(sorted(fragments)[0]))


def _sentence(fragment: str) -> str:
    return (
        f"text looks like markup ({fragment!r}); content is always shown as plain text, "
        "so write it without tags or character references"
    )


def markup_problems(root: Path | ContentLayers) -> Problems:
    """Every line of messages/*.toml and translations/*.po whose text looks like markup, as an error (the
    overlay's files replacing the shipped ones, as the app reads them)."""
    layers = root if isinstance(root, ContentLayers) else ContentLayers(root)
    problems = Problems()
    for toml_path in layers.files("messages", "*.toml"):
        _report(toml_path, _toml_strings(toml_path), True, problems)
    for po_path in layers.files("translations", "*.po"):
        _report(po_path, _po_strings(po_path), False, problems)
    return problems
