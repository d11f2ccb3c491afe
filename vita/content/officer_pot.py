"""The officer interface's gettext template (translations/officer/officer.pot), and keeping catalogues in step.

Qt-free. The strings are found in the source the way xgettext finds them: the first argument, when it is a
plain string literal, of every call to `tr(...)`, `<anything>.tr(...)`, `.beside(...)`, `N_(...)` or the PDF
writer's `b(...)` and `h2(...)`; plus the officer-facing strings of the content (see `catalogue_entries`).
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from vita.content.errors import Problems
from vita.content.model import Catalogue
from vita.content.officer import officer_dir, officer_languages, read_officer_catalogue
from vita.safe_files import write_file

from vita import __version__

DRAFT_COMMENT = "Draft: awaiting review by a qualified translator"
MARKERS = frozenset({"tr", "N_", "beside", "b", "h2"})  # b and h2: the PDF writer's shorthands


@dataclass(frozen=True)
class TemplateEntry:
    """One string of the template: the English text, its msgctxt, where it is used, and a note for translators."""

    msgid: str
    context: str = ""
    where: tuple[tuple[str, str], ...] = ()
    comment: str = ""


def catalogue_entries(catalogue: Catalogue) -> list[TemplateEntry]:
    """The officer-facing strings the content holds, each under its stable key."""
    where = ("messages/catalogue.toml", "")
    entries = [
        TemplateEntry(label, f"answer:{answer.value}", (where,)) for answer, label in catalogue.answer_labels.items()
    ]
    entries += [TemplateEntry(group.name, f"group:{group.id}", (where,)) for group in catalogue.groups]
    entries += [
        TemplateEntry(i.name, f"indicator:{i.id}", (where,), f"source: {i.source}") for i in catalogue.indicators
    ]
    entries += [
        TemplateEntry(m.note, f"note:{m.id}", (("messages/catalogue.toml", str(m.line)),), f"for: {m.text}")
        for m in catalogue.messages
    ]
    return entries


def _marker(node: ast.Call) -> bool:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in MARKERS


def source_entries(package: Path) -> list[TemplateEntry]:
    """Every marked string literal under `package`, with where it occurs, in a stable order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _marker(node) and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.strip():
                where = (f"vita/{path.relative_to(package).as_posix()}", str(node.lineno))
                found.setdefault(first.value, []).append(where)
    return [TemplateEntry(text, "", tuple(places)) for text, places in found.items()]


def _metadata(code: str | None, native: str = "") -> dict[str, str]:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    meta = {
        "Project-Id-Version": f"VITA officer interface {__version__}",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now if code else "YEAR-MO-DA HO:MI+ZONE",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if code:
        meta["Language"] = code
        meta["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        meta["X-Native-Name"] = native or code
    return meta


def officer_template(entries: Iterable[TemplateEntry]) -> polib.POFile:
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = _metadata(None)
    seen: set[tuple[str, str]] = set()
    for item in entries:
        if (item.context, item.msgid) in seen:
            continue
        seen.add((item.context, item.msgid))
        entry = polib.POEntry(msgid=item.msgid, msgstr="", occurrences=list(item.where), comment=item.comment)
        if item.context:
            entry.msgctxt = item.context
        pot.append(entry)
    return pot


def update_catalogue(pot: polib.POFile, existing: polib.POFile | None, code: str, native: str) -> polib.POFile:
    """A catalogue with every template entry, keeping what `existing` translated; new entries are empty drafts.
    An entry whose English changed is kept as a fuzzy draft (the translator sees the old English in msgid)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(existing.metadata) if existing is not None else _metadata(code, native)
    old = {(e.msgctxt or "", e.msgid): e for e in existing or [] if not e.obsolete}
    for template_entry in pot:
        key = (template_entry.msgctxt or "", template_entry.msgid)
        before = old.get(key)
        entry = polib.POEntry(
            msgid=template_entry.msgid,
            msgstr=before.msgstr if before else "",
            occurrences=template_entry.occurrences,
            comment=template_entry.comment,
            tcomment=before.tcomment if before else DRAFT_COMMENT,
            flags=list(before.flags) if before else ["fuzzy"],
        )
        if template_entry.msgctxt:
            entry.msgctxt = template_entry.msgctxt
        po.append(entry)
    return po


def full_template(catalogue: Catalogue) -> polib.POFile:
    """The template: the strings of the code (this installed package) and of the content."""
    package = Path(__file__).resolve().parent.parent
    return officer_template([*source_entries(package), *catalogue_entries(catalogue)])


def check_officer_catalogues(content_root: Path, catalogue: Catalogue, problems: Problems) -> None:
    """Every interface catalogue readable and correct; untranslated entries are a warning (English shows)."""
    pot = full_template(catalogue)
    for code in officer_languages(content_root)[1:]:
        path = officer_dir(content_root) / f"{code}.po"
        po = read_officer_catalogue(path, code, problems)
        if po is None:
            continue
        done, total = coverage(pot, po)
        if done < total:
            problems.warning(
                path, 0, f"officer interface: {total - done} of {total} strings not translated (shown in English)"
            )


def coverage(pot: polib.POFile, po: polib.POFile) -> tuple[int, int]:
    """How many of the template's entries the catalogue translates, out of how many."""
    done = {(e.msgctxt or "", e.msgid) for e in po if e.msgstr and not e.obsolete}
    keys = [(e.msgctxt or "", e.msgid) for e in pot]
    return sum(1 for key in keys if key in done), len(keys)


def write_po(po: polib.POFile, path: Path) -> None:
    """Save whole (vita.safe_files), so a failure never leaves a half-written catalogue."""
    write_file(path, (str(po) + "\n").encode("utf-8"), replace=True, private=False)
