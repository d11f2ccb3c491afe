"""Finish: the closing message, a summary of the answers and the indicators they touch, the referral
recommendation, consent to referral, and the export of the record (PDF and JSON).

The summary is the record itself, built from the log as it will be exported (with the end not yet logged),
so what the officer sees here is what the PDF will say.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from vita.content.model import Audience
from vita.errors_text import explain
from vita.interview.controller import InterviewController
from vita.interview.session import InterviewFinished
from vita.record.build import build_record
from vita.record.errors import RecordError
from vita.record.export import ExportResult, export_interview
from vita.record.model import Record
from vita.record.provenance import read_audio_provenance
from vita.record.referrals import Directory, load_directory
from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.widgets import KeyButton, ScriptLabel, key_action, label, refresh_style
from vita.printing.pdf import render_pdf

CONSENT_WORDS = {
    "given": "given",
    "refused": "refused",
    "not_recorded": "not recorded yet. Ask the person, then press Y or N.",
    "not_required": "not needed.",
}


def default_export_dir() -> Path:
    documents = QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "VITA records"


class FinishScreen(QtWidgets.QWidget):
    back = QtCore.Signal()
    done = QtCore.Signal()
    exported = QtCore.Signal(object)  # ExportResult

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName("Finish the interview")
        self.controller: InterviewController | None = None
        self.result: ExportResult | None = None
        self.exporting = False  # a record is being written in the background
        self._closing_queue: list[str] = []
        t = context.typography
        context.audio.finished.connect(self._closing_clip_finished)

        self.closing = ScriptLabel(t, "message", "The closing message in the person's language")
        self.closing_officer = label("", t, "muted", name="The closing message in the officer's language")
        self.consent = label("", t, "info", name="Consent to referral")
        self.status = label("", t, "notice", name="Export")
        self.status.setVisible(False)
        self.summary = QtWidgets.QTextBrowser()
        self.summary.setAccessibleName("Summary of answers, indicators and referral")
        self.summary.setOpenLinks(False)
        t.apply(self.summary, "small")

        self.play_action = key_action(self, "Play the closing message", "Space", self.play_closing)
        self.yes_action = key_action(self, "Consents to referral", "Y", lambda: self.record_consent(True))
        self.no_action = key_action(self, "Does not consent", "N", lambda: self.record_consent(False))
        self.export_action = key_action(self, "Finish and export the record", "E", self.finish_and_export)
        self.open_action = key_action(self, "Open the PDF", "O", self.open_pdf)
        self.back_action = key_action(self, "Back to the questions", "Esc", self.go_back)
        self.done_action = key_action(self, "Done — next interview", "Return", self.done.emit, "Enter")

        consent_buttons = QtWidgets.QHBoxLayout()
        consent_buttons.addWidget(KeyButton(self.yes_action, t))
        consent_buttons.addWidget(KeyButton(self.no_action, t))
        left = QtWidgets.QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(label("Closing", t, "title", bold=True))
        left.addWidget(self.closing, 1)
        left.addWidget(self.closing_officer)
        left.addWidget(KeyButton(self.play_action, t))
        left.addWidget(self.consent)
        left.addLayout(consent_buttons)
        left.addWidget(self.status)
        left.addWidget(KeyButton(self.export_action, t, primary=True))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(KeyButton(self.back_action, t))
        row.addWidget(KeyButton(self.open_action, t))
        row.addWidget(KeyButton(self.done_action, t))
        left.addLayout(row)
        right = QtWidgets.QVBoxLayout()
        right.addWidget(label("Summary — this is what the record will say", t, "title", bold=True))
        right.addWidget(self.summary, 1)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(20)
        layout.addLayout(left, 5)
        layout.addLayout(right, 6)

    # -- showing ---------------------------------------------------------------------------------------

    def attach(self, controller: InterviewController) -> None:
        self.controller = controller
        self.result = None
        self._show_status("")
        state = controller.state
        language = self.context.language(state.language)
        texts = []
        for message in controller.closing_messages():
            found = self.context.content.text(state.language, message.id, state.form, state.audience)
            if found is not None:
                texts.append(found.text)
        self.closing.show_text("\n\n".join(texts), language.script, language.is_rtl)
        self.closing_officer.setText(" ".join(self.context.officer_text(m.id) for m in controller.closing_messages()))
        self._refresh()

    def _directory(self) -> Directory:
        return load_directory(self.context.paths.messages_dir / "referrals.toml")

    def preview(self) -> Record:
        """The record as it will be exported, as if the interview ended now."""
        assert self.controller is not None
        events = self.controller.events_if_finished(self.context.clock())
        audio = read_audio_provenance(self.context.paths.audio_dir / "manifest.json")
        return build_record(
            self.controller.interview, events, self.context.content, self._directory(), audio, self.context.clock()
        )

    def _refresh(self) -> None:
        if self.controller is None:
            return
        finished = self.controller.state.finished
        child = self.controller.state.audience is Audience.CHILD
        try:
            record = self.preview()
        except RecordError as error:
            self.summary.setPlainText(explain(error))
            record = None
        if record is not None:
            self.summary.setHtml(summary_html(record))
            status = record.consent.status
            words = "not recorded." if status == "not_recorded" and finished else CONSENT_WORDS.get(status, status)
            why = "" if status == "not_recorded" else f" {record.consent.explanation}"
            self.consent.setText(f"Consent to referral: {words}{why}")
        child = child or (record is not None and record.person.treated_as_child)
        self.yes_action.setEnabled(not finished and not child)
        self.no_action.setEnabled(not finished and not child)
        self.back_action.setEnabled(not finished)
        self.export_action.setText("Export the record again" if finished else "Finish and export the record")
        self.export_action.setEnabled(not self.exporting)
        self.open_action.setEnabled(self.result is not None)
        self.done_action.setEnabled(finished)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setProperty("role", "error" if error else "notice")
        refresh_style(self.status)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- actions ---------------------------------------------------------------------------------------

    def play_closing(self) -> None:
        if self.controller is None:
            return
        self._closing_queue = [m.id for m in self.controller.closing_messages()]
        self._play_next_closing()

    def _play_next_closing(self) -> None:
        assert self.controller is not None
        while self._closing_queue:
            message_id = self._closing_queue.pop(0)
            state = self.controller.state
            found = self.context.content.text(state.language, message_id, state.form, state.audience)
            if found is None or state.finished:
                continue
            self.controller.played(message_id)
            clip = self.context.audio.clip(state.language, message_id, state.form, state.audience, found.text)
            if clip is not None and self.context.audio.play(clip):
                return  # the next one starts when this one has finished

    def _closing_clip_finished(self, language: str, message_id: str, completed: bool) -> None:
        if completed and self._closing_queue and self.controller is not None and self.isVisible():
            self._play_next_closing()

    def record_consent(self, consent: bool) -> None:
        if self.controller is None:
            return
        try:
            self.controller.record_consent(consent)
        except (StoreError, InterviewFinished) as error:
            self._show_status(explain(error), error=True)
            return
        self._refresh()

    def go_back(self) -> None:
        self.context.audio.stop()
        self._closing_queue = []
        self.back.emit()

    def export_dir(self) -> Path:
        chosen = str(self.context.settings.get("export_dir"))
        return Path(chosen).expanduser() if chosen else default_export_dir()

    def finish_and_export(self) -> None:
        """End the interview (once) and write its PDF and JSON in the background; an export that fails can be
        done again. The end is logged first, on the spot: the interview is finished even if the export fails."""
        if self.controller is None or self.exporting:
            return
        self.context.audio.stop()
        self._closing_queue = []
        try:
            self.controller.finish()
        except StoreError as error:
            self._refresh()
            self._show_status(explain(error), error=True)
            return
        context, interview, again = self.context, self.controller.interview, self.result is not None
        store, content, out_dir, now = context.unlocked, context.content, self.export_dir(), context.clock()
        paths = context.paths

        def export() -> ExportResult:
            return export_interview(
                store,
                interview,
                content=content,
                directory=load_directory(paths.messages_dir / "referrals.toml"),
                audio=read_audio_provenance(paths.audio_dir / "manifest.json"),
                out_dir=out_dir,
                exported_by=interview.officer,
                render_pdf=render_pdf,
                overwrite=again,
                now=now,
            )

        self.exporting = True
        self.export_action.setEnabled(False)
        self._refresh()
        self._show_status("Writing the record…")
        context.runner.run(export, self._exported, self._export_failed, busy="Writing the record (PDF and JSON)…")

    def _exported(self, result: ExportResult) -> None:
        self.exporting = False
        self.result = result
        self._refresh()
        self._show_status(
            f"The interview is finished and saved. Record written to {result.pdf_path.parent}: "
            f"{result.pdf_path.name} and {result.json_path.name}. Press O to open the PDF."
        )
        self.exported.emit(result)

    def _export_failed(self, error: BaseException) -> None:
        self.exporting = False
        self._refresh()
        self._show_status(explain(error), error=True)

    def open_pdf(self) -> None:
        if self.result is not None and not self.context.open_file(self.result.pdf_path):
            self._show_status(f"The PDF could not be opened here. It is at {self.result.pdf_path}.")


def summary_html(record: Record) -> str:
    """The answers, indicators and referrals as simple rich text for the summary pane."""
    rows = []
    for question in record.questions:
        answer = escape(question.answer_label or "not answered")
        earlier = ", ".join(escape(e.label) for e in question.history)
        note = f" <i>(corrected; earlier: {earlier})</i>" if earlier else ""
        rows.append(f"<tr><td>{escape(question.english)}</td><td><b>{answer}</b>{note}</td></tr>")
    parts = ["<h3>Answers</h3>", "<table cellspacing='0' cellpadding='3'>", *rows, "</table>"]
    found = [s for s in record.indicators if s.found]
    parts.append("<h3>Indicators the answers touch</h3>")
    if not found:
        parts.append("<p>None of the answers touches a known indicator.</p>")
    for summary in found:
        names = "; ".join(escape(hit.name) for hit in summary.found)
        parts.append(f"<p><b>{escape(summary.title)}</b><br>{names}</p>")
    parts.append("<h3>Recommended referral</h3>")
    if record.directory.sample:
        parts.append("<p><i>The referral directory is a sample: check every entry before relying on it.</i></p>")
    if not record.referrals:
        parts.append("<p>No entry of the directory fits these answers.</p>")
    for recommendation in record.referrals[:4]:
        entry = recommendation.entry
        reach = escape(" · ".join(x for x in (entry.phone, entry.hours, entry.contact) if x))
        reasons = escape("; ".join(recommendation.reasons))
        parts.append(f"<p><b>{escape(entry.name)}</b><br>{reach}<br><i>{reasons}</i></p>")
    parts.append(f"<p><small>{escape(record.statement)}</small></p>")
    return "\n".join(parts)
