"""The controller follows the catalogue's conditions and modules, and the officer's "this person may be a child":
through a real encrypted store in tmp_path, with the shipped catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from vita.content.model import Answer, Audience, Catalogue, Form
from vita.interview import plan as plans
from vita.interview.controller import Draft, InterviewController
from vita.interview.model import EventType
from vita.store import Store

from tests.store.storekit import make_store

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
DRAFT = Draft("TR-2026-5", "Kapıkule crossing", "Officer Demir", "ar", country="TR")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with make_store(tmp_path / "vita.db") as opened:
        yield opened


def started(
    store: Store, catalogue: Catalogue, audience: Audience = Audience.ADULT, modules: frozenset[str] = frozenset()
) -> InterviewController:
    return InterviewController.start(store, catalogue, DRAFT, Form.FEMALE, audience, START, modules)


def go_to(controller: InterviewController, message_id: str) -> None:
    assert controller.go_to(next(i for i, m in enumerate(controller.plan) if m.id == message_id))


def test_a_no_to_work_skips_the_work_questions_and_says_why(store: Store, catalogue: Catalogue) -> None:
    controller = started(store, catalogue)
    go_to(controller, "work.context")
    outcome = controller.answer(Answer.NO)
    assert outcome.moved_on and controller.current.id == "control.threats"  # paid and free-to-leave are passed by
    skipped = {e.message.id: e.skip_reason for e in controller.entries if e.skipped}
    assert skipped["control.paid"] == "work.context=no" and skipped["control.free_to_leave"] == "work.context=no"


@pytest.mark.parametrize("doubt", [Answer.DONT_KNOW, Answer.NOT_UNDERSTOOD])
def test_doubt_opens_the_branch(store: Store, catalogue: Catalogue, doubt: Answer) -> None:
    controller = started(store, catalogue)
    go_to(controller, "work.context")
    controller.answer(doubt)
    assert controller.current.id == "control.free_to_leave"


def test_the_debt_question_leads_to_working_it_off_only_after_a_debt(store: Store, catalogue: Catalogue) -> None:
    controller = started(store, catalogue)
    go_to(controller, "control.debt")
    controller.answer(Answer.YES)
    assert controller.current.id == "control.work_off_debt"
    controller.back()
    controller.answer(Answer.NO)  # a correction: the branch closes again
    assert controller.current.id == "control.job_promised"


def test_modules_are_in_the_plan_only_when_switched_on(store: Store, catalogue: Catalogue) -> None:
    core = started(store, catalogue)
    assert not [m.id for m in core.plan if m.module]
    assert "help.consent_referral" not in {m.id for m in core.plan}  # the finish screen asks it
    every = InterviewController(core.session, catalogue, modules={"work", "journey", "help"})
    assert {m.module for m in every.plan if m.module} == {"work", "journey", "help"}


def test_may_be_a_child_asks_the_age_and_a_yes_switches_to_child_mode_with_the_reason(
    store: Store, catalogue: Catalogue
) -> None:
    controller = started(store, catalogue)
    go_to(controller, "safety.doctor")
    assert controller.ask_age() and controller.current.id == plans.AGE_QUESTION
    controller.answer(Answer.YES)
    assert controller.state.audience is Audience.CHILD
    assert controller.current.id == "children.alone"  # the children's questions come next
    assert controller.consent_required() is False
    change = [e for e in controller.events if e.type is EventType.FORM_CHANGED][-1]
    assert change.data["audience"] == "child" and change.data["reason"] == "children.under_18=yes"
    # The officer can switch back; the record will say so.
    assert controller.change_form(Form.FEMALE, Audience.ADULT)
    assert controller.consent_required() is True
    last = [e for e in controller.events if e.type is EventType.FORM_CHANGED][-1]
    assert last.data["reason"] == "the officer's choice"


def test_a_no_to_the_age_question_goes_back_to_where_the_officer_was(store: Store, catalogue: Catalogue) -> None:
    controller = started(store, catalogue)
    go_to(controller, "safety.doctor")
    controller.ask_age()
    controller.answer(Answer.NO)
    assert controller.state.audience is Audience.ADULT and controller.current.id == "safety.doctor"
    assert plans.AGE_QUESTION in {m.id for m in controller.plan}  # asked once, it stays in the plan


def test_the_interview_keeps_the_country_of_the_draft(store: Store, catalogue: Catalogue) -> None:
    controller = started(store, catalogue)
    assert store.interview(controller.interview.id).country == "TR"
