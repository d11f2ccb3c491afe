"""What the person's window shows: the message in their script and the answer symbols with their words, nothing
about the case. The interview and finish screens make frames; the person's window draws them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vita.content.model import PERSON_ANSWERS, Answer, Content, answer_context


@dataclass(frozen=True)
class PersonFrame:
    """What the person's window shows: the message and the answer symbols, nothing about the case."""

    text: str
    script: str
    is_rtl: bool
    is_question: bool
    answer: Answer | None
    # The word under each answer symbol, in the person's language (`answer.*` in the PO file); the English word
    # where a language lacks one. Never `no_answer`: that is the officer's record, not the person's choice.
    words: Mapping[Answer, str] = field(default_factory=dict)


def answer_words(content: Content, code: str) -> dict[Answer, str]:
    """The person's answer words in a language, as the person's view shows them under the symbols."""
    words = {}
    for answer, english in PERSON_ANSWERS.items():
        found = content.text(code, answer_context(answer))
        words[answer] = found.text if found is not None else english
    return words
