"""The one loader for content files: catalogue, languages and translations.

Every check collects problems rather than stopping at the first, so that `vita content check`
can name all of them; `load_content` raises ContentError when any of them is an error.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import polib

from vita.content.conditions import check_conditions
from vita.content.countries import country_name
from vita.content.errors import ContentError, Problems
from vita.content.model import (
    PERSON_ANSWERS,
    Answer,
    Audience,
    Catalogue,
    Clause,
    Content,
    Deployment,
    Element,
    Group,
    IncompleteLanguage,
    Indicator,
    IndicatorRule,
    Kind,
    Language,
    Message,
    Module,
    ReviewStatus,
    Translation,
    TranslationSet,
    answer_context,
)
from vita.content.po import PO_LINE
from vita.content.scripts import foreign_letters
from vita.paths import ContentLayers

VARIANTS = ("", "female", "male", "child", "child|female", "child|male")
REVIEWER = re.compile(r"^Reviewed by:\s*(?P<who>\S.*)$", re.MULTILINE)
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
SCRIPT_PATTERN = re.compile(r"^[A-Z][a-z]{3}$")
TAG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")


def _read_toml(path: Path, problems: Problems) -> tuple[dict[str, Any], str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.error(path, 0, "file is missing")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(path, 0, f"cannot read the file: {exc}")
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        problems.error(path, int(match.group(1)) if match else 0, f"not valid TOML: {exc}")
        return None


def _line_of(text: str, key: str, value: str) -> int:
    """The line where `key = "value"` first appears, so that problems point at the entry."""
    pattern = re.compile(rf'^\s*{re.escape(key)}\s*=\s*"{re.escape(value)}"', re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _enum(kind: type[Any], value: object, path: Path, line: int, what: str, problems: Problems) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(v.value for v in kind)
        problems.error(path, line, f"{what} {value!r} is not one of: {allowed}")
        return None


def load_catalogue(path: Path, problems: Problems) -> Catalogue | None:
    read = _read_toml(path, problems)
    if read is None:
        return None
    data, text = read
    errors_before = len(problems.errors)

    labels: dict[Answer, str] = {}
    for key, label in data.get("answers", {}).items():
        answer = _enum(Answer, key, path, _line_of(text, key, label), "answer", problems)
        if answer is not None:
            labels[answer] = str(label)
    for answer in Answer:
        if answer not in labels:
            problems.error(path, 0, f"[answers] has no label for {answer.value!r}")

    indicators: list[Indicator] = []
    indicator_lines: dict[str, int] = {}
    for raw in data.get("indicator", []):
        line = _line_of(text, "id", str(raw.get("id", "")))
        element = _enum(Element, raw.get("element"), path, line, "indicator element", problems)
        if element is not None and raw.get("id") and raw.get("name"):
            what = f"indicator {raw['id']!r}"
            rules = tuple(
                IndicatorRule(clauses)
                for rule in raw.get("rule", [])
                if (clauses := _clauses(rule.get("when"), path, line, what, problems))
            )
            if not rules:
                problems.error(path, line, f"{what} has no [[indicator.rule]]: it could never be found")
            indicators.append(Indicator(raw["id"], element, raw["name"], raw.get("source", ""), rules))
            indicator_lines[raw["id"]] = line
        elif element is not None:
            problems.error(path, line, "an indicator needs an id and a name")
    if len({i.id for i in indicators}) != len(indicators):
        problems.error(path, 0, "two indicators share an id")

    groups = [Group(raw["id"], raw.get("name", raw["id"])) for raw in data.get("group", []) if "id" in raw]
    group_ids = {g.id for g in groups}
    modules = tuple(
        Module(raw["id"], raw.get("name", raw["id"]), raw.get("description", ""))
        for raw in data.get("module", [])
        if "id" in raw
    )
    module_ids = {m.id for m in modules}

    messages: list[Message] = []
    seen: set[str] = set()
    for raw in data.get("message", []):
        message = _message(raw, text, path, group_ids, module_ids, problems)
        if message is None:
            continue
        if message.id in seen:
            problems.error(path, message.line, f"message id {message.id!r} is used twice")
            continue
        seen.add(message.id)
        messages.append(message)
    if not messages:
        problems.error(path, 0, "the catalogue has no messages")
    # Keep the interview order: groups in declared order, messages in file order within a group.
    order = {g.id: i for i, g in enumerate(groups)}
    messages.sort(key=lambda m: order[m.group])
    grouping = data.get("grouping", {})
    catalogue = Catalogue(
        tuple(messages),
        tuple(groups),
        tuple(indicators),
        labels,
        data.get("source_language", "en"),
        modules,
        str(grouping.get("text", "")) if isinstance(grouping, dict) else "",
    )
    check_conditions(catalogue, path, indicator_lines, problems)
    if len(problems.errors) > errors_before:
        return None
    return catalogue


def _clauses(raw: object, path: Path, line: int, what: str, problems: Problems) -> tuple[Clause, ...]:
    """Parse `when = [{question = "…", answers = ["…"]}, …]`; the ids are checked once every message is known."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        problems.error(path, line, f"{what}: `when` must be a list of {{question = …, answers = […]}}")
        return ()
    clauses = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("question"), str) or not item.get("answers"):
            problems.error(path, line, f"{what}: each clause of `when` needs a question and a list of answers")
            continue
        unknown_keys = sorted(set(item) - {"question", "answers"})
        if unknown_keys:
            problems.error(path, line, f"{what}: unknown key(s) {', '.join(unknown_keys)} in a clause of `when`")
        answers = [_enum(Answer, a, path, line, f"{what}: answer", problems) for a in item["answers"]]
        if None in answers:
            continue
        clauses.append(Clause(item["question"], frozenset(a for a in answers if a is not None)))
    return tuple(clauses)


def _message(
    raw: dict[str, Any], text: str, path: Path, groups: set[str], modules: set[str], problems: Problems
) -> Message | None:
    message_id = str(raw.get("id", ""))
    line = _line_of(text, "id", message_id)
    if not ID_PATTERN.match(message_id):
        problems.error(path, line, f"message id {message_id!r} must look like 'group.name' in lower case")
        return None
    ok = True
    for key in ("group", "kind", "audience", "text", "note"):
        if not raw.get(key):
            problems.error(path, line, f"message {message_id!r} has no {key}")
            ok = False
    if not ok:
        return None
    if raw["group"] not in groups:
        problems.error(path, line, f"message {message_id!r} is in unknown group {raw['group']!r}")
        return None
    kind = _enum(Kind, raw["kind"], path, line, f"message {message_id!r}: kind", problems)
    audience = _enum(Audience, raw["audience"], path, line, f"message {message_id!r}: audience", problems)
    answers = tuple(
        _enum(Answer, a, path, line, f"message {message_id!r}: answer", problems) for a in raw.get("answers", [])
    )
    if kind is None or audience is None or None in answers:
        return None
    if kind is Kind.QUESTION and not answers:
        problems.error(path, line, f"question {message_id!r} admits no answers")
    if kind is Kind.STATEMENT and answers:
        problems.error(path, line, f"statement {message_id!r} cannot admit answers")
    if "indicators" in raw:
        problems.error(
            path, line, f"message {message_id!r}: indicators are declared as rules under [[indicator]], not per message"
        )
    module = str(raw.get("module", ""))
    if module and module not in modules:
        problems.error(path, line, f"message {message_id!r} is in unknown module {module!r}")
    when = _clauses(raw.get("when"), path, line, f"message {message_id!r}", problems)
    return Message(message_id, raw["group"], kind, audience, raw["text"], raw["note"], answers, when, module, line)


def load_deployment(path: Path, catalogue: Catalogue, problems: Problems) -> Deployment:
    """messages/deployment.toml: the default country and the modules switched on."""
    if not path.is_file():  # optional: without it there is no default country and only the core is asked
        return Deployment()
    read = _read_toml(path, problems)
    if read is None:
        return Deployment()
    data, text = read
    country = data.get("country", "")
    if not isinstance(country, str) or (country and not (COUNTRY_PATTERN.match(country) and country_name(country))):
        problems.error(path, _line_of(text, "country", str(country)), f"country {country!r} is not an ISO 3166 code")
        country = ""
    raw_modules = data.get("modules", [])
    if not isinstance(raw_modules, list) or not all(isinstance(m, str) for m in raw_modules):
        problems.error(path, 0, "modules must be a list of module ids")
        raw_modules = []
    known = {m.id for m in catalogue.modules}
    for module in raw_modules:
        if module not in known:
            line = next((n for n, t in enumerate(text.splitlines(), 1) if f'"{module}"' in t), 0)
            problems.error(
                path, line, f"unknown module {module!r} (catalogue.toml declares: {', '.join(sorted(known))})"
            )
    return Deployment(country, frozenset(m for m in raw_modules if m in known))


def load_languages(path: Path, problems: Problems) -> tuple[Language, ...]:
    read = _read_toml(path, problems)
    if read is None:
        return ()
    data, text = read
    languages: list[Language] = []
    seen: set[str] = set()
    for raw in data.get("language", []):
        code = str(raw.get("code", ""))
        line = _line_of(text, "code", code)
        missing = [k for k in ("code", "english_name", "native_name", "script", "direction") if not raw.get(k)]
        if missing:
            problems.error(path, line, f"language {code or '(no code)'} has no {', '.join(missing)}")
            continue
        if not TAG_PATTERN.match(code):
            problems.error(path, line, f"{code!r} is not a BCP 47 language tag")
            continue
        if code in seen:
            problems.error(path, line, f"language code {code!r} is listed twice")
            continue
        if not SCRIPT_PATTERN.match(raw["script"]):
            problems.error(path, line, f"language {code}: script {raw['script']!r} is not an ISO 15924 code")
            continue
        if raw["direction"] not in ("ltr", "rtl"):
            problems.error(path, line, f"language {code}: direction must be ltr or rtl")
            continue
        if foreign_letters(raw["native_name"], raw["script"]):
            problems.error(path, line, f"language {code}: native name {raw['native_name']!r} is not in {raw['script']}")
        seen.add(code)
        languages.append(
            Language(
                code,
                raw["english_name"],
                raw["native_name"],
                raw["script"],
                raw["direction"],
                tuple(raw.get("regions", [])),
            )
        )
    if not languages:
        problems.error(path, 0, "no languages are listed")
    return tuple(languages)


def _source_text(catalogue: Catalogue, context_id: str) -> str | None:
    """The English source of a msgctxt id: a message's text, or a person-facing answer word (`answer.*`)."""
    for answer, word in PERSON_ANSWERS.items():
        if context_id == answer_context(answer):
            return word
    try:
        return catalogue.message(context_id).text
    except KeyError:
        return None


def load_translations(
    path: Path, language: Language, catalogue: Catalogue, problems: Problems
) -> TranslationSet | None:
    """Read one PO file and check it against the catalogue and the language's script."""
    if not path.is_file():  # polib would parse a missing path as PO text
        problems.warning(path, 0, f"no translation file for {language.english_name}: it is not offered for interviews")
        return None
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.error(path, line, "not a valid PO file: the text is not UTF-8")
        return None
    bad_lines = [n for n, text in enumerate(raw.splitlines(), 1) if not PO_LINE.match(text)]
    if bad_lines:
        problems.error(path, bad_lines[0], f"not a valid PO file: broken entry at line {bad_lines[0]}")
        return None
    try:
        po = polib.pofile(raw, encoding="utf-8", check_for_duplicates=True)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        problems.error(path, int(match.group(1)) if match else 0, f"not a valid PO file: {exc}")
        return None
    header_language = po.metadata.get("Language", "")
    if header_language.replace("_", "-") != language.code:
        problems.error(path, 1, f"header Language is {header_language!r}, expected {language.code!r}")
    if "charset=UTF-8" not in po.metadata.get("Content-Type", "").replace("utf-8", "UTF-8"):
        problems.error(path, 1, "header Content-Type must declare charset=UTF-8")
    if not po.metadata.get("Plural-Forms"):
        problems.error(path, 1, "header Plural-Forms is missing")

    entries: dict[tuple[str, str], Translation] = {}
    for entry in po:
        if entry.obsolete:
            continue
        context = entry.msgctxt or ""
        message_id, _, variant = context.partition("|")
        if not context:
            problems.error(path, entry.linenum, "entry has no msgctxt (the message id)")
            continue
        source = _source_text(catalogue, message_id)
        if source is None:
            problems.error(path, entry.linenum, f"unknown message id {message_id!r}")
            continue
        if variant not in VARIANTS:
            problems.error(
                path, entry.linenum, f"unknown form {variant!r} for {message_id} (use female, male or child)"
            )
            continue
        if not entry.msgstr.strip():
            continue  # reported below as missing when the neutral form is absent
        if entry.msgid != source:
            problems.warning(
                path, entry.linenum, f"{context}: the English source has changed since this was translated"
            )
        foreign = foreign_letters(entry.msgstr, language.script)
        if foreign:
            problems.error(
                path, entry.linenum, f"{context}: text is not in the {language.script} script (found {foreign!r})"
            )
        if "fuzzy" in entry.flags:
            status, reviewer = ReviewStatus.DRAFT, ""
        else:
            found = REVIEWER.search(entry.tcomment or "")
            if found is None:
                problems.error(
                    path, entry.linenum, f"{context}: not marked draft (fuzzy) and names no reviewer ('Reviewed by: …')"
                )
                status, reviewer = ReviewStatus.DRAFT, ""
            else:
                status, reviewer = ReviewStatus.REVIEWED, found.group("who").strip()
        entries[(message_id, variant)] = Translation(message_id, variant, entry.msgstr, status, reviewer, entry.linenum)

    for required in [m.id for m in catalogue.messages] + [answer_context(a) for a in PERSON_ANSWERS]:
        if (required, "") not in entries:
            # Only this language is unusable: the others still load (see collect_content).
            problems.warning(path, 0, f"{required}: no translation")
    return TranslationSet(language, entries)


def collect_content(root: Path | ContentLayers) -> tuple[Content | None, Problems]:
    """Load everything under a content root (messages/, translations/), overlay first, collecting all problems."""
    layers = root if isinstance(root, ContentLayers) else ContentLayers(root)
    problems = Problems()
    catalogue = load_catalogue(layers.file("messages/catalogue.toml"), problems)
    languages = load_languages(layers.file("messages/languages.toml"), problems)
    if catalogue is None:
        return None, problems
    translations: dict[str, TranslationSet] = {}
    complete: list[Language] = []
    incomplete: list[IncompleteLanguage] = []
    for language in languages:
        po_path = layers.file(f"translations/{language.code}.po")
        found = load_translations(po_path, language, catalogue, problems)
        if found is None:
            if not po_path.is_file():  # no file yet: the language waits for its translator, like a partial one
                incomplete.append(IncompleteLanguage(language, catalogue.message_ids))
            continue
        translations[language.code] = found  # kept for the tools (synth, check) even when incomplete
        wanted = [*catalogue.message_ids, *(answer_context(a) for a in PERSON_ANSWERS)]
        missing = tuple(i for i in wanted if (i, "") not in found.entries)
        if missing:
            incomplete.append(IncompleteLanguage(language, missing))
            problems.warning(
                po_path,
                0,
                f"{language.english_name} is not offered for interviews: {len(missing)} messages have no "
                f"translation ({', '.join(missing[:5])}{', …' if len(missing) > 5 else ''})",
            )
            continue
        complete.append(language)
    if languages and not complete and not problems.errors:
        problems.error(
            layers.file("translations/vita.pot").parent,
            0,
            "no language has every message translated: nothing can be asked",
        )
    known = {language.code for language in languages}
    for po_path in layers.files("translations", "*.po"):
        if po_path.stem not in known:
            problems.warning(po_path, 0, f"{po_path.stem} is not in languages.toml, so it is not used")
    deployment = load_deployment(layers.file("messages/deployment.toml"), catalogue, problems)
    return Content(catalogue, tuple(complete), translations, deployment, tuple(incomplete)), problems


def load_content(root: Path | ContentLayers) -> Content:
    """Load all content, or raise ContentError naming every error."""
    content, problems = collect_content(root)
    if content is None or problems.errors:
        raise ContentError(list(problems))
    return content
