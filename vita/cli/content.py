"""`vita content …`: check the content, and make templates for translators."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import polib

from vita.audio.verify import check_content_and_audio
from vita.content.check import Report, render_matrix
from vita.content.errors import Problems
from vita.content.loader import load_catalogue, load_languages
from vita.content.officer import officer_dir, officer_languages
from vita.content.officer_pot import check_officer_catalogues, coverage, full_template, update_catalogue, write_po
from vita.content.pot import new_translation, save_po, update_translation, write_template
from vita.paths import ContentLayers, Paths
from vita.record.referrals import directory_problems

from vita.cli.audio import register_content_actions
from vita.cli.packs import register_pack_actions


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("content", help="check and prepare messages, translations and audio")
    commands = parser.add_subparsers(dest="content_command", metavar="ACTION", required=True)

    check_parser = commands.add_parser("check", help="validate all content and print a coverage matrix")
    check_parser.add_argument("--json", action="store_true", help="print the report as JSON")
    check_parser.set_defaults(handler=run_check)

    pot_parser = commands.add_parser("pot", help="write translations/vita.pot from the catalogue")
    pot_parser.set_defaults(handler=run_pot)

    officer_parser = commands.add_parser(
        "officer-pot",
        help="write translations/officer/officer.pot and bring every officer interface catalogue up to date",
    )
    officer_parser.add_argument("--new", metavar="CODE", help="also start translations/officer/CODE.po")
    officer_parser.add_argument("--name", default="", help="with --new: the language's name for itself")
    officer_parser.set_defaults(handler=run_officer_pot)

    update_parser = commands.add_parser(
        "update-po", help="bring every translations/*.po in line with the catalogue (new entries empty, drafts)"
    )
    update_parser.set_defaults(handler=run_update_po)

    new_parser = commands.add_parser("new-language", help="start translations/CODE.po for a language in languages.toml")
    new_parser.add_argument("code")
    new_parser.set_defaults(handler=run_new_language)

    register_content_actions(commands)
    register_pack_actions(commands)


def content_check(content: Path | ContentLayers) -> Report:
    """The whole check: texts, markup, every clip, and the referral directory that every export reads."""
    layers = content if isinstance(content, ContentLayers) else ContentLayers(content)
    return check_content_and_audio(layers, more=directory_problems(layers.file("messages/referrals.toml")))


def run_check(args: argparse.Namespace, paths: Paths) -> int:
    report = content_check(paths.content)
    officer_problems = Problems()
    catalogue = load_catalogue(paths.content.file("messages/catalogue.toml"), Problems())
    if catalogue is not None:
        check_officer_catalogues(paths.content_root, catalogue, officer_problems)
    report.problems.extend(officer_problems)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0 if report.ok else 1
    if report.rows:
        print(render_matrix(report))
        print()
    for problem in report.problems:
        print(problem)
    errors = len(report.errors)
    warnings = len(report.problems) - errors
    messages = len(report.message_ids)
    missing = sum(row.count(lambda c: c.text == "missing") for row in report.rows)
    counts = f"{messages} messages, {len(report.rows)} languages, {missing} missing texts"
    print(f"{counts}, {errors} errors, {warnings} warnings")
    if report.incomplete:
        print(
            f"{len(report.incomplete)} languages are incomplete and not offered for interviews "
            f"(the warnings name the missing texts): {', '.join(report.incomplete)}"
        )
    print("Content is usable." if report.ok else "Content is NOT usable: fix the errors above.")
    return 0 if report.ok else 1


def _catalogue_and_languages(paths: Paths) -> tuple[Any, Any, Problems]:
    problems = Problems()
    catalogue = load_catalogue(paths.content.file("messages/catalogue.toml"), problems)
    languages = load_languages(paths.content.file("messages/languages.toml"), problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    return catalogue, languages, problems


def run_pot(args: argparse.Namespace, paths: Paths) -> int:
    catalogue, _, problems = _catalogue_and_languages(paths)
    if catalogue is None or problems.errors:
        return 1
    target = paths.content.writable_file("translations/vita.pot")
    write_template(catalogue, target)
    print(f"wrote {target}")
    return 0


def run_officer_pot(args: argparse.Namespace, paths: Paths) -> int:
    catalogue, _, problems = _catalogue_and_languages(paths)
    if catalogue is None or problems.errors:
        return 1
    pot = full_template(catalogue)
    folder = officer_dir(paths.content_root)
    write_po(pot, folder / "officer.pot")
    print(f"wrote {folder / 'officer.pot'}: {len(pot)} strings")
    codes = list(officer_languages(paths.content_root)[1:])
    if args.new and args.new not in codes:
        codes.append(args.new)
    for code in codes:
        path = folder / f"{code}.po"
        existing = polib.pofile(str(path), encoding="utf-8") if path.exists() else None
        po = update_catalogue(pot, existing, code, args.name if code == args.new else "")
        write_po(po, path)
        done, total = coverage(pot, po)
        print(f"updated {path}: {done} of {total} translated")
    return 0


def run_new_language(args: argparse.Namespace, paths: Paths) -> int:
    catalogue, languages, problems = _catalogue_and_languages(paths)
    if catalogue is None or problems.errors:
        return 1
    language = next((lang for lang in languages if lang.code == args.code), None)
    if language is None:
        print(
            f"{args.code} is not in {paths.content.file('messages/languages.toml')}: add it there first",
            file=sys.stderr,
        )
        return 1
    target = paths.content.writable_file(f"translations/{language.code}.po")
    if target.exists():
        print(f"{target} exists already; not overwritten", file=sys.stderr)
        return 1
    save_po(new_translation(catalogue, language), target, replace=False)
    print(f"wrote {target}: {len(catalogue.messages)} entries marked draft, ready for a translator")
    return 0


def run_update_po(args: argparse.Namespace, paths: Paths) -> int:
    """Add entries for new messages, empty the ones whose English changed, retire removed ones: every file."""
    catalogue, languages, problems = _catalogue_and_languages(paths)
    if catalogue is None or problems.errors:
        return 1
    for language in languages:
        seen = paths.content.file(f"translations/{language.code}.po")
        if not seen.is_file():
            print(f"{seen}: missing; make it with `vita content new-language {language.code}`", file=sys.stderr)
            continue
        target = paths.content.writable_file(f"translations/{language.code}.po")  # the overlay's copy
        po = polib.pofile(str(target), encoding="utf-8", wrapwidth=0)
        update = update_translation(po, catalogue, source_language=language.code == catalogue.source_language)
        save_po(po, target)
        print(
            f"{target}: {len(update.added)} new, {len(update.changed)} changed (emptied, draft), "
            f"{len(update.retired)} retired"
        )
    return 0
