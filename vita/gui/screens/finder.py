"""The language finder, for when the officer cannot tell the person's language: it plays, one language after
another, "if you understand this language, please raise your hand", showing the language's name large in its
own script, until the officer stops it on the one the person reacted to.

A language without a clip shows the sentence as text for a while instead. Advancing is driven by the
player's "finished" signal and one single-shot timer for the pause, so nothing polls.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from vita.content.model import Audience, Form, Language
from vita.content.officer import N_
from vita.interview.plan import FINDER_MESSAGE

from vita.gui.context import AppContext
from vita.gui.widgets import KeyButton, ScriptLabel, key_action, label

INTRO = N_(
    "Each language says: “If you understand this language, please raise your hand.” "
    "Watch the person. Press Enter as soon as they react."
)


class FinderScreen(QtWidgets.QWidget):
    chosen = QtCore.Signal(str)
    cancelled = QtCore.Signal()
    language_shown = QtCore.Signal(str)  # a language's turn began
    round_finished = QtCore.Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("Language finder"))
        t = context.typography
        self.languages: list[Language] = list(context.content.languages)
        self.index = 0
        self.running = False
        self._waiting_for_clip = False
        self._advance = QtCore.QTimer(self)
        self._advance.setSingleShot(True)
        self._advance.timeout.connect(self._next_automatically)
        context.audio.finished.connect(self._clip_finished)

        self.counter = label("", t, "muted", name=tr("Which language of how many"))
        self.native = ScriptLabel(t, "finder-name", tr("Language name in its own script"))
        self.english = label("", t, "title", name=tr("Language name in English"))
        self.english.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter)
        self.sentence = ScriptLabel(t, "message", tr("The sentence in this language"))
        self.mode = label("", t, "provenance", name=tr("Sound or text"))
        self.mode.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter)
        self.status = label("", t, "notice", name=tr("Finder status"))
        self.status.setVisible(False)

        self.choose_action = key_action(self, tr("This one — the person reacted"), "Return", self.choose, "Enter")
        self.previous_action = key_action(self, tr("Previous language"), "Left", self.previous)
        self.next_action = key_action(self, tr("Next language"), "Right", self.next)
        self.replay_action = key_action(self, tr("Again, and wait"), "Space", self.replay)
        self.stop_action = key_action(self, tr("Stop the finder"), "Esc", self.cancel)

        top = QtWidgets.QHBoxLayout()
        top.addWidget(label(tr(INTRO), t), 1)
        top.addWidget(self.counter)
        buttons = QtWidgets.QHBoxLayout()
        for action, primary in ((self.stop_action, False), (self.previous_action, False), (self.replay_action, False),
                                (self.next_action, False), (self.choose_action, True)):  # fmt: skip
            buttons.addWidget(KeyButton(action, t, primary=primary, two_lines=True))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.native)
        layout.addWidget(self.english)
        layout.addWidget(self.mode)
        layout.addSpacing(8)
        layout.addWidget(self.sentence)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)

    @property
    def current(self) -> Language:
        return self.languages[self.index]

    def start(self, languages: list[Language] | None = None) -> None:
        """Begin with the first language (of all, or of those the grid showed)."""
        self.languages = list(languages or self.context.content.languages)
        self.index = 0
        self.running = True
        self._show()

    def halt(self) -> None:
        """Stop playing and advancing (leaving the screen, hiding, locking)."""
        self.running = False
        self._advance.stop()
        self._waiting_for_clip = False
        self.context.audio.stop()

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        self.halt()
        super().hideEvent(event)

    def _seconds(self, key: str) -> int:
        return max(0, int(float(self.context.settings.get(key)) * 1000))

    def _show(self) -> None:
        language = self.current
        self.status.setVisible(False)
        self.counter.setText(
            self.context.tr("Language {number} of {total}", number=self.index + 1, total=len(self.languages))
        )
        self.native.show_text(language.native_name, language.script, language.is_rtl, align_center=True)
        self.english.setText(language.english_name)
        translation = self.context.content.text(language.code, FINDER_MESSAGE)
        text = translation.text if translation else ""
        self.sentence.show_text(text, language.script, language.is_rtl, align_center=True)
        self.setAccessibleDescription(f"{language.english_name}: {text}")
        self._advance.stop()
        clip = self.context.audio.clip(language.code, FINDER_MESSAGE, Form.UNSPECIFIED, Audience.ADULT, text or None)
        self._waiting_for_clip = False
        if clip is not None and self.context.audio.play(clip):
            self._waiting_for_clip = True
            self.mode.setText("playing — synthetic voice" if clip.is_synthetic else "playing")
        else:
            self.mode.setText("text only — no voice for this language" if clip is None else "text only — no sound")
            if self.running:
                self._advance.start(self._seconds("finder_text_seconds"))
        self.language_shown.emit(language.code)

    def _clip_finished(self, language: str, message_id: str, completed: bool) -> None:
        if not (self._waiting_for_clip and message_id == FINDER_MESSAGE and language == self.current.code):
            return
        self._waiting_for_clip = False
        if completed and self.running and self.isVisible():
            self._advance.start(self._seconds("finder_pause_seconds"))

    def _next_automatically(self) -> None:
        if not self.running:
            return
        if self.index + 1 >= len(self.languages):
            self.running = False
            self.status.setText(
                self.context.tr("That was every language. Press → to go round again, or Esc to choose from the list.")
            )
            self.status.setVisible(True)
            self.round_finished.emit()
            return
        self.index += 1
        self._show()

    def next(self) -> None:
        self.running = True
        self.index = (self.index + 1) % len(self.languages)
        self._show()

    def previous(self) -> None:
        self.running = True
        self.index = (self.index - 1) % len(self.languages)
        self._show()

    def replay(self) -> None:
        """Say this language again and stay on it until the officer moves on."""
        self.running = False
        self._show()

    def choose(self) -> None:
        code = self.current.code
        self.halt()
        self.chosen.emit(code)

    def cancel(self) -> None:
        self.halt()
        self.cancelled.emit()
