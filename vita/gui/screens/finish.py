"""Finish: the closing message, a summary of the answers and the indicators they touch, the referral
recommendation, consent to referral, and the export of the record (PDF and JSON).

The summary is the record itself, built from the log as it will be exported (with the end not yet logged),
so what the officer sees here is what the PDF will say.
"""

from __future__ import annotations

from functools import partial
from html import escape
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from vita.content.model import Audience
from vita.content.officer import N_, OfficerText
from vita.errors_text import explain
from vita.interview.controller import InterviewController
from vita.interview.plan import CONSENT_QUESTION
from vita.interview.session import InterviewFinished
from vita.record.build import build_record
from vita.record.errors import RecordError
from vita.record.export import ExportResult, export_interview
from vita.record.model import Record
from vita.record.referrals import Directory, load_directory
from vita.store import StoreError

from vita.gui.context import AppContext
from vita.gui.person_frame import PersonFrame, answer_words
from vita.gui.widgets import FittingLabel, KeyButton, key_action, label, line_edit, refresh_style
from vita.printing.pdf import pdf_bytes

CONSENT_WORDS = {  # each ends its sentence: the explanation that may follow starts a new one
    "given": N_("given."),
    "refused": N_("refused."),
    "not_recorded": N_("not recorded yet. Ask the person, then press Y or N."),
    "not_required": N_("not needed."),
}


SKIP_PREFIX = "Consent to referral not asked:"  # in English: a note in the record, read in any country
SKIP_PLACEHOLDER = N_("Why it was not asked (for example: the person left before the end), then Enter")
CONSENT_FIRST = N_(
    "Consent to referral is not recorded yet. Ask the person and press Y or N, or press K and say why it was "
    "not asked. The record is exported after that."
)


def default_export_dir() -> Path:
    documents = QtCore.QStandardPaths.writableLocation(QtCore.QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "VITA records"


class FinishScreen(QtWidgets.QWidget):
    back = QtCore.Signal()
    person_view_toggled = QtCore.Signal()
    frame_changed = QtCore.Signal(object)  # PersonFrame: the closing message, for the person's window
    done = QtCore.Signal()
    exported = QtCore.Signal(object)  # ExportResult

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        self.setAccessibleName(tr("Finish the interview"))
        self.controller: InterviewController | None = None
        self.result: ExportResult | None = None
        self.exporting = False  # a record is being written in the background
        self._closing_queue: list[str] = []
        t = context.typography
        context.audio.finished.connect(self._closing_clip_finished)

        # Fitted to the room it has: when the export notice appears below, the text gets smaller, never cut.
        self.closing = FittingLabel(t, "message", tr("The closing message in the person's language"), largest=1.9)
        self.closing_officer = label("", t, "muted", name=tr("The closing message in the officer's language"))
        self.consent = label("", t, "info", name=tr("Consent to referral"))
        self.status = label("", t, "notice", name=tr("Export"))
        self.status.setVisible(False)
        self.summary = QtWidgets.QTextBrowser()
        self.summary.setAccessibleName(tr("Summary of answers, indicators and referral"))
        self.summary.setOpenLinks(False)
        t.apply(self.summary, "small")

        self.play_action = key_action(self, tr("Play the closing message"), "Space", self.play_closing)
        self.yes_action = key_action(self, tr("Consents to referral"), "Y", lambda: self.record_consent(True))
        self.no_action = key_action(self, tr("Does not consent"), "N", lambda: self.record_consent(False))
        self.export_action = key_action(self, tr("Finish and export the record"), "E", self.finish_and_export)
        # P works here as on the interview: the closing message is addressed to the person too.
        self.person_action = key_action(self, tr("Person's view"), "P", self.person_view_toggled.emit)
        self.skip_action = key_action(self, tr("Not asked"), "K", self.ask_skip_reason)
        self.skip_reason = line_edit(t, tr("Why consent to referral was not asked"), tr(SKIP_PLACEHOLDER))
        self.skip_reason.setVisible(False)
        self.skip_reason.returnPressed.connect(self.skip_consent)
        self.open_action = key_action(self, tr("Open the PDF"), "O", self.open_pdf)
        self.back_action = key_action(self, tr("Back to the questions"), "Esc", self.go_back)
        self.done_action = key_action(self, tr("Done — next interview"), "Return", self.done.emit, "Enter")

        consent_buttons = QtWidgets.QHBoxLayout()
        for action in (self.yes_action, self.no_action, self.skip_action):  # words over key: three fit the row
            consent_buttons.addWidget(KeyButton(action, t, two_lines=True))
        left = QtWidgets.QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.closing, 1)
        left.addWidget(self.closing_officer)
        playing = QtWidgets.QHBoxLayout()
        playing.addWidget(KeyButton(self.play_action, t), 3)
        playing.addWidget(KeyButton(self.person_action, t), 2)
        left.addLayout(playing)
        left.addWidget(self.consent)
        left.addLayout(consent_buttons)
        left.addWidget(self.skip_reason)
        left.addWidget(self.status)
        exporting = QtWidgets.QHBoxLayout()
        exporting.addWidget(KeyButton(self.export_action, t, primary=True), 3)
        exporting.addWidget(KeyButton(self.open_action, t), 2)
        left.addLayout(exporting)
        row = QtWidgets.QVBoxLayout()  # under the summary: the left side is full on a 125 % screen
        row.addWidget(KeyButton(self.back_action, t))
        row.addWidget(KeyButton(self.done_action, t))
        right = QtWidgets.QVBoxLayout()
        right.addWidget(label(tr("Summary — this is what the record will say"), t, "title", bold=True))
        right.addWidget(self.summary, 1)
        right.addLayout(row)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(20)
        layout.addLayout(left, 7)  # the consent and export keys need the width; the summary scrolls
        layout.addLayout(right, 5)

    # -- showing ---------------------------------------------------------------------------------------

    def attach(self, controller: InterviewController) -> None:
        self.controller = controller
        self.result = None
        self._show_status("")
        self._show_person_texts()
        self._refresh()

    def _spoken_ids(self) -> list[str]:
        """What Space plays, in order: the consent question first while an adult has not answered it (a child
        is not asked), then the closing messages."""
        assert self.controller is not None
        asking = [CONSENT_QUESTION] if self.consent_pending() else []
        return asking + [m.id for m in self.controller.closing_messages()]

    def consent_pending(self) -> bool:
        return (
            self.controller is not None
            and self.controller.consent_required()
            and self.controller.state.consent is None
            and not self.controller.state.finished
        )

    def _show_person_texts(self) -> None:
        """The texts in the person's language here and in the person's view: while consent is pending, the
        question with the answer symbols; once it is answered, the closing messages."""
        assert self.controller is not None
        state = self.controller.state
        language = self.context.language(state.language)
        context = self.context

        def text_of(message_id: str) -> str:
            found = context.content.text(state.language, message_id, state.form, state.audience)
            return found.text if found is not None else ""

        ids = self._spoken_ids()
        texts = [t for t in (text_of(i) for i in ids) if t]
        self.closing.show_text("\n\n".join(texts), language.script, language.is_rtl)
        # In the officer's language, only what the person is being asked now: both would not fit at 125 %.
        shown = ids[:1] if self.consent_pending() else ids
        self.closing_officer.setText(" ".join(context.officer_text(i) for i in shown))
        if self.consent_pending():
            frame = PersonFrame(
                text_of(CONSENT_QUESTION),
                language.script,
                language.is_rtl,
                True,
                None,
                answer_words(context.content, state.language),
            )
        else:
            frame = PersonFrame("\n\n".join(texts), language.script, language.is_rtl, False, None)
        self.frame_changed.emit(frame)

    def _directory(self) -> Directory:
        return load_directory(self.context.paths.content.file("messages/referrals.toml"))

    def preview(self) -> Record:
        """The record as it will be exported, as if the interview ended now."""
        assert self.controller is not None
        events = self.controller.events_if_finished(self.context.clock())
        audio = self.context.audio.provenance()  # the clips the app played, as `vita export` reads them
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
            self.summary.setPlainText(explain(error, self.context.tr))
            record = None
        tr = self.context.tr
        if record is not None:
            self.summary.setHtml(summary_html(record, tr))
            status = record.consent.status
            words = (
                tr("not recorded.") if status == "not_recorded" and finished else tr(CONSENT_WORDS.get(status, status))
            )
            why = "" if status == "not_recorded" else f" {tr(record.consent.explanation)}"
            self.consent.setText(tr("Consent to referral: {words}", words=words) + why)
        child = child or (record is not None and record.person.treated_as_child)
        self.yes_action.setEnabled(not finished and not child)
        self.no_action.setEnabled(not finished and not child)
        self.skip_action.setEnabled(not finished and not child and not self.consent_settled(record))
        if self.skip_action.isEnabled() is False:
            self.skip_reason.setVisible(False)
        self.back_action.setEnabled(not finished)
        self.export_action.setText(tr("Export the record again") if finished else tr("Finish and export the record"))
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
        self._closing_queue = self._spoken_ids()
        self._play_next_closing()

    def _play_next_closing(self) -> None:
        assert self.controller is not None
        while self._closing_queue:
            message_id = self._closing_queue.pop(0)
            state = self.controller.state
            found = self.context.content.text(state.language, message_id, state.form, state.audience)
            if found is None or state.finished:
                continue
            clip = self.context.audio.clip(state.language, message_id, state.form, state.audience, found.text)
            playing = clip is not None and self.context.audio.play(clip)
            self.controller.played(message_id, shown=not playing)  # not heard (no clip or output): shown as text
            if playing:
                return  # the next one starts when this one has finished

    def _closing_clip_finished(self, language: str, message_id: str, completed: bool) -> None:
        if self.controller is not None and self.isVisible():
            try:  # the controller logs the end of a clip it started, once, whichever screen hears of it first
                self.controller.playback_ended(message_id, completed)
            except (StoreError, InterviewFinished) as error:
                self._show_status(explain(error, self.context.tr), error=True)
        if completed and self._closing_queue and self.controller is not None and self.isVisible():
            self._play_next_closing()

    def record_consent(self, consent: bool) -> None:
        if self.controller is None:
            return
        try:
            self.controller.record_consent(consent)
        except (StoreError, InterviewFinished) as error:
            self._show_status(explain(error, self.context.tr), error=True)
            return
        self._show_person_texts()  # the question is answered: the person now sees the closing messages
        self._refresh()

    def go_back(self) -> None:
        self.context.audio.stop()
        self._closing_queue = []
        self.back.emit()

    def export_dir(self) -> Path:
        chosen = str(self.context.settings.get("export_dir"))
        return Path(chosen).expanduser() if chosen else default_export_dir()

    def consent_settled(self, record: Record | None) -> bool:
        """Consent is given, refused or not needed (a child), or the officer said why it was not asked."""
        if record is None or record.consent.status != "not_recorded":
            return True
        return any(n.text.startswith(SKIP_PREFIX) for n in self.controller.state.notes) if self.controller else False

    def ask_skip_reason(self) -> None:
        self.skip_reason.setVisible(True)
        self.skip_reason.setFocus()

    def skip_consent(self) -> None:
        """Log, as a note on the whole interview, that consent was not asked and why; then export is allowed."""
        reason = self.skip_reason.text().strip()
        if self.controller is None or not reason:
            return
        try:
            self.controller.session.note(f"{SKIP_PREFIX} {reason}", None)
        except (StoreError, InterviewFinished) as error:
            self._show_status(explain(error, self.context.tr), error=True)
            return
        self.skip_reason.clear()
        self.skip_reason.setVisible(False)
        self.setFocus()
        self._refresh()

    def finish_and_export(self) -> None:
        """End the interview (once) and write its PDF and JSON; an export that fails can be done again. Not
        before consent to referral is settled: given, refused, not needed, or not asked with the reason said."""
        if self.controller is None or self.exporting:
            return
        if not self.controller.state.finished:
            try:
                settled = self.consent_settled(self.preview())
            except RecordError:
                settled = True  # the export below says what is wrong with the record
            if not settled:
                self._show_status(self.context.tr(CONSENT_FIRST), error=True)
                return
        self.context.audio.stop()
        self._closing_queue = []
        try:
            self.controller.finish()
        except StoreError as error:
            self._refresh()
            self._show_status(explain(error, self.context.tr), error=True)
            return
        context, interview, again = self.context, self.controller.interview, self.result is not None
        store, content, out_dir, now = context.unlocked, context.content, self.export_dir(), context.clock()
        paths, audio, tr = context.paths, context.audio.provenance(), context.tr  # read here, on the GUI thread

        def export() -> ExportResult:
            return export_interview(
                store,
                interview,
                content=content,
                directory=load_directory(paths.content.file("messages/referrals.toml")),
                audio=audio,  # the clips the app played, through the one function `vita export` uses too
                out_dir=out_dir,
                exported_by=interview.officer,
                render_pdf=partial(pdf_bytes, tr=tr),  # headings in the officer's language
                overwrite=again,
                now=now,
            )

        self.exporting = True
        self.export_action.setEnabled(False)
        self._refresh()
        self._show_status(tr("Writing the record…"))
        context.runner.run(export, self._exported, self._export_failed, busy=tr("Writing the record (PDF and JSON)…"))

    def _exported(self, result: ExportResult) -> None:
        self.exporting = False
        self.result = result
        self._refresh()
        self._show_status(
            self.context.tr(
                "The interview is finished and saved. Record written to {folder}: {pdf} and {json}. "
                "Press O to open the PDF.",
                folder=result.pdf_path.parent,
                pdf=result.pdf_path.name,
                json=result.json_path.name,
            )
        )
        self.exported.emit(result)

    def _export_failed(self, error: BaseException) -> None:
        self.exporting = False
        self._refresh()
        self._show_status(explain(error, self.context.tr), error=True)

    def open_pdf(self) -> None:
        if self.result is not None and not self.context.open_file(self.result.pdf_path):
            self._show_status(
                self.context.tr("The PDF could not be opened here. It is at {path}.", path=self.result.pdf_path)
            )


def summary_html(record: Record, tr: OfficerText) -> str:
    """The answers, indicators and referrals as simple rich text for the summary pane, in the officer's
    language; content text is escaped, never read as markup."""
    rows = []
    for question in record.questions:
        answer = escape(
            tr.content("answer", question.answer.value, question.answer_label or "") if question.answer else ""
        )
        answer = answer or escape(tr("not answered"))
        earlier = ", ".join(escape(tr.content("answer", e.answer.value, e.label)) for e in question.history)
        note = f" <i>({escape(tr('corrected; earlier:'))} {earlier})</i>" if earlier else ""
        rows.append(f"<tr><td>{escape(question.english)}</td><td><b>{answer}</b>{note}</td></tr>")
    parts = [f"<h3>{escape(tr('Answers'))}</h3>", "<table cellspacing='0' cellpadding='3'>", *rows, "</table>"]
    found = [s for s in record.indicators if s.found]
    parts.append(f"<h3>{escape(tr('Indicators the answers touch'))}</h3>")
    if not found:
        parts.append(f"<p>{escape(tr('None of the answers touches a known indicator.'))}</p>")
    for summary in found:
        names = "; ".join(escape(tr.content("indicator", hit.id, hit.name)) for hit in summary.found)
        parts.append(f"<p><b>{escape(tr(summary.title))}</b><br>{names}</p>")
    parts.append(f"<h3>{escape(tr('Recommended referral'))}</h3>")
    if record.directory.sample:
        parts.append(
            f"<p><i>{escape(tr('The referral directory is a sample: check every entry before relying on it.'))}</i></p>"
        )
    if not record.referrals:
        parts.append(f"<p>{escape(tr('No entry of the directory fits these answers.'))}</p>")
    for recommendation in record.referrals[:4]:
        entry = recommendation.entry
        reach = escape(" · ".join(x for x in (entry.phone, entry.hours, entry.contact) if x))
        reasons = escape("; ".join(tr(reason) for reason in recommendation.reasons))
        lines = [f"<b>{escape(entry.name)}</b>", reach, f"<i>{reasons}</i>"]
        parts.append("<p>" + "<br>".join(line for line in lines if line) + "</p>")  # no empty contact line
    parts.append(f"<p><small>{escape(tr(record.statement))}</small></p>")
    return "\n".join(parts)
