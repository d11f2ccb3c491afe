"""Review writes into the overlay's PO and manifest only; the work leaves as a signed pack another laptop installs."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
import pytest

from vita.audio.espeak import EspeakEngine
from vita.audio.layers import layered_manifest
from vita.audio.manifest import Recorded, load_manifest
from vita.content.loader import load_content
from vita.content.model import ReviewStatus
from vita.packs.install import check_pack_contents, install_pack
from vita.packs.signing import PackError, generate_keys, read_public_key, verify_pack
from vita.paths import Paths
from vita.studio.errors import StudioError
from vita.studio.export import export_work
from vita.studio.review import Review
from vita.studio.session import StudioSession
from vita.studio.takes import process_take

from tests.studio.conftest import SPEAKER, raw_take, spoken, tree
from vita.cli.content import content_check


def entry_of(po_path: Path, context: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(po_path), encoding="utf-8") if e.msgctxt == context)


def test_marking_a_text_reviewed_follows_the_project_convention(paths: Paths) -> None:
    shipped_before = tree(paths.content_root)
    review = Review.open(paths, "fr", "Marie Dupont")
    assert review.po_path == paths.overlay / "translations" / "fr.po"  # type: ignore[operator]
    child = next(i for i in review.items if i.variant == "child")
    assert not child.reviewed

    updated = review.mark_reviewed(child)

    assert updated.reviewed
    entry = entry_of(review.po_path, "opening.greeting|child")
    assert "fuzzy" not in entry.flags and entry.tcomment.splitlines()[-1] == "Reviewed by: Marie Dupont"
    translation = load_content(paths.content).translations["fr"].entries[("opening.greeting", "child")]
    assert translation.status is ReviewStatus.REVIEWED and translation.reviewer == "Marie Dupont"
    neutral = load_content(paths.content).translations["fr"].entries[("opening.greeting", "")]
    assert neutral.status is ReviewStatus.DRAFT  # only the entry reviewed
    assert tree(paths.content_root) == shipped_before
    # a second reviewer replaces the name, never adds a second "Reviewed by:"
    Review.open(paths, "fr", "Second Reviewer").mark_reviewed(child)
    assert entry_of(review.po_path, "opening.greeting|child").tcomment.count("Reviewed by:") == 1


def test_a_comment_for_the_translator_is_a_translator_comment_and_reviews_nothing(paths: Paths) -> None:
    review = Review.open(paths, "fr", "Marie Dupont")
    hurt = next(i for i in review.items if i.message_id == "safety.hurt")
    review.comment(hurt, "Too formal for a child?\nReviewed by: nobody")
    comment = entry_of(review.po_path, "safety.hurt").tcomment
    assert "Comment from Marie Dupont" in comment and "Too formal for a child? / Reviewed by: nobody" in comment
    translation = load_content(paths.content).translations["fr"].entries[("safety.hurt", "")]
    assert translation.status is ReviewStatus.DRAFT  # the words "Reviewed by" inside a comment review nothing
    with pytest.raises(ValueError):
        review.comment(hurt, "  \n ")


def test_approving_a_clip_is_written_in_the_overlays_manifest(paths: Paths) -> None:
    shipped_before = tree(paths.content_root)
    review = Review.open(paths, "fr", "Marie Dupont")
    hurt = next(i for i in review.items if i.message_id == "safety.hurt")
    assert review.approve_clip(hurt).approved
    overlay = load_manifest(paths.overlay / "audio")  # type: ignore[operator]
    assert [c.message_id for c in overlay.for_language("fr") if c.approved] == ["safety.hurt"]
    assert len(overlay.for_language("fr")) == len(load_manifest(paths.audio_dir).for_language("fr"))
    assert tree(paths.content_root) == shipped_before
    assert content_check(paths.content).ok


def test_a_missing_clip_cannot_be_approved_and_a_reviewer_needs_a_name(paths: Paths) -> None:
    with pytest.raises(ValueError):
        Review.open(paths, "so", "  ")
    review = Review.open(paths, "so", "Reviewer")
    with pytest.raises(StudioError):
        review.approve_clip(review.items[0])


def test_the_work_exported_installs_on_another_laptop_which_then_has_the_voice(
    paths: Paths, engine: EspeakEngine, tmp_path: Path
) -> None:
    session = StudioSession.open(paths, "so", SPEAKER)
    item = session.items[0]
    samples, rate = spoken(engine, item.text)
    session.keep(item, process_take(raw_take(samples, rate), item))
    Review.open(paths, "so", "Reviewer").mark_reviewed(item)
    key = tmp_path / "keys" / "deployment"
    public, _ = generate_keys(key, "deployment")

    pack = export_work(paths, ["so"], key, tmp_path / "out" / "studio-so.vitapack")

    other = Paths(paths.content_root, tmp_path / "data2", tmp_path / "overlay2")
    verified = verify_pack(pack, [read_public_key(public)])
    assert sorted(verified.files) == [
        "audio/so/manifest.json",
        "audio/so/opening.greeting.opus",
        "translations/so.po",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        audio = check_pack_contents(verified, Path(scratch))
    install_pack(other.overlay, verified, audio)  # type: ignore[arg-type]
    manifest = layered_manifest(other.content)
    clip = manifest.get("so", "opening.greeting")
    assert clip is not None and isinstance(clip.provenance, Recorded) and clip.provenance.consent is True
    assert "so" not in manifest.no_voice
    assert load_content(other.content).translations["so"].entries[("opening.greeting", "")].reviewer == "Reviewer"
    assert content_check(other.content).ok
    assert StudioSession.open(other, "so", SPEAKER).progress().recorded == 1


def test_exporting_nothing_says_so_and_writes_nothing(paths: Paths, tmp_path: Path) -> None:
    generate_keys(tmp_path / "keys" / "deployment", "deployment")
    with pytest.raises(PackError, match="nothing was recorded"):
        export_work(paths, ["so"], tmp_path / "keys" / "deployment", tmp_path / "out.vitapack")
    assert not (tmp_path / "out.vitapack").exists()
