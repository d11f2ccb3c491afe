"""The record's words: indicator names, never ids; one listing per emergency number; no empty contact line."""

from __future__ import annotations

from recordkit import finished_sample, sample_directory, shipped_content

from vita.record.build import build_record
from vita.record.referrals import Directory, EntryKind, Handles, ReferralEntry, recommend

from vita.printing.richtext import record_html


def emergency(entry_id: str, country: str) -> ReferralEntry:
    return ReferralEntry(
        entry_id, "Emergency number 112", EntryKind.EMERGENCY, country, (Handles.MEDICAL,), phone="112"
    )


def test_the_same_emergency_number_of_two_countries_is_listed_once() -> None:
    directory = Directory("t", False, (emergency("tr-112", "TR"), emergency("be-112", "BE")))
    found = recommend(
        directory, indicators={"needs_medical"}, elements={"needs"}, child=False, language="ar", wants_help=False
    )
    assert [r.entry.id for r in found] == ["tr-112"]


def test_a_reason_names_the_indicators_by_name_not_by_id() -> None:
    directory = Directory("t", False, (emergency("tr-112", "TR"),))
    found = recommend(
        directory,
        indicators={"needs_medical"},
        elements={"needs"},
        child=False,
        language="ar",
        wants_help=False,
        names={"needs_medical": "Needs medical care"},
    )
    assert "Needs medical care" in found[0].reasons[0]
    assert "needs_medical" not in found[0].reasons[0]


def test_the_sample_record_shows_names_and_no_ids_and_no_empty_contact_line() -> None:
    content = shipped_content()
    header, events = finished_sample("ar")
    record = build_record(header, events, content, sample_directory())
    html = record_html(record, "0" * 64, lambda _script: "Noto Sans")
    indicator_ids = {i.id for i in content.catalogue.indicators if "_" in i.id}  # "deception" is also a word
    message_ids = {m.id for m in content.catalogue.messages}
    shown = {word.strip("(),;.:") for word in html.replace("<", " <").replace(">", "> ").split()}
    assert not (shown & indicator_ids), shown & indicator_ids
    assert not (shown & message_ids), shown & message_ids
    assert "<td><br/>" not in html and "<br/><br/>" not in html
    assert html.count(">Emergency number 112<") <= 1
