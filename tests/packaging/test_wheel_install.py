"""`pip install .` gives a VITA that finds its content from any folder: the wheel carries it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from vita.paths import CONTENT_ENV, OVERLAY_ENV

REPO = Path(__file__).resolve().parents[2]


def _clean_env(home: Path) -> dict[str, str]:
    """No hint of the checkout: no VITA_CONTENT, no PYTHONPATH, a fresh home."""
    env = {k: v for k, v in os.environ.items() if k not in (CONTENT_ENV, OVERLAY_ENV, "PYTHONPATH", "VITA_DATA")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home / ".local" / "share"))
    return env


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (installed by `bash tools/dev test`)")
def test_the_installed_wheel_checks_its_content_and_writes_a_sample_record_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("vita-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)  # a fresh environment, not editable, not the checkout
    python = env_dir / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=900
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(tmp_path / "home")
    vita = str(env_dir / "bin" / "vita")

    check = subprocess.run(
        [vita, "content", "check"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600
    )
    assert "not found" not in check.stderr, check.stderr
    assert str(REPO) not in check.stdout  # it read the installed content, not the checkout's
    # The installed copy is judged exactly as the checkout's content is (which may be mid-edit).
    source = subprocess.run(
        [sys.executable, "-m", "vita", "--content", str(REPO), "content", "check"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert check.returncode == source.returncode
    assert check.stdout.splitlines()[-2:] == source.stdout.splitlines()[-2:]

    sample = subprocess.run(
        [vita, "sample-record", "--out", "records"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300
    )
    assert sample.returncode == 0, sample.stderr
    [pdf] = (elsewhere / "records").glob("*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "VITA identification record" in text.replace("ﬁ", "fi")
