"""The officer's interface language: catalogues in translations/officer, the template, the check, and the
plaintext preferences file that makes the unlock screen speak the officer's language."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from vita.content.errors import Problems
from vita.content.model import Content
from vita.content.officer import OfficerText, load_officer_text, officer_dir, officer_languages
from vita.content.officer_pot import check_officer_catalogues, coverage, full_template
from vita.content.scripts import keep_sentence_end
from vita.preferences import Preferences, load_preferences, preferences_path, save_preferences

DRAFT_LANGUAGES = {"fr", "es", "ar", "ru", "tr", "th"}


def test_the_drafts_asked_for_are_shipped_and_every_one_is_marked_draft(repo_root: Path) -> None:
    assert set(officer_languages(repo_root)) >= DRAFT_LANGUAGES
    for code in DRAFT_LANGUAGES:
        po = polib.pofile(str(officer_dir(repo_root) / f"{code}.po"))
        translated = [e for e in po if e.msgstr]
        assert translated, code
        assert all("fuzzy" in e.flags for e in translated), code
        assert all("Draft: awaiting review by a qualified translator" in e.tcomment for e in translated), code


def test_the_template_holds_the_screens_strings_and_every_content_string_by_its_key(
    repo_root: Path, content: Content
) -> None:
    pot = full_template(content.catalogue)
    keys = {(e.msgctxt or "", e.msgid) for e in pot}
    for english in ("Unlock", "End the interview", "Finish and export the record", "Questions and answers"):
        assert ("", english) in keys, english
    for indicator in content.catalogue.indicators:
        assert (f"indicator:{indicator.id}", indicator.name) in keys
    for message in content.catalogue.messages:
        assert (f"note:{message.id}", message.note) in keys
    # The shipped template is the one the code makes (run `vita content officer-pot` after changing strings).
    shipped = {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(officer_dir(repo_root) / "officer.pot"))}
    assert shipped == keys


def test_the_shipped_catalogues_pass_the_check_and_translate_everything_but_the_notes(
    repo_root: Path, content: Content
) -> None:
    problems = Problems()
    check_officer_catalogues(repo_root, content.catalogue, problems)
    assert [str(p) for p in problems.errors] == []
    pot = full_template(content.catalogue)
    notes = sum(1 for e in pot if (e.msgctxt or "").startswith("note:"))
    for code in DRAFT_LANGUAGES:
        done, total = coverage(pot, polib.pofile(str(officer_dir(repo_root) / f"{code}.po")))
        assert done >= total - notes, code


@pytest.fixture
def broken_root(content_copy: Path) -> Path:
    """A content copy whose Turkish catalogue lost a field in one entry and has one entry not marked draft."""
    path = officer_dir(content_copy) / "tr.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid == "Language {number} of {total}":
            entry.msgstr = "Dil {number}"
        if entry.msgid == "Unlock":
            entry.flags = []
    po.save(str(path))
    return content_copy


def test_a_catalogue_that_drops_a_field_or_claims_no_draft_is_an_error_naming_the_entry(
    broken_root: Path, content: Content
) -> None:
    problems = Problems()
    check_officer_catalogues(broken_root, content.catalogue, problems)
    errors = [str(p) for p in problems.errors]
    assert any("Language {number} of {total}" in e and "fields" in e for e in errors), errors
    assert any("'Unlock'" in e and "not marked draft" in e for e in errors), errors
    # A broken catalogue is not used: the interface falls back to English rather than showing a wrong field.
    assert load_officer_text(broken_root, "tr").language == "en"


def test_an_untranslated_string_shows_in_english_and_a_translated_one_keeps_its_fields(repo_root: Path) -> None:
    tr = load_officer_text(repo_root, "tr")
    assert tr("Unlock") == "Kilidi aç"
    assert tr("Language {number} of {total}", number=3, total=40) == "Dil 3 / 40"
    assert tr("A sentence no catalogue has") == "A sentence no catalogue has"
    assert tr.content("indicator", "debt_bondage", "Debt bondage") == "Borç esareti"
    assert tr.content("indicator", "no_such_indicator", "Something") == "Something"


def test_for_a_record_that_may_travel_the_english_stands_beside_the_officers_words(repo_root: Path) -> None:
    assert (
        load_officer_text(repo_root, "tr").beside("Questions and answers")
        == "Sorular ve cevaplar (Questions and answers)"
    )
    assert OfficerText().beside("Questions and answers") == "Questions and answers"
    assert load_officer_text(repo_root, "ar").is_rtl and not load_officer_text(repo_root, "th").is_rtl


def test_preferences_are_remembered_and_hold_nothing_but_the_interface_choice(tmp_path: Path) -> None:
    assert load_preferences(tmp_path) == Preferences()  # first start: nothing chosen yet
    save_preferences(tmp_path, Preferences().with_language("th"))
    assert load_preferences(tmp_path).interface_language == "th"
    lines = [line for line in preferences_path(tmp_path).read_text().splitlines() if not line.startswith("#")]
    assert lines == ['interface_language = "th"']
    assert not list(tmp_path.glob(".*partial"))


def test_a_damaged_preferences_file_gives_the_defaults_instead_of_stopping_the_app(tmp_path: Path) -> None:
    preferences_path(tmp_path).write_bytes(b"interface_language = \xff\xfe [[[")
    assert load_preferences(tmp_path) == Preferences()
    preferences_path(tmp_path).write_text("interface_language = 7\n")
    assert load_preferences(tmp_path) == Preferences()


def test_the_officer_pot_command_keeps_translations_and_adds_new_strings_as_drafts(content_copy: Path) -> None:
    from vita.cli.main import main

    folder = officer_dir(content_copy)
    before = polib.pofile(str(folder / "tr.po"))
    entry = next(e for e in before if e.msgid == "Unlock")
    before.remove(entry)
    before.save(str(folder / "tr.po"))
    assert main(["--content", str(content_copy), "content", "officer-pot"]) == 0
    after = {(e.msgctxt or "", e.msgid): e for e in polib.pofile(str(folder / "tr.po"))}
    assert after[("", "Unlock")].msgstr == "" and "fuzzy" in after[("", "Unlock")].flags
    assert after[("", "End the interview")].msgstr == "Görüşmeyi sonlandır"


def test_a_burmese_sentence_end_stays_on_the_line_of_its_last_word() -> None:
    assert keep_sentence_end("ကျေးဇူးတင်ပါတယ် ။") == "ကျေးဇူးတင်ပါတယ်\u00a0။"
    assert keep_sentence_end("a ။ b") == "a\u00a0။ b"
    assert keep_sentence_end("no mark here") == "no mark here"


def test_the_chooser_names_each_interface_language_as_its_header_does(repo_root: Path, tmp_path: Path) -> None:
    """Only the header is read for the chooser on the first screen: the name is the same as a full read gives,
    and a catalogue without the name (or without a file) is listed by its code."""
    from vita.content.officer import native_name

    for code in officer_languages(repo_root)[1:]:
        whole = polib.pofile(str(officer_dir(repo_root) / f"{code}.po")).metadata["X-Native-Name"]
        assert native_name(repo_root, code) == whole
    folder = officer_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "xx.po").write_text(
        '# a comment\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: xx\\n"\n"X-Native-Name: Say \\"hi\\"\\n"\n\n'
        'msgid "Hide"\nmsgstr "X-Native-Name: not the header\\n"\n',
        encoding="utf-8",
    )
    (folder / "yy.po").write_text('msgid ""\nmsgstr ""\n"Language: yy\\n"\n', encoding="utf-8")
    assert native_name(tmp_path, "xx") == 'Say "hi"'
    assert native_name(tmp_path, "yy") == "yy" and native_name(tmp_path, "zz") == "zz"
