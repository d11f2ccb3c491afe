"""VITA starts its own children through one helper, so that a frozen bundle (which has no `python -m`) works."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from vita.relaunch import HIDDEN_COMMANDS, self_command, self_env

VITA = Path(__file__).resolve().parent.parent / "vita"


def test_no_module_relaunches_python_dash_m_itself() -> None:
    pattern = re.compile(r"sys\.executable\s*,\s*[\"']-m[\"']")
    offenders = [str(p.relative_to(VITA)) for p in VITA.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == ["relaunch.py"]


def test_a_hidden_command_runs_in_a_child_and_is_not_in_the_help(tmp_path: Path) -> None:
    """The espeak-ng child answers "ready" or "unavailable" on its protocol, then stops at the end of its input."""
    child = subprocess.run(
        self_command("_espeak-child"), input=b"", capture_output=True, env=self_env(), timeout=120, cwd=tmp_path
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout[8:].startswith(b"\x80")  # a length-prefixed pickle: the protocol, nothing else on stdout
    listed = subprocess.run([*self_command("_espeak-child")[:-1], "--help"], capture_output=True, text=True)
    assert not any(name in listed.stdout for name in HIDDEN_COMMANDS)


def test_only_known_hidden_commands_can_be_started() -> None:
    with pytest.raises(ValueError):
        self_command("_anything")
