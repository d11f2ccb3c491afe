"""Who records and who reviews: the speaker (name, place, their consent with its date, the microphone) and the
reviewer (name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.content.model import Language

from vita.gui.context import AppContext
from vita.gui.studio.common import form_page, key_row
from vita.gui.widgets import key_action, label, line_edit

if TYPE_CHECKING:
    from vita.studio.recorder import InputDevice

DEFAULT_DEVICE = -1  # the combo box's data for "the system's default input"


class SpeakerScreen(QtWidgets.QWidget):
    chosen = QtCore.Signal(str, object, object)  # language code, Speaker, input device (int, or None: default)
    back = QtCore.Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        t = context.typography
        self.setAccessibleName(tr("Recording studio: speaker"))
        self.code = ""
        self.heading = label("", t, "title", bold=True, name=tr("Language to record"))
        self.name = line_edit(t, tr("Speaker's name"), tr("the person whose voice is recorded"))
        self.place = line_edit(t, tr("Place"), tr("where the recording is made (optional)"))
        self.consent = QtWidgets.QCheckBox()
        self.consent.setAccessibleName(tr("The speaker agreed"))
        t.apply(self.consent)
        self.consent_text = label("", t, name=tr("What the speaker agrees to"))
        self.device = QtWidgets.QComboBox()
        self.device.setAccessibleName(tr("Microphone"))
        t.apply(self.device)
        self.problem = label("", t, "error", name=tr("Problem"))
        self.problem.setVisible(False)
        self.start_action = key_action(self, tr("Start recording"), "Return", self.start, "Enter")
        self.back_action = key_action(self, tr("Back"), "Esc", self.back.emit)

        consent_row = QtWidgets.QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_text, 1)
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(label(tr("Speaker's name:"), t), self.name)
        form.addRow(label(tr("Place:"), t), self.place)
        form.addRow(label(tr("Consent:"), t), consent_row)
        form.addRow(label(tr("Microphone:"), t), self.device)
        form_page(
            self,
            self.heading,
            label(
                tr(
                    "Each text is shown in English and in the language. The speaker reads the translation aloud; "
                    "the coordinator presses the keys. A sitting can be left at any time and resumed later."
                ),
                t,
                "info",
            ),
            form,
            self.problem,
            key_row((self.start_action, self.back_action), t),
        )

    def prepare(self, language: Language) -> None:
        tr = self.context.tr
        self.code = language.code
        self.heading.setText(tr("Record {language}", language=f"{language.english_name} ({language.native_name})"))
        self.consent.setChecked(False)  # asked again at every sitting
        self.name.selectAll()  # the last speaker's name, replaced by typing another
        self.consent_text.setText(
            tr(
                "The speaker agreed, today ({date}), that their voice is recorded and played to people in "
                "interviews of this deployment. (Space ticks the box when it has the focus.)",
                date=self.today,
            )
        )
        self.show_problem("")
        self._list_devices([])
        from vita.studio.recorder import input_devices  # opens PortAudio: in the background

        self.context.runner.run(input_devices, self._list_devices, lambda _error: None)

    @property
    def today(self) -> str:
        return self.context.clock().astimezone().date().isoformat()

    def _list_devices(self, devices: list[InputDevice]) -> None:
        chosen = self.device.currentData()
        self.device.clear()
        self.device.addItem(self.context.tr("The system's default input"), DEFAULT_DEVICE)
        for device in devices:
            self.device.addItem(f"{device.name} ({device.rate} Hz)", device.index)
        found = self.device.findData(chosen)
        self.device.setCurrentIndex(max(0, found))

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.name

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def start(self) -> None:
        from vita.studio.model import Speaker

        tr = self.context.tr
        name = self.name.text().strip()
        if not name:
            self.show_problem(tr("Type the speaker's name: each clip records whose voice it is."))
            self.name.setFocus()
            return
        if not self.consent.isChecked():
            self.show_problem(
                tr("Nothing is recorded without the speaker's agreement. Tick the box once they have agreed.")
            )
            self.consent.setFocus()
            return
        data = self.device.currentData()
        device = None if data is None or int(data) == DEFAULT_DEVICE else int(data)
        speaker = Speaker(name, True, self.today, self.place.text().strip())
        self.show_problem("")
        self.chosen.emit(self.code, speaker, device)


class ReviewerScreen(QtWidgets.QWidget):
    chosen = QtCore.Signal(str, str)  # language code, reviewer's name
    back = QtCore.Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        t = context.typography
        self.setAccessibleName(tr("Recording studio: reviewer"))
        self.code = ""
        self.heading = label("", t, "title", bold=True, name=tr("Language to review"))
        self.name = line_edit(t, tr("Reviewer's name"), tr("who reads and listens"))
        self.problem = label("", t, "error", name=tr("Problem"))
        self.problem.setVisible(False)
        self.start_action = key_action(self, tr("Start the review"), "Return", self.start, "Enter")
        self.back_action = key_action(self, tr("Back"), "Esc", self.back.emit)
        form = QtWidgets.QFormLayout()
        form.addRow(label(tr("Reviewer's name:"), t), self.name)
        form_page(
            self,
            self.heading,
            label(
                tr(
                    "The reviewer reads each translation and listens to each clip: V marks the text reviewed, "
                    "A approves the clip, C writes a comment for the translator. The name is written beside "
                    "each mark."
                ),
                t,
                "info",
            ),
            form,
            self.problem,
            key_row((self.start_action, self.back_action), t),
        )

    def prepare(self, language: Language) -> None:
        self.code = language.code
        self.heading.setText(
            self.context.tr("Review {language}", language=f"{language.english_name} ({language.native_name})")
        )
        self.show_problem("")

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.name

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def start(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_problem(self.context.tr("Type the reviewer's name: it is written beside each mark."))
            self.name.setFocus()
            return
        self.show_problem("")
        self.chosen.emit(self.code, name)
