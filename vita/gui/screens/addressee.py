"""How to address the person: woman, man or not specified; adult or child. Many languages inflect "you" by
gender, and children are addressed differently. Child mode brings the children's questions forward."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6 import QtCore, QtWidgets

from vita.content.model import Audience, Form, Language
from vita.content.officer import N_
from vita.interview.plan import interview_plan

from vita.gui.context import AppContext
from vita.gui.widgets import KeyButton, ScriptLabel, key_action, label

FORM_CHOICES = (
    (Form.FEMALE, N_("Woman or girl"), "W"),
    (Form.MALE, N_("Man or boy"), "M"),
    (Form.UNSPECIFIED, N_("Not specified"), "X"),
)
AUDIENCE_CHOICES = ((Audience.ADULT, N_("Adult"), "A"), (Audience.CHILD, N_("Child (under 18, or may be)"), "C"))
Choice = TypeVar("Choice", Form, Audience)
CHILD_NOTE = N_(
    "Child mode: the children's questions come straight after the opening, the opening reassures a child, and "
    "the record refers the child to child protection without needing consent. When in doubt about age, choose child."
)


class AddresseeScreen(QtWidgets.QWidget):
    chosen = QtCore.Signal(object, object)  # Form, Audience
    back = QtCore.Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("How to address the person"))
        t = context.typography
        self.language: Language = context.content.languages[0]
        self.form = Form.UNSPECIFIED
        self.audience = Audience.ADULT
        form_box, self.form_buttons = self._choices(
            tr("Address the person as:"), FORM_CHOICES, lambda form: self._set(form=form)
        )
        audience_box, self.audience_buttons = self._choices(
            tr("Age:"), AUDIENCE_CHOICES, lambda audience: self._set(audience=audience)
        )

        self.child_note = label(tr(CHILD_NOTE), t, "info")
        self.summary = label("", t, "muted", name=tr("What the interview will contain"))
        self.preview_title = label(tr("The greeting in this form:"), t, "muted")
        self.preview = ScriptLabel(t, "officer-text", tr("The greeting as the person will hear it"))
        self.continue_action = key_action(self, tr("Continue to the questions"), "Return", self.confirm, "Enter")
        self.back_action = key_action(self, tr("Back to the languages"), "Esc", self.back.emit)

        choices = QtWidgets.QHBoxLayout()
        choices.addLayout(form_box, 1)
        choices.addSpacing(40)
        choices.addLayout(audience_box, 1)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(KeyButton(self.back_action, t))
        buttons.addStretch(1)
        buttons.addWidget(KeyButton(self.continue_action, t, primary=True))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(12)
        layout.addLayout(choices)
        layout.addWidget(self.child_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _radio(self, text: str, name: str) -> QtWidgets.QRadioButton:
        button = QtWidgets.QRadioButton(text)
        button.setAccessibleName(name)
        self.context.typography.apply(button, "title")
        return button

    def _choices(
        self, title: str, choices: Sequence[tuple[Choice, str, str]], chosen: Callable[[Choice], object]
    ) -> tuple[QtWidgets.QVBoxLayout, dict[Choice, QtWidgets.QRadioButton]]:
        """A titled column of radio buttons, one a choice with its key, only one of them on; `chosen` hears of
        the one turned on."""
        t, tr = self.context.typography, self.context.tr
        box = QtWidgets.QVBoxLayout()
        box.addWidget(label(title, t, "title", bold=True))
        values = [value for value, _english, _key in choices]
        group = QtWidgets.QButtonGroup(self)
        group.idToggled.connect(lambda index, on: chosen(values[index]) if on else None)
        buttons = {}
        for index, (value, english, key) in enumerate(choices):
            text = tr(english)
            button = self._radio(f"{text}   [{key}]", text)
            key_action(self, text, key, button.click)
            group.addButton(button, index)
            buttons[value] = button
            box.addWidget(button)
        return box, buttons

    def prepare(self, language: Language, form: Form = Form.UNSPECIFIED, audience: Audience = Audience.ADULT) -> None:
        self.language = language
        self.form_buttons[form].setChecked(True)
        self.audience_buttons[audience].setChecked(True)
        self._set(form=form, audience=audience)
        self.setFocus()

    def _set(self, form: Form | None = None, audience: Audience | None = None) -> None:
        self.form = form or self.form
        self.audience = audience or self.audience
        self.child_note.setVisible(self.audience is Audience.CHILD)
        # The deployment's modules too: the same plan the controller will walk through.
        plan = interview_plan(self.context.content.catalogue, self.audience, self.context.content.deployment.modules)
        questions = sum(1 for m in plan if m.is_question)
        self.summary.setText(
            self.context.tr(
                "{messages} messages, {questions} of them questions, in {language}.",
                messages=len(plan),
                questions=questions,
                language=self.language.english_name,
            )
        )
        greeting = self.context.content.text(self.language.code, "opening.greeting", self.form, self.audience)
        if greeting is not None:
            self.preview.show_text(greeting.text, self.language.script, self.language.is_rtl)

    def confirm(self) -> None:
        self.chosen.emit(self.form, self.audience)
