"""`vita doctor`: one look at everything an officer or a technician needs to trust this install.

Each check returns findings: OK, a *note* (a fact that is not a fault: no sound device on this machine, no
store yet, no microphone) or a *problem* (damaged content, a damaged or unreadable store, unsafe file modes, a
pending audit entry, a nearly full disk), each in plain words with what to do. Nothing here changes anything:
the store is opened without settling a crash's leftovers, and without tightening its file modes first.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import shutil
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vita.paths import Paths

NEARLY_FULL_BYTES = 200 * 2**20  # below this a long interview or an export may not fit


class Level(enum.StrEnum):
    OK = "ok"
    NOTE = "note"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    area: str  # content | fonts | audio | store | disk | retention | audit
    level: Level
    text: str  # what was found
    advice: str = ""  # what to do about it

    def line(self) -> str:
        label = {Level.OK: "OK     ", Level.NOTE: "note   ", Level.PROBLEM: "PROBLEM"}[self.level]
        return f"{label} {self.area:<9} {self.text}" + (f" {self.advice}" if self.advice else "")

    def as_json(self) -> dict[str, str]:
        return {"area": self.area, "level": self.level.value, "text": self.text, "advice": self.advice}


def ok(area: str, text: str) -> Finding:
    return Finding(area, Level.OK, text)


def note(area: str, text: str, advice: str = "") -> Finding:
    return Finding(area, Level.NOTE, text, advice)


def problem(area: str, text: str, advice: str) -> Finding:
    return Finding(area, Level.PROBLEM, text, advice)


# -- content and fonts ---------------------------------------------------------------------------------------


def check_content(paths: Paths) -> list[Finding]:
    """The content check that `vita content check` runs: texts, translations, every clip's checksum."""
    from vita.audio.verify import check_content_and_audio
    from vita.record.referrals import directory_problems

    layers = paths.content  # the shipped content with the deployment's overlay, as the app reads it
    report = check_content_and_audio(layers, more=directory_problems(layers.file("messages/referrals.toml")))
    if report.ok:
        warnings = len(report.problems)
        extra = f" ({warnings} warning(s): see 'vita content check')" if warnings else ""
        return [ok("content", f"{len(report.message_ids)} messages in {len(report.rows)} languages check out{extra}.")]
    first = "; ".join(str(p) for p in report.errors[:3])
    more = f" and {len(report.errors) - 3} more" if len(report.errors) > 3 else ""
    return [
        problem(
            "content",
            f"The content is damaged: {first}{more}.",
            "Run 'vita content check' for every problem, and restore or correct the files it names.",
        )
    ]


def check_fonts(paths: Paths) -> list[Finding]:
    """Every character of every language's texts has a glyph in the bundled fonts (or shows as an empty box)."""
    from fontTools.ttLib import TTFont

    from vita.content.loader import collect_content
    from vita.fonts import bundled_fonts

    content, _ = collect_content(paths.content_root)
    if content is None:
        return [note("fonts", "Not checked: the content cannot be read (see the content line).")]
    try:
        fonts = bundled_fonts()
        cmaps: dict[str, set[int]] = {}
        for font in fonts:
            codes = set(TTFont(str(font.path), lazy=True).getBestCmap())
            for script in font.scripts:
                cmaps.setdefault(script, set()).update(codes)
    except (OSError, ValueError, KeyError) as error:
        return [problem("fonts", f"The bundled fonts cannot be read ({error}).", "Reinstall VITA.")]
    latin = cmaps.get("Latn", set())
    lost: dict[str, set[str]] = {}
    for language in content.languages:
        found = cmaps.get(language.script, set()) | latin
        texts = [language.native_name]
        translation = content.translations.get(language.code)
        if translation is not None:
            texts += [entry.text for entry in translation.entries.values()]
        missing = {
            c
            for text in texts
            for c in text
            if ord(c) not in found and not c.isspace() and unicodedata.category(c) != "Cf"
        }
        if missing:
            lost[language.code] = missing
    if not lost:
        return [ok("fonts", f"Every character of {len(content.languages)} languages has a glyph.")]
    named = "; ".join(
        f"{code}: " + " ".join(f"U+{ord(c):04X}" for c in sorted(chars)[:5]) for code, chars in sorted(lost.items())
    )
    return [
        problem(
            "fonts",
            f"Some characters have no glyph and would show as empty boxes ({named}).",
            "Regenerate the bundled fonts with tools/subset-fonts.py.",
        )
    ]


# -- sound devices -------------------------------------------------------------------------------------------


def check_audio_devices(query: Callable[[], Any] | None = None) -> list[Finding]:
    """A loudspeaker or headset to play messages, and a microphone to record new ones. Neither is a fault."""
    try:
        if query is None:
            import sounddevice

            query = sounddevice.query_devices
        devices = list(query())
    except Exception as error:  # PortAudio missing or failing: a fact about this machine, said plainly
        return [note("audio", f"The sound system cannot be asked for devices ({error}).", "Messages show as text.")]
    outputs = [str(d["name"]) for d in devices if d.get("max_output_channels", 0) > 0]
    inputs = [str(d["name"]) for d in devices if d.get("max_input_channels", 0) > 0]
    findings = [
        ok("audio", f"Sound output: {', '.join(outputs[:3])}.")
        if outputs
        else note("audio", "No loudspeaker or headset is connected.", "Messages show as text until one is plugged in.")
    ]
    findings.append(
        ok("audio", f"Microphone: {', '.join(inputs[:3])}.")
        if inputs
        else note("audio", "No microphone is connected.", "Only needed to record new messages.")
    )
    return findings


# -- the store -----------------------------------------------------------------------------------------------


def check_store_files(path: Path) -> list[Finding]:
    """Without the passphrase: the store's folder and files are owner-only, its log is intact, no kept copy."""
    from vita.store.wal import read_wal, wal_path

    if not path.is_file():
        return [note("store", f"There is no store at {path} yet.", "VITA makes one on first start.")]
    findings = []
    if os.name == "posix":
        loose = []
        for item in (path.parent, path, wal_path(path)):
            try:
                mode = stat.S_IMODE(item.stat().st_mode)
            except OSError:
                continue
            if mode & 0o077:
                loose.append(f"{item} ({mode:o})")
        if loose:
            findings.append(
                problem(
                    "store",
                    f"Other users of this computer may read: {', '.join(loose)}.",
                    "Unlock VITA once (it makes them owner-only), or run: chmod 700 on the folder, 600 on the files.",
                )
            )
        else:
            findings.append(ok("store", "The store's folder and files are readable by their owner only."))
    log = wal_path(path)
    data = log.read_bytes() if log.is_file() else b""
    if data:
        reading = read_wal(data)
        if reading.loses:
            findings.append(
                problem(
                    "store",
                    f"The store's write-ahead log is damaged: committed changes in frames {reading.applied + 1} to "
                    f"{reading.committed} cannot be read back.",
                    "Do not delete any file beside the store. Unlock VITA to keep a copy of the log, and give it "
                    "to whoever looks after this computer.",
                )
            )
        else:
            findings.append(ok("store", f"The write-ahead log holds {reading.applied} frame(s), all readable."))
    else:
        findings.append(ok("store", "The write-ahead log is empty (everything is in the store file)."))
    for kept in sorted(path.parent.glob(f"{log.name}.kept-*")):
        findings.append(
            problem(
                "store",
                f"A copy of a damaged write-ahead log is kept at {kept}: changes in it are missing from the store.",
                "Give the copy to whoever looks after this computer; move it away only once they have it.",
            )
        )
    return findings


def check_store(path: Path, passphrase: str | None, retention_days: Callable[[Any], int]) -> list[Finding]:
    """With the passphrase: integrity, schema version, pending audit entries and the retention state."""
    from vita.errors_text import explain
    from vita.store import SCHEMA_VERSION, Store, StoreError, audit

    if not path.is_file():
        return []
    if passphrase is None:
        return [
            note(
                "store",
                "The store was not opened (no passphrase), so its integrity and audit trail were not checked.",
                "Set VITA_PASSPHRASE or run 'vita doctor' in a terminal.",
            )
        ]
    try:
        store = Store.open(path, passphrase, recover=False)
    except StoreError as error:
        return [problem("store", f"The store cannot be opened: {explain(error)}", "See the sentence before.")]
    findings = []
    with store:
        findings.append(_scheduled_check(store))
        damage = store.integrity_problems()
        if damage:
            findings.append(
                problem(
                    "store",
                    f"The store is damaged: {'; '.join(damage[:3])}.",
                    "Restore it from a backup, or move it aside so VITA can start a new one.",
                )
            )
            # Unlocking no longer reads every page, so the store opened: the rest would read the damaged pages.
            return findings
        else:
            findings.append(ok("store", "Every page of the store decrypts and SQLite's integrity check passes."))
        info = store.info()
        upgraded = f" (upgraded from {store.upgraded_from} just now)" if store.upgraded_from else ""
        findings.append(ok("store", f"Store format {info.schema_version} of {SCHEMA_VERSION}{upgraded}."))
        if store.wal_damaged is not None:
            findings.append(problem("store", explain(store.wal_damaged), ""))
        findings += _audit(store.audit_log(state=audit.PENDING))
        findings += _retention(store, info.interviews - info.unfinished, retention_days(store))
    return findings


def _scheduled_check(store: Any) -> Finding:
    """When the app last ran the full check on its schedule (at a lock), and what it found."""
    from vita.store import integrity

    last = integrity.last_check(store)
    if last is None:
        return note(
            "store",
            "The app has not run its scheduled integrity check on this store yet.",
            "It runs when VITA locks or its window closes, every 'integrity_check_days' days "
            "('vita settings' shows the period).",
        )
    if last.sound:
        return ok("store", last.describe())
    return note("store", last.describe(), "The check just run by 'vita doctor' says how the store is now.")


def _audit(pending: list[Any]) -> list[Finding]:
    if not pending:
        return [ok("audit", "No export is waiting to be confirmed in the audit trail.")]
    names = "; ".join(f"{e.at:%Y-%m-%d %H:%M} {e.detail.split(':')[0]}" for e in pending)
    return [
        problem(
            "audit",
            f"{len(pending)} export(s) were interrupted and are not confirmed in the audit trail ({names}).",
            "Unlock VITA: it finishes or cleans up each one and notes what it did ('vita audit' shows it).",
        )
    ]


def _retention(store: Any, finished: int, days: int) -> list[Finding]:
    if days <= 0:
        return [
            note(
                "retention",
                f"{finished} finished interview(s) are kept until someone deletes them (no retention period).",
                "Set a retention period in the settings to keep only what the referral needs.",
            )
        ]
    from vita.store.retention import retention_cutoff

    cutoff = retention_cutoff(days, dt.datetime.now(dt.UTC))
    due = store.finished_before(cutoff) if cutoff is not None else 0
    if due:
        return [
            note(
                "retention",
                f"{due} finished interview(s) are older than the {days}-day retention period.",
                "They are deleted the next time VITA is unlocked.",
            )
        ]
    return [ok("retention", f"{finished} finished interview(s), none older than {days} days.")]


# -- the disk ------------------------------------------------------------------------------------------------


def check_disk(path: Path) -> list[Finding]:
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        usage = shutil.disk_usage(folder)
    except OSError as error:
        return [note("disk", f"The free space on the disk cannot be read ({error.strerror}).")]
    free_mib = usage.free // 2**20
    if usage.free < NEARLY_FULL_BYTES:
        return [
            problem(
                "disk",
                f"The disk holding {folder} is nearly full ({free_mib} MiB free).",
                "Free some space (move or delete other files) before the next interview.",
            )
        ]
    return [ok("disk", f"{free_mib} MiB free on the disk holding {folder}.")]
