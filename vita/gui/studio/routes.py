"""The studio's path through its screens, beside the interview's (vita/gui/routes.py): studio home → speaker →
record, home → reviewer → review, home → export, and back to the start screen.

Opening a sitting or a review reads the overlay, so it runs in the background. On leaving the studio, the app's
content and clip library are read again when clips were kept or marks made, so that interviews play the new voices
and show the texts reviewed in the studio at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from vita.errors_text import explain

from vita.gui.context import AppContext
from vita.gui.studio.export import ExportScreen
from vita.gui.studio.home import StudioHome
from vita.gui.studio.people import ReviewerScreen, SpeakerScreen
from vita.gui.studio.recording import RecordScreen
from vita.gui.studio.review import ReviewScreen

if TYPE_CHECKING:
    from vita.audio.cache import ClipLibrary
    from vita.content.model import Content
    from vita.packs.install import InstalledPack
    from vita.studio.model import Speaker
    from vita.studio.review import Review
    from vita.studio.session import StudioSession


@dataclass(frozen=True)
class StudioScreens:
    home: StudioHome
    speaker: SpeakerScreen
    record: RecordScreen
    reviewer: ReviewerScreen
    review: ReviewScreen
    export: ExportScreen

    @classmethod
    def build(cls, context: AppContext) -> StudioScreens:
        return cls(StudioHome(context), SpeakerScreen(context), RecordScreen(context), ReviewerScreen(context),
                   ReviewScreen(context), ExportScreen(context))  # fmt: skip

    def all(self) -> tuple[QtWidgets.QWidget, ...]:
        return (self.home, self.speaker, self.record, self.reviewer, self.review, self.export)


class StudioRoutes(QtCore.QObject):
    left = QtCore.Signal()  # the officer went back to the start screen
    opened = QtCore.Signal(str)  # the accessible name of the studio screen just opened after a background read
    content_read = QtCore.Signal()  # the app's content or clip library was read again and replaced

    def __init__(
        self,
        context: AppContext,
        screens: StudioScreens,
        show: Callable[[QtWidgets.QWidget], None],
        window: QtCore.QObject,
    ) -> None:
        super().__init__(window)
        self.context, self.s, self._show = context, screens, show
        self.changed = False  # clips or marks were written: the library is read again on leaving
        s = screens
        s.home.record_requested.connect(self._to_speaker)
        s.home.review_requested.connect(self._to_reviewer)
        s.home.export_requested.connect(self._to_export)
        s.home.install_requested.connect(self.install)
        s.home.back.connect(self.leave)
        s.speaker.chosen.connect(self._open_sitting)
        s.speaker.back.connect(self.to_home)
        s.record.back.connect(self._leave_record)
        s.record.kept.connect(self._written)
        s.reviewer.chosen.connect(self._open_review)
        s.reviewer.back.connect(self.to_home)
        s.review.back.connect(self._leave_review)
        s.review.marked.connect(self._written)
        s.export.back.connect(self.to_home)

    def enter(self) -> None:
        """From the start screen (after unlocking): the languages and their progress, read again."""
        self.s.home.show_notice("")  # an earlier pack's result is no longer news
        self.s.home.prepare()
        self._show(self.s.home)

    def to_home(self) -> None:
        self._show(self.s.home)

    def _written(self, _index: int) -> None:
        self.changed = True

    def _to_speaker(self, code: str) -> None:
        if self.context.paths.overlay is None:
            self.s.home.show_problem(
                self.context.tr(
                    "This installation has no deployment folder to record into (the shipped content is never "
                    "changed). Set one up first."
                )
            )
            return
        self.s.speaker.prepare(self.context.language(code))
        self._show(self.s.speaker)

    def _to_reviewer(self, code: str) -> None:
        self.s.reviewer.prepare(self.context.language(code))
        self._show(self.s.reviewer)

    def _to_export(self, codes: list[str]) -> None:
        self.s.export.prepare(codes)
        self._show(self.s.export)

    def install(self, pack_file: str) -> None:
        """Install a signed pack into the overlay as `vita content install` does: verified against the deployment's
        trusted keys, all of it or nothing. The languages, the content and the clips are read again after."""
        from vita.packs.install import install_pack_file, trusted_key_dirs

        tr, paths, home = self.context.tr, self.context.paths, self.s.home
        overlay = paths.overlay
        if overlay is None:
            home.show_problem(tr("This installation has no deployment folder to install packs into. Set one up first."))
            return
        pack = Path(pack_file)
        key_dirs = trusted_key_dirs(paths.content_root, overlay)

        def installed(done: InstalledPack) -> None:
            home.show_problem("")
            home.show_notice(
                tr(
                    "Installed the pack {name} ({count} files; languages: {languages}), signed with key {key}.",
                    name=done.name,
                    count=len(done.files),
                    languages=", ".join(done.languages) or tr("none"),
                    key=done.key_id,
                )
            )
            self.read_again()
            home.prepare()

        def refused(error: BaseException) -> None:
            home.show_problem(tr("The pack was not installed: {reason}", reason=explain(error, tr)))

        self.context.runner.run(
            lambda: install_pack_file(overlay, pack, key_dirs),
            installed,
            refused,
            busy=tr("Checking and installing the pack…"),
        )

    def _open_sitting(self, code: str, speaker: Speaker, device: int | None) -> None:
        from vita.studio.session import StudioSession

        paths = self.context.paths

        def opened(session: StudioSession) -> None:
            self.s.record.attach(session, device)
            self._show(self.s.record)
            self.opened.emit(self.s.record.accessibleName())

        self.context.runner.run(
            lambda: StudioSession.open(paths, code, speaker),
            opened,
            lambda error: self.s.speaker.show_problem(explain(error, self.context.tr)),
            busy=self.context.tr("Opening the sitting…"),
        )

    def _open_review(self, code: str, reviewer: str) -> None:
        from vita.studio.review import Review

        from vita.gui.audio_bridge import read_library

        paths = self.context.paths

        def read() -> tuple[Review, ClipLibrary | None]:
            review = Review.open(paths, code, reviewer)
            try:
                library: ClipLibrary | None = read_library(paths.content)
            except Exception:  # the texts can be reviewed without the clips
                library = None
            return review, library

        def opened(found: tuple[Review, ClipLibrary | None]) -> None:
            self.s.review.attach(found[0], code, reviewer, found[1])
            self._show(self.s.review)
            self.opened.emit(self.s.review.accessibleName())

        self.context.runner.run(
            read,
            opened,
            lambda error: self.s.reviewer.show_problem(explain(error, self.context.tr)),
            busy=self.context.tr("Opening the review…"),
        )

    def _leave_record(self) -> None:
        session = self.s.record.session
        self.s.record.detach()
        self.to_home()
        if session is not None:
            self.s.home.update_language(session.language, session.progress())
            self.s.home.select(session.language)

    def _leave_review(self) -> None:
        code = self.s.review.language
        self.s.review.detach()
        self.to_home()
        self.s.home.select(code)

    def suspend(self) -> None:
        """Before a lock or leaving: the microphone closed, nothing playing. What was kept is in the overlay."""
        self.s.record.detach()
        self.s.review.detach()

    def leave(self) -> None:
        self.suspend()
        if self.changed:
            self.changed = False
            self.read_again()
        self.left.emit()

    def read_again(self) -> None:
        """Interviews play what was just recorded and show what was just reviewed: the content and the clip
        library are read again, in the background. Whatever cannot be read keeps its old version (the new work is
        then used after the next start)."""
        from vita.content.loader import load_content

        from vita.gui.audio_bridge import read_library

        layers = self.context.paths.content

        def read() -> tuple[Content | None, ClipLibrary | None]:
            try:
                content: Content | None = load_content(layers)
            except Exception:  # a PO file the translator is editing: the texts as they were
                content = None
            try:
                library: ClipLibrary | None = read_library(layers)
            except Exception:
                library = None
            return content, library

        def done(found: tuple[Content | None, ClipLibrary | None]) -> None:
            content, library = found
            if content is not None:
                self.context.loaded_content = content
                # a pack's new language may be in a script the start found no font for
                self.context.typography.add_scripts(
                    {lang.script for lang in content.languages}, self.context.paths.overlay
                )
            if library is not None:
                self.context.audio.replace_library(library)
            if content is not None or library is not None:
                self.content_read.emit()

        self.context.runner.run(
            read,
            done,
            lambda _error: None,  # read() keeps its own errors; nothing else can fail
            busy=self.context.tr("Reading the new clips and texts…"),
        )
