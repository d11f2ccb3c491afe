"""The studio's first screen: every language with its progress (recorded / total, how many are still synthetic or
without a voice), and the way to record, review or export it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.errors_text import explain

from vita.gui.context import AppContext
from vita.gui.studio.common import key_row, progress_words, titled_page
from vita.gui.widgets import key_action, label

if TYPE_CHECKING:
    from vita.studio.model import Progress

CODE = QtCore.Qt.ItemDataRole.UserRole + 1
SHOWN_IDS = 6  # how many of the texts still without a recorded voice are named under the list


class StudioHome(QtWidgets.QWidget):
    record_requested = QtCore.Signal(str)  # language code
    review_requested = QtCore.Signal(str)
    export_requested = QtCore.Signal(list)  # codes of the languages with recorded clips
    install_requested = QtCore.Signal(str)  # the path of a .vitapack file chosen to install
    back = QtCore.Signal()
    listed = QtCore.Signal()  # the languages and their progress are on screen

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        t = context.typography
        self.setAccessibleName(tr("Recording studio"))
        self.progress: dict[str, Progress] = {}
        self._reads = 0
        self.record_action = key_action(self, tr("Record"), "Return", self.record, "Enter")
        self.review_action = key_action(self, tr("Review"), "F5", self.review)
        self.export_action = key_action(self, tr("Export a pack"), "F6", self.export)
        self.install_action = key_action(self, tr("Install a pack"), "F8", self.choose_pack)
        self.back_action = key_action(self, tr("Back"), "Esc", self.back.emit)

        self.languages = QtWidgets.QListWidget()
        self.languages.setAccessibleName(tr("Languages"))
        t.apply(self.languages)
        self.languages.currentItemChanged.connect(lambda _now, _before: self._show_details())
        self.languages.itemDoubleClicked.connect(lambda _item: self.record())
        self.details = label("", t, "info", name=tr("What is left in this language"))
        self.problem = label("", t, "error", name=tr("Problem"))
        self.problem.setVisible(False)
        self.notice = label("", t, "info", name=tr("Result"))
        self.notice.setVisible(False)

        actions = (self.record_action, self.review_action, self.export_action, self.install_action, self.back_action)
        buttons = key_row(actions, t)
        layout = titled_page(
            self,
            tr("Recording studio — choose a language"),
            tr(
                "A speaker records every text of a language; a reviewer then reads each text and listens to "
                "each clip. Kept clips are played in interviews at once; what is not recorded yet is shown "
                "as text or spoken by the synthetic voice."
            ),
            t,
        )
        layout.addWidget(self.problem)
        layout.addWidget(self.notice)
        layout.addWidget(self.languages, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.languages

    def prepare(self) -> None:
        """Read every language's progress (in the background: the overlay's manifest and PO files)."""
        from vita.studio.session import studio_languages

        self._reads += 1
        number = self._reads
        paths = self.context.paths
        self.show_problem("")
        if not self.languages.count():  # the names at once; their progress when it has been read (seconds)
            waiting = self.context.tr("reading the progress…")
            self._fill([(lang.code, lang.english_name, None) for lang in self.context.content.languages], waiting)
        self.context.runner.run(
            lambda: studio_languages(paths),
            lambda found: self._listed(found) if number == self._reads else None,
            lambda error: self.show_problem(explain(error, self.context.tr)) if number == self._reads else None,
            busy=self.context.tr("Reading the languages…"),
        )

    def _listed(self, found: list[tuple[str, str, Progress]]) -> None:
        self.progress = {code: progress for code, _name, progress in found}
        self._fill(list(found), "")
        self.listed.emit()

    def _fill(self, found: list[tuple[str, str, Progress | None]], waiting: str) -> None:
        current = self.current_code
        self.languages.clear()
        for code, name, progress in found:
            words = progress_words(progress, self.context.tr) if progress is not None else waiting
            item = QtWidgets.QListWidgetItem(f"{name} ({code}) · {words}")
            item.setData(CODE, code)
            self.languages.addItem(item)
        rows = [self.languages.item(i) for i in range(self.languages.count())]
        chosen = next((i for i, row in enumerate(rows) if row is not None and row.data(CODE) == current), 0)
        if rows:
            self.languages.setCurrentRow(chosen)
        self._show_details()

    def update_language(self, code: str, progress: Progress) -> None:
        """One language's progress as a sitting left it (no need to read every language again)."""
        if code not in self.progress:
            return
        self.progress[code] = progress
        for row in range(self.languages.count()):
            item = self.languages.item(row)
            if item is not None and item.data(CODE) == code:
                name = item.text().split(" (", 1)[0]
                item.setText(f"{name} ({code}) · {progress_words(progress, self.context.tr)}")
        self._show_details()

    @property
    def current_code(self) -> str:
        item = self.languages.currentItem()
        return str(item.data(CODE)) if item is not None else ""

    def select(self, code: str) -> None:
        for row in range(self.languages.count()):
            item = self.languages.item(row)
            if item is not None and item.data(CODE) == code:
                self.languages.setCurrentRow(row)

    def _show_details(self) -> None:
        tr = self.context.tr
        progress = self.progress.get(self.current_code)
        if progress is None:
            self.details.setText("")
            return
        lines = [progress_words(progress, tr)]
        for words, items in ((tr("Still synthetic:"), progress.synthetic), (tr("No voice:"), progress.missing)):
            if items:
                names = [f"{i.message_id} ({tr(i.form_label)})" for i in items[:SHOWN_IDS]]
                more = tr(" and {count} more", count=len(items) - SHOWN_IDS) if len(items) > SHOWN_IDS else ""
                lines.append(f"{words} {', '.join(names)}{more}")
        if progress.recorded == progress.total and progress.total:
            lines.append(tr("Every text of this language has a recorded voice."))
        self.details.setText("\n".join(lines))

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if text:
            self.show_notice("")

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def record(self) -> None:
        if self.current_code:
            self.record_requested.emit(self.current_code)

    def review(self) -> None:
        if self.current_code:
            self.review_requested.emit(self.current_code)

    def export(self) -> None:
        self.export_requested.emit([code for code, progress in self.progress.items() if progress.recorded > 0])

    def choose_pack(self) -> None:
        """Ask for the pack file (Qt's own dialog, the same on every system and usable with the keyboard). The
        dialog is this screen's, deleted when it closes."""
        tr = self.context.tr
        dialog = QtWidgets.QFileDialog(self, tr("Install a pack"), str(self.context.settings.get("export_dir")))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setOption(QtWidgets.QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([tr("VITA content packs (*.vitapack)"), tr("Every file (*)")])
        dialog.fileSelected.connect(self.install_requested.emit)
        dialog.open()
