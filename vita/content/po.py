"""What a line of a gettext PO file may be, for both kinds of catalogue (the person's texts and the officer's
interface). Kept apart from the content loader, so that reading the interface language does not load it."""

from __future__ import annotations

import re

# One line of a PO file: blank, a comment, a keyword with a quoted string, or a continued string.
# polib forgives an unterminated string by dropping it; this catches that before polib reads the file.
PO_LINE = re.compile(
    r'^\s*$|^#.*$|^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)
