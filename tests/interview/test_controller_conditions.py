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
    assert controller.current.id == plans.CHILD_REASSURANCE  # said next, then the children's questions
    assert controller.next() and controller.current.id == "children.alone"
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


def test_a_switch_to_child_mode_says_the_reassurance_next_and_asks_no_answered_question_again(
    store: Store, catalogue: Catalogue
) -> None:
    controller = started(store, catalogue)
    answered = []
    while controller.current.id != "safety.doctor":
        if controller.current.is_question:
            answered.append(controller.current.id)
            controller.answer(Answer.NO)
        else:
            assert controller.next()
    assert answered  # the person has answered questions before the officer thinks of age
    controller.ask_age()
    controller.answer(Answer.YES)
    assert controller.current.id == plans.CHILD_REASSURANCE  # said next, not left behind at the greeting
    children = [m.id for m in controller.plan if m.group == plans.CHILDREN and m.id != plans.CHILD_REASSURANCE]
    seen = [controller.current.id]
    while controller.next():
        seen.append(controller.current.id)
    asked_again = [m for m in seen if m in answered]
    assert asked_again == []
    following = [m for m in seen if m not in children and m != plans.CHILD_REASSURANCE]
    assert following[0] == "safety.doctor"  # back to where the officer was when they thought of age
    assert [m for m in seen if m in children][:1] == ["children.alone"]
    # The plan still holds every answered question: the officer may go back to one.
    assert set(answered) <= {m.id for m in controller.plan}


def test_a_branch_not_yet_opened_is_pending_not_skipped_and_counts_in_the_progress(
    store: Store, catalogue: Catalogue
) -> None:
    controller = started(store, catalogue)
    entry = next(e for e in controller.entries if e.message.id == "control.work_off_debt")
    assert entry.pending and not entry.closed
    assert controller.describe(entry) == (
        f'Not yet relevant: asked only if the answer to "{catalogue.message("control.debt").text}" opens it.'
    )
    before = controller.progress()
    assert before.pending >= 1
    go_to(controller, "control.debt")
    controller.answer(Answer.YES)  # the branch opens: the count of questions does not jump
    opened = controller.progress()
    assert opened.questions == before.questions and opened.pending == before.pending - 1
    controller.back()
    controller.answer(Answer.NO)  # a correction closes it: now it is skipped, with the answer that closed it
    entry = next(e for e in controller.entries if e.message.id == "control.work_off_debt")
    assert entry.closed and controller.progress().questions == before.questions - 1
    described = controller.describe(entry)
    assert described is not None and "control.debt=no" not in described and '"No"' in described


def test_an_answer_in_a_branch_a_correction_closed_is_marked_as_given_before_it(
    store: Store, catalogue: Catalogue
) -> None:
    controller = started(store, catalogue)
    go_to(controller, "control.debt")
    controller.answer(Answer.YES)
    controller.answer(Answer.YES)  # control.work_off_debt
    go_to(controller, "control.debt")
    controller.answer(Answer.NO)
    entries = {e.message.id: e for e in controller.entries}
    assert controller.answered_before_correction(entries["control.work_off_debt"])
    assert not controller.answered_before_correction(entries["control.debt"])
