"""Recording a language, message by message: the English source large and the translation beside it, a level
meter while recording, the take's warnings, and one key each to record, play back, keep and retake.

A take is processed (trimmed, loudness-normalised) and kept in the background; the level meter reads the
recorder from a timer that runs only while recording.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets

from vita.errors_text import explain

from vita.gui.context import AppContext
from vita.gui.studio.common import (
    ItemList,
    TextPair,
    progress_words,
    sitting_column,
    status_words,
    warning_words,
)
from vita.gui.widgets import KeyButton, key_action, label, plain_tooltip, refresh_style

if TYPE_CHECKING:
    import numpy as np

    from vita.studio.model import StudioItem
    from vita.studio.session import StudioSession
    from vita.studio.takes import ProcessedTake

METER_MS = 50  # the level meter's refresh while recording (20 a second: smooth enough, cheap)
METER_FLOOR_DB = -60.0
TAKE = "studio:take"  # how a take is named to the player (never a message id)


def open_recorder(context: AppContext, device: int | str | None) -> Any:
    """The microphone (or, in tests, the recorder the context was given)."""
    if context.recorder_factory is not None:
        return context.recorder_factory(device)
    from vita.studio.recorder import Recorder

    return Recorder(device)


class RecordScreen(QtWidgets.QWidget):
    back = QtCore.Signal()
    kept = QtCore.Signal(int)  # index of the item whose take was kept (after the overlay was written)
    take_ready = QtCore.Signal()  # a take was processed and is shown (and played back)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        t = context.typography
        self.setAccessibleName(tr("Recording studio: record"))
        self.session: StudioSession | None = None
        self.device: int | str | None = None
        self.recorder: Any = None
        self.recording = False
        self.take: ProcessedTake | None = None
        self.take_index = -1
        self.index = 0
        self.keeping = False  # a take is being written: no new recording until it is, then the next text
        self.meter_timer = QtCore.QTimer(self)
        self.meter_timer.setInterval(METER_MS)
        self.meter_timer.timeout.connect(self._show_level)

        self.record_action = key_action(self, tr("Record / stop"), "R", self.record_or_stop)
        self.play_action = key_action(self, tr("Play back"), "Space", self.play)
        self.keep_action = key_action(self, tr("Keep"), "K", self.keep)
        self.retake_action = key_action(self, tr("Retake"), "Backspace", self.retake)
        self.previous_action = key_action(self, tr("Previous"), "Left", self.previous, "PgUp")
        self.next_action = key_action(self, tr("Next"), "Right", self.next, "PgDown")
        self.back_action = key_action(self, tr("Back"), "Esc", self.leave)

        self.progress_text = label("", t, "muted", name=tr("Progress"))
        self.progress = QtWidgets.QProgressBar()
        self.progress.setAccessibleName(tr("Recorded so far"))
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(14)
        self.items = ItemList(t, tr("Texts of the language"))
        self.items.jump.connect(self.go_to)
        self.speaker_line = label("", t, "muted", name=tr("Speaker"))
        left = sitting_column(
            (self.speaker_line, self.progress_text, self.progress),
            self.items,
            self.previous_action,
            self.next_action,
            self.back_action,
            t,
        )

        self.heading = label("", t, "muted", name=tr("Message"))
        self.texts = TextPair(t, tr)
        self.meter = QtWidgets.QProgressBar()
        self.meter.setAccessibleName(tr("Input level"))
        self.meter.setRange(int(METER_FLOOR_DB), 0)
        self.meter.setValue(int(METER_FLOOR_DB))
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(18)
        self.state = label("", t, "body", name=tr("Recording state"))
        self.warnings = label("", t, "notice", name=tr("Warnings about the take"))
        self.warnings.setVisible(False)
        controls = QtWidgets.QHBoxLayout()
        for action in (self.record_action, self.play_action, self.keep_action, self.retake_action):
            controls.addWidget(KeyButton(action, t, primary=action is self.record_action, two_lines=True))
        meter_row = QtWidgets.QHBoxLayout()
        meter_row.addWidget(label(tr("Level:"), t, "muted"))
        meter_row.addWidget(self.meter, 1)
        right = QtWidgets.QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.heading)
        right.addWidget(self.texts, 1)
        right.addLayout(meter_row)
        right.addWidget(self.state)
        right.addWidget(self.warnings)
        right.addLayout(controls)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addLayout(right, 8)

    # -- state -----------------------------------------------------------------------------------------

    @property
    def item(self) -> StudioItem:
        assert self.session is not None
        return self.session.items[self.index]

    def attach(self, session: StudioSession, device: int | str | None) -> None:
        """Show a sitting where it was left (the session resumes it from the overlay)."""
        self.session, self.device = session, device
        self.take, self.take_index = None, -1
        self.index = min(max(0, session.position), max(0, len(session.items) - 1))
        speaker = session.speaker
        self.speaker_line.setText(
            self.context.tr("Speaker: {name} · agreed on {date}", name=speaker.name, date=speaker.consent_date)
        )
        self.items.fill(session.items, self._describe)
        self._show()

    def detach(self) -> None:
        """Stop everything (leaving the studio, locking): the recorder is closed, the take dropped."""
        self._stop_recorder()
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None
        self.context.audio.stop()
        self.session, self.take = None, None

    def _describe(self, item: StudioItem) -> str:
        return f"{item.message_id} · {self.context.tr(item.form_label)} · {status_words(item, self.context.tr)}"

    def _show(self) -> None:
        session = self.session
        if session is None or not session.items:
            self.state.setText(self.context.tr("This language has no texts to record."))
            return
        tr = self.context.tr
        item = self.item
        language = self.context.language(session.language)
        progress = session.progress()
        self.progress_text.setText(progress_words(progress, tr))
        self.progress.setMaximum(max(1, progress.total))
        self.progress.setValue(progress.recorded)
        self.heading.setText(
            tr(
                "Text {number} of {total} · {id} · {form} · now: {status}",
                number=self.index + 1,
                total=len(session.items),
                id=item.message_id,
                form=tr(item.form_label),
                status=status_words(item, tr),
            )
        )
        self.texts.show_item(item, language, tr(item.form_label))
        self.items.show_current(self.index)
        has_take = self.take is not None and self.take_index == self.index
        self.keep_action.setEnabled(has_take and self.take is not None and self.take.usable and not self.recording)
        self.retake_action.setEnabled(has_take or self.recording)
        self.previous_action.setEnabled(self.index > 0 and not self.recording)
        self.next_action.setEnabled(self.index < len(session.items) - 1 and not self.recording)
        if not has_take and not self.recording:
            self._say(
                tr(
                    "Press R and read the text aloud; R again when done (about {seconds} s).",
                    seconds=f"{item.expected_s:.0f}",
                )
            )
            self._warn([])

    def _say(self, text: str, recording: bool = False) -> None:
        role = "notice" if recording else "body"
        if self.state.property("role") != role:
            self.state.setProperty("role", role)
            refresh_style(self.state)
        self.state.setText(text)

    def _warn(self, lines: list[str], error: bool = False) -> None:
        self.warnings.setProperty("role", "error" if error else "notice")
        refresh_style(self.warnings)
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))

    # -- recording -------------------------------------------------------------------------------------

    def record_or_stop(self) -> None:
        if self.recording:
            self.stop_recording()
        else:
            self.start_recording()

    def start_recording(self) -> None:
        if self.session is None or not self.session.items or self.recording or self.keeping:
            return
        self.context.audio.stop()
        self.take, self.take_index = None, -1
        try:
            if self.recorder is None:
                self.recorder = open_recorder(self.context, self.device)
            self.recorder.start()
        except Exception as error:  # no microphone, a device gone, PortAudio refusing: say so, keep the screen
            self.recorder = None
            self._warn([explain(error, self.context.tr)], error=True)
            return
        self.recording = True
        self.meter_timer.start()
        self._show()
        self._warn([])
        self._say(self.context.tr("Recording… read the text aloud, then press R to stop."), recording=True)

    def _show_level(self) -> None:
        if self.recorder is not None and self.recording:
            level = float(self.recorder.level_db())
            self.meter.setValue(int(max(METER_FLOOR_DB, min(0.0, level))))

    def _stop_recorder(self) -> Any:
        self.meter_timer.stop()
        self.meter.setValue(int(METER_FLOOR_DB))
        if not self.recording or self.recorder is None:
            self.recording = False
            return None
        self.recording = False
        return self.recorder.stop()

    def stop_recording(self) -> None:
        """Stop, then trim and normalise the take in the background; it plays back as soon as it is ready."""
        try:
            raw = self._stop_recorder()
        except Exception as error:
            self._warn([explain(error, self.context.tr)], error=True)
            self._show()
            return
        if raw is None or self.session is None:
            return
        item, index = self.item, self.index
        self._say(self.context.tr("Preparing the take…"))
        from vita.studio.takes import process_take

        self.context.runner.run(
            lambda: process_take(raw, item),
            lambda take: self._processed(take, index),
            self._failed,
            busy=self.context.tr("Preparing the take…"),
        )

    def _processed(self, take: ProcessedTake, index: int) -> None:
        if self.session is None or index != self.index or self.recording:
            return  # the officer moved on or started again meanwhile: this take is not wanted
        self.take, self.take_index = take, index
        tr = self.context.tr
        self._show()
        warnings = [warning_words(w, tr) for w in take.warnings]
        self.warnings.setToolTip(plain_tooltip("\n".join(w.detail for w in take.warnings)))
        if take.usable:
            self._say(
                tr(
                    "Take: {seconds} s. K keeps it, Backspace records it again, Space plays it again.",
                    seconds=f"{take.duration_s:.1f}",
                )
            )
        else:
            self._say(tr("This take cannot be kept. Press Backspace or R to record it again."))
        self._warn(warnings, error=not take.usable)
        self.take_ready.emit()
        self._play_samples(take.samples, take.rate)

    def _failed(self, error: BaseException) -> None:
        self._warn([explain(error, self.context.tr)], error=True)
        self._show()

    def retake(self) -> None:
        """Drop the take (or the recording under way) and record again at once."""
        if self.session is None:
            return
        self.halt()
        self.take, self.take_index = None, -1
        self.start_recording()

    def keep(self) -> None:
        """Write the take into the overlay (in the background), then go on to the next text."""
        session, take = self.session, self.take
        if session is None or take is None or self.take_index != self.index or not take.usable or self.recording:
            return
        item, index = self.item, self.index
        self.keep_action.setEnabled(False)
        self.keeping = True
        self.context.audio.stop()

        self.context.runner.run(
            lambda: session.keep(item, take),  # the session reads the language again itself
            lambda _item: self._kept(index),
            self._keep_failed,
            busy=self.context.tr("Keeping the take…"),
        )

    def _keep_failed(self, error: BaseException) -> None:
        self.keeping = False
        self._failed(error)

    def _kept(self, index: int) -> None:
        self.keeping = False
        if self.session is None:
            return
        self.take, self.take_index = None, -1
        self.items.update_row(index, self._describe(self.session.items[index]))
        following = self.session.position  # the next text not recorded yet (the session moved on)
        if index == self.index and following != index:
            self.go_to(following)
        else:
            self._show()
            self._say(self.context.tr("Kept."))
        self.kept.emit(index)

    # -- moving and listening -----------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        if self.session is None or self.recording or not 0 <= index < len(self.session.items):
            return
        self.context.audio.stop()
        self.index = index
        self.take, self.take_index = None, -1
        try:
            self.session.go_to(index)  # remembered: the sitting resumes here
        except Exception as error:
            self._warn([explain(error, self.context.tr)], error=True)
        self._show()

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def next(self) -> None:
        self.go_to(self.index + 1)

    def play(self) -> None:
        """The take just recorded, else the clip the app plays now for this text (recorded or synthetic)."""
        if self.session is None or self.recording:
            return
        if self.take is not None and self.take_index == self.index:
            self._play_samples(self.take.samples, self.take.rate)
            return
        path = self.session.clip_path(self.item)
        if path is None:
            self._say(self.context.tr("This text has no voice yet: press R to record it."))
            return
        self._play_file(path)

    def _play_file(self, path: Path) -> None:
        from vita.audio.codec import decode

        self.context.runner.run(
            lambda: decode(path), lambda decoded: self._play_samples(decoded.samples, decoded.rate), self._failed
        )

    def _play_samples(self, samples: np.ndarray, rate: int) -> None:
        if self.session is None or self.recording:
            return
        if not self.context.audio.play_samples(self.session.language, TAKE, samples, rate):
            reason = self.context.audio.unavailable_reason or self.context.tr("There is no sound output.")
            self._warn([reason], error=True)

    def halt(self) -> None:
        """Stop and drop a recording under way (hiding the window, Esc while recording)."""
        if self.recording:
            try:
                self._stop_recorder()
            except Exception:  # the recording is dropped anyway
                self.recording = False
            self._show()

    def leave(self) -> None:
        if self.recording:
            self.halt()
            return  # Esc while recording only stops (and drops) the recording
        self.back.emit()
