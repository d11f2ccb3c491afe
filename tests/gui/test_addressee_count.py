"""The form-and-age screen counts the messages of the interview the deployment will run, modules included."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from vita.content.model import Audience
from vita.interview.plan import interview_plan

from tests.gui.conftest import to_language_screen

Key = QtCore.Qt.Key


@pytest.fixture
def repo_root(content_copy: Path) -> Path:
    """A deployment that switches on every module."""
    deployment = content_copy / "messages" / "deployment.toml"
    deployment.write_text(
        deployment.read_text(encoding="utf-8").replace("modules = []", 'modules = ["journey", "work", "help"]'),
        encoding="utf-8",
    )
    return content_copy


def test_the_count_of_messages_includes_the_deployments_modules(make_window, keyboard, qtbot: QtBot) -> None:
    window = make_window()
    keys = keyboard(window)
    to_language_screen(window, keys, qtbot)
    keys.type("english")
    keys.press(Key.Key_Return)
    assert window.current_screen is window.addressee
    content = window.context.content
    assert content.deployment.modules
    plan = interview_plan(content.catalogue, Audience.ADULT, content.deployment.modules)
    core = interview_plan(content.catalogue, Audience.ADULT)
    assert len(plan) > len(core)
    questions = sum(1 for m in plan if m.is_question)
    assert window.addressee.summary.text().startswith(f"{len(plan)} messages, {questions} of them questions")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen is window.interview)
    assert window.interview.plan == plan  # what was counted is what is asked
