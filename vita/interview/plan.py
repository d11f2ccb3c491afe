"""The order in which an interview walks through the catalogue. Qt-free, so it is tested without a window.

The opening comes first; for a child the children's questions come straight after it, and the children's
reassurance is said right after the greeting. The language finder's own clip is not part of an interview, and
the closing messages belong to the finish screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from vita.content.model import Audience, Catalogue, Message
from vita.interview.model import AnswerRecord

FINDER_MESSAGE = "opening.raise_hand"
CHILD_REASSURANCE = "children.reassurance"
OPENING, CHILDREN, CLOSING = "opening", "children", "closing"


def interview_plan(catalogue: Catalogue, audience: Audience) -> tuple[Message, ...]:
    """The messages of an interview in the order they are played."""
    wanted = [m for m in catalogue.messages if m.is_for(audience) and m.id != FINDER_MESSAGE and m.group != CLOSING]
    opening = [m for m in wanted if m.group == OPENING]
    children = [m for m in wanted if m.group == CHILDREN]
    rest = [m for m in wanted if m.group not in (OPENING, CHILDREN)]
    if audience is not Audience.CHILD:
        return tuple(opening + rest)
    reassurance = [m for m in children if m.id == CHILD_REASSURANCE]
    children = [m for m in children if m.id != CHILD_REASSURANCE]
    return tuple(opening[:1] + reassurance + opening[1:] + children + rest)


def closing_messages(catalogue: Catalogue, audience: Audience) -> tuple[Message, ...]:
    return tuple(m for m in catalogue.messages if m.group == CLOSING and m.is_for(audience))


def skip_reason(message: Message, answers: Mapping[str, AnswerRecord], catalogue: Catalogue) -> str | None:
    """Why `message` is not asked given the answers so far (an id-like reason the officer's words are made
    from), or None when it is asked. Every message is asked for now; the content issue adds conditions here."""
    return None
