"""The interview screen: corrections keep the earlier answer, keys do what their buttons say, scripts and
directions are right, child mode reorders, and an interrupted interview resumes where it stopped."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from vita.audio.errors import AudioUnavailable
from vita.content.model import Answer
from vita.interview.model import EventType

from vita.gui.widgets import KeyButton

from tests.gui.conftest import PASSPHRASE, start_interview, unlock_new_store

Key = QtCore.Qt.Key


def go_to_question(window, keys) -> None:
    while not window.interview.current.is_question:
        keys.press(Key.Key_Right)


def test_given_an_answer_a_different_answer_is_logged_as_a_correction_and_the_old_one_kept(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    go_to_question(window, keys)
    question = window.interview.current.id
    keys.press(Key.Key_N)
    assert window.interview.current.id != question  # an answer moves on at once
    keys.press(Key.Key_Left)
    assert window.interview.answer_buttons[Answer.NO].isChecked()
    keys.press(Key.Key_Y)
    keys.press(Key.Key_Left)
    keys.press(Key.Key_Y)  # the same answer again changes nothing
    session = window.interview.session
    answers = [e for e in session.events if e.data.get("message_id") == question and "answer" in e.data]
    assert [(e.type, e.data["answer"]) for e in answers] == [
        (EventType.ANSWER_SELECTED, "no"),
        (EventType.ANSWER_CORRECTED, "yes"),
    ]
    assert answers[1].data["replaces"] == answers[0].seq
    record = session.state.answers[question]
    assert record.answer is Answer.YES and [a for a, _ in record.history] == [Answer.NO]
    keys.press(Key.Key_Left)
    assert "earlier answer No" in window.interview.status.text()  # shown whenever the officer comes back to it
    stored = [e.type for e in window.context.unlocked.events(session.interview.id)]
    assert stored.count(EventType.ANSWER_CORRECTED) == 1


def test_every_key_shown_on_a_button_does_what_the_button_says(
    make_window, keyboard, qtbot: QtBot, fake_output
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    screen = window.interview
    buttons = [b for b in screen.findChildren(KeyButton) if b.isVisible()]
    assert {b.text().split("[")[-1].rstrip("]") for b in buttons} >= {
        "Space", "S", "Esc", "Left arrow", "Right arrow", "T", "L", "G", "P", "E"}  # fmt: skip
    played_before = len(fake_output.played)
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: len(fake_output.played) > played_before)  # English has clips: the fake got sound
    keys.press(Key.Key_S)
    assert screen.session.state.plays[screen.current.id].slowed == 1
    keys.press(Key.Key_P)
    assert window.person_view.isVisible()
    keys.press(Key.Key_P)
    assert not window.person_view.isVisible()


def test_every_control_on_every_screen_has_an_accessible_name(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    keys = keyboard(window)
    screens = [window.unlock, window.start, window.languages, window.finder, window.addressee, window.interview,
               window.finish, window.person_view]  # fmt: skip
    kinds = (QtWidgets.QAbstractButton, QtWidgets.QLineEdit, QtWidgets.QAbstractItemView, QtWidgets.QComboBox)
    unnamed = [
        f"{type(screen).__name__}: {type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for screen in screens
        for w in screen.findChildren(QtWidgets.QWidget)
        if isinstance(w, kinds)
        and not w.accessibleName()
        and not isinstance(w.parent(), QtWidgets.QAbstractScrollArea)
        and w.objectName() not in ("qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer")
    ]
    assert unnamed == []
    assert keys  # the screens were built by launch(), before any key


def test_arabic_is_shown_right_to_left_in_its_own_font(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "arab", Key.Key_M)
    label = window.interview.message
    assert label.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft
    assert label.font().families()[0] == window.context.typography.family("Arab")
    expected = window.context.content.text("ar", window.interview.current.id, window.interview.session.state.form)
    assert label.raw_text == expected.text


def test_given_child_mode_the_reassurance_follows_the_greeting_and_the_childrens_questions_come_next(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "english", Key.Key_C)
    ids = [m.id for m in window.interview.plan]
    assert ids[:2] == ["opening.greeting", "children.reassurance"]
    first_child_question = ids.index("children.under_18")
    assert first_child_question < ids.index("safety.hurt")
    assert "closing.thank_you" not in ids and "opening.raise_hand" not in ids


def test_given_an_unfinished_interview_a_new_start_offers_it_and_resumes_at_the_first_open_question(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    go_to_question(window, keys)
    keys.press(Key.Key_Y, Key.Key_N)
    next_open = window.interview.current.id
    interview_id = window.interview.session.interview.id
    window.close()

    again = make_window()
    keys = keyboard(again)
    keys.type(PASSPHRASE)
    with qtbot.waitSignal(again.start.listed, timeout=10_000):  # the store is scanned in the background
        keys.press(Key.Key_Return)
    assert again.start.unfinished.count() == 1
    keys.press(Key.Key_F2)
    assert again.current_screen is again.interview
    assert again.interview.session.interview.id == interview_id
    assert again.interview.current.id == next_open


def test_given_no_sound_output_the_app_says_so_and_works_on_with_text(
    make_window, keyboard, qtbot: QtBot, fake_output
) -> None:
    def no_device() -> None:
        raise AudioUnavailable("Sound cannot be played: no loudspeaker or headset was found.")

    window = make_window(backend_factory=no_device)
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    assert window.sound_notice.isVisible()
    assert "no loudspeaker or headset" in window.sound_notice.text()
    keys.type("Post")
    keys.press(Key.Key_Tab)
    keys.type("Officer")
    keys.press(Key.Key_Return)
    keys.type("english")
    keys.press(Key.Key_Return, Key.Key_Return)
    assert window.current_screen is window.interview
    keys.press(Key.Key_Space)
    assert "no sound on this computer" in window.interview.provenance.text()
    plays = window.interview.session.state.plays
    # presented twice (on arrival, and at Space), each time as text: never logged as played, nothing was heard
    assert [(p.times, p.shown) for p in plays.values()] == [(0, 2)]
    assert fake_output.played == []


def test_space_hands_the_clip_to_the_output_before_the_play_is_written_and_synced(
    make_window, keyboard, qtbot: QtBot, fake_output
) -> None:
    """No fsync between the key and the sound: the clip goes to the output first, then the event is logged,
    still before the key is done (so before any answer can follow)."""
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "french")
    controller = window.interview.controller
    while _current_key(window) is None:  # the first message with a voice (the catalogue says which have one)
        assert controller.position < len(controller.entries) - 1, "no message of the French interview has a clip"
        keys.press(Key.Key_Right)
    window.context.audio.stop()
    qtbot.waitUntil(fake_output.settled, timeout=10_000)  # a stopped clip reaches `played` a moment after the stop
    store = window.context.unlocked
    clips_when_logged: list[int] = []
    append = store.append

    def watched(interview_id, event):  # the real append, noting what the output had been given by then
        if event.type is EventType.MESSAGE_PLAYED:
            clips_when_logged.append(len(fake_output.played))
        append(interview_id, event)

    store.append = watched  # type: ignore[method-assign]
    before = len(fake_output.played)
    qtbot.waitUntil(lambda: window.context.audio.player.cache.get(_current_key(window)) is not None, timeout=10_000)
    keys.press(Key.Key_Space)
    assert clips_when_logged == [before + 1]
    assert EventType.MESSAGE_PLAYED in [e.type for e in store.events(controller.interview.id)]


def _current_key(window):
    controller = window.interview.controller
    state, message = controller.state, controller.current
    text = window.context.content.text(state.language, message.id, state.form, state.audience)
    clip = window.context.audio.clip(state.language, message.id, state.form, state.audience, text.text)
    return None if clip is None else clip.key


def test_the_persons_view_shows_under_each_symbol_the_answer_word_in_the_persons_language(
    make_window, keyboard, qtbot: QtBot
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot, "arab", Key.Key_M)
    go_to_question(window, keys)
    keys.press(Key.Key_P)
    view = window.person_view
    content = window.context.content
    assert set(view.words) == set(Answer) - {Answer.NO_ANSWER}  # no reaction is the officer's alone
    for answer, word in view.words.items():
        expected = content.text("ar", f"answer.{answer.value}")
        assert expected is not None and word.raw_text == expected.text and word.text()
        assert word.isVisible() and word.textFormat() == QtCore.Qt.TextFormat.PlainText
        assert word.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft
    keys.press(Key.Key_P)


def test_a_clip_heard_to_the_end_and_one_stopped_early_are_logged_and_listed_apart(
    make_window, keyboard, qtbot: QtBot, fake_output
) -> None:
    window = make_window()
    keys = keyboard(window)
    start_interview(window, keys, qtbot)
    screen = window.interview

    def has_clip() -> bool:
        state, message = screen.controller.state, screen.current
        text = window.context.content.text(state.language, message.id, state.form, state.audience)
        found = window.context.audio.clip(state.language, message.id, state.form, state.audience, text.text)
        return found is not None

    while not has_clip():  # a clip whose text changed is stale until re-synthesised: not played
        keys.press(Key.Key_Right)
    message = screen.current
    qtbot.waitUntil(lambda: window.context.audio.playing is None)  # the autoplay on arrival has ended
    qtbot.wait(100)
    before = screen.controller.state.plays.get(message.id)
    heard_before = before.heard if before else 0
    keys.press(Key.Key_Space)  # the fake output plays to the end at once
    qtbot.waitUntil(lambda: screen.controller.state.plays[message.id].heard == heard_before + 1)
    if not message.is_question:
        assert screen.messages.currentItem().text().startswith("heard")
    fake_output.auto_finish = False
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: window.context.audio.playing is not None)
    keys.press(Key.Key_Escape)  # the officer stops it
    qtbot.waitUntil(lambda: screen.controller.state.plays[message.id].stopped == 1)
    plays = screen.controller.state.plays[message.id]
    assert (plays.heard, plays.stopped) == (heard_before + 1, 1)
    ended = [e for e in screen.controller.events if e.type is EventType.PLAYBACK_ENDED]
    assert [e.data["completed"] for e in ended][-2:] == [True, False]
    if not message.is_question:
        assert screen.messages.currentItem().text().startswith("heard")  # heard once: that is what counts
