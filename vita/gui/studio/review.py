"""Reviewing a language: the reviewer reads each translation beside its English source and listens to its clip,
then marks the text reviewed (V), approves the clip (A) or writes a comment for the translator (C). The text
itself is edited in Poedit or Weblate: the screen says so and shows the PO file's path."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.errors_text import explain

from vita.gui.context import AppContext
from vita.gui.studio.common import ItemList, TextPair, sitting_column, status_words
from vita.gui.widgets import KeyButton, key_action, label, line_edit, refresh_style

if TYPE_CHECKING:
    from vita.audio.cache import ClipLibrary
    from vita.studio.model import StudioItem
    from vita.studio.review import Review

CLIP = "studio:clip"


class ReviewScreen(QtWidgets.QWidget):
    back = QtCore.Signal()
    marked = QtCore.Signal(int)  # index of the item just marked, approved or commented (after it was written)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        tr = context.tr
        t = context.typography
        self.setAccessibleName(tr("Recording studio: review"))
        self.review: Review | None = None
        self.language = ""
        self.reviewer = ""
        self.library: ClipLibrary | None = None
        self.items_now: list[StudioItem] = []
        self.index = 0

        self.listen_action = key_action(self, tr("Listen"), "Space", self.listen)
        self.reviewed_action = key_action(self, tr("Text reviewed"), "V", self.mark_reviewed)
        self.approve_action = key_action(self, tr("Approve the clip"), "A", self.approve)
        self.comment_action = key_action(self, tr("Comment"), "C", self.focus_comment)
        self.save_action = key_action(self, tr("Save the comment"), "Return", self.save_comment, "Enter")
        self.previous_action = key_action(self, tr("Previous"), "Left", self.previous, "PgUp")
        self.next_action = key_action(self, tr("Next"), "Right", self.next, "PgDown")
        self.back_action = key_action(self, tr("Back"), "Esc", self.leave)

        self.reviewer_line = label("", t, "muted", name=tr("Reviewer"))
        self.progress_text = label("", t, "muted", name=tr("Progress"))
        self.items = ItemList(t, tr("Texts of the language"))
        self.items.jump.connect(self.go_to)
        left = sitting_column(
            (self.reviewer_line, self.progress_text),
            self.items,
            self.previous_action,
            self.next_action,
            self.back_action,
            t,
        )

        self.heading = label("", t, "muted", name=tr("Text"))
        self.texts = TextPair(t, tr)
        self.marks = label("", t, "body", name=tr("Marks"))
        self.where = label("", t, "info", name=tr("Where the translation is edited"))
        self.where.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = label("", t, "notice", name=tr("What was just saved"))
        self.status.setVisible(False)
        self.comment = line_edit(t, tr("Comment for the translator"), tr("C, then type; Enter saves"))
        controls = QtWidgets.QHBoxLayout()
        for action in (self.listen_action, self.reviewed_action, self.approve_action):
            controls.addWidget(KeyButton(action, t, primary=action is self.listen_action, two_lines=True))
        comment_row = QtWidgets.QHBoxLayout()
        comment_row.addWidget(self.comment, 1)
        comment_row.addWidget(KeyButton(self.comment_action, t))
        right = QtWidgets.QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.heading)
        right.addWidget(self.texts, 1)
        right.addWidget(self.marks)
        right.addWidget(self.status)
        right.addLayout(controls)
        right.addLayout(comment_row)
        right.addWidget(self.where)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addLayout(right, 8)

    def attach(self, review: Review, language: str, reviewer: str, library: ClipLibrary | None) -> None:
        self.review, self.language, self.reviewer, self.library = review, language, reviewer, library
        self.items_now = list(review.items)
        self.index = next((i for i, item in enumerate(self.items_now) if not (item.reviewed and item.approved)), 0)
        tr = self.context.tr
        self.reviewer_line.setText(tr("Reviewer: {name}", name=reviewer))
        self.where.setText(
            tr(
                "The translation is edited in Poedit or Weblate, not here. The file: {path}",
                path=str(review.po_path),
            )
        )
        self.comment.clear()
        self.items.fill(self.items_now, self._describe)
        self._show_status("")
        self._show()

    def detach(self) -> None:
        self.context.audio.stop()
        self.review, self.library = None, None

    def initial_focus(self) -> QtWidgets.QWidget:
        return self

    def _describe(self, item: StudioItem) -> str:
        tr = self.context.tr  # short: the list is narrow; what is not said is still to do
        marks = [tr("reviewed")] if item.reviewed else []
        marks.append(tr("approved") if item.approved else status_words(item, tr))
        return " · ".join([item.message_id, tr(item.form_label), *marks])

    def _show(self) -> None:
        if self.review is None or not self.items_now:
            return
        tr = self.context.tr
        item = self.items_now[self.index]
        reviewed = sum(1 for i in self.items_now if i.reviewed)
        approved = sum(1 for i in self.items_now if i.approved)
        total = len(self.items_now)
        self.progress_text.setText(
            tr(
                "{reviewed} of {total} texts reviewed · {approved} clips approved",
                reviewed=reviewed,
                total=total,
                approved=approved,
            )
        )
        self.heading.setText(
            tr(
                "Text {number} of {total} · {id} · {form}",
                number=self.index + 1,
                total=total,
                id=item.message_id,
                form=tr(item.form_label),
            )
        )
        self.texts.show_item(item, self.context.language(self.language), tr(item.form_label))
        self.marks.setText(
            " · ".join(
                (
                    tr("Text: reviewed") if item.reviewed else tr("Text: not reviewed yet"),
                    tr("Clip: approved") if item.approved else tr("Clip: {status}", status=status_words(item, tr)),
                )
            )
        )
        self.items.show_current(self.index)
        self.items.update_row(self.index, self._describe(item))
        self.approve_action.setEnabled(item.status != "missing")
        self.previous_action.setEnabled(self.index > 0)
        self.next_action.setEnabled(self.index < total - 1)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status.setProperty("role", "error" if error else "notice")
        refresh_style(self.status)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- marks -----------------------------------------------------------------------------------------

    def _write(self, change: Callable[[Review, StudioItem], StudioItem | None], done: str) -> None:
        """Write a mark (in the background: the PO file or the manifest is rewritten), then show it."""
        review = self.review
        if review is None or not self.items_now:
            return
        index, item = self.index, self.items_now[self.index]

        def written(updated: StudioItem | None) -> None:
            if self.review is not review:
                return
            if updated is not None:
                self.items_now[index] = updated
                self.items.update_row(index, self._describe(updated))
            self._show_status(done)
            self._show()
            self.marked.emit(index)

        self.context.runner.run(
            lambda: change(review, item),
            written,
            lambda error: self._show_status(explain(error, self.context.tr), error=True),
            busy=self.context.tr("Saving…"),
        )

    def mark_reviewed(self) -> None:
        self._write(lambda review, item: review.mark_reviewed(item), self.context.tr("Text marked reviewed."))

    def approve(self) -> None:
        if self.items_now and self.items_now[self.index].status == "missing":
            return
        self._write(lambda review, item: review.approve_clip(item), self.context.tr("Clip approved."))

    def focus_comment(self) -> None:
        self.comment.setFocus()

    def save_comment(self) -> None:
        text = self.comment.text().strip()
        if not self.comment.hasFocus() or not text:
            return

        def comment(review: Review, item: StudioItem) -> None:
            review.comment(item, text)

        self.comment.clear()
        self.setFocus()
        self._write(comment, self.context.tr("Comment saved for the translator."))

    # -- moving and listening ------------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        if self.review is None or not 0 <= index < len(self.items_now):
            return
        self.context.audio.stop()
        self.index = index
        self._show_status("")
        self._show()

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def next(self) -> None:
        self.go_to(self.index + 1)

    def listen(self) -> None:
        if self.review is None or not self.items_now:
            return
        item = self.items_now[self.index]
        clip = self.library.manifest.get(self.language, item.message_id, item.variant) if self.library else None
        if clip is None:
            self._show_status(self.context.tr("This text has no clip to listen to."), error=True)
            return
        path = self.library.path(clip) if self.library is not None else None
        assert path is not None
        from vita.audio.codec import decode

        def play(decoded: object) -> None:
            samples, rate = decoded.samples, decoded.rate  # type: ignore[attr-defined]
            if not self.context.audio.play_samples(self.language, CLIP, samples, rate):
                self._show_status(self.context.audio.unavailable_reason, error=True)

        self.context.runner.run(
            lambda: decode(path), play, lambda error: self._show_status(explain(error, self.context.tr), error=True)
        )

    def leave(self) -> None:
        if self.comment.hasFocus():
            self.setFocus()  # Esc in the comment leaves the comment, not the review
            return
        self.back.emit()
