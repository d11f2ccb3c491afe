"""Building the record: each question with its answer and history, as the person heard it, and what it means."""

from __future__ import annotations

import pytest
from recordkit import EXPORTED, events_of, sample_directory, session, small_content

from vita.content.model import Answer, Audience, Element, Form
from vita.record.build import build_record
from vita.record.errors import InterviewNotFinished
from vita.record.model import NOT_A_LEGAL_DETERMINATION, Record, TextStatus
from vita.record.provenance import AudioProvenance


def test_given_an_unfinished_interview_no_record_is_built() -> None:
    running, _ = session()
    running.answer("safety.hurt", Answer.NO)
    with pytest.raises(InterviewNotFinished, match="BG-2026-17 is not finished"):
        build_record(running.interview, events_of(running), small_content(), sample_directory())


def test_each_question_appears_once_with_its_current_answer_time_and_correction_history() -> None:
    running, _ = session()
    running.played("safety.hurt")
    first = running.answer("safety.hurt", Answer.NO)
    running.answer("work.context", Answer.YES)
    running.played("control.paid")
    earlier = running.answer("control.paid", Answer.YES)
    running.played("control.paid", slow=True)
    corrected = running.answer("control.paid", Answer.NO)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory(), now=EXPORTED)

    assert [q.message_id for q in record.questions] == ["safety.hurt", "work.context", "control.paid"]
    hurt, _, paid = record.questions
    assert (hurt.answer, hurt.answer_label, hurt.answered_at, hurt.history) == (Answer.NO, "No", first.at, ())
    assert (paid.answer, paid.answer_label, paid.answered_at) == (Answer.NO, "No", corrected.at)
    assert [(h.answer, h.label, h.at) for h in paid.history] == [(Answer.YES, "Yes", earlier.at)]
    assert (paid.plays.times, paid.plays.slowed) == (2, 1)
    assert paid.indicators == ("withholding_of_wages",)
    assert record.statement == NOT_A_LEGAL_DETERMINATION
    assert record.case.duration_seconds == int((record.case.finished_at - record.case.started_at).total_seconds())


def test_the_text_is_shown_as_heard_in_the_form_in_force_when_it_was_played() -> None:
    running, _ = session(form=Form.FEMALE)
    running.played("safety.hurt")
    running.answer("safety.hurt", Answer.NO)
    running.change_form(Form.MALE, Audience.ADULT)
    running.played("control.paid")  # no male form of this one: falls back to the neutral text
    running.answer("control.paid", Answer.YES)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    hurt, paid = record.questions
    assert (hurt.heard.text, hurt.heard.variant, hurt.heard.form) == ("هل أنتِ مصابة؟", "female", Form.FEMALE)
    assert (paid.heard.text, paid.heard.variant, paid.heard.form) == ("هل تحصل على أجر؟", "", Form.MALE)
    assert hurt.english == "Are you hurt or in pain?"
    assert record.language("xa").direction == "rtl"


def test_after_a_language_change_later_questions_are_shown_in_the_new_language() -> None:
    running, _ = session(language="xa", form=Form.UNSPECIFIED)
    running.played("safety.hurt")
    running.answer("safety.hurt", Answer.NOT_UNDERSTOOD)
    running.change_language("xb")
    running.played("control.paid")
    running.answer("control.paid", Answer.NO)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    assert [(q.heard.language, q.heard.text) for q in record.questions] == [("xa", "هل أنت مصاب؟"), ("xb", "Pecunia?")]
    assert record.person.languages_used == ("xa", "xb")
    assert [x.code for x in record.languages] == ["xa", "xb"]
    assert record.questions[1].heard.status == TextStatus.REVIEWED


def test_an_untranslated_message_is_marked_missing_rather_than_shown_in_another_language() -> None:
    running, _ = session(language="xb")
    running.played("safety.doctor")
    running.answer("safety.doctor", Answer.YES)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    heard = record.questions[0].heard
    assert (heard.text, heard.status) == (None, TextStatus.MISSING)
    assert record.content.missing == 1


def test_statements_are_listed_apart_and_a_question_played_but_not_answered_says_so() -> None:
    running, _ = session()
    running.played("opening.greeting")
    running.played("safety.hurt")
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    assert [s.message_id for s in record.statements] == ["opening.greeting"]
    assert [(q.message_id, q.answer, q.answer_label) for q in record.questions] == [("safety.hurt", None, None)]


def test_indicators_are_grouped_by_element_with_the_questions_that_touch_them() -> None:
    running, _ = session()
    running.answer("journey.hurt", Answer.YES)
    running.answer("journey.held_for_money", Answer.YES)
    running.answer("work.context", Answer.YES)
    running.answer("control.paid", Answer.NO)
    running.answer("control.debt", Answer.YES)
    running.answer("control.work_off_debt", Answer.YES)
    running.answer("safety.hurt", Answer.NO)  # touches nothing
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    by_element = {s.element: {h.id: h.questions for h in s.found} for s in record.indicators}
    assert list(by_element) == list(Element)  # every element is listed, found or not
    assert by_element[Element.ACT] == {}
    assert by_element[Element.MEANS] == {"debt_bondage": ("control.debt", "control.work_off_debt")}
    assert by_element[Element.PURPOSE] == {"withholding_of_wages": ("work.context", "control.paid")}
    assert by_element[Element.AGGRAVATED_SMUGGLING] == {
        "smuggling_violence": ("journey.hurt",),
        "smuggling_extortion": ("journey.held_for_money",),
    }
    assert by_element[Element.CHILD] == {} and by_element[Element.NEEDS] == {}
    assert "own reading" in record.indicator_grouping


def test_a_debt_alone_is_not_debt_bondage_and_unpaid_outside_work_is_not_withholding_of_wages() -> None:
    """A person in transit who owes the smuggler and is not working touches neither indicator."""
    running, _ = session()
    running.answer("work.context", Answer.NO)
    running.answer("control.debt", Answer.YES)
    running.answer("control.work_off_debt", Answer.NO)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())
    assert record.indicator_ids == ()


def test_questions_the_answers_make_irrelevant_are_listed_as_not_asked_with_the_reason() -> None:
    running, _ = session()
    running.played("work.context")
    running.answer("work.context", Answer.NO)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory(), modules=())

    skipped = {item.message_id: item for item in record.skipped}
    assert {"control.paid", "control.free_to_leave"} <= set(skipped)
    assert "control.long_hours" not in skipped  # a module switched off is not part of the interview at all
    paid = skipped["control.paid"]
    assert paid.reason == "work.context=no"
    assert paid.explanation.startswith('Not asked: not relevant after the answer "No" to "Do you work for someone')


def test_answers_inside_a_branch_stay_after_the_opening_answer_is_corrected_but_count_for_nothing() -> None:
    running, _ = session()
    running.answer("work.context", Answer.YES)
    running.answer("control.paid", Answer.NO)
    running.answer("work.context", Answer.NO)  # the officer corrects the answer that opened the branch
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    paid = next(q for q in record.questions if q.message_id == "control.paid")
    assert paid.answer is Answer.NO
    assert paid.asked_before_correction.startswith("Asked before the correction of the answer to work.context")
    assert paid.indicators == () and record.indicator_ids == ()
    assert "control.paid" not in {item.message_id for item in record.skipped}  # it was asked: it is not "skipped"


def test_referrals_are_chosen_for_the_interview_country_plus_international_ones() -> None:
    def record_in(country: str) -> Record:
        running, _ = session(country=country)
        running.answer("work.context", Answer.YES)
        running.answer("control.paid", Answer.NO)
        running.finish()
        return build_record(running.interview, events_of(running), small_content(), sample_directory())

    belgium = record_in("BE")
    assert belgium.referrals and {r.entry.country for r in belgium.referrals} <= {"BE", "INT"}
    assert belgium.case.country == "BE" and "Entries for BE" in belgium.referral_note
    france = record_in("FR")
    assert france.referrals == ()
    assert "has no entry for FR" in france.referral_note


def test_a_corrected_answer_touches_only_the_indicators_of_the_answer_that_stands() -> None:
    running, _ = session()
    running.answer("control.debt", Answer.YES)
    running.answer("control.debt", Answer.NO)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    assert record.indicator_ids == ()


def test_adult_consent_comes_from_the_officer_first_then_from_the_answer_to_the_consent_question() -> None:
    recorded, _ = session()
    recorded.answer("help.consent_referral", Answer.YES)
    recorded.record_consent(False)
    recorded.finish()
    by_answer, _ = session()
    by_answer.answer("help.consent_referral", Answer.YES)
    by_answer.finish()
    silent, _ = session()
    silent.finish()
    content, directory = small_content(), sample_directory()

    def consent(s: object) -> tuple[str, str]:
        record = build_record(s.interview, events_of(s), content, directory)  # type: ignore[attr-defined]
        return record.consent.status, record.consent.source

    assert consent(recorded) == ("refused", "recorded by the officer")
    assert consent(by_answer) == ("given", "answer to help.consent_referral")
    assert consent(silent) == ("not_recorded", "none")


def test_a_child_is_referred_to_child_protection_regardless_of_consent_or_answers() -> None:
    running, _ = session(audience=Audience.CHILD, form=Form.UNSPECIFIED)
    running.answer("help.consent_referral", Answer.NO)
    running.record_consent(False)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    assert record.person.treated_as_child
    assert record.consent.status == "not_required"
    assert record.referrals, "a child must always get a referral"
    assert all(r.entry.kind.value == "child_protection" for r in record.referrals)


def test_a_switch_to_child_mode_is_recorded_with_when_and_why() -> None:
    running, _ = session(audience=Audience.ADULT)
    running.answer("children.under_18", Answer.YES)
    switched = running.change_form(Form.FEMALE, Audience.CHILD, reason="children.under_18=yes")
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    [change] = record.person.audience_changes
    assert (change.at, change.audience) == (switched.at, Audience.CHILD)
    assert change.reason == 'the person answered "Yes" to "Are you younger than eighteen?" (children.under_18)'
    assert record.consent.status == "not_required"


def test_an_adult_audience_with_a_child_signal_is_treated_as_a_child() -> None:
    running, _ = session(audience=Audience.ADULT)
    running.answer("children.under_18", Answer.YES)
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory())

    assert record.person.treated_as_child and record.consent.status == "not_required"
    assert record.referrals[0].entry.kind.value == "child_protection"


def test_content_provenance_counts_draft_and_reviewed_texts_and_says_when_there_is_no_audio() -> None:
    running, _ = session(language="xa")
    running.played("safety.hurt")
    running.answer("safety.hurt", Answer.NO)
    running.change_language("xb")
    running.played("control.paid")
    running.finish()
    record = build_record(running.interview, events_of(running), small_content(), sample_directory(), audio=None)

    assert (record.content.draft, record.content.reviewed, record.content.missing) == (1, 1, 0)
    assert record.content.any_draft
    assert record.content.audio.state == "none"
    assert "No audio" in record.content.audio.detail


def test_given_clip_provenance_the_record_counts_synthetic_and_recorded_clips_played() -> None:
    running, _ = session(language="xa")
    running.played("safety.hurt")
    running.played("safety.hurt", slow=True)
    running.played("control.paid")
    running.played("control.debt")
    running.finish()
    provenance = AudioProvenance({("xa", "safety.hurt"): "synthetic", ("xa", "control.paid"): "recorded"})
    record = build_record(running.interview, events_of(running), small_content(), sample_directory(), audio=provenance)

    audio = record.content.audio
    assert (audio.state, audio.synthetic, audio.recorded, audio.without_clip) == ("mixed", 1, 1, 1)


def test_a_message_shown_as_text_is_not_counted_as_heard_in_the_voice_of_its_clip() -> None:
    """No sound output (or a refused clip): the message has a synthetic clip, but only its text was shown."""
    running, _ = session(language="xa")
    running.played("safety.hurt", shown=True)
    running.played("control.paid", shown=True)
    running.played("control.paid")  # heard later, once the sound worked
    running.finish()
    provenance = AudioProvenance({("xa", "safety.hurt"): "synthetic", ("xa", "control.paid"): "recorded"})
    record = build_record(running.interview, events_of(running), small_content(), sample_directory(), audio=provenance)

    audio = record.content.audio
    assert (audio.state, audio.synthetic, audio.recorded, audio.without_clip) == ("recorded", 0, 1, 1)
    assert "synthetic" not in audio.detail and "1 without a clip heard (shown as text)" in audio.detail
