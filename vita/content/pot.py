"""Write the gettext template (POT) and new PO files from the message catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import polib

from vita.content.model import ANSWER_CONTEXT_PREFIX, PERSON_ANSWERS, Audience, Catalogue, Language, answer_context
from vita.safe_files import write_file

from vita import __version__

DRAFT_COMMENT = "Draft: awaiting review by a qualified translator."
SOURCE_DRAFT_COMMENT = "Draft source text written by the VITA developers: awaiting review by a qualified editor."


def _metadata(language: Language | None) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    meta = {
        "Project-Id-Version": f"VITA {__version__}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now if language else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if language is not None:
        meta["Language"] = language.code
        meta["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    return meta


_ANSWER_NOTE = "The word shown under this answer's symbol in the person's view: short, as the person would say it."


def template(catalogue: Catalogue) -> polib.POFile:
    """The POT file: one entry per message, msgctxt = message id, msgid = English source."""
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = _metadata(None)
    for message in catalogue.messages:
        pot.append(
            polib.POEntry(
                msgctxt=message.id,
                msgid=message.text,
                msgstr="",
                comment=message.note,
                occurrences=[("messages/catalogue.toml", str(message.line))],
            )
        )
    for answer, word in PERSON_ANSWERS.items():
        pot.append(polib.POEntry(msgctxt=answer_context(answer), msgid=word, msgstr="", comment=_ANSWER_NOTE))
    return pot


def write_template(catalogue: Catalogue, path: Path) -> None:
    save_po(template(catalogue), path)


def save_po(po: polib.POFile, path: Path, *, replace: bool = True) -> None:
    """Write a PO or POT file whole (vita.safe_files), the bytes polib's own save writes; without `replace`
    an existing file is never overwritten (FileExists)."""
    write_file(path, str(po).encode(po.encoding or "utf-8"), replace=replace, private=False)


def new_translation(catalogue: Catalogue, language: Language) -> polib.POFile:
    """An empty PO file for a new language, every entry a draft to fill in."""
    po = template(catalogue)
    po.metadata = _metadata(language)
    for entry in po:
        entry.flags.append("fuzzy")
        entry.tcomment = DRAFT_COMMENT
    return po


# A new message gets empty entries for the forms a language already uses for most messages, so that a
# translator sees where a gendered or child form is expected; a translator may add or drop forms.
_VARIANT_SHARE = 0.5


@dataclass(frozen=True)
class PoUpdate:
    """What `update_translation` changed in one PO file."""

    added: tuple[str, ...]  # msgctxt of new, empty entries
    changed: tuple[str, ...]  # msgctxt whose English source changed: emptied, the old text kept in a comment
    retired: tuple[str, ...]  # msgctxt of entries for messages no longer in the catalogue, kept as obsolete


def _usual_variants(po: polib.POFile, catalogue: Catalogue) -> list[str]:
    """The forms (female, male, child…) this file gives to at least half of the messages it has translated.

    Measured over the file's own entries, so that a catalogue rewrite does not hide a language's habit.
    """
    translated = {e.msgctxt for e in po if e.msgctxt and not e.obsolete and "|" not in e.msgctxt}
    child_only = {m.id for m in catalogue.messages if m.audience is Audience.CHILD}
    counts: dict[str, int] = {}
    for entry in po:
        message_id, _, variant = (entry.msgctxt or "").partition("|")
        if variant and message_id in translated and not entry.obsolete:
            counts[variant] = counts.get(variant, 0) + 1
    usual = []
    for variant, count in counts.items():
        applies = len(translated - child_only) if variant.startswith("child") else len(translated)
        if applies and count / applies >= _VARIANT_SHARE:
            usual.append(variant)
    return sorted(usual)


def update_translation(po: polib.POFile, catalogue: Catalogue, source_language: bool = False) -> PoUpdate:
    """Bring a PO file in line with the catalogue, in place, keeping every translation that still fits.

    New messages get empty draft entries; an entry whose English source changed is emptied and marked draft,
    with the old English and the old translation kept in comments for the translator; entries for messages no
    longer in the catalogue become obsolete (#~), so stored interviews' old texts stay readable in the file.
    For the source language (English) the translation is the English text itself, still a draft.
    """
    by_id = {m.id: m for m in catalogue.messages}
    usual = _usual_variants(po, catalogue)
    old_entries = [e for e in po if not e.obsolete]
    kept_obsolete = [e for e in po if e.obsolete]
    existing: dict[str, polib.POEntry] = {e.msgctxt or "": e for e in old_entries}
    added: list[str] = []
    changed: list[str] = []
    retired: list[str] = []
    for context, entry in existing.items():
        if context.partition("|")[0] not in by_id and not context.startswith(ANSWER_CONTEXT_PREFIX):
            entry.obsolete = True
            retired.append(context)
    ordered: list[polib.POEntry] = []
    for message in catalogue.messages:
        variants = [""] + [v for v in usual if not (v.startswith("child") and message.audience is Audience.CHILD)]
        contexts = [message.id + (f"|{v}" if v else "") for v in variants]
        contexts += sorted(c for c in existing if c.partition("|")[0] == message.id and c not in contexts)
        for context in contexts:
            entry = existing.get(context)
            if entry is None:
                entry = polib.POEntry(msgctxt=context, msgid=message.text, msgstr="")
                entry.flags.append("fuzzy")
                entry.tcomment = DRAFT_COMMENT
                added.append(context)
            elif entry.msgid != message.text:
                old_source, old_text = entry.msgid, entry.msgstr
                entry.msgid = message.text
                entry.msgstr = ""
                entry.previous_msgid = old_source
                note = f" Previous translation: {old_text}" if old_text.strip() and not source_language else ""
                entry.tcomment = DRAFT_COMMENT + " The English text changed." + note.replace("\n", " ")
                if "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
                changed.append(context)
            if source_language and not context.count("|"):
                entry.msgstr = message.text
                entry.tcomment = SOURCE_DRAFT_COMMENT
                if "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
            entry.comment = message.note
            entry.occurrences = [("messages/catalogue.toml", str(message.line))]
            ordered.append(entry)
    for answer, word in PERSON_ANSWERS.items():
        context = answer_context(answer)
        entry = existing.get(context)
        if entry is None:
            entry = polib.POEntry(msgctxt=context, msgid=word, msgstr=word if source_language else "")
            entry.flags.append("fuzzy")
            entry.tcomment = SOURCE_DRAFT_COMMENT if source_language else DRAFT_COMMENT
            added.append(context)
        entry.comment = _ANSWER_NOTE
        ordered.append(entry)
    retired_entries = [existing[c] for c in retired]
    po[:] = ordered + retired_entries + kept_obsolete
    return PoUpdate(tuple(added), tuple(changed), tuple(retired))
