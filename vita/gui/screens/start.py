"""Start an interview (case reference generated and editable, place, officer) or resume an unfinished one."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from vita.content.countries import country_name
from vita.content.officer import OfficerText
from vita.errors_text import explain
from vita.interview.model import Interview, derive_state, new_case_reference
from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.widgets import KeyButton, key_action, label, line_edit


def purpose_and_retention(days: int, tr: OfficerText) -> str:
    """What the answers are kept for and for how long, in the officer's words (PRODUCT.md: make both visible)."""
    purpose = tr(
        "Purpose: the answers are kept only to find out what protection and help the person needs, and to refer "
        "them to it. They stay encrypted on this computer."
    )
    if days <= 0:
        return f"{purpose} {tr('Finished interviews are kept until someone deletes them.')}"
    kept = tr(
        "Finished interviews are deleted {days} days after they end; exported records are not affected.", days=days
    )
    return f"{purpose} {kept}"


class StartScreen(QtWidgets.QWidget):
    new_interview = QtCore.Signal(str, str, str, str)  # case reference, place, officer, country (ISO 3166)
    resume = QtCore.Signal(str)  # interview id
    settings_requested = QtCore.Signal()
    audit_requested = QtCore.Signal()
    studio_requested = QtCore.Signal()
    listed = QtCore.Signal()  # the unfinished interviews are listed (read from the store in the background)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("Start an interview"))
        self._scans = 0  # only the latest scan's answer is shown
        t = context.typography
        self.case_reference = line_edit(t, tr("Case reference"))
        self.place = line_edit(t, tr("Place"), tr("for example: Kapıkule border crossing, lane 3"))
        self.officer = line_edit(t, tr("Officer"), tr("your name or service number"))
        # The country picks the referral entries the record recommends; pre-filled from the deployment file.
        self.country = line_edit(t, tr("Country"), tr("two-letter ISO 3166 code, for example TR"))
        # No length limit: "Germany" cut to "GE" would be Georgia. The name beside the field shows what the code
        # means, and an unknown code is refused when the interview starts.
        self.country_name = label("", t, "muted", name=tr("Country named by the code"))
        self.country_name.setWordWrap(False)
        # A long name must not widen the screen: it is cut at the window's edge (the code is what is recorded).
        self.country_name.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        self.country.textChanged.connect(self._show_country_name)
        self.purpose = label("", t, "info", name=tr("Purpose and retention"))
        self.purpose.setWordWrap(True)
        self.problem = label("", t, "error", name=tr("Problem"))
        self.problem.setVisible(False)
        self.start_action = key_action(self, tr("Start a new interview"), "Return", self.start, "Enter")
        self.resume_action = key_action(self, tr("Resume the selected interview"), "F2", self.resume_selected)
        self.settings_action = key_action(self, tr("Settings"), "F9", self.settings_requested.emit)
        self.audit_action = key_action(self, tr("Audit trail"), "F8", self.audit_requested.emit)
        self.studio_action = key_action(self, tr("Recording studio"), "F7", self.studio_requested.emit)

        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(label(tr("Case reference:"), t), self.case_reference)
        form.addRow(label(tr("Place:"), t), self.place)
        form.addRow(label(tr("Officer:"), t), self.officer)
        country_row = QtWidgets.QHBoxLayout()
        country_row.setContentsMargins(0, 0, 0, 0)  # the row is no taller than the other fields (fits 125 %)
        country_row.addWidget(self.country, 1)
        country_row.addWidget(self.country_name, 2)
        form.addRow(label(tr("Country:"), t), country_row)

        self.unfinished = QtWidgets.QListWidget()
        self.unfinished.setAccessibleName(tr("Unfinished interviews"))
        t.apply(self.unfinished)
        self.unfinished.itemDoubleClicked.connect(lambda _item: self.resume_selected())
        self.unfinished_title = label(tr("Unfinished interviews — resume one where it stopped:"), t, "title", bold=True)

        left = QtWidgets.QVBoxLayout()
        left.setSpacing(8)  # fits a 125 % screen with the country row
        left.addWidget(label(tr("New interview"), t, "title", bold=True))
        left.addLayout(form)
        left.addWidget(self.problem)
        left.addWidget(KeyButton(self.start_action, t, primary=True))
        left.addStretch(1)
        left.addWidget(self.purpose)
        tools = QtWidgets.QHBoxLayout()  # side by side: one row less, so the screen fits 125 % (1366x768)
        tools.addWidget(KeyButton(self.settings_action, t))
        tools.addWidget(KeyButton(self.audit_action, t))
        left.addLayout(tools)
        right = QtWidgets.QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(self.unfinished_title)
        right.addWidget(self.unfinished, 1)
        right.addWidget(KeyButton(self.resume_action, t))
        right.addWidget(KeyButton(self.studio_action, t))
        outer = QtWidgets.QHBoxLayout(self)
        outer.setContentsMargins(24, 10, 24, 10)
        outer.setSpacing(32)
        outer.addLayout(left, 5)
        outer.addLayout(right, 4)

    def prepare(self) -> None:
        """Fill the form for a new interview and list the unfinished ones, newest first."""
        settings = self.context.settings
        self.case_reference.setText(new_case_reference(self.context.clock()))
        self.place.setText(str(settings.get("last_place")))
        self.officer.setText(str(settings.get("last_officer")))
        self.country.setText(self.context.content.deployment.country)
        self.show_problem("")
        self.purpose.setText(purpose_and_retention(int(settings.get("retention_days")), self.context.tr))
        self.unfinished.clear()
        self._list_unfinished([])
        self.initial_focus().setFocus()
        store = self.context.unlocked

        def scan() -> list[tuple[Interview, int]]:  # the store is read on its own thread, not this one
            return [(i, len(derive_state(i, store.events(i.id)).answers)) for i in store.unfinished()]

        self._scans += 1
        scan_number = self._scans
        self.context.runner.run(
            scan,
            lambda found: self._scanned(found) if scan_number == self._scans else None,
            # a damaged store must not keep the officer from starting a new interview
            lambda error: self.show_problem(explain(error, self.context.tr)) if scan_number == self._scans else None,
            busy=self.context.tr("Looking for unfinished interviews…"),
        )

    def _list_unfinished(self, found: list[tuple[Interview, int]]) -> None:
        self.unfinished.clear()
        for interview, answered in found:
            item = QtWidgets.QListWidgetItem(self._describe(interview, answered))
            item.setData(QtCore.Qt.ItemDataRole.UserRole, interview.id)
            self.unfinished.addItem(item)
        has_any = self.unfinished.count() > 0
        self.unfinished.setVisible(has_any)
        self.unfinished_title.setText(
            self.context.tr("Unfinished interviews — resume one where it stopped:")
            if has_any
            else self.context.tr("No unfinished interviews.")
        )
        self.resume_action.setEnabled(has_any)
        if has_any:
            self.unfinished.setCurrentRow(0)

    def _scanned(self, found: list[tuple[Interview, int]]) -> None:
        self._list_unfinished(found)
        self.listed.emit()

    def initial_focus(self) -> QtWidgets.QWidget:
        """The first empty field, so the officer can type straight away."""
        return self.place if not self.place.text() else self.officer if not self.officer.text() else self.place

    def _describe(self, interview: Interview, answered: int) -> str:
        try:
            language = self.context.language(interview.language).english_name
        except KeyError:
            language = interview.language
        local = interview.started_at.astimezone()
        return (
            f"{interview.case_reference} · {local:%d %b %H:%M} · {language} · "
            + (self.context.tr("1 answer") if answered == 1 else self.context.tr("{count} answers", count=answered))
            + f" · {interview.place or self.context.tr('no place')}"
        )

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def start(self) -> None:
        reference = self.case_reference.text().strip()
        place = self.place.text().strip()
        officer = self.officer.text().strip()
        if self.unfinished.hasFocus() and self.unfinished.currentItem() is not None:
            self.resume_selected()
            return
        if not reference:
            self.show_problem(
                self.context.tr("A case reference is needed. A new one was filled in; change it if you like.")
            )
            self.case_reference.setText(new_case_reference(self.context.clock()))
            self.case_reference.setFocus()
            return
        if not officer:
            self.show_problem(
                self.context.tr("Type the officer's name or number: the record names who asked the questions.")
            )
            self.officer.setFocus()
            return
        country = self.country.text().strip().upper()
        if country and country_name(country) is None:
            self.show_problem(
                self.context.tr(
                    "“{typed}” is not an ISO 3166 country code. Type the two-letter code "
                    "(for example TR for Türkiye, GR for Greece), or leave it empty.",
                    typed=self.country.text().strip(),
                )
            )
            self.country.setFocus()
            return
        settings = self.context.settings
        try:
            settings.set("last_place", place)
            settings.set("last_officer", officer)
        except StoreError as error:
            self.show_problem(explain(error, self.context.tr))
            return
        self.new_interview.emit(reference, place, officer, country)

    def _show_country_name(self, text: str) -> None:
        code = text.strip()
        name = country_name(code)
        tr = self.context.tr
        self.country_name.setText(name if name else (tr("not a country code") if code else tr("no country")))

    def resume_selected(self) -> None:
        item = self.unfinished.currentItem()
        if item is not None:
            self.resume.emit(str(item.data(QtCore.Qt.ItemDataRole.UserRole)))
