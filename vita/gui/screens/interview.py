"""The interview: the current message large in the person's script (right-to-left where needed) and, smaller,
in the officer's language; play, replay, slower, stop; the answer symbols; notes; progress.

Every action has one key, shown on its button. Choosing an answer logs it at once and moves on; choosing a
different answer to a question already answered is logged as a correction, and the earlier answer stays in
the log and on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Answer, Language, Message, Translation
from vita.content.officer import N_
from vita.errors_text import explain
from vita.interview.controller import AnswerOutcome, InterviewController
from vita.interview.session import InterviewFinished, InterviewSession
from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.person_frame import PersonFrame, answer_words
from vita.gui.screens.message_list import MessageList
from vita.gui.symbols import KEYS, SHORT_LABELS
from vita.gui.widgets import (
    AnswerButton,
    FittingLabel,
    KeyButton,
    ScriptLabel,
    key_action,
    label,
    line_edit,
    refresh_style,
)

TEXT_ONLY_HINT = N_(
    "This message has no voice in this language: show the screen to the person (P), or read it out with an interpreter."
)


class InterviewScreen(QtWidgets.QWidget):
    finish_requested = QtCore.Signal()
    change_language_requested = QtCore.Signal()
    change_form_requested = QtCore.Signal()
    person_view_toggled = QtCore.Signal()
    frame_changed = QtCore.Signal(object)  # PersonFrame
    message_shown = QtCore.Signal(str)  # message id

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("Interview"))
        self.controller: InterviewController | None = None
        t = context.typography
        context.audio.started.connect(self._audio_started)
        context.audio.finished.connect(self._audio_finished)
        context.audio.failed.connect(self._audio_failed)
        context.audio.language_ready.connect(self._language_ready)

        # Actions: one key each. The answer actions also work from the person's window.
        self.replay_action = key_action(self, tr("Play / replay"), "Space", lambda: self.play(slower=False))
        self.slower_action = key_action(self, tr("Slower"), "S", lambda: self.play(slower=True))
        self.stop_action = key_action(self, tr("Stop"), "Esc", self.stop)
        self.back_action = key_action(self, tr("Back"), "Left", self.back, "Up")
        self.next_action = key_action(self, tr("Next"), "Right", self.next, "Down")
        self.enter_action = key_action(self, tr("Save note"), "Return", self._enter, "Enter")
        self.note_action = key_action(self, tr("Write a note"), "T", self.focus_note)
        self.language_action = key_action(self, tr("Change language"), "L", self.change_language_requested.emit)
        self.form_action = key_action(self, tr("Change form or age"), "G", self.change_form_requested.emit)
        self.person_action = key_action(self, tr("Person's view"), "P", self.person_view_toggled.emit)
        self.finish_action = key_action(self, tr("End the interview"), "E", self.end_interview)
        self.end_armed = False  # E was pressed once with questions left: a second E ends the interview
        # Anyone may be asked their age: plays children.under_18; a yes switches to child mode (the controller).
        self.child_action = key_action(self, tr("May be a child"), "A", self.ask_age)
        self.answer_actions = {a: self._answer_action(a) for a in Answer}
        self.person_actions = [*self.answer_actions.values(), self.replay_action, self.slower_action,
                               self.stop_action, self.back_action, self.next_action, self.person_action]  # fmt: skip

        # Left: where we are.
        self.progress_text = label("", t, "muted", name=tr("Progress"))
        self.progress = QtWidgets.QProgressBar()
        self.progress.setAccessibleName(tr("Progress through the messages"))
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(14)
        self.messages = MessageList(t, tr)
        self.messages.jump.connect(self.go_to)
        left = QtWidgets.QVBoxLayout()
        left.addWidget(self.progress_text)
        left.addWidget(self.progress)
        left.addWidget(self.messages, 1)
        for action in (self.language_action, self.form_action, self.child_action, self.person_action,
                       self.finish_action):  # fmt: skip
            left.addWidget(KeyButton(action, t))

        # Right: the message.
        self.group = label("", t, "muted", name=tr("Group"))
        self.provenance = label("", t, "provenance", name=tr("Where the text and voice come from"))
        self.provenance.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.provenance.setWordWrap(False)
        self.message = FittingLabel(t, "message", tr("The message in the person's language"), largest=3.2)
        self.officer_text = ScriptLabel(t, "officer-text", tr("The message in the officer's language"))
        self.officer_note = label("", t, "officer-note", name=tr("Note for the officer"))
        self.status = label("", t, "notice", name=tr("What was just saved"))
        self.status.setVisible(False)
        self.answer_buttons = {a: AnswerButton(a, self.answer_actions[a], t, 60) for a in Answer}
        self.note = line_edit(t, tr("Note"), tr("A note about this message (press T to write, Enter to save)"))
        self.notes_count = label("", t, "muted", name=tr("Notes saved"))

        heading = QtWidgets.QHBoxLayout()
        heading.addWidget(self.group, 1)
        heading.addWidget(self.provenance)
        controls = QtWidgets.QHBoxLayout()
        for action in (self.replay_action, self.slower_action, self.stop_action, self.back_action, self.next_action):
            # Two lines (words over key) keep the row narrow enough for a 125 % screen.
            controls.addWidget(KeyButton(action, t, primary=action is self.replay_action, two_lines=True))
        answers = QtWidgets.QHBoxLayout()
        for button in self.answer_buttons.values():
            answers.addWidget(button)
        notes = QtWidgets.QHBoxLayout()
        notes.addWidget(self.note, 1)
        notes.addWidget(KeyButton(self.note_action, t))
        notes.addWidget(self.notes_count)
        right = QtWidgets.QVBoxLayout()
        right.setSpacing(8)
        right.addLayout(heading)
        right.addWidget(self.message, 1)
        right.addWidget(self.officer_text)
        right.addWidget(self.officer_note)
        right.addWidget(self.status)
        right.addLayout(controls)
        right.addLayout(answers)
        right.addLayout(notes)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addLayout(right, 8)

    def _answer_action(self, answer: Answer) -> QtGui.QAction:
        return key_action(self, self.context.tr(SHORT_LABELS[answer]), KEYS[answer], lambda: self.answer(answer))

    @property
    def _officer_script(self) -> str:
        """The script the officer reads (the officer's text is shown in its font and direction)."""
        code = self.context.officer_language
        return self.context.language(code).script if code in self.context.content.translations else "Latn"

    # -- state -----------------------------------------------------------------------------------------

    @property
    def session(self) -> InterviewSession | None:
        return self.controller.session if self.controller is not None else None

    @property
    def plan(self) -> tuple[Message, ...]:
        return self.controller.plan if self.controller is not None else ()

    @property
    def position(self) -> int:
        return self.controller.position if self.controller is not None else 0

    @property
    def current(self) -> Message:
        assert self.controller is not None
        return self.controller.current

    @property
    def language(self) -> Language:
        assert self.controller is not None
        return self.context.language(self.controller.state.language)

    def attach(self, controller: InterviewController) -> None:
        """Show an interview where its controller stands."""
        self.controller = controller
        state = controller.state
        self._fill_list()
        # Decode in interview order, from where the interview stands: its next clips are ready first.
        self.context.audio.prepare_language(state.language, state.form, state.audience, order=controller.upcoming())
        self._show_status("")
        self._refresh()

    def _fill_list(self) -> None:
        assert self.controller is not None
        self.messages.fill(self.controller.entries, self.context.content.catalogue.groups, self.context.officer_text)

    def detach(self) -> None:
        self.context.audio.stop()
        self.controller = None

    def _text(self, message: Message) -> Translation | None:
        assert self.controller is not None
        state = self.controller.state
        return self.context.content.text(state.language, message.id, state.form, state.audience)

    def end_interview(self) -> None:
        """Ending early is deliberate: the first E says how many questions were not answered, the second ends."""
        if self.controller is None:
            return
        progress = self.controller.progress()
        left = progress.questions - progress.answered
        if left > 0 and not self.end_armed:
            self.end_armed = True
            self._show_status(
                self.context.tr(
                    "{count} of {total} questions have no answer yet. Press E again to end the interview now, "
                    "or go on with the questions.",
                    count=left,
                    total=progress.questions,
                ),
                error=True,
            )
            return
        self.end_armed = False
        self.context.audio.stop()
        self.finish_requested.emit()

    def _refresh(self) -> None:
        self.end_armed = False  # any move or answer withdraws a pending "press E again"
        if self.controller is None:
            return
        state = self.controller.state
        message = self.current
        language = self.language
        translation = self._text(message)
        tr = self.context.tr
        groups = {g.id: tr.content("group", g.id, g.name) for g in self.context.content.catalogue.groups}
        progress = self.controller.progress()
        # Short on the line (it must fit a 125 % screen); the tooltip says what "pending" means.
        waiting = " " + tr("({count} pending)", count=progress.pending) if progress.pending else ""
        self.progress_text.setToolTip(
            tr("{count} of the questions are asked only if an earlier answer calls for it.", count=progress.pending)
            if progress.pending
            else ""
        )
        self.progress_text.setText(
            tr(
                "Message {number} of {total} · {answered} of {questions} questions answered",
                number=progress.position + 1,
                total=progress.total,
                answered=progress.answered,
                questions=progress.questions,
            )
            + waiting
        )
        self.progress.setMaximum(progress.total)
        self.progress.setValue(progress.position + 1)
        self.group.setText(
            f"{groups.get(message.group, message.group)} · {language.english_name} ({language.native_name})"
        )
        if translation is not None:
            self.message.setProperty("role", "message")
            self.message.show_text(translation.text, language.script, language.is_rtl)
        else:
            self.message.setProperty("role", "notice")
            self.message.show_text(
                tr(
                    "This message has no {language} translation. Skip it, or use an interpreter.",
                    language=language.english_name,
                ),
                self._officer_script,
                tr.is_rtl,
            )
        refresh_style(self.message)
        self.officer_text.show_text(self.context.officer_text(message.id), self._officer_script, tr.is_rtl)
        why = self.controller.describe(self.controller.current_entry, tr)
        note = tr("For you: {note}", note=self.context.officer_note(message.id))
        self.officer_note.setText(note + (f" ({why})" if why else ""))
        self.provenance.setText(self._provenance(message, translation))
        self._sync_voice_controls(message, translation)
        current = state.answer(message.id)
        for answer, button in self.answer_buttons.items():
            allowed = message.is_question and answer in message.answers
            self.answer_actions[answer].setEnabled(allowed)
            button.setVisible(message.is_question)
            button.setChecked(current is answer)
        record = state.answers.get(message.id)
        notes = [n for n in state.notes if n.message_id == message.id]
        self.notes_count.setText(tr("1 note here") if len(notes) == 1 else tr("{count} notes here", count=len(notes)))
        if record is not None and record.corrected and not self.status.isVisible():
            earlier = ", ".join(tr(SHORT_LABELS[a]) for a, _at in record.history)
            self._show_status(
                tr(
                    "Corrected: earlier answer {earlier}; now {answer}. Both are kept.",
                    earlier=earlier,
                    answer=tr(SHORT_LABELS[record.answer]),
                )
            )
        self.back_action.setEnabled(not self.controller.at_start)
        if self.messages.plan != self.controller.plan:  # "may be a child", child mode or a new age: a new plan
            self._fill_list()
        self.messages.show_state(self.controller)
        self.frame_changed.emit(
            PersonFrame(
                translation.text if translation else "",
                language.script,
                language.is_rtl,
                message.is_question,
                current,
                answer_words(self.context.content, state.language),
            )
        )
        self.message_shown.emit(message.id)

    def _sync_voice_controls(self, message: Message, translation: Translation | None) -> None:
        """A message with no clip is shown, not played: the controls say so and the voice-only ones rest."""
        assert self.controller is not None
        state = self.controller.state
        text = translation.text if translation else None
        clip = self.context.audio.clip(state.language, message.id, state.form, state.audience, text)
        has_voice = self.context.audio.audible(clip) is not None
        tr = self.context.tr
        # On its own line after the colon: the longer words keep the button as narrow as "Play / replay".
        shown = tr("Text only: show the screen").replace(": ", ":\n", 1)
        self.replay_action.setText(tr("Play / replay") if has_voice else shown)
        self.slower_action.setEnabled(has_voice)
        self.stop_action.setEnabled(True)  # Esc also leaves the note field: never disabled

    def _provenance(self, message: Message, translation: Translation | None) -> str:
        assert self.controller is not None
        state = self.controller.state
        tr = self.context.tr
        parts = []
        if translation is None:
            parts.append(tr("no translation"))
        elif translation.is_draft:
            parts.append(tr("draft translation"))
        else:
            parts.append(tr("reviewed by {reviewer}", reviewer=translation.reviewer))
        clip = self.context.audio.clip(
            state.language, message.id, state.form, state.audience, translation.text if translation else None
        )
        voice = self.context.audio.audible(clip)
        if voice is None:
            parts.append(tr("text only, no voice"))
        elif voice.is_synthetic:
            parts.append(tr("synthetic voice"))
        if clip is not None and not self.context.audio.available:
            parts.append(tr("no sound on this computer"))
        return " · ".join(parts)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setProperty("role", "error" if error else "notice")
        refresh_style(self.status)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- actions ---------------------------------------------------------------------------------------

    def go_to(self, position: int, autoplay: bool = False) -> None:
        if self.controller is None or not self.controller.go_to(position):
            return
        self._moved(autoplay)

    def _moved(self, autoplay: bool) -> None:
        self.context.audio.stop()
        self._show_status("")
        self._refresh()
        if autoplay and bool(self.context.settings.get("autoplay")):
            self.play()

    def next(self) -> None:
        if self.controller is None:
            return
        if not self.controller.next():
            self.context.audio.stop()
            self.finish_requested.emit()
            return
        self._moved(autoplay=True)

    def back(self) -> None:
        if self.controller is not None and self.controller.back():
            self._moved(autoplay=False)

    def play(self, slower: bool = False) -> None:
        """Play the current message (or show it, when it has no voice), then log that it was presented.

        The sound goes first: logging syncs the store to the disk (a few milliseconds, longer on an old
        disk), and the person should not wait for that. The event is still durable before this returns,
        so before any next key (an answer) is handled."""
        if self.controller is None:
            return
        message = self.current
        state = self.controller.state
        translation = self._text(message)
        if translation is None:
            return
        clip = self.context.audio.clip(state.language, message.id, state.form, state.audience, translation.text)
        if clip is None and slower:
            return  # no voice to slow down: the control says so (see _sync_voice_controls)
        # The sound starts before the play event is written and synced: the officer hears it at once.
        playing = clip is not None and self.context.audio.play(clip, slower=slower)
        # Not heard (no clip, one refused now or before, or no sound output): the message was shown as text.
        shown = not playing
        if not self._log(lambda c: c.played(slow=slower, shown=shown)):
            return
        if shown and clip is not None:
            self._voice_changed()  # the refusal's words come with `failed`
        if playing:
            self._show_status(self.context.tr("Playing slower…") if slower else "")
        elif clip is None:  # Space on a text-only message: say what to do instead of staying silent
            self._show_status(self.context.tr(TEXT_ONLY_HINT))
        self.messages.show_state(self.controller)

    def stop(self) -> None:
        if self.note.hasFocus():
            self.setFocus()
        self.context.audio.stop()

    def answer(self, answer: Answer) -> None:
        """Tell the controller the answer; it logs it (a different one is a correction) and moves on."""
        if self.controller is None or not self.current.is_question:
            return
        outcome = self._log(lambda c: c.answer(answer))
        if not isinstance(outcome, AnswerOutcome):
            return
        if not outcome.moved_on:
            self.context.audio.stop()
            self.finish_requested.emit()
            return
        self._moved(autoplay=True)
        if outcome.corrected:
            assert outcome.before is not None
            tr = self.context.tr
            self._show_status(
                tr(
                    "Corrected “{question}”: {before} → {after}. The earlier answer stays in the record.",
                    question=self.context.officer_text(outcome.message_id),
                    before=tr(SHORT_LABELS[outcome.before]),
                    after=tr(SHORT_LABELS[answer]),
                )
            )

    def ask_age(self) -> None:
        """The officer's "this person may be a child": go to the age question and play it."""
        if self.controller is not None and self._log(lambda c: c.ask_age()):
            self._moved(autoplay=True)

    def focus_note(self) -> None:
        self.note.setFocus()

    def _enter(self) -> None:
        if self.note.hasFocus():
            self.save_note()
        else:
            self.next()

    def save_note(self) -> None:
        if self.controller is None or not self.note.text().strip():
            return
        text = self.note.text()
        if self._log(lambda c: c.note(text)) is not None:
            self.note.clear()
            self.setFocus()
            self._show_status(self.context.tr("Note saved."))
            self._refresh()

    def _log(self, action: Callable[[InterviewController], object]) -> object:
        """Tell the controller what the officer did; on failure say so, change nothing on screen, return None."""
        assert self.controller is not None
        try:
            return action(self.controller)
        except (StoreError, InterviewFinished) as error:
            self._show_status(explain(error, self.context.tr), error=True)
            return None

    # -- audio signals ---------------------------------------------------------------------------------

    def _audio_started(self, language: str, message_id: str, slower: bool) -> None:
        if self.controller is not None and message_id == self.current.id:
            tr = self.context.tr
            self.provenance.setText(
                (tr("playing slower · ") if slower else tr("playing · "))
                + self._provenance(self.current, self._text(self.current))
            )

    def _audio_finished(self, language: str, message_id: str, completed: bool) -> None:
        if self.controller is not None:
            # Heard to the end or stopped early: the controller logs it for the clip it started (once). Not
            # once the screen is gone (locked, closed): the store may be shut, and no one stopped anything.
            if self.isVisible():
                self._log(lambda c: c.playback_ended(message_id, completed))
            self.provenance.setText(self._provenance(self.current, self._text(self.current)))
            self.messages.show_state(self.controller)

    def _audio_failed(self, text: str) -> None:
        if self.isVisible():
            self._show_status(
                self.context.tr("{problem} The text is on the screen: show it to the person.", problem=text),
                error=True,
            )
            self._voice_changed()

    def _language_ready(self, language: str, clips: int) -> None:
        self._voice_changed()  # its clips that could not be used are refused now

    def _voice_changed(self) -> None:
        """A clip was refused (when played, or while the language decoded): the current message's controls and
        provenance say whether it still has a voice."""
        if self.controller is not None and self.isVisible():
            message = self.current
            translation = self._text(message)
            self._sync_voice_controls(message, translation)
            if self.context.audio.playing is None:  # "playing · …" stays while a clip is heard
                self.provenance.setText(self._provenance(message, translation))
