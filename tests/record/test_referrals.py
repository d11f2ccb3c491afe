"""The referral directory: a data file with clear errors, and recommendations by indicators and age."""

from __future__ import annotations

from pathlib import Path

import pytest
from recordkit import sample_directory

from vita.record.errors import DirectoryError
from vita.record.referrals import Directory, EntryKind, Handles, ReferralEntry, load_directory, recommend

GOOD_ENTRY = """
[[entry]]
id = "{id}"
name = "Helpline"
kind = "hotline"
country = "TR"
handles = ["adults"]
phone = "157"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "referrals.toml"
    path.write_text(text, encoding="utf-8")
    return path


def entry(entry_id: str, handles: tuple[Handles, ...], languages: tuple[str, ...] = ()) -> ReferralEntry:
    return ReferralEntry(entry_id, entry_id, EntryKind.SUPPORT_ORGANISATION, "BE", handles, languages, phone="1")


def test_the_shipped_directory_loads_and_says_it_is_a_sample() -> None:
    directory = sample_directory()
    assert directory.sample
    assert {"tr-yimer-157", "be-payoke", "be-pag-asa", "be-surya"} <= {e.id for e in directory.entries}
    yimer = next(e for e in directory.entries if e.id == "tr-yimer-157")
    assert (yimer.phone, yimer.kind, yimer.country) == ("157", EntryKind.HOTLINE, "TR")
    assert yimer.line > 0


def test_every_mistake_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[directory]\nname = "Test"\n'
        + GOOD_ENTRY.format(id="ok")
        + '\n[[entry]]\nid = "bad"\nname = "Bad"\nkind = "church"\ncountry = "Turkey"\nhandles = ["adults", "pets"]\n'
        + 'languages = ["Arabic"]\nphon = "1"\n'
        + GOOD_ENTRY.format(id="ok"),
    )
    with pytest.raises(DirectoryError) as caught:
        load_directory(path)
    messages = [str(p) for p in caught.value.problems]
    bad_line = path.read_text().splitlines().index('id = "bad"') + 1
    assert all(m.startswith(f"{path}:{bad_line}: bad: ") for m in messages[:-1]), messages
    joined = "\n".join(messages)
    for expected in (
        "kind 'church'",
        "country 'Turkey'",
        "handles 'pets'",
        "language 'Arabic'",
        "unknown key(s) phon",
        "no way to reach it",
    ):
        assert expected in joined
    assert messages[-1].endswith("ok: id is used twice")


def test_invalid_toml_and_a_missing_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match=r"referrals.toml:3: not valid TOML"):
        load_directory(write(tmp_path, '[directory]\nname = "x"\nid = = 1\n'))
    with pytest.raises(DirectoryError, match="the referral directory file is missing"):
        load_directory(tmp_path / "nowhere.toml")
    with pytest.raises(DirectoryError, match=r"\[directory\] needs a name"):
        load_directory(write(tmp_path, GOOD_ENTRY.format(id="a")))


def test_a_child_goes_to_child_protection_first_even_with_no_indicator_and_no_consent() -> None:
    directory = Directory(
        "t",
        False,
        (
            entry("adults-only", (Handles.ADULTS, Handles.LABOUR_EXPLOITATION)),
            entry("everyone-medical", (Handles.MEDICAL,)),
            entry("child-protection", (Handles.CHILDREN,)),
        ),
    )
    none_found = recommend(directory, indicators=(), elements=(), child=True, language="ar", wants_help=False)
    assert [r.entry.id for r in none_found] == ["child-protection"]
    assert "without consent" in none_found[0].reasons[0]

    labour = recommend(
        directory, indicators={"debt_bondage"}, elements={"means"}, child=True, language="ar", wants_help=False
    )
    assert [r.entry.id for r in labour] == ["child-protection"]  # an adults-only service is not for a child


def test_an_adult_is_referred_when_signals_are_found_or_help_is_asked_and_medical_care_comes_first() -> None:
    directory = Directory(
        "t",
        False,
        (
            entry("centre", (Handles.ADULTS, Handles.LABOUR_EXPLOITATION)),
            entry("hotline-ar", (Handles.ADULTS,), ("ar",)),
            entry("ambulance", (Handles.MEDICAL,)),
        ),
    )
    nothing = recommend(directory, indicators=(), elements=(), child=False, language="ar", wants_help=False)
    assert nothing == ()
    asked = recommend(directory, indicators=(), elements=(), child=False, language="ar", wants_help=True)
    assert [r.entry.id for r in asked] == ["hotline-ar", "centre"]  # the one that speaks Arabic first
    assert asked[0].speaks_language and asked[0].reasons == ("the person asked for help",)

    found = recommend(
        directory,
        indicators={"withholding_of_wages", "needs_medical"},
        elements={"purpose", "needs"},
        child=False,
        language="ar-SY",
        wants_help=False,
    )
    assert [r.entry.id for r in found] == ["ambulance", "hotline-ar", "centre"]
    assert any("labour exploitation (indicators: withholding_of_wages)" in reason for reason in found[2].reasons)


def test_the_sample_adult_with_labour_and_journey_signals_gets_the_hotline_that_speaks_arabic_first() -> None:
    found = recommend(
        sample_directory(),
        indicators={"debt_bondage", "smuggling_violence"},
        elements={"means", "aggravated_smuggling"},
        child=False,
        language="ar",
        wants_help=True,
    )
    assert found[0].entry.id == "tr-yimer-157" and found[0].speaks_language
    assert all(Handles.ADULTS in r.entry.handles for r in found)


def test_a_child_in_a_country_without_entries_is_still_told_to_go_to_child_protection() -> None:
    from vita.record.referrals import recommend_for_country

    directory = sample_directory()
    kwargs = dict(indicators=(), elements=(), language="ar", wants_help=False)
    found, note = recommend_for_country(directory, country="GR", child=True, **kwargs)  # type: ignore[arg-type]
    assert not any(Handles.CHILDREN in r.entry.handles for r in found)
    assert "refer the child now to the national child-protection authority of GR" in note
    # Where the directory has child protection for the country, the entry is recommended and no fixed line is added.
    local, local_note = recommend_for_country(directory, country="TR", child=True, **kwargs)  # type: ignore[arg-type]
    assert local and Handles.CHILDREN in local[0].entry.handles and "national child-protection" not in local_note
    _, adult_note = recommend_for_country(directory, country="GR", child=False, **kwargs)  # type: ignore[arg-type]
    assert "child-protection" not in adult_note
