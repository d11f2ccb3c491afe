"""The recording studio driven with the keyboard only, as a coordinator and a speaker use it: choose a language
and a speaker, record, retake, keep, leave and resume a half-done language, then review (text reviewed, clip
approved, a comment for the translator). The speaker is synthetic (tests/gui/studio_speaker.py) and everything
is written into the test's own overlay folder, never into the shipped content.

Screenshots of each studio screen go to /tmp/studio-shots/ (run with VITA_TEST_ON_DISPLAY=1 and DISPLAY set to
the Xvfb display for real X windows)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest

from PySide6 import QtCore, QtGui, QtWidgets
from pytestqt.qtbot import QtBot

from vita.audio.espeak import EspeakEngine
from vita.audio.fake import FakeBackend
from vita.audio.manifest import load_manifest
from vita.content.model import Audience, Form
from vita.interview.plan import interview_plan
from vita.packs.signing import generate_keys, read_public_key, verify_pack
from vita.paths import Paths
from vita.studio.errors import RecorderUnavailable

from vita.gui.app import launch
from vita.gui.main_window import MainWindow
from vita.gui.screens.languages import SCRIPT

from tests.gui.conftest import TEST_KDF_COST, Keyboard, unlock_new_store
from tests.gui.studio_speaker import SpeakerFromFiles

Key = QtCore.Qt.Key
LANGUAGE = "fr"
SILENT = "ha"  # shipped without any voice
SHOTS = Path("/tmp/studio-shots")


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


@pytest.fixture
def studio(
    qtbot: QtBot, repo_root: Path, tmp_path: Path, fake_output: FakeBackend, engine: EspeakEngine
) -> Iterator[Callable[[], tuple[MainWindow, SpeakerFromFiles]]]:
    """The app over the shipped content with an overlay in tmp_path (where the studio writes), and the speaker."""
    windows: list[MainWindow] = []

    def make() -> tuple[MainWindow, SpeakerFromFiles]:
        window = launch(
            Paths(repo_root, tmp_path / "data", tmp_path / "overlay"),
            backend_factory=lambda: fake_output,  # type: ignore[arg-type,return-value]
            kdf_cost=TEST_KDF_COST,
            setting_overrides={"export_dir": str(tmp_path / "records")},
        )
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.activateWindow()
        window.raise_()
        qtbot.waitUntil(window.isActiveWindow)  # on a real X display (no window manager) keys need this
        speaker = SpeakerFromFiles(window, engine)
        window.context.recorder_factory = speaker
        windows.append(window)
        return window, speaker

    yield make
    for window in windows:
        if window.ready:
            window.studio_routes.suspend()  # the microphone closed before the window goes
            window.person_view.close()
        window.context.recorder_factory = None  # no cycle window → speaker → window left to the collector
        window.idle_lock.detach()


def shot(window: MainWindow, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    QtWidgets.QApplication.processEvents()
    window.grab().save(str(SHOTS / f"{name}.png"))


def open_studio(window: MainWindow, keys: Keyboard, qtbot: QtBot) -> None:
    home = window.studio.home
    with qtbot.waitSignal(home.listed, timeout=20_000):
        keys.press(Key.Key_F7)
    assert window.current_screen is home


def choose_language(window: MainWindow, keys: Keyboard, code: str) -> None:
    """Arrow down the language list to `code` (the list has the focus)."""
    home = window.studio.home
    home.languages.setFocus()
    keys.press(Key.Key_Home)
    for _ in range(home.languages.count()):
        if home.current_code == code:
            return
        keys.press(Key.Key_Down)
    raise AssertionError(f"{code} is not listed")


def open_sitting(window: MainWindow, keys: Keyboard, qtbot: QtBot, name: str = "Amina Test") -> None:
    """Home → speaker (name, consent ticked) → the record screen."""
    keys.press(Key.Key_Return)
    assert window.current_screen is window.studio.speaker
    keys.type(name)
    keys.press(Key.Key_Tab, Key.Key_Tab)  # the place is optional
    assert QtWidgets.QApplication.focusWidget() is window.studio.speaker.consent
    keys.press(Key.Key_Space)
    with qtbot.waitSignal(window.studio_routes.opened, timeout=20_000):
        keys.press(Key.Key_Return)
    assert window.current_screen is window.studio.record


def record_take(window: MainWindow, keys: Keyboard, qtbot: QtBot) -> None:
    record = window.studio.record
    keys.press(Key.Key_R)
    assert record.recording and record.meter_timer.isActive()
    with qtbot.waitSignal(record.take_ready, timeout=20_000):
        keys.press(Key.Key_R)
    assert not record.meter_timer.isActive(), "no timer runs while idle"


def keep_first_take(window: MainWindow, keys: Keyboard, qtbot: QtBot) -> None:
    """A new store unlocked, the studio opened on LANGUAGE, and a take of its first text recorded and kept (K);
    the record screen stays open."""
    unlock_new_store(window, keys, qtbot)
    open_studio(window, keys, qtbot)
    choose_language(window, keys, LANGUAGE)
    open_sitting(window, keys, qtbot)
    record_take(window, keys, qtbot)
    with qtbot.waitSignal(window.studio.record.kept, timeout=20_000):
        keys.press(Key.Key_K)


def overlay_clips(tmp_path: Path) -> list[tuple[str, str, str, str]]:
    """(message, variant, kind, speaker) of every clip the overlay's manifest holds for LANGUAGE."""
    folder = tmp_path / "overlay" / "audio"
    if not (folder / LANGUAGE / "manifest.json").is_file():
        return []
    manifest = load_manifest(folder)
    return [
        (c.message_id, c.variant, c.provenance.kind, getattr(c.provenance, "speaker", ""))
        for c in manifest.for_language(LANGUAGE)
    ]


def test_record_retake_keep_then_leave_and_resume_the_half_done_language(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
    tmp_path: Path,
    fake_output: FakeBackend,
    repo_root: Path,
) -> None:
    window, speaker = studio()
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    shot(window, "0-start")
    open_studio(window, keys, qtbot)
    choose_language(window, keys, LANGUAGE)
    before = window.studio.home.progress[LANGUAGE]
    assert before.recorded == 0 and before.total > 0
    shot(window, "1-studio-home")

    # Consent first: without the tick nothing opens.
    keys.press(Key.Key_Return)
    keys.type("Amina Test")
    keys.press(Key.Key_Return)
    speaker_screen = window.studio.speaker
    assert window.current_screen is speaker_screen and speaker_screen.problem.isVisible()
    # The inputs PortAudio sees (in the test environment, the null sink's monitor among them), after the default.
    qtbot.waitUntil(lambda: speaker_screen.device.count() > 1, timeout=10_000)
    assert speaker_screen.device.currentIndex() == 0
    shot(window, "2-speaker-no-consent")
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.studio.home

    open_sitting(window, keys, qtbot)
    record = window.studio.record
    first = record.item
    assert record.index == 0 and first.status != "recorded"
    assert record.texts.source.raw_text == first.source_text and record.texts.translation.raw_text == first.text
    shot(window, "3-record-ready")

    # A clipped take is warned about, played back at once, and retaken with Backspace.
    speaker.mode = "loud"
    played = len(fake_output.played)
    record_take(window, keys, qtbot)
    assert any(w.kind == "clipping" for w in record.take.warnings)  # type: ignore[union-attr]
    assert record.warnings.isVisible() and "Too loud" in record.warnings.text()
    qtbot.waitUntil(lambda: len(fake_output.played) > played)  # the take played back at once
    shot(window, "4-record-take-clipped")
    speaker.mode = "normal"
    speaker.realtime = True  # the take grows as the speaker reads: the meter follows the voice
    keys.press(Key.Key_Backspace)
    assert record.recording, "Backspace retakes at once"
    qtbot.waitUntil(lambda: record.meter.value() > -30, timeout=10_000)
    shot(window, "5-record-recording")
    qtbot.waitUntil(lambda: speaker.heard_all, timeout=30_000)
    speaker.realtime = False
    with qtbot.waitSignal(record.take_ready, timeout=20_000):
        keys.press(Key.Key_R)
    assert record.take is not None and record.take.usable
    assert not any(w.kind == "clipping" for w in record.take.warnings)
    assert len(speaker.takes) == 2

    # Space plays the take again; K keeps it and moves on.
    played = len(fake_output.played)
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: len(fake_output.played) > played)
    with qtbot.waitSignal(record.kept, timeout=20_000):
        keys.press(Key.Key_K)
    assert record.index == 1
    assert (first.message_id, first.variant, "recorded", "Amina Test") in overlay_clips(tmp_path)
    assert record.session is not None and record.session.items[0].status == "recorded"
    assert record.session.progress().recorded == 1

    # A second text, then a third one left half done (recorded, not kept).
    second = record.item
    record_take(window, keys, qtbot)
    with qtbot.waitSignal(record.kept, timeout=20_000):
        keys.press(Key.Key_K)
    record_take(window, keys, qtbot)
    assert record.index == 2
    keys.press(Key.Key_Escape)  # leaves the sitting; the unkept take is dropped
    assert window.current_screen is window.studio.home
    assert speaker.closed, "the microphone is closed on leaving"
    assert window.studio.home.progress[LANGUAGE].recorded == 2
    assert "2 of" in window.studio.home.details.text()
    shot(window, "6-studio-home-progress")
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.start

    # Resumed later: the sitting opens at the text where it was left.
    open_studio(window, keys, qtbot)
    choose_language(window, keys, LANGUAGE)
    open_sitting(window, keys, qtbot)
    assert record.index == 2
    assert [record.session.items[i].status for i in (0, 1)] == ["recorded", "recorded"]  # type: ignore[union-attr]
    assert (second.message_id, second.variant, "recorded", "Amina Test") in overlay_clips(tmp_path)
    keys.press(Key.Key_Left)
    assert record.index == 1
    keys.press(Key.Key_PageDown)
    assert record.index == 2

    # Nothing the synthetic speaker produced reached the shipped content.
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "audio", "translations"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert changed.stdout == ""


def test_a_take_without_speech_cannot_be_kept(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window, speaker = studio()
    keys = keyboard(window)
    unlock_new_store(window, keys, qtbot)
    open_studio(window, keys, qtbot)
    choose_language(window, keys, LANGUAGE)
    open_sitting(window, keys, qtbot)
    record = window.studio.record

    def unplugged(_device: int | str | None) -> SpeakerFromFiles:
        raise RecorderUnavailable("no input device 7: unplugged")

    # A microphone that cannot be opened is said in words; the screen stays, and R works once it is back.
    window.context.recorder_factory = unplugged
    keys.press(Key.Key_R)
    assert not record.recording and "The microphone cannot be used" in record.warnings.text()
    window.context.recorder_factory = speaker
    speaker.mode = "silent"
    record_take(window, keys, qtbot)
    assert record.take is not None and not record.take.usable
    assert not record.keep_action.isEnabled()
    keys.press(Key.Key_K)
    assert record.index == 0 and overlay_clips(tmp_path) == []
    assert "No speech" in record.warnings.text()

    # Locking while recording closes the microphone; after unlocking the officer is on the start screen.
    speaker.mode = "normal"
    keys.press(Key.Key_R)
    assert record.recording
    window.lock()
    assert not record.recording and speaker.closed and not record.meter_timer.isActive()
    assert window.current_screen is window.unlock


def test_review_marks_the_text_approves_the_clip_and_comments_for_the_translator(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
    tmp_path: Path,
    fake_output: FakeBackend,
) -> None:
    window, _speaker = studio()
    keys = keyboard(window)
    keep_first_take(window, keys, qtbot)
    keys.press(Key.Key_Escape)
    assert window.studio.home.progress[LANGUAGE].recorded == 1

    keys.press(Key.Key_F5)
    assert window.current_screen is window.studio.reviewer
    keys.press(Key.Key_Return)
    assert window.studio.reviewer.problem.isVisible(), "a reviewer's name is needed"
    shot(window, "7-reviewer")
    keys.type("Rita Reviewer")
    with qtbot.waitSignal(window.studio_routes.opened, timeout=20_000):
        keys.press(Key.Key_Return)
    review = window.studio.review
    assert window.current_screen is review
    keys.press(Key.Key_Home)  # not a key of the review: nothing happens
    review.go_to(0) if review.index != 0 else None
    item = review.items_now[0]
    assert item.status == "recorded" and not item.approved
    assert "Poedit" in review.where.text() and str(review.review.po_path) in review.where.text()  # type: ignore[union-attr]

    played = len(fake_output.played)
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: len(fake_output.played) > played)
    with qtbot.waitSignal(review.marked, timeout=20_000):
        keys.press(Key.Key_V)
    with qtbot.waitSignal(review.marked, timeout=20_000):
        keys.press(Key.Key_A)
    assert review.items_now[0].reviewed and review.items_now[0].approved
    keys.press(Key.Key_C)
    assert review.comment.hasFocus()
    keys.type("Please use the polite form here")
    with qtbot.waitSignal(review.marked, timeout=20_000):
        keys.press(Key.Key_Return)
    assert not review.comment.hasFocus() and review.comment.text() == ""
    shot(window, "8-review")

    manifest = load_manifest(tmp_path / "overlay" / "audio")
    clip = manifest.get(LANGUAGE, item.message_id, item.variant)
    assert clip is not None and clip.approved
    po = polib.pofile(str(review.review.po_path))  # type: ignore[union-attr]
    entry = next(e for e in po if e.msgid == item.source_text or e.msgctxt == item.message_id)
    assert "Please use the polite form here" in entry.tcomment
    assert "fuzzy" not in entry.flags

    # Right moves on; Esc goes back to the languages.
    keys.press(Key.Key_Right)
    assert review.index == 1
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.studio.home

    # Export: the signed pack of the work.
    keys.press(Key.Key_F6)
    export = window.studio.export
    assert window.current_screen is export and export.chosen() == [LANGUAGE]
    private = tmp_path / "keys" / "deployment.key"
    generate_keys(private, "test deployment")
    keys.press(Key.Key_Tab)
    assert export.key.hasFocus()
    keys.type(str(private))
    with qtbot.waitSignal(export.exported, timeout=30_000) as written:
        keys.press(Key.Key_Return)
    shot(window, "9-export")
    pack = Path(written.args[0])  # type: ignore[index]
    assert pack.parent == tmp_path / "records" and export.result.isVisible()
    verified = verify_pack(pack, [read_public_key(private.with_suffix(".pub"))])
    assert f"audio/{LANGUAGE}/manifest.json" in verified.files and f"translations/{LANGUAGE}.po" in verified.files


def test_a_language_without_a_voice_plays_its_first_kept_clip_in_the_interview_and_shows_the_rest_as_text(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
    fake_output: FakeBackend,
) -> None:
    window, _speaker = studio()
    keys = keyboard(window)
    content = window.context.content
    plan = interview_plan(content.catalogue, Audience.ADULT, content.deployment.modules)
    first, second = plan[0].id, plan[1].id
    assert window.context.audio.clip(SILENT, first, Form.UNSPECIFIED, Audience.ADULT) is None, "no voice yet"
    unlock_new_store(window, keys, qtbot)
    open_studio(window, keys, qtbot)
    choose_language(window, keys, SILENT)
    assert window.studio.home.progress[SILENT].recorded == 0 and not window.studio.home.progress[SILENT].synthetic
    open_sitting(window, keys, qtbot)
    record = window.studio.record
    assert record.session is not None
    while (record.item.message_id, record.item.variant) != (first, ""):
        keys.press(Key.Key_Right)
    record_take(window, keys, qtbot)
    with qtbot.waitSignal(record.kept, timeout=20_000):
        keys.press(Key.Key_K)
    keys.press(Key.Key_Escape)
    with qtbot.waitSignal(window.context.runner.idle, timeout=20_000):  # the library is read again on leaving
        keys.press(Key.Key_Escape)
    assert window.current_screen is window.start

    keys.type("Test post")
    keys.press(Key.Key_Tab)
    keys.type("Officer T")
    keys.press(Key.Key_Return)
    keys.type("hausa")
    keys.press(Key.Key_Return)
    played = len(fake_output.played)
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.interview)
    assert window.interview.current.id == first
    qtbot.waitUntil(lambda: len(fake_output.played) > played)  # the recorded clip plays
    assert "text only" not in window.interview.provenance.text()
    keys.press(Key.Key_Right)
    assert window.interview.current.id == second
    assert "text only" in window.interview.provenance.text()


def test_a_text_reviewed_in_the_studio_is_shown_reviewed_in_the_next_interview(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
) -> None:
    window, _speaker = studio()
    keys = keyboard(window)
    content = window.context.content
    first = interview_plan(content.catalogue, Audience.ADULT, content.deployment.modules)[0].id
    before = content.text(LANGUAGE, first, Form.UNSPECIFIED, Audience.ADULT)
    assert before is not None and before.is_draft
    unlock_new_store(window, keys, qtbot)
    open_studio(window, keys, qtbot)
    choose_language(window, keys, LANGUAGE)
    keys.press(Key.Key_F5)
    keys.type("Rita Reviewer")
    with qtbot.waitSignal(window.studio_routes.opened, timeout=20_000):
        keys.press(Key.Key_Return)
    review = window.studio.review
    assert review.index == 0
    for _ in review.items_now:
        item = review.items_now[review.index]
        if (item.message_id, item.variant) == (first, ""):
            break
        keys.press(Key.Key_Right)
    assert (item.message_id, item.variant) == (first, "")
    with qtbot.waitSignal(review.marked, timeout=20_000):
        keys.press(Key.Key_V)
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.studio.home
    with qtbot.waitSignal(window.context.runner.idle, timeout=20_000):  # the content is read again on leaving
        keys.press(Key.Key_Escape)
    assert window.current_screen is window.start

    keys.type("Test post")
    keys.press(Key.Key_Tab)
    keys.type("Officer T")
    keys.press(Key.Key_Return)
    keys.type("french")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.interview)
    assert window.interview.current.id == first
    provenance = window.interview.provenance.text()
    assert "reviewed by Rita Reviewer" in provenance and "draft" not in provenance


def choose_file(keys: Keyboard, qtbot: QtBot, home: QtWidgets.QWidget, path: Path) -> None:
    """F8, then the file's path typed into the dialog's name field and Return."""
    keys.press(Key.Key_F8)
    dialog = home.findChild(QtWidgets.QFileDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()  # a window manager does this; the test display has none
    qtbot.waitUntil(dialog.isActiveWindow)
    keys.type(str(path))
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    home.window().activateWindow()  # as a window manager does when the dialog goes
    qtbot.waitUntil(home.window().isActiveWindow)


def test_install_a_pack_the_studio_exported_refused_until_its_key_is_trusted(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    from vita.packs.install import installed_packs

    window, _speaker = studio()
    keys = keyboard(window)
    keep_first_take(window, keys, qtbot)
    keys.press(Key.Key_Escape)
    keys.press(Key.Key_F6)
    export = window.studio.export
    private = tmp_path / "keys" / "deployment.key"
    generate_keys(private, "test deployment")
    keys.press(Key.Key_Tab)
    keys.type(str(private))
    with qtbot.waitSignal(export.exported, timeout=30_000) as written:
        keys.press(Key.Key_Return)
    pack = Path(written.args[0])  # type: ignore[index]
    keys.press(Key.Key_Escape)
    home = window.studio.home
    assert window.current_screen is home
    overlay = tmp_path / "overlay"

    # The deployment does not trust the key yet: refused, in words, and nothing installed.
    with qtbot.waitSignal(window.context.runner.idle, timeout=30_000):
        choose_file(keys, qtbot, home, pack)
    assert home.problem.isVisible() and "not installed" in home.problem.text()
    assert not home.notice.isVisible()
    assert installed_packs(overlay) == []

    # Trusted (as `vita content trust` does), the same pack installs and the content is read again.
    public = read_public_key(private.with_suffix(".pub"))
    (overlay / "keys").mkdir(exist_ok=True)
    (overlay / "keys" / f"{public.key_id}.pub").write_bytes(private.with_suffix(".pub").read_bytes())
    before = window.context.content
    with qtbot.waitSignal(home.listed, timeout=30_000):
        choose_file(keys, qtbot, home, pack)
    qtbot.waitUntil(lambda: not window.context.runner.busy, timeout=30_000)
    assert not home.problem.isVisible()
    assert home.notice.isVisible() and "Installed the pack" in home.notice.text()
    assert [p.languages for p in installed_packs(overlay)] == [(LANGUAGE,)]
    assert window.context.content is not before, "the content was read again"
    assert window.current_screen is home and home.progress[LANGUAGE].recorded == 1


def test_a_language_a_pack_brings_is_found_by_name_and_chosen_at_once_in_the_list_and_the_finder(
    studio: Callable[[], tuple[MainWindow, SpeakerFromFiles]],
    keyboard: Callable[[MainWindow], Keyboard],
    qtbot: QtBot,
    tmp_path: Path,
    repo_root: Path,
) -> None:
    """No restart: the pack is installed in the studio, and back on the start screen the officer finds the new
    language on the language screen by its name (where it was not before) and chooses it, there and in the
    finder."""
    from vita.packs.signing import make_pack, read_private_key

    from tests.packs.georgian import DEJAVU, georgian_pack_folder

    if not DEJAVU.exists():
        pytest.skip("needs DejaVu Sans (fonts-dejavu-core) for the pack's Georgian font")
    private = tmp_path / "keys" / "ministry.key"
    public, key = generate_keys(private, "Ministry")
    pack = tmp_path / "georgian.vitapack"
    make_pack(georgian_pack_folder(repo_root, tmp_path / "georgian"), read_private_key(private), pack, "georgian")
    (tmp_path / "overlay" / "keys").mkdir(parents=True)
    (tmp_path / "overlay" / "keys" / f"{key}.pub").write_bytes(public.read_bytes())  # `vita content trust`
    window, _speaker = studio()
    keys = keyboard(window)
    languages, finder = window.languages, window.finder

    def find_georgian() -> None:
        keys.type("Test post")
        keys.press(Key.Key_Tab)
        keys.type("Officer T")
        keys.press(Key.Key_Return)
        assert window.current_screen is languages
        keys.type("georgian")

    unlock_new_store(window, keys, qtbot)
    find_georgian()
    assert languages.none_found.isVisible() and languages.visible_codes() == []
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.start

    open_studio(window, keys, qtbot)
    home = window.studio.home
    with qtbot.waitSignal(window.studio_routes.content_read, timeout=30_000):  # read again after the install
        choose_file(keys, qtbot, home, pack)
    assert "Installed the pack georgian" in home.notice.text()
    keys.press(Key.Key_Escape)
    assert window.current_screen is window.start

    find_georgian()
    assert not languages.none_found.isVisible() and languages.visible_codes() == ["ka"]
    shown = languages.grid.currentIndex()
    assert str(shown.data(QtCore.Qt.ItemDataRole.AccessibleTextRole)).startswith("Georgian — ქართული")
    native = QtGui.QRawFont.fromFont(window.context.typography.font("native-name", str(shown.data(SCRIPT))))
    assert native.supportsCharacter(ord("ქ")), "its name is drawn in a font with its letters"
    keys.press(Key.Key_F2)  # the finder plays the languages the grid shows
    assert window.current_screen is finder
    assert finder.current.code == "ka" and finder.english.text() == "Georgian"
    keys.press(Key.Key_Return)
    assert window.current_screen is window.addressee
    assert window.routes.draft is not None and window.routes.draft.language == "ka"

    keys.press(Key.Key_Escape)  # back on the list, the officer chooses it there too
    assert window.current_screen is languages
    keys.press(Key.Key_Return)
    assert window.current_screen is window.addressee and window.routes.draft.language == "ka"
