"""VERIFYING.md tells a receiving agency how to check a record without VITA: its recipe must really work."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

from recordkit import EXPORTED, finished_sample, sample_directory, shipped_content

from vita.record.build import build_record
from vita.record.codec import document_text, to_document

DOC = Path(__file__).resolve().parents[2] / "vita" / "record" / "VERIFYING.md"


def test_the_python_recipe_in_the_doc_accepts_a_record_and_catches_a_change(tmp_path: Path) -> None:
    recipe = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert recipe is not None
    script = tmp_path / "check.py"
    script.write_text(recipe.group(1), encoding="utf-8")
    header, events = finished_sample("ar")
    document = to_document(build_record(header, events, shipped_content(), sample_directory(), now=EXPORTED))
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(document_text(document), encoding="utf-8")
    changed = copy.deepcopy(document)
    changed["consent"]["status"] = "refused"
    bad.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")

    def run(path: Path) -> str:
        return subprocess.run(
            [sys.executable, str(script), str(path)], capture_output=True, text=True, check=True
        ).stdout

    assert run(good).strip() == "digest matches"
    assert run(bad).startswith("DIGEST DOES NOT MATCH")
