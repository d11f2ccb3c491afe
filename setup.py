"""Packaging glue that pyproject.toml cannot express: the wheel carries VITA's content.

messages/, translations/ and audio/ live at the top of the checkout (they are data a deployment edits, not
code); the wheel copies them into vita/content_data/, where vita.paths finds them with importlib.resources.
An editable install reads them from the checkout instead, so they are not copied there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CONTENT_FOLDERS = ("messages", "translations", "audio")
HERE = Path(__file__).resolve().parent


class BuildWithContent(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "vita" / "content_data"
        shutil.rmtree(target, ignore_errors=True)
        for folder in CONTENT_FOLDERS:
            # Staging folders of an interrupted write are not content.
            shutil.copytree(HERE / folder, target / folder, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithContent})
