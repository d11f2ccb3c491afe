"""The content loader: the shipped content loads, and broken content is refused with file, line and reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vita.content.errors import ContentError, Severity
from vita.content.loader import collect_content, load_content
from vita.content.model import Answer, Audience, Element, Form, Kind


def errors_of(root: Path) -> list[str]:
    _, problems = collect_content(root)
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def test_shipped_catalogue_has_35_messages_in_six_groups(content) -> None:
    catalogue = content.catalogue
    assert len(catalogue.messages) == 35
    assert [g.id for g in catalogue.groups] == ["opening", "safety", "control", "help", "children", "closing"]
    assert len(set(catalogue.message_ids)) == 35


def test_shipped_catalogue_never_asks_if_someone_is_a_victim(content) -> None:
    for message in content.catalogue.messages:
        assert not re.search(r"victim|traffick", message.text, re.IGNORECASE), message.id


def test_every_question_admits_yes_no_and_the_non_answers(content) -> None:
    for message in content.catalogue.messages:
        if message.kind is Kind.QUESTION:
            assert set(message.answers) == set(Answer), message.id
        else:
            assert message.answers == ()


def test_control_questions_touch_the_core_ilo_indicators(content) -> None:
    touched = {
        indicator
        for message in content.catalogue.in_group("control")
        for answer in message.answers
        for indicator in message.indicators_for(answer)
    }
    ilo = {i.id for i in content.catalogue.indicators if i.source == "ILO"}
    assert len(touched & ilo) >= 8
    elements = {i.element for i in content.catalogue.indicators}
    assert {Element.ACT, Element.MEANS, Element.PURPOSE, Element.CHILD, Element.AGGRAVATED_SMUGGLING} <= elements


def test_children_messages_are_only_for_children(content) -> None:
    for message in content.catalogue.in_group("children"):
        assert message.audience is Audience.CHILD
        assert not message.is_for(Audience.ADULT)


def test_forty_languages_each_with_a_complete_translation(content) -> None:
    assert len(content.languages) == 40
    for language in content.languages:
        for message in content.catalogue.messages:
            assert content.text(language.code, message.id) is not None, (language.code, message.id)


def test_gendered_form_is_preferred_and_neutral_is_the_fallback(content) -> None:
    arabic = content.translations["ar"]
    gendered = [mid for mid in content.catalogue.message_ids if (mid, "female") in arabic.entries]
    assert gendered, "Arabic addresses women and men differently: the file must have gendered forms"
    mid = gendered[0]
    assert content.text("ar", mid, Form.FEMALE) == arabic.entries[(mid, "female")]
    assert content.text("ar", mid, Form.UNSPECIFIED) == arabic.entries[(mid, "")]
    # A language with no gendered form for a message falls back to the neutral text.
    assert content.text("zh", mid, Form.FEMALE) == content.translations["zh"].entries[(mid, "")]


def test_child_form_falls_back_to_the_gendered_then_the_neutral_form(content) -> None:
    for code, translations in content.translations.items():
        for (mid, variant), entry in translations.entries.items():
            if variant == "female" and (mid, "child|female") not in translations.entries:
                assert content.text(code, mid, Form.FEMALE, Audience.CHILD) in (
                    entry,
                    translations.entries.get((mid, "child")),
                )
                return
    pytest.skip("no gendered entry without a child form")


def test_every_translation_is_marked_draft_because_nobody_has_reviewed_it_yet(content) -> None:
    for translations in content.translations.values():
        assert all(t.is_draft for t in translations.entries.values()), translations.language.code


def test_a_deleted_entry_is_named_as_missing(content_copy: Path) -> None:
    po = content_copy / "translations" / "fr.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "safety.doctor"')
    block_start = text.rfind("\n\n", 0, start)
    block_end = text.index("\n\n", start)
    po.write_text(text[:block_start] + text[block_end:], encoding="utf-8")
    assert any("fr.po" in e and "safety.doctor: no translation" in e for e in errors_of(content_copy))


def test_a_corrupt_po_file_is_refused_with_its_line(content_copy: Path) -> None:
    (content_copy / "translations" / "ru.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgctxt "x\nmsgid broken', encoding="utf-8"
    )
    errors = errors_of(content_copy)
    assert any(re.search(r"ru\.po:\d+: error: not a valid PO file", e) for e in errors), errors


def test_latin_text_in_the_amharic_file_is_refused(content_copy: Path) -> None:
    po = content_copy / "translations" / "am.po"
    text = po.read_text(encoding="utf-8")
    pattern = re.compile(r'(msgctxt "safety\.hurt"\nmsgid "[^"]*"\nmsgstr )"[^"]*"')
    po.write_text(pattern.sub(r'\1"Are you hurt?"', text, count=1), encoding="utf-8")
    errors = errors_of(content_copy)
    assert any("am.po" in e and "safety.hurt" in e and "Ethi" in e for e in errors), errors


def test_an_unknown_message_id_in_a_po_file_is_named(content_copy: Path) -> None:
    po = content_copy / "translations" / "es.po"
    po.write_text(
        po.read_text(encoding="utf-8") + '\n#, fuzzy\nmsgctxt "safety.unknown"\nmsgid "x"\nmsgstr "y"\n',
        encoding="utf-8",
    )
    assert any("es.po" in e and "unknown message id 'safety.unknown'" in e for e in errors_of(content_copy))


def test_an_entry_claiming_review_without_a_reviewer_is_refused(content_copy: Path) -> None:
    po = content_copy / "translations" / "tr.po"
    text = po.read_text(encoding="utf-8")
    index = text.index('msgctxt "closing.thank_you"')
    flag = text.rindex("#, fuzzy", 0, index)
    po.write_text(text[:flag] + text[flag:].replace("#, fuzzy\n", "", 1), encoding="utf-8")
    assert any("closing.thank_you" in e and "names no reviewer" in e for e in errors_of(content_copy))


def test_a_duplicate_language_code_is_refused(content_copy: Path) -> None:
    languages = content_copy / "messages" / "languages.toml"
    languages.write_text(
        languages.read_text(encoding="utf-8")
        + '\n[[language]]\ncode = "fr"\nenglish_name = "French again"\nnative_name = "Français"\n'
        'script = "Latn"\ndirection = "ltr"\nregions = []\n',
        encoding="utf-8",
    )
    assert any(
        re.search(r"languages\.toml:\d+: error: language code 'fr' is listed twice", e) for e in errors_of(content_copy)
    )


def test_a_message_naming_an_unknown_indicator_points_at_its_line(content_copy: Path) -> None:
    catalogue = content_copy / "messages" / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8").replace('"debt_bondage", "controlled', '"debt_bondge", "controlled')
    catalogue.write_text(text, encoding="utf-8")
    line = text[: text.index('id = "control.debt"')].count("\n") + 1
    errors = errors_of(content_copy)
    assert f"catalogue.toml:{line}: error: message 'control.debt' names unknown indicator 'debt_bondge'" in "\n".join(
        errors
    ), errors


def test_broken_toml_is_refused_with_its_line(content_copy: Path) -> None:
    catalogue = content_copy / "messages" / "catalogue.toml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n[[message]\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    assert re.search(r"catalogue\.toml:\d+: error: not valid TOML", str(raised.value))


def test_every_problem_is_reported_not_just_the_first(content_copy: Path) -> None:
    (content_copy / "translations" / "fr.po").unlink()
    (content_copy / "translations" / "sw.po").write_text("garbage\n", encoding="utf-8")
    errors = errors_of(content_copy)
    assert any("fr.po" in e for e in errors) and any("sw.po" in e for e in errors)
