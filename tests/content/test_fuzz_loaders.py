"""Fuzzing the content loaders with hypothesis: whatever a PO, catalogue, languages or referral file holds, the
loaders name problems (file, line, message) and never raise anything else; the markup check never crashes.
What the fuzzing found is kept below as plain regression tests."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from vita.content.errors import Problems
from vita.content.loader import load_catalogue, load_languages, load_translations
from vita.content.markup import markup_problems
from vita.content.model import Language
from vita.record.errors import DirectoryError
from vita.record.referrals import load_directory

from tests.fuzzing import fuzz

REPO = Path(__file__).resolve().parents[2]
FR = Language("fr", "French", "Français", "Latn", "ltr", ("FR",))
SHIPPED_PO = (REPO / "translations" / "fr.po").read_text(encoding="utf-8")
SHIPPED_CATALOGUE = (REPO / "messages" / "catalogue.toml").read_text(encoding="utf-8")
SHIPPED_REFERRALS = (REPO / "messages" / "referrals.toml").read_text(encoding="utf-8")
CATALOGUE = load_catalogue(REPO / "messages" / "catalogue.toml", Problems())
assert CATALOGUE is not None

# Pieces that PO and TOML files are made of, so that mutations reach deep into the parsers.
PIECES = st.sampled_from(
    ['"', "\\", "\n", "msgctxt ", "msgid ", "msgstr ", "msgstr[0] ", "#, fuzzy", "# Reviewed by: ", "#~ ",
     "[[message]]", "[[entry]]", "[[language]]", "id = ", "= [", "]", "{", "}", " = 1", " = true", "'''", '"""',
     "<img src=x>", "&amp;", "\x00", "\ufeff", "\u202e", "é", "𝔘", "\r\n"]
)  # fmt: skip


def mutated(base: str) -> st.SearchStrategy[str]:
    """The shipped file with a few pieces inserted, deleted or replaced at random places."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = base
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            action = draw(st.sampled_from(["insert", "delete", "truncate"]))
            if action == "insert":
                text = text[:at] + draw(st.one_of(PIECES, st.text(max_size=8))) + text[at:]
            elif action == "delete":
                text = text[:at] + text[at + draw(st.integers(1, 40)) :]
            else:
                text = text[:at]
        return text

    return build()


def _check_problems(problems: Problems) -> None:
    for problem in problems:
        assert isinstance(problem.line, int) and problem.line >= 0 and problem.message


@fuzz
@given(text=st.one_of(mutated(SHIPPED_PO), st.text(max_size=300)))
@example(text='msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgctxt "safety.hurt"\nmsgid "x"\nmsgstr[0] "y"\n')
def test_fuzz_po_loader_names_problems_and_never_crashes(text: str, tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = Problems()
    load_translations(path, FR, CATALOGUE, problems)
    _check_problems(problems)


TOML_VALUES = st.recursive(
    st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.floats(allow_nan=False), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8,
)
MESSAGE_KEYS = ["id", "group", "kind", "audience", "text", "note", "answers", "indicators"]


def toml_value(value: object) -> str:
    """A value written as TOML (None becomes an empty inline table: TOML has no null)."""
    if value is None:
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"


@st.composite
def catalogue_with_odd_messages(draw: st.DrawFn) -> str:
    """The shipped catalogue plus a message whose keys hold values of any type."""
    lines = ["", "[[message]]"]
    for key in draw(st.lists(st.sampled_from(MESSAGE_KEYS), unique=True, min_size=1)):
        lines.append(f"{key} = {toml_value(draw(TOML_VALUES))}")
    return SHIPPED_CATALOGUE + "\n".join(lines) + "\n"


@fuzz
@given(text=st.one_of(mutated(SHIPPED_CATALOGUE), catalogue_with_odd_messages()))
def test_fuzz_catalogue_loader_names_problems_and_never_crashes(text: str, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = Problems()
    load_catalogue(path, problems)
    load_languages(path, problems)
    _check_problems(problems)


@st.composite
def directory_with_odd_entries(draw: st.DrawFn) -> str:
    keys = ["id", "name", "kind", "country", "handles", "languages", "phone", "notes"]
    lines = ["", "[[entry]]"]
    for key in draw(st.lists(st.sampled_from(keys), unique=True, min_size=1)):
        lines.append(f"{key} = {toml_value(draw(TOML_VALUES))}")
    return SHIPPED_REFERRALS + "\n".join(lines) + "\n"


@fuzz
@given(text=st.one_of(mutated(SHIPPED_REFERRALS), directory_with_odd_entries()))
def test_fuzz_referral_directory_is_read_or_refused_with_reasons(text: str, tmp_path: Path) -> None:
    path = tmp_path / "referrals.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_directory(path)
    except DirectoryError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)


@fuzz
@given(po=mutated(SHIPPED_PO), catalogue=st.one_of(mutated(SHIPPED_CATALOGUE), catalogue_with_odd_messages()))
def test_fuzz_markup_check_never_crashes(po: str, catalogue: str, tmp_path: Path) -> None:
    (tmp_path / "messages").mkdir(exist_ok=True)
    (tmp_path / "translations").mkdir(exist_ok=True)
    (tmp_path / "messages" / "catalogue.toml").write_text(catalogue, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "translations" / "fr.po").write_text(po, encoding="utf-8", errors="surrogatepass")
    _check_problems(markup_problems(tmp_path))
