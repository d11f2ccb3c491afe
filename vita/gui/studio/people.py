"""Who records and who reviews: the speaker (name, place, their consent with its date, the microphone) and the
reviewer (name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.content.model import Language

from vita.gui.context import AppContext
from vita.gui.studio.common import form_page, key_row, language_name
from vita.gui.widgets import key_action, label, line_edit

if TYPE_CHECKING:
    from vita.studio.recorder import InputDevice

DEFAULT_DEVICE = -1  # the combo box's data for "the system's default input"


class PersonScreen(QtWidgets.QWidget):
    """What the speaker's and the reviewer's screens share: a heading naming the language, the person's name, a
    line for what is wrong, and the keys to start and to go back."""

    back = QtCore.Signal()

    def __init__(self, context: AppContext, title: str, heading: str, name: str, name_hint: str, start: str) -> None:
        super().__init__()
        self.context = context
        t = context.typography
        self.setAccessibleName(title)
        self.code = ""
        self.heading = label("", t, "title", bold=True, name=heading)
        self.name = line_edit(t, name, name_hint)
        self.problem = label("", t, "error", name=context.tr("Problem"))
        self.problem.setVisible(False)
        self.start_action = key_action(self, start, "Return", self.start, "Enter")
        self.back_action = key_action(self, context.tr("Back"), "Esc", self.back.emit)

    def _lay_out(self, info: str, form: QtWidgets.QFormLayout) -> None:
        t = self.context.typography
        actions = key_row((self.start_action, self.back_action), t)
        form_page(self, self.heading, label(info, t, "info"), form, self.problem, actions)

    def _show_language(self, language: Language, heading: str) -> None:
        self.code = language.code
        self.heading.setText(heading)
        self.show_problem("")

    def _given_name(self, missing: str) -> str | None:
        """The name typed, or None: then the screen says what is missing (`missing`) and the field has the focus."""
        name = self.name.text().strip()
        if not name:
            self.show_problem(missing)
            self.name.setFocus()
            return None
        return name

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.name

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def start(self) -> None:
        raise NotImplementedError


class SpeakerScreen(PersonScreen):
    chosen = QtCore.Signal(str, object, object)  # language code, Speaker, input device (int, or None: default)

    def __init__(self, context: AppContext) -> None:
        tr = context.tr
        super().__init__(
            context,
            tr("Recording studio: speaker"),
            tr("Language to record"),
            tr("Speaker's name"),
            tr("the person whose voice is recorded"),
            tr("Start recording"),
        )
        t = context.typography
        self.place = line_edit(t, tr("Place"), tr("where the recording is made (optional)"))
        self.consent = QtWidgets.QCheckBox()
        self.consent.setAccessibleName(tr("The speaker agreed"))
        t.apply(self.consent)
        self.consent_text = label("", t, name=tr("What the speaker agrees to"))
        self.device = QtWidgets.QComboBox()
        self.device.setAccessibleName(tr("Microphone"))
        t.apply(self.device)

        consent_row = QtWidgets.QHBoxLayout()
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_text, 1)
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(label(tr("Speaker's name:"), t), self.name)
        form.addRow(label(tr("Place:"), t), self.place)
        form.addRow(label(tr("Consent:"), t), consent_row)
        form.addRow(label(tr("Microphone:"), t), self.device)
        self._lay_out(
            tr(
                "Each text is shown in English and in the language. The speaker reads the translation aloud; "
                "the coordinator presses the keys. A sitting can be left at any time and resumed later."
            ),
            form,
        )

    def prepare(self, language: Language) -> None:
        tr = self.context.tr
        self._show_language(language, tr("Record {language}", language=language_name(language)))
        self.consent.setChecked(False)  # asked again at every sitting
        self.name.selectAll()  # the last speaker's name, replaced by typing another
        self.consent_text.setText(
            tr(
                "The speaker agreed, today ({date}), that their voice is recorded and played to people in "
                "interviews of this deployment. (Space ticks the box when it has the focus.)",
                date=self.today,
            )
        )
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

    def start(self) -> None:
        from vita.studio.model import Speaker

        tr = self.context.tr
        name = self._given_name(tr("Type the speaker's name: each clip records whose voice it is."))
        if name is None:
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


class ReviewerScreen(PersonScreen):
    chosen = QtCore.Signal(str, str)  # language code, reviewer's name

    def __init__(self, context: AppContext) -> None:
        tr = context.tr
        super().__init__(
            context,
            tr("Recording studio: reviewer"),
            tr("Language to review"),
            tr("Reviewer's name"),
            tr("who reads and listens"),
            tr("Start the review"),
        )
        form = QtWidgets.QFormLayout()
        form.addRow(label(tr("Reviewer's name:"), context.typography), self.name)
        self._lay_out(
            tr(
                "The reviewer reads each translation and listens to each clip: V marks the text reviewed, "
                "A approves the clip, C writes a comment for the translator. The name is written beside "
                "each mark."
            ),
            form,
        )

    def prepare(self, language: Language) -> None:
        self._show_language(language, self.context.tr("Review {language}", language=language_name(language)))

    def start(self) -> None:
        name = self._given_name(self.context.tr("Type the reviewer's name: it is written beside each mark."))
        if name is None:
            return
        self.show_problem("")
        self.chosen.emit(self.code, name)
