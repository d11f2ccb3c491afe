"""Write the gettext template (POT) and new PO files from the message catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polib

from vita.content.model import Catalogue, Language

from vita import __version__

DRAFT_COMMENT = "Draft: awaiting review by a qualified translator."


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
    return pot


def write_template(catalogue: Catalogue, path: Path) -> None:
    template(catalogue).save(str(path))


def new_translation(catalogue: Catalogue, language: Language) -> polib.POFile:
    """An empty PO file for a new language, every entry a draft to fill in."""
    po = template(catalogue)
    po.metadata = _metadata(language)
    for entry in po:
        entry.flags.append("fuzzy")
        entry.tcomment = DRAFT_COMMENT
    return po
