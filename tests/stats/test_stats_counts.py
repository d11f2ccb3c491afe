"""Anonymous statistics: counts by month, language, audience, element and indicator, and nothing personal."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from vita.content.conditions import IndicatorRules, find_indicators, rule_holds
from vita.content.errors import Problems
from vita.content.loader import load_catalogue
from vita.content.model import Answer, Audience, Catalogue, Form
from vita.interview.model import Event, Interview
from vita.interview.session import InterviewSession
from vita.stats.counts import BadMonth, Count, count_interviews, parse_month, to_csv, to_json
from vita.stats.suppress import read_minimum

REPO = Path(__file__).resolve().parents[2]
SECRET_WORDS = ("Petrova", "Kapitan Andreevo", "BG-2026", "Hidden in a lorry", "Amina")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    problems = Problems()
    loaded = load_catalogue(REPO / "messages" / "catalogue.toml", problems)
    assert loaded is not None
    return loaded


class _Log:
    def append(self, interview_id: str, event: Event) -> None:
        pass


def interview(
    when: dt.datetime,
    *,
    language: str = "ar",
    audience: Audience = Audience.ADULT,
    finish: bool = True,
    **answers: Answer,
) -> tuple[Interview, list[Event]]:
    header = Interview.start(
        place="Kapitan Andreevo crossing",
        officer="Officer Petrova",
        language=language,
        form=Form.FEMALE,
        audience=audience,
        case_reference=f"BG-2026-{when:%m%d%H%M}",
        now=when,
    )
    session = InterviewSession(header, _Log(), clock=lambda: when)
    for message, answer in answers.items():
        session.answer(message.replace("__", "."), answer)
    session.note("Hidden in a lorry; says her name is Amina.")
    if finish:
        session.finish()
    return header, list(session.events)


def at(month: int, day: int = 5) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, 0, tzinfo=dt.UTC)


def test_interviews_are_counted_per_month_language_audience_element_and_indicator(catalogue: Catalogue) -> None:
    items = [
        interview(
            at(1),
            safety__controller_nearby=Answer.YES,
            work__context=Answer.YES,
            control__debt=Answer.YES,
            control__work_off_debt=Answer.YES,
            control__paid=Answer.NO,
        ),
        interview(
            at(1, 20),
            language="ti",
            safety__controller_nearby=Answer.YES,
            work__context=Answer.YES,
            control__debt=Answer.YES,
            control__work_off_debt=Answer.YES,
            safety__hurt=Answer.YES,
        ),
        interview(at(2), audience=Audience.CHILD, language="ti", children__alone=Answer.YES),
        interview(at(2), finish=False, control__debt=Answer.YES),  # still running: not counted
        # Owes the smuggler, works for no one: counted, but touches neither debt bondage nor wages.
        interview(at(3), work__context=Answer.NO, control__debt=Answer.YES, control__paid=Answer.NO),
    ]
    counts = {(c.month, c.dimension, c.value): c.count for c in count_interviews(items, catalogue)}

    assert counts[("2026-01", "interviews", "all")] == 2
    assert counts[("2026-01", "language", "ar")] == 1 and counts[("2026-01", "language", "ti")] == 1
    assert counts[("2026-01", "indicator", "debt_bondage")] == 2
    assert counts[("2026-01", "indicator", "controlled_by_third_party")] == 2
    assert counts[("2026-01", "element", "means")] == 2
    assert counts[("2026-01", "indicator", "withholding_of_wages")] == 1
    assert counts[("2026-01", "indicator", "needs_medical")] == 1
    assert counts[("2026-02", "interviews", "all")] == 1
    assert counts[("2026-02", "audience", "child")] == 1
    assert counts[("2026-02", "indicator", "child_unaccompanied")] == 1
    assert ("2026-02", "indicator", "debt_bondage") not in counts
    assert counts[("2026-03", "interviews", "all")] == 1
    assert not [key for key in counts if key[0] == "2026-03" and key[1] in ("indicator", "element")]


def test_an_indicator_touched_by_two_answers_counts_once_per_interview(catalogue: Catalogue) -> None:
    items = [interview(at(3), safety__hurt=Answer.YES, safety__doctor=Answer.YES)]
    counts = {(c.dimension, c.value): c.count for c in count_interviews(items, catalogue)}
    assert counts[("indicator", "needs_medical")] == 1


def test_since_keeps_interviews_started_from_that_month(catalogue: Catalogue) -> None:
    items = [interview(at(1)), interview(at(2, 1)), interview(at(3))]
    months = {c.month for c in count_interviews(items, catalogue, parse_month("2026-02"))}
    assert months == {"2026-02", "2026-03"}


def test_the_output_holds_no_names_places_notes_or_case_references_and_says_so(catalogue: Catalogue) -> None:
    items = [interview(at(1), control__debt=Answer.YES), interview(at(2), language="ti")]
    counts = count_interviews(items, catalogue)
    csv_text, json_text = to_csv(counts, None, minimum=1), to_json(counts, parse_month("2026-01"), minimum=1)
    for text in (csv_text, json_text):
        assert not [word for word in SECRET_WORDS if word in text]
        assert "no names" in text.lower()
    assert csv_text.splitlines()[2] == "month,dimension,value,count"
    document = json.loads(json_text)
    assert document["since"] == "2026-01"
    assert document["counts"][0] == {"month": "2026-01", "dimension": "interviews", "value": "all", "count": 1}
    allowed_values = (
        {"all", "ar", "ti", "adult", "child"}
        | {i.id for i in catalogue.indicators}
        | {i.element.value for i in catalogue.indicators}
    )
    assert {c["value"] for c in document["counts"]} <= allowed_values
    assert set(Count.__dataclass_fields__) == {"month", "dimension", "value", "count", "suppressed"}


@pytest.mark.parametrize("text", ["2026-13", "2026", "Jan 2026", "26-01", ""])
def test_a_month_that_is_not_yyyy_mm_is_a_clear_error(text: str) -> None:
    with pytest.raises(BadMonth, match="write it as YYYY-MM"):
        parse_month(text)


def test_counts_below_the_minimum_are_suppressed_in_every_export_and_the_output_says_so(catalogue: Catalogue) -> None:
    """A quiet month: 7 interviews, 6 in Arabic and 1 in Tigrinya. The one Tigrinya speaker must not show, nor
    be worked out as 7 - 6."""
    # debt bondage by the indicator rules: work, a debt, and working it off
    debt = {"work__context": Answer.YES, "control__debt": Answer.YES, "control__work_off_debt": Answer.YES}
    items = [interview(at(1), **debt) for _ in range(6)]
    items.append(interview(at(1), language="ti", safety__hurt=Answer.YES))
    counts = count_interviews(items, catalogue)
    as_csv, as_json = to_csv(counts, None), to_json(counts, None)
    rows = {tuple(line.split(",")[1:3]): line.split(",")[3] for line in as_csv.splitlines()[3:]}
    assert rows[("interviews", "all")] == "7"
    assert rows[("language", "ti")] == "suppressed" and rows[("language", "ar")] == "suppressed"
    assert rows[("indicator", "debt_bondage")] == "6" and rows[("indicator", "needs_medical")] == "suppressed"
    assert "Counts below 5 are suppressed" in as_csv.splitlines()[1]
    document = json.loads(as_json)
    assert document["suppression"]["minimum"] == 5 and "point to a person" in document["suppression"]["explanation"]
    shown = [c["count"] for c in document["counts"] if not c.get("suppressed")]
    assert shown and min(shown) >= 5
    assert all(c["count"] is None for c in document["counts"] if c.get("suppressed"))


def test_a_month_with_fewer_interviews_than_the_minimum_is_hidden_whole(catalogue: Catalogue) -> None:
    items = [interview(at(2)) for _ in range(3)]
    document = json.loads(to_json(count_interviews(items, catalogue), None))
    assert document["counts"] and all(c["count"] is None and c["suppressed"] for c in document["counts"])


def test_the_minimum_is_a_setting_that_falls_back_to_5_never_to_showing_everything() -> None:
    assert (read_minimum("10"), read_minimum(None), read_minimum("zero"), read_minimum("0")) == (10, 5, 5, 5)


def test_statistics_touch_exactly_the_indicators_the_record_finds_for_the_same_answers(catalogue: Catalogue) -> None:
    """`vita stats` evaluates the rules prepared once (IndicatorRules); on thousands of seeded answer sheets,
    doubtful answers and corrected branches included, it finds what the record's find_indicators finds."""
    rules, rng = IndicatorRules(catalogue), random.Random(13)
    questions = [m for m in catalogue.messages if m.is_question]
    closed_branch_mattered = 0
    for _ in range(3000):
        sheet = {m.id: rng.choice(m.answers) for m in questions if rng.random() < 0.8}
        expected = {finding.indicator.id for finding in find_indicators(catalogue, sheet)}
        assert rules.touched(sheet) == expected, sheet
        literal = {
            i.id for i in catalogue.indicators if any(r.clauses and rule_holds(r.clauses, sheet) for r in i.rules)
        }
        closed_branch_mattered += literal != expected
    assert rules.touched({}) == frozenset()
    assert closed_branch_mattered > 100, "answers in a branch an earlier answer closed count for nothing"
