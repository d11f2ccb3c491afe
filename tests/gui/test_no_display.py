"""Started where there is no screen, the app says so in plain words instead of letting Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="DISPLAY and WAYLAND_DISPLAY are how Linux finds a screen"
)
def test_without_a_display_the_app_explains_and_exits_cleanly(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    env["VITA_DATA"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "vita"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "VITA needs a screen" in result.stderr
    assert "Aborted" not in result.stderr and "core dumped" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was created on the way
