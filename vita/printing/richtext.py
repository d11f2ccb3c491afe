"""The record as the rich text Qt lays out on A4 pages. Plain Python: no Qt here, so it is easy to read and test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from vita.content.countries import describe_country
from vita.content.model import Form
from vita.content.officer import N_, OfficerText
from vita.content.scripts import keep_sentence_end
from vita.record.codec import CANONICALIZATION
from vita.record.model import HeardText, Plays, Record

SIMULATION_BANNER = "SIMULATION — NOT AN IDENTIFICATION RECORD"
# The record's words in English; each is shown in the officer's language with the English beside it.
FORM_WORDS = {Form.FEMALE: N_("woman"), Form.MALE: N_("man"), Form.UNSPECIFIED: N_("unspecified")}
CONSENT_WORDS = {
    "given": N_("Given"),
    "refused": N_("Refused"),
    "not_recorded": N_("Not recorded"),
    "not_required": N_("Not required (child)"),
}
STATUS_WORDS = {"draft": N_("draft translation"), "reviewed": N_("reviewed"), "missing": N_("no translation")}
AUDIO_WORDS = {
    "none": N_("no audio (text only)"),
    "synthetic": N_("synthetic voice"),
    "recorded": N_("recorded by human speakers"),
    "mixed": N_("partly synthetic voice"),
    "unknown": N_("provenance unknown"),
}

NOTES = N_("Officer's notes")
SAMPLE_WARNING = N_(
    "From a SAMPLE referral directory that this deployment has not replaced: check every contact before using it."
)
NO_ENTRY = N_("No entry of the referral directory fits these answers. The officer may still refer.")
DIGEST_INTRO = N_(
    "The JSON file exported with this PDF holds the same record. Its SHA-256 digest, in groups of eight "
    "characters so that it can be read out and compared, is:"
)
DIGEST_CHECK = N_(
    "Check a JSON file with “vita verify FILE.json”, or with any RFC 8785 library and SHA-256, and compare with "
    "the digest printed here (the spaces between groups are not part of it)."
)

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
    def __init__(self, record: Record, digest: str, family_for: FamilyFor, tr: OfficerText) -> None:
        self.record = record
        self.digest = digest
        self.family_for = family_for
        self.latin = family_for("Latn")
        self.tr = tr

    def b(self, english: str, **fields: object) -> str:
        """A heading or label in the officer's language with the English beside it, escaped."""
        return _e(self.tr.beside(english, **fields))

    def h2(self, english: str) -> str:
        return f"<h2>{self.b(english)}</h2>"

    def indicator(self, indicator_id: str, english: str) -> str:
        return _e(self.tr.content_beside("indicator", indicator_id, english))

    def native(self, heard: HeardText) -> str:
        """The text in the person's script, in that script's font, laid out in its own direction."""
        try:
            language = self.record.language(heard.language)
            script, direction = language.script, language.direction
        except KeyError:
            script, direction = "Latn", "ltr"
        if heard.text is None:
            return f'<p class="small"><i>({self.b("no text in this language: the officer could not play it")})</i></p>'
        family = self.family_for(script)
        direction = "rtl" if direction == "rtl" else "ltr"  # an attribute value: only the two known words
        align = "right" if direction == "rtl" else "left"
        if heard.status == "reviewed":  # the reviewer's name comes from a PO comment, so it is escaped
            status = f'<p class="small">{_e("reviewed by " + (heard.reviewer or ""))}</p>'
        else:
            status = f'<p class="small">{self.b(STATUS_WORDS[heard.status])}</p>'
        return (
            f'<p dir="{direction}" align="{align}" '
            f"style=\"font-family: '{family}', '{self.latin}'; font-size: 11pt;\">"
            f"{_e(keep_sentence_end(heard.text))}</p>{status}"
        )

    def header(self) -> str:
        r, case, person = self.record, self.record.case, self.record.person
        language = r.language(person.language)
        native = f"<span style=\"font-family: '{self.family_for(language.script)}';\">{_e(language.native_name)}</span>"
        used = ", ".join(f"{x.english_name} ({x.code})" for x in r.languages)
        b = self.b
        rows = [
            (b("Case reference"), f"<b>{_e(case.reference)}</b>"),
            (b("Place"), _e(case.place)),
            (b("Officer"), _e(case.officer)),
            (b("Started"), _time(case.started_at)),
            (b("Finished"), f"{_time(case.finished_at)} ({_duration(case.duration_seconds)})"),
            (b("Language"), f"{_e(language.english_name)} — {native} ({_e(language.code)})"),
            (b("Languages used"), _e(used)),
            (b("Form of address"), b(FORM_WORDS[person.form])),
            (b("Addressed as"), b("child") if person.audience.value == "child" else b("adult")),
            (b("Treated as a child"), b("yes") if person.treated_as_child else b("no")),
            *(
                (
                    b("Switched to child mode") if c.audience.value == "child" else b("Switched to adult mode"),
                    f"{_clock(c.at)} — {_e(c.reason)}",
                )
                for c in person.audience_changes
            ),
            (b("Country"), _e(describe_country(case.country)) or b("not recorded")),
            (b("Record made"), f"{_time(r.created_at)} by VITA {_e(r.generator_version)}"),
            (b("Interview id"), f'<span class="mono">{_e(case.interview_id)}</span>'),
        ]
        cells = "".join(f'<tr><td class="label" width="28%">{k}</td><td>{v}</td></tr>' for k, v in rows)
        title = f"<h1>{b('VITA identification record')}</h1>"
        if r.simulation:
            title = (
                "<h1>VITA simulated record</h1>"
                f'<table width="100%" class="banner"><tr><td><b>{_e(SIMULATION_BANNER)}</b> Made by '
                "<i>vita simulate</i> from a file of answers, for training and testing. No interview took place; "
                "it cannot stand in for an identification record.</td></tr></table>"
            )
        return f"{title}" + self.banner() + f'{self.h2("Case")}<table width="100%">{cells}</table>'

    def banner(self) -> str:
        own = "" if self.tr.is_english else f"<br/>{_e(self.tr(self.record.statement))}"
        return (
            f'<table width="100%" class="banner"><tr><td><b>{self.b("Not a legal determination.")}</b> '
            f"{_e(self.record.statement)}{own}</td></tr></table>"
        )

    def provenance(self) -> str:
        content, audio = self.record.content, self.record.content.audio
        texts = []
        if content.draft:
            texts.append(
                self.b("{count} draft translation(s), not reviewed by a qualified translator", count=content.draft)
            )
        if content.reviewed:
            texts.append(self.b("{count} reviewed translation(s)", count=content.reviewed))
        if content.missing:
            texts.append(self.b("{count} message(s) with no translation", count=content.missing))
        warn = ' class="warn"' if content.any_draft or audio.state in ("synthetic", "mixed", "unknown") else ""
        return (
            f'{self.h2("Content used")}<table width="100%"{warn}>'
            f'<tr><td class="label" width="28%">{self.b("Texts")}</td>'
            f"<td>{'; '.join(texts) or self.b('none')}</td></tr>"
            f'<tr><td class="label">{self.b("Audio")}</td><td>{self.b(AUDIO_WORDS[audio.state])}. '
            f"{_e(audio.detail)}</td></tr></table>"
        )

    def indicators(self) -> str:
        rows = []
        for summary in self.record.indicators:
            if summary.found:
                found = "<br/>".join(
                    f"<b>{self.indicator(hit.id, hit.name)}</b> "
                    f'<span class="small">({_e(hit.source)}; {self.b("from")} '
                    f"{_e(', '.join(self._question_words(q) for q in hit.questions))})</span>"
                    for hit in summary.found
                )
            else:
                found = f'<span class="small">{self.b("none of the answers touch this")}</span>'
            rows.append(f'<tr><td width="40%">{self.b(summary.title)}</td><td>{found}</td></tr>')
        grouping = (
            f'<p class="small">{_e(self.record.indicator_grouping)}</p>' if self.record.indicator_grouping else ""
        )
        return (
            f'{self.h2("Indicators the answers touch")}<table width="100%" class="grid">'
            f"<tr><th>{self.b('Element')}</th><th>{self.b('Indicators found')}</th></tr>"
            + "".join(rows)
            + "</table>"
            + grouping
        )

    def _question_words(self, message_id: str) -> str:
        """A question as the officer knows it (its English text), never its id."""
        for question in self.record.questions:
            if question.message_id == message_id:
                return f"“{question.english}”"
        for statement in self.record.statements:
            if statement.message_id == message_id:
                return f"“{statement.english}”"
        return message_id

    def referral(self) -> str:
        r = self.record
        consent = r.consent
        parts = [
            f'{self.h2("Recommended referral")}<table width="100%">'
            f'<tr><td class="label" width="28%">{self.b("Consent to referral")}</td>'
            f"<td><b>{self.b(CONSENT_WORDS[consent.status])}</b>. {_e(consent.explanation)}</td></tr></table>"
        ]
        if r.directory.sample:
            parts.append(f'<p class="warn">{self.b(SAMPLE_WARNING)}</p>')
        if r.referral_note:
            parts.append(f"<p>{_e(r.referral_note)}</p>")
        if not r.referrals:
            parts.append(f"<p>{self.b(NO_ENTRY)}</p>")
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
            speaks = (
                self.b("speaks the person's language")
                if item.speaks_language
                else self.b("language support not listed")
            )
            lines = [  # only the lines that say something: an entry with no contact gets no empty line
                contact,
                f'<span class="small">{self.b("Why:")} {_e("; ".join(item.reasons))}</span>',
                f'<span class="small">{_e(entry.notes)}</span>' if entry.notes else "",
            ]
            rows.append(
                f'<tr><td width="38%"><b>{_e(entry.name)}</b><br/><span class="small">{_e(entry.organisation)}'
                f"{' — ' if entry.organisation else ''}{_e(entry.kind.value.replace('_', ' '))}, {_e(entry.country)}; "
                f"{speaks}</span></td><td>{'<br/>'.join(line for line in lines if line)}</td></tr>"
            )
        if rows:
            parts.append(
                f'<table width="100%" class="grid"><tr><th>{self.b("Where")}</th>'
                f"<th>{self.b('Contact and why')}</th></tr>" + "".join(rows) + "</table>"
            )
        parts.append(f'<p class="small">{self.b("Directory:")} {_e(r.directory.name)}</p>')
        return "".join(parts)

    def questions(self) -> str:
        language = self.record.language(self.record.person.language)
        tr, b = self.tr, self.b
        rows = []
        for number, q in enumerate(self.record.questions, 1):
            if q.answer is not None:
                label = tr.content_beside("answer", q.answer.value, q.answer_label or q.answer.value)
                answer = f'<span class="answer">{_e(label)}</span>'
            else:
                answer = f"<i>{b('not answered')}</i>"
            for earlier in q.history:
                answer += (
                    f'<br/><span class="small">{b("corrected; earlier:")} '
                    f"{_e(tr.content_beside('answer', earlier.answer.value, earlier.label))} "
                    f"{_clock(earlier.at)}</span>"
                )
            plays = self.plays(q.plays)
            touches = ""
            if q.indicators:
                names = ", ".join(self.indicator(i, self._indicator_name(i)) for i in q.indicators)
                touches = f'<br/><span class="small">{b("indicators:")} {names}</span>'
            if q.asked_before_correction:
                touches += f'<br/><span class="small"><b>{_e(q.asked_before_correction)}</b></span>'
            rows.append(
                f'<tr><td>{number}</td><td>{_e(q.english)}<br/><span class="small">{plays}</span>'
                f"{touches}</td><td>{self.native(q.heard)}</td><td>{answer}</td><td>{_clock(q.answered_at)}</td></tr>"
            )
        head = (
            f'<thead><tr><th width="4%">#</th><th width="34%">{b("Question (English)")}</th>'
            f'<th width="34%">{b("As the person heard it ({language})", language=language.english_name)}</th>'
            f'<th width="15%">{b("Answer")}</th><th width="13%">{b("Time (UTC)")}</th></tr></thead>'
        )
        return f'{self.h2("Questions and answers")}<table width="100%" class="grid">{head}{"".join(rows)}</table>'

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

    def plays(self, plays: Plays) -> str:
        """How the message reached the person: played (heard to the end, stopped early, slowed) or shown as
        text only, which is never called played."""
        b = self.b
        parts = []
        if plays.times or not plays.shown:
            parts.append(b("played {times}×", times=plays.times))
        if plays.heard:
            parts.append(b("{count} heard to the end", count=plays.heard))
        if plays.stopped:
            parts.append(b("{count} stopped early", count=plays.stopped))
        if plays.slowed:
            parts.append(b("{count} slowed", count=plays.slowed))
        if plays.shown:
            parts.append(b("shown as text {times}×", times=plays.shown))
        return ", ".join(parts)

    def statements(self) -> str:
        if not self.record.statements:
            return ""
        rows = "".join(
            f'<tr><td>{_e(s.english)}<br/><span class="small">{self.plays(s.plays)}'
            f"</span></td><td>{self.native(s.heard)}</td></tr>"
            for s in self.record.statements
        )
        return (
            f'{self.h2("Statements played")}<table width="100%" class="grid">'
            f'<tr><th width="50%">{self.b("Statement (English)")}</th><th>{self.b("As the person heard it")}</th></tr>'
            f"{rows}</table>"
        )

    def notes(self) -> str:
        if not self.record.notes:
            return f"{self.h2(NOTES)}<p>{self.b('No notes.')}</p>"
        rows = "".join(
            f'<tr><td width="16%">{_clock(n.at)}</td>'
            f'<td width="30%" class="small">{self._note_about(n.message_id)}</td>'
            f"<td>{_e(n.text)}</td></tr>"
            for n in self.record.notes
        )
        return f'{self.h2(NOTES)}<table width="100%" class="grid">{rows}</table>'

    def _note_about(self, message_id: str | None) -> str:
        """What a note is about: the question's words, not its id; a note on no message says so."""
        if not message_id:
            return self.b("the whole interview")
        return _e(self._question_words(message_id))

    def digest_section(self) -> str:
        b = self.b
        return (
            f"{self.h2('Checking this record')}"
            f"<p>{b(DIGEST_INTRO)}</p>"
            f'<p class="mono"><b>{_e(grouped_digest(self.digest))}</b></p>'
            f'<p class="small">{b("What is hashed:")} {_e(CANONICALIZATION)}. '
            f"{b(DIGEST_CHECK)}</p>" + self.banner()
        )


def grouped_digest(digest: str) -> str:
    """The digest in groups of eight characters: easy to read out, and it wraps between groups, never inside."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def record_html(
    record: Record,
    digest: str,
    family_for: FamilyFor,
    tr: OfficerText = OfficerText(),  # noqa: B008 - immutable; English when no officer language is given
) -> str:
    """The whole record as one HTML document for QTextDocument; headings in the officer's language with the
    English beside them when that is not English (a record may travel to another country)."""
    w = _Writer(record, digest, family_for, tr)
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
