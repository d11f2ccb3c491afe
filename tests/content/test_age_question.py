"""The age question is asked of anyone who may be a child: an adult hears it in polite adult address, a child in
child mode hears the child form. Every PO file carries both, as drafts awaiting review."""

from __future__ import annotations

from pathlib import Path

import polib

from vita.content.loader import collect_content
from vita.content.model import Audience, Catalogue, Form
from vita.interview.plan import AGE_QUESTION, interview_plan

DRAFT = "Draft: awaiting review by a qualified translator"


def test_the_age_question_is_for_everyone_but_only_in_a_childs_plan_unless_asked(catalogue: Catalogue) -> None:
    message = catalogue.message(AGE_QUESTION)
    assert message.is_for(Audience.ADULT) and message.is_for(Audience.CHILD)
    assert AGE_QUESTION not in {m.id for m in interview_plan(catalogue, Audience.ADULT)}
    assert AGE_QUESTION in {m.id for m in interview_plan(catalogue, Audience.CHILD)}


def test_every_language_has_a_polite_adult_form_and_a_child_form_both_drafts(repo_root: Path) -> None:
    files = sorted((repo_root / "translations").glob("*.po"))
    assert files
    for path in files:
        entries = {e.msgctxt: e for e in polib.pofile(str(path)) if e.msgctxt and e.msgctxt.startswith(AGE_QUESTION)}
        neutral, child = entries.get(AGE_QUESTION), entries.get(f"{AGE_QUESTION}|child")
        assert neutral is not None and child is not None, path.name
        for entry in entries.values():
            assert entry.msgstr.strip() and "fuzzy" in entry.flags, (path.name, entry.msgctxt)
            if path.stem != "en":
                assert DRAFT in entry.tcomment, (path.name, entry.msgctxt)
        for gender in ("female", "male"):  # a file that addresses women and men differently does so for children too
            if f"{AGE_QUESTION}|{gender}" in entries:
                assert f"{AGE_QUESTION}|child|{gender}" in entries, (path.name, gender)


def test_an_adult_is_asked_politely_and_a_child_with_the_child_form(repo_root: Path) -> None:
    content, _ = collect_content(repo_root)
    assert content is not None
    for code, adult, child in (("fr", "Avez-vous", "tu as"), ("tr", "müsünüz", "müsün?"), ("ru", "Вам", "Тебе")):
        for form in Form:
            adult_text = content.text(code, AGE_QUESTION, form, Audience.ADULT)
            child_text = content.text(code, AGE_QUESTION, form, Audience.CHILD)
            assert adult_text is not None and adult in adult_text.text, (code, form)
            assert child_text is not None and child in child_text.text, (code, form)
