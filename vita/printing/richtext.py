"""The record as the rich text Qt lays out on A4 pages. Plain Python: no Qt here, so it is easy to read and test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from vita.content.countries import describe_country
from vita.content.model import Form
from vita.record.codec import CANONICALIZATION
from vita.record.model import HeardText, Record

SIMULATION_BANNER = "SIMULATION — NOT AN IDENTIFICATION RECORD"
FORM_WORDS = {Form.FEMALE: "woman", Form.MALE: "man", Form.UNSPECIFIED: "unspecified"}
CONSENT_WORDS = {
    "given": "Given",
    "refused": "Refused",
    "not_recorded": "Not recorded",
    "not_required": "Not required (child)",
}
STATUS_WORDS = {"draft": "draft translation", "reviewed": "reviewed", "missing": "no translation"}
AUDIO_WORDS = {
    "none": "no audio (text only)",
    "synthetic": "synthetic voice",
    "recorded": "recorded by human speakers",
    "mixed": "partly synthetic voice",
    "unknown": "provenance unknown",
}

STYLE = """
body { font-size: 9.5pt; color: #111; }
h1 { font-size: 17pt; margin: 0; }
h2 { font-size: 12.5pt; margin-top: 14px; margin-bottom: 4px; color: #0b3d6b; }
table { border-collapse: collapse; }
td, th { padding: 3px 5px; vertical-align: top; }
th { background-color: #e4ebf2; text-align: left; font-weight: bold; }
.grid td, .grid th { border: 1px solid #9aa5b1; }
.label { color: #444; }
.small { font-size: 8pt; color: #444; }
.warn { background-color: #fff4d6; }
.banner { background-color: #fde2e1; border: 1px solid #b3261e; }
.answer { font-size: 11pt; font-weight: bold; }
.mono { font-family: 'Noto Sans Mono'; font-size: 8.5pt; }
"""

FamilyFor = Callable[[str], str]


def _time(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _clock(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%H:%M:%S")


def _duration(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s"


def _e(text: str | None) -> str:
    return escape(text or "")


class _Writer:
    def __init__(self, record: Record, digest: str, family_for: FamilyFor) -> None:
        self.record = record
        self.digest = digest
        self.family_for = family_for
        self.latin = family_for("Latn")

    def native(self, heard: HeardText) -> str:
        """The text in the person's script, in that script's font, laid out in its own direction."""
        try:
            language = self.record.language(heard.language)
            script, direction = language.script, language.direction
        except KeyError:
            script, direction = "Latn", "ltr"
        if heard.text is None:
            return '<p class="small"><i>(no text in this language: the officer could not play it)</i></p>'
        family = self.family_for(script)
        align = "right" if direction == "rtl" else "left"
        status = "" if heard.status == "reviewed" else f'<p class="small">{STATUS_WORDS[heard.status]}</p>'
        return (
            f'<p dir="{direction}" align="{align}" '
            f"style=\"font-family: '{family}', '{self.latin}'; font-size: 11pt;\">"
            f"{_e(heard.text)}</p>{status}"
        )

    def header(self) -> str:
        r, case, person = self.record, self.record.case, self.record.person
        language = r.language(person.language)
        native = f"<span style=\"font-family: '{self.family_for(language.script)}';\">{_e(language.native_name)}</span>"
        used = ", ".join(f"{x.english_name} ({x.code})" for x in r.languages)
        rows = [
            ("Case reference", f"<b>{_e(case.reference)}</b>"),
            ("Place", _e(case.place)),
            ("Officer", _e(case.officer)),
            ("Started", _time(case.started_at)),
            ("Finished", f"{_time(case.finished_at)} ({_duration(case.duration_seconds)})"),
            ("Language", f"{_e(language.english_name)} — {native} ({_e(language.code)})"),
            ("Languages used", _e(used)),
            ("Form of address", FORM_WORDS[person.form]),
            ("Addressed as", "child" if person.audience.value == "child" else "adult"),
            ("Treated as a child", "yes" if person.treated_as_child else "no"),
            *(
                (
                    "Switched to " + ("child" if c.audience.value == "child" else "adult") + " mode",
                    f"at {_clock(c.at)} — {_e(c.reason)}",
                )
                for c in person.audience_changes
            ),
            ("Country", _e(describe_country(case.country)) or "not recorded"),
            ("Record made", f"{_time(r.created_at)} by VITA {_e(r.generator_version)}"),
            ("Interview id", f'<span class="mono">{_e(case.interview_id)}</span>'),
        ]
        cells = "".join(f'<tr><td class="label" width="28%">{k}</td><td>{v}</td></tr>' for k, v in rows)
        title = "<h1>VITA identification record</h1>"
        if r.simulation:
            title = (
                "<h1>VITA simulated record</h1>"
                f'<table width="100%" class="banner"><tr><td><b>{_e(SIMULATION_BANNER)}</b> Made by '
                "<i>vita simulate</i> from a file of answers, for training and testing. No interview took place; "
                "it cannot stand in for an identification record.</td></tr></table>"
            )
        return (
            f"{title}"
            '<table width="100%" class="banner"><tr><td><b>Not a legal determination.</b> '
            f"{_e(r.statement)}</td></tr></table>"
            f'<h2>Case</h2><table width="100%">{cells}</table>'
        )

    def provenance(self) -> str:
        content, audio = self.record.content, self.record.content.audio
        texts = []
        if content.draft:
            texts.append(f"{content.draft} draft translation(s), not reviewed by a qualified translator")
        if content.reviewed:
            texts.append(f"{content.reviewed} reviewed translation(s)")
        if content.missing:
            texts.append(f"{content.missing} message(s) with no translation")
        warn = ' class="warn"' if content.any_draft or audio.state in ("synthetic", "mixed", "unknown") else ""
        return (
            f'<h2>Content used</h2><table width="100%"{warn}>'
            f'<tr><td class="label" width="28%">Texts</td><td>{_e("; ".join(texts) or "none")}</td></tr>'
            f'<tr><td class="label">Audio</td><td>{AUDIO_WORDS[audio.state]}. {_e(audio.detail)}</td></tr></table>'
        )

    def indicators(self) -> str:
        rows = []
        for summary in self.record.indicators:
            if summary.found:
                found = "<br/>".join(
                    f"<b>{_e(hit.name)}</b> "
                    f'<span class="small">({_e(hit.source)}; from {_e(", ".join(hit.questions))})</span>'
                    for hit in summary.found
                )
            else:
                found = '<span class="small">none of the answers touch this</span>'
            rows.append(f'<tr><td width="40%">{_e(summary.title)}</td><td>{found}</td></tr>')
        grouping = (
            f'<p class="small">{_e(self.record.indicator_grouping)}</p>' if self.record.indicator_grouping else ""
        )
        return (
            '<h2>Indicators the answers touch</h2><table width="100%" class="grid">'
            "<tr><th>Element</th><th>Indicators found</th></tr>" + "".join(rows) + "</table>" + grouping
        )

    def referral(self) -> str:
        r = self.record
        consent = r.consent
        parts = [
            '<h2>Recommended referral</h2><table width="100%">'
            f'<tr><td class="label" width="28%">Consent to referral</td><td><b>{CONSENT_WORDS[consent.status]}</b>. '
            f"{_e(consent.explanation)}</td></tr></table>"
        ]
        if r.directory.sample:
            parts.append(
                '<p class="warn"><b>From a SAMPLE referral directory</b> that this deployment has not replaced: '
                "check every contact before using it.</p>"
            )
        if r.referral_note:
            parts.append(f"<p>{_e(r.referral_note)}</p>")
        if not r.referrals:
            parts.append("<p>No entry of the referral directory fits these answers. The officer may still refer.</p>")
        rows = []
        for item in r.referrals:
            entry = item.entry
            contact = "<br/>".join(
                _e(x)
                for x in (
                    f"phone {entry.phone}" if entry.phone else "",
                    entry.email,
                    entry.website,
                    entry.address,
                    entry.contact,
                    f"hours: {entry.hours}" if entry.hours else "",
                )
                if x
            )
            speaks = "speaks the person's language" if item.speaks_language else "language support not listed"
            rows.append(
                f'<tr><td width="38%"><b>{_e(entry.name)}</b><br/><span class="small">{_e(entry.organisation)}'
                f"{' — ' if entry.organisation else ''}{_e(entry.kind.value.replace('_', ' '))}, {_e(entry.country)}; "
                f'{speaks}</span></td><td>{contact}<br/><span class="small">Why: {_e("; ".join(item.reasons))}</span>'
                f"{'<br/><span class=small>' + _e(entry.notes) + '</span>' if entry.notes else ''}</td></tr>"
            )
        if rows:
            parts.append(
                '<table width="100%" class="grid"><tr><th>Where</th><th>Contact and why</th></tr>'
                + "".join(rows)
                + "</table>"
            )
        parts.append(f'<p class="small">Directory: {_e(r.directory.name)}</p>')
        return "".join(parts)

    def questions(self) -> str:
        language = self.record.language(self.record.person.language)
        rows = []
        for number, q in enumerate(self.record.questions, 1):
            answer = f'<span class="answer">{_e(q.answer_label)}</span>' if q.answer_label else "<i>not answered</i>"
            for earlier in q.history:
                answer += (
                    f'<br/><span class="small">corrected; earlier: {_e(earlier.label)} at {_clock(earlier.at)}</span>'
                )
            plays = f"played {q.plays.times}×" + (f", {q.plays.slowed} slowed" if q.plays.slowed else "")
            touches = ""
            if q.indicators:
                names = [self._indicator_name(i) for i in q.indicators]
                touches = f'<br/><span class="small">indicators: {_e(", ".join(names))}</span>'
            if q.asked_before_correction:
                touches += f'<br/><span class="small"><b>{_e(q.asked_before_correction)}</b></span>'
            rows.append(
                f'<tr><td>{number}</td><td>{_e(q.english)}<br/><span class="small">{_e(q.message_id)}; {plays}</span>'
                f"{touches}</td><td>{self.native(q.heard)}</td><td>{answer}</td><td>{_clock(q.answered_at)}</td></tr>"
            )
        head = (  # a <thead> row is repeated on every page the table runs over
            '<thead><tr><th width="4%">#</th><th width="34%">Question (English)</th>'
            f'<th width="34%">As the person heard it ({_e(language.english_name)})</th>'
            '<th width="15%">Answer</th><th width="13%">Time (UTC)</th></tr></thead>'
        )
        return f'<h2>Questions and answers</h2><table width="100%" class="grid">{head}{"".join(rows)}</table>'

    def _indicator_name(self, indicator_id: str) -> str:
        for summary in self.record.indicators:
            for hit in summary.found:
                if hit.id == indicator_id:
                    return hit.name
        return indicator_id

    def skipped(self) -> str:
        if not self.record.skipped:
            return ""
        rows = "".join(
            f'<tr><td>{_e(s.english)}<br/><span class="small">{_e(s.message_id)}</span></td>'
            f"<td>{_e(s.explanation)}</td></tr>"
            for s in self.record.skipped
        )
        return (
            "<h2>Questions not asked (not relevant)</h2>"
            '<p class="small">The answers made these questions irrelevant, so they were not asked.</p>'
            f'<table width="100%" class="grid"><tr><th width="50%">Question (English)</th><th>Why</th></tr>{rows}'
            "</table>"
        )

    def statements(self) -> str:
        if not self.record.statements:
            return ""
        rows = "".join(
            f'<tr><td>{_e(s.english)}<br/><span class="small">{_e(s.message_id)}; played {s.plays.times}×</span></td>'
            f"<td>{self.native(s.heard)}</td></tr>"
            for s in self.record.statements
        )
        return (
            '<h2>Statements played</h2><table width="100%" class="grid">'
            f'<tr><th width="50%">Statement (English)</th><th>As the person heard it</th></tr>{rows}</table>'
        )

    def notes(self) -> str:
        if not self.record.notes:
            return "<h2>Officer's notes</h2><p>No notes.</p>"
        rows = "".join(
            f'<tr><td width="16%">{_clock(n.at)}</td><td width="22%" class="small">{_e(n.message_id or "")}</td>'
            f"<td>{_e(n.text)}</td></tr>"
            for n in self.record.notes
        )
        return f'<h2>Officer\'s notes</h2><table width="100%" class="grid">{rows}</table>'

    def digest_section(self) -> str:
        return (
            "<h2>Checking this record</h2>"
            "<p>The JSON file exported with this PDF holds the same record. Its SHA-256 digest, in groups of eight "
            "characters so that it can be read out and compared, is:</p>"
            f'<p class="mono"><b>{_e(grouped_digest(self.digest))}</b></p>'
            f'<p class="small">What is hashed: {_e(CANONICALIZATION)}. Check a JSON file with '
            '<span class="mono">vita verify FILE.json</span>, or with any RFC 8785 library and SHA-256, and compare '
            "with the digest printed here (the spaces between groups are not part of it).</p>"
            f'<table width="100%" class="banner"><tr><td><b>Not a legal determination.</b> '
            f"{_e(self.record.statement)}</td></tr></table>"
        )


def grouped_digest(digest: str) -> str:
    """The digest in groups of eight characters: easy to read out, and it wraps between groups, never inside."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def record_html(record: Record, digest: str, family_for: FamilyFor) -> str:
    """The whole record as one HTML document for QTextDocument."""
    w = _Writer(record, digest, family_for)
    body = "".join(
        (
            w.header(),
            w.indicators(),
            w.referral(),
            w.questions(),
            w.skipped(),
            w.statements(),
            w.notes(),
            w.provenance(),
            w.digest_section(),
        )
    )
    return f"<html><head><style>{STYLE}</style></head><body style=\"font-family: '{w.latin}';\">{body}</body></html>"
