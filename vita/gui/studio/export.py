"""Exporting the studio's work: the languages recorded here, with their reviewed texts, as one signed content pack
that another laptop of the deployment installs (`vita content install`)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from vita.errors_text import explain

from vita.gui.context import AppContext
from vita.gui.studio.common import key_row, titled_page
from vita.gui.widgets import key_action, label, line_edit

CODE = QtCore.Qt.ItemDataRole.UserRole + 1


def pack_name(codes: list[str], date: str) -> str:
    return f"studio-{'-'.join(codes)}-{date}.vitapack"


class ExportScreen(QtWidgets.QWidget):
    back = QtCore.Signal()
    exported = QtCore.Signal(str)  # the pack's path

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        t = context.typography
        self.setAccessibleName(tr("Recording studio: export"))
        self.languages = QtWidgets.QListWidget()
        self.languages.setAccessibleName(tr("Languages to export (Space ticks or unticks)"))
        t.apply(self.languages)
        self.key = line_edit(t, tr("The deployment's private key"), tr("the key file from `vita content keygen`"))
        self.folder = line_edit(t, tr("Folder for the pack"), tr("for example a USB stick"))
        self.result = label("", t, "info", name=tr("What was written"))
        self.result.setVisible(False)
        self.result.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_action = key_action(self, tr("Write the signed pack"), "Return", self.export, "Enter")
        self.back_action = key_action(self, tr("Back"), "Esc", self.back.emit)
        form = QtWidgets.QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(label(tr("Signing key:"), t), self.key)
        form.addRow(label(tr("Write to folder:"), t), self.folder)
        layout = titled_page(
            self,
            tr("Export the recorded and reviewed work"),
            tr(
                "The pack holds the clips recorded here and the texts as reviewed, signed with the "
                "deployment's key. Another laptop of the same deployment installs it with "
                "`vita content install` and plays the new voices at once."
            ),
            t,
        )
        layout.addWidget(label(tr("Languages:"), t))
        layout.addWidget(self.languages, 1)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addLayout(key_row((self.export_action, self.back_action), t))

    def initial_focus(self) -> QtWidgets.QWidget:
        return self.languages

    def prepare(self, codes: list[str]) -> None:
        self.languages.clear()
        for code in codes:
            language = self.context.language(code)
            item = QtWidgets.QListWidgetItem(f"{language.english_name} ({code})")
            item.setData(CODE, code)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(QtCore.Qt.CheckState.Checked)
            self.languages.addItem(item)
        if codes:
            self.languages.setCurrentRow(0)
        if not self.folder.text():
            self.folder.setText(str(self.context.settings.get("export_dir")) or str(Path.home()))
        self.show_result("")
        if not codes:
            self.show_result(self.context.tr("No language has recorded clips yet: there is nothing to export."), True)

    def chosen(self) -> list[str]:
        rows = [self.languages.item(i) for i in range(self.languages.count())]
        return [
            str(row.data(CODE)) for row in rows if row is not None and row.checkState() == QtCore.Qt.CheckState.Checked
        ]

    def show_result(self, text: str, error: bool = False) -> None:
        self.result.setProperty("role", "error" if error else "info")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def export(self) -> None:
        from vita.studio.export import export_work

        tr = self.context.tr
        codes = self.chosen()
        key = Path(self.key.text().strip()).expanduser()
        folder = Path(self.folder.text().strip()).expanduser()
        if not codes:
            self.show_result(tr("Tick at least one language."), True)
            return
        if not self.key.text().strip() or not key.is_file():
            self.show_result(tr("Type the path of the deployment's private key file."), True)
            self.key.setFocus()
            return
        if not self.folder.text().strip():
            self.show_result(tr("Type the folder the pack is written to."), True)
            self.folder.setFocus()
            return
        out = folder / pack_name(codes, self.context.clock().astimezone().date().isoformat())
        paths = self.context.paths
        self.show_result("")
        self.context.runner.run(
            lambda: export_work(paths, codes, key, out),
            self._written,
            lambda error: self.show_result(explain(error, tr), True),
            busy=tr("Writing the signed pack…"),
        )

    def _written(self, path: Path) -> None:
        self.show_result(
            self.context.tr(
                "Written: {path}. Copy it to the other laptop and install it there with `vita content install`.",
                path=str(path),
            )
        )
        self.exported.emit(str(path))
