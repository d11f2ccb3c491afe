"""Fixtures for the audio tests: a small content tree of our own, a real speech engine, real clips."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vita.audio.espeak import EspeakEngine
from vita.audio.synth import synthesize
from vita.content.loader import load_content
from vita.content.model import PERSON_ANSWERS, Content, answer_context

CATALOGUE = """schema = 1
source_language = "en"

[answers]
yes = "Yes"
no = "No"
dont_know = "I don't know"
not_understood = "I don't understand"
declined = "I don't want to answer"
no_answer = "No answer"

[[indicator]]
id = "needs_medical"
element = "needs"
name = "Needs medical care"
source = "VITA"
[[indicator.rule]]
when = [{question = "safety.hurt", answers = ["yes"]}]

[[group]]
id = "opening"
name = "Opening"

[[group]]
id = "safety"
name = "Safety"

[[message]]
id = "opening.greeting"
group = "opening"
kind = "statement"
audience = "all"
text = "Hello. I work here, and I am here to help you."
note = "Start calmly."

[[message]]
id = "opening.not_in_trouble"
group = "opening"
kind = "statement"
audience = "all"
text = "You are not in trouble."
note = "Say this first."

[[message]]
id = "safety.hurt"
group = "safety"
kind = "question"
audience = "all"
text = "Are you hurt?"
note = "Look for injuries."
answers = ["yes", "no", "dont_know", "not_understood", "declined", "no_answer"]
"""

LANGUAGES = """schema = 1

[[language]]
code = "en"
english_name = "English"
native_name = "English"
script = "Latn"
direction = "ltr"

[[language]]
code = "fr"
english_name = "French"
native_name = "Français"
script = "Latn"
direction = "ltr"

[[language]]
code = "so"
english_name = "Somali"
native_name = "Soomaali"
script = "Latn"
direction = "ltr"
"""

TEXTS = {
    "en": {
        "opening.greeting": "Hello. I work here, and I am here to help you.",
        "opening.not_in_trouble": "You are not in trouble.",
        "safety.hurt": "Are you hurt?",
    },
    "fr": {
        "opening.greeting": "Bonjour. Je travaille ici, et je suis là pour vous aider.",
        "opening.greeting|child": "Bonjour. Je travaille ici, et je suis là pour t'aider.",
        "opening.not_in_trouble": "Vous n'avez pas d'ennuis.",
        "opening.not_in_trouble|female": "Vous n'avez pas d'ennuis.",  # same words: no clip of its own
        "safety.hurt": "Êtes-vous blessé ?",
    },
    "so": {
        "opening.greeting": "Salaan. Halkan ayaan ka shaqeeyaa, waxaana u joogaa inaan ku caawiyo.",
        "opening.not_in_trouble": "Dhib kuma jirtid.",
        "safety.hurt": "Ma dhaawacantay?",
    },
}
SOURCE = TEXTS["en"]


def write_po(path: Path, code: str, texts: dict[str, str]) -> None:
    lines = [
        'msgid ""',
        'msgstr ""',
        f'"Language: {code}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for context, text in texts.items():
        source = SOURCE[context.split("|")[0]]
        lines += ["#, fuzzy", f'msgctxt "{context}"', f'msgid "{source}"', f'msgstr "{text}"', ""]
    for answer, word in PERSON_ANSWERS.items():  # the words under the person's symbols, which every language needs
        lines += ["#, fuzzy", f'msgctxt "{answer_context(answer)}"', f'msgid "{word}"', f'msgstr "{word}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def make_content(root: Path, texts: dict[str, dict[str, str]] | None = None) -> Path:
    (root / "messages").mkdir(parents=True, exist_ok=True)
    (root / "translations").mkdir(exist_ok=True)
    (root / "messages" / "catalogue.toml").write_text(CATALOGUE, encoding="utf-8")
    (root / "messages" / "languages.toml").write_text(LANGUAGES, encoding="utf-8")
    shutil.copy(Path(__file__).resolve().parents[2] / "messages" / "referrals.toml", root / "messages")
    for code, entries in (texts or TEXTS).items():
        write_po(root / "translations" / f"{code}.po", code, entries)
    return root


@pytest.fixture(scope="session")
def engine() -> EspeakEngine:
    return EspeakEngine()


@pytest.fixture(scope="session")
def _built_library(tmp_path_factory: pytest.TempPathFactory, engine: EspeakEngine) -> Path:
    """Synthesized once per session (encoding is the slow part); each test gets its own copy."""
    root = make_content(tmp_path_factory.mktemp("built"))
    synthesize(load_content(root), root / "audio", engine, ["en", "fr", "so"])
    return root


@pytest.fixture
def library_root(_built_library: Path, tmp_path: Path) -> Path:
    """A content root of the test's own: messages, translations (en, fr, so) and an audio library."""
    target = tmp_path / "content"
    shutil.copytree(_built_library, target)
    return target


@pytest.fixture
def small_content(library_root: Path) -> Content:
    return load_content(library_root)


def run_vita(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )


def tone(seconds: float, rate: int = 16_000, freq: float = 220.0, amplitude: float = 0.3) -> np.ndarray:
    """A speech-like test signal: a tone whose loudness rises and falls like syllables."""
    t = np.arange(int(seconds * rate)) / rate
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 3.0 * t)
    return (amplitude * envelope * np.sin(2 * np.pi * freq * t)).astype(np.float32)
