"""The interview controller, without a window: the order of the plan, child mode, answering and correcting,
notes, language and form, resuming, finishing and skipping, each through a real encrypted store in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from vita.content.model import Answer, Audience, Content, Form, Message
from vita.interview import plan as plans
from vita.interview.controller import AnswerNotOffered, Draft, InterviewController, NotAQuestion
from vita.interview.model import EventType
from vita.interview.session import InterviewFinished
from vita.store import Store, StoreFull

from tests.store.storekit import PASSPHRASE, make_store

START = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
DRAFT = Draft("BG-2026-17", "Kapitan Andreevo crossing", "Officer Petrova", "ar")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "vita.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with make_store(store_path) as opened:
        yield opened


def started(store: Store, content: Content, audience: Audience = Audience.ADULT) -> InterviewController:
    return InterviewController.start(store, content.catalogue, DRAFT, Form.FEMALE, audience, START)


def to_question(controller: InterviewController) -> Message:
    while not controller.current.is_question:
        assert controller.next()
    return controller.current


def test_a_new_interview_is_in_the_store_and_stands_at_the_first_message_of_the_plan(
    store: Store, content: Content
) -> None:
    controller = started(store, content)
    assert controller.position == 0
    assert controller.plan == plans.interview_plan(content.catalogue, Audience.ADULT)
    [stored] = store.interviews()
    assert (stored.case_reference, stored.language, stored.form) == ("BG-2026-17", "ar", Form.FEMALE)
    assert controller.at_start and controller.back() is False


def test_an_adult_plan_has_every_message_for_adults_in_catalogue_order_without_finder_or_closing(
    content: Content,
) -> None:
    plan = plans.interview_plan(content.catalogue, Audience.ADULT)
    expected = [m.id for m in content.catalogue.messages
                if m.is_for(Audience.ADULT) and m.group not in (plans.CLOSING, plans.CHILDREN) and not m.module
                and m.id not in (plans.FINDER_MESSAGE, plans.CONSENT_QUESTION)]  # fmt: skip
    assert [m.id for m in plan] == expected
    assert not any(m.group == plans.CHILDREN for m in plan)
    closing = plans.closing_messages(content.catalogue, Audience.ADULT)
    assert closing and all(m.group == plans.CLOSING for m in closing)


def test_in_child_mode_the_reassurance_follows_the_greeting_and_the_childrens_questions_come_next(
    store: Store, content: Content
) -> None:
    controller = started(store, content, Audience.CHILD)
    ids = [m.id for m in controller.plan]
    adult = {m.id for m in plans.interview_plan(content.catalogue, Audience.ADULT)}
    children = [m.id for m in controller.plan if m.group == plans.CHILDREN]
    assert set(ids) == adult | set(children)
    assert ids[1] == plans.CHILD_REASSURANCE
    opening = [i for i, m in enumerate(controller.plan) if m.group == plans.OPENING]
    last_child = max(i for i, m in enumerate(controller.plan) if m.group == plans.CHILDREN)
    first_other = min(i for i, m in enumerate(controller.plan) if m.group not in (plans.OPENING, plans.CHILDREN))
    assert max(opening) < last_child < first_other


def test_an_answer_is_logged_and_moves_on_and_a_different_one_is_a_correction_that_keeps_the_first(
    store: Store, content: Content
) -> None:
    controller = started(store, content)
    question = to_question(controller)
    first = controller.answer(Answer.NO)
    assert first.moved_on and not first.corrected and controller.current.id != question.id
    controller.back()
    assert controller.current.id == question.id
    again = controller.answer(Answer.NO)  # the same answer again logs nothing
    controller.back()
    corrected = controller.answer(Answer.YES)
    assert corrected.corrected and corrected.before is Answer.NO
    stored = [e for e in store.events(controller.interview.id) if e.data.get("message_id") == question.id]
    assert [(e.type, e.data["answer"]) for e in stored] == [
        (EventType.ANSWER_SELECTED, "no"),
        (EventType.ANSWER_CORRECTED, "yes"),
    ]
    assert not again.corrected
    record = controller.state.answers[question.id]
    assert record.answer is Answer.YES and [a for a, _ in record.history] == [Answer.NO]
    assert controller.progress().answered == 1


def test_a_statement_takes_no_answer_and_a_question_only_the_answers_it_offers(store: Store, content: Content) -> None:
    controller = started(store, content)
    assert not controller.current.is_question
    with pytest.raises(NotAQuestion):
        controller.answer(Answer.YES)
    question = to_question(controller)
    missing = [a for a in Answer if a not in question.answers]
    if missing:
        with pytest.raises(AnswerNotOffered):
            controller.answer(missing[0])
    assert store.events(controller.interview.id) == []


def test_when_the_disk_is_full_an_answer_is_refused_and_the_interview_stays_where_it_was(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = started(store, content)
    question = to_question(controller)

    def full(interview_id: str, event: object) -> None:
        raise StoreFull("this answer")

    monkeypatch.setattr(store, "append", full)
    with pytest.raises(StoreFull):
        controller.answer(Answer.YES)
    assert controller.current.id == question.id and controller.state.answers == {}


def test_notes_belong_to_the_current_message_and_blank_ones_are_not_logged(store: Store, content: Content) -> None:
    controller = started(store, content)
    question = to_question(controller)
    assert controller.note("   ") is None
    controller.note("  limping  ")
    [note] = controller.state.notes
    assert (note.text, note.message_id) == ("limping", question.id)


def test_the_end_of_the_plan_says_so_and_finishing_closes_the_log_once(store: Store, content: Content) -> None:
    controller = started(store, content)
    while controller.next():
        pass
    assert controller.position == len(controller.plan) - 1
    if controller.current.is_question:
        assert controller.answer(controller.current.answers[0]).moved_on is False
    controller.record_consent(True)
    assert controller.finish() is not None and controller.finish() is None
    assert controller.state.finished and controller.state.consent is True
    with pytest.raises(InterviewFinished):
        controller.note("too late")
    kinds = [e.type for e in store.events(controller.interview.id)]
    assert kinds.count(EventType.FINISHED) == 1


def test_the_finish_preview_ends_the_log_without_writing_the_end(store: Store, content: Content) -> None:
    controller = started(store, content)
    controller.played()
    preview = controller.events_if_finished(START)
    assert [e.type for e in preview] == [EventType.MESSAGE_PLAYED, EventType.FINISHED]
    assert not controller.state.finished and len(store.events(controller.interview.id)) == 1


def test_a_change_of_age_changes_the_plan_and_keeps_the_message_on_screen(store: Store, content: Content) -> None:
    controller = started(store, content)
    question = to_question(controller)
    assert controller.change_form(Form.FEMALE, Audience.ADULT) is False  # nothing changed, nothing logged
    assert controller.change_form(Form.MALE, Audience.CHILD)
    assert any(m.group == plans.CHILDREN for m in controller.plan)
    assert controller.current.id == question.id
    assert controller.change_language("ar") is False and controller.change_language("en")
    assert controller.state.languages_used == ("ar", "en")
    kinds = [e.type for e in store.events(controller.interview.id)]
    assert kinds == [EventType.FORM_CHANGED, EventType.LANGUAGE_CHANGED]


def test_a_reopened_interview_resumes_at_the_first_message_not_yet_played_or_answered(
    store_path: Path, content: Content
) -> None:
    with make_store(store_path) as store:
        controller = started(store, content)
        controller.played()
        while controller.next() and not controller.current.is_question:
            controller.played()
        controller.answer(Answer.YES)
        expected = controller.current.id
        controller.pause()
        interview_id = controller.interview.id
    with Store.open(store_path, PASSPHRASE) as store:
        resumed = InterviewController.resume(store, interview_id, content.catalogue)
        assert resumed.current.id == expected
        assert [e.type for e in resumed.events][-2:] == [EventType.PAUSED, EventType.RESUMED]
        after_lock = InterviewController.resume(store, interview_id, content.catalogue, at=resumed.plan[0].id)
        assert after_lock.position == 0  # after a lock: back at the message that was on screen
        assert [e.type for e in after_lock.events].count(EventType.RESUMED) == 1  # not paused: not resumed twice


def test_next_and_back_pass_over_the_messages_the_plan_says_to_skip(
    store: Store, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan decides relevance from the answers so far (plans.skip_reason); the controller obeys it."""
    controller = started(store, content)
    question = to_question(controller)
    after = controller.plan[controller.position + 1]
    later = controller.plan[controller.position + 2]

    def skip_after_a_no(message: Message, answers: object, catalogue: object) -> str | None:
        record = controller.state.answers.get(question.id)
        return "answered no before" if message.id == after.id and record and record.answer is Answer.NO else None

    monkeypatch.setattr(plans, "skip_reason", skip_after_a_no)
    assert controller.answer(Answer.NO).moved_on
    assert controller.current.id == later.id
    entry = next(e for e in controller.entries if e.message.id == after.id)
    assert entry.skipped and entry.skip_reason == "answered no before"
    assert controller.back() and controller.current.id == question.id
    assert controller.progress().questions == sum(
        1 for e in controller.entries if e.message.is_question and not e.skipped
    )
    controller.answer(Answer.YES)  # the condition no longer holds: the message is asked again
    assert controller.current.id == after.id


def test_the_end_of_a_play_is_logged_once_for_the_clip_the_controller_started_and_never_for_text_only(
    store: Store, content: Content
) -> None:
    controller = started(store, content)
    message = controller.current.id
    controller.played()
    assert controller.playback_ended("opening.some_finder_clip", completed=True) is None  # not this play's
    assert controller.playback_ended(message, completed=False) is not None  # stopped early
    assert controller.playback_ended(message, completed=True) is None  # already reported
    controller.played(shown=True)  # no clip: nothing can end
    assert controller.playback_ended(message, completed=True) is None
    plays = controller.state.plays[message]
    assert (plays.times, plays.shown, plays.heard, plays.stopped) == (1, 1, 0, 1)
    stored = [e.type for e in store.events(controller.interview.id)]
    assert stored.count(EventType.PLAYBACK_ENDED) == 1
