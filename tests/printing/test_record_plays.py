"""What happened to each message reaches the record (JSON and PDF read back with pdftotext): a message with no
clip is "shown", never "played"; a played one is heard to the end or stopped early."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sample_records import NOW, REPO, NullLog

from vita.content.model import Content, Form
from vita.interview.model import Interview
from vita.interview.session import InterviewSession
from vita.record.build import build_record
from vita.record.codec import record_to_json, to_document
from vita.record.referrals import load_directory
from vita.record.sample import stepping_clock

from vita.printing.pdf import render_pdf


def test_shown_heard_and_stopped_are_told_apart_in_the_json_and_the_pdf(
    content: Content, tmp_path: Path, qapp: object
) -> None:
    header = Interview.start(place="Post", officer="Officer T", language="en", form=Form.FEMALE, now=NOW)
    session = InterviewSession(header, NullLog(), clock=stepping_clock(NOW))
    session.played("opening.greeting", shown=True)  # no clip: shown as text
    session.played("opening.greeting", shown=True)
    session.played("opening.stop_repeat")
    session.playback_ended("opening.stop_repeat", completed=False)  # left after a moment: stopped early
    session.played("safety.hurt")
    session.playback_ended("safety.hurt", completed=True)
    session.played("safety.hurt", slow=True)
    session.playback_ended("safety.hurt", completed=True)
    session.finish()
    record = build_record(header, session.events, content, load_directory(REPO / "messages" / "referrals.toml"))
    document = record_to_json(record)
    plays = {s["message_id"]: s["plays"] for s in document["statements"]}
    plays |= {q["message_id"]: q["plays"] for q in document["questions"]}
    assert plays["opening.greeting"] == {"times": 0, "slowed": 0, "shown": 2, "heard": 0, "stopped": 0}
    assert plays["opening.stop_repeat"] == {"times": 1, "slowed": 0, "shown": 0, "heard": 0, "stopped": 1}
    assert plays["safety.hurt"] == {"times": 2, "slowed": 1, "shown": 0, "heard": 2, "stopped": 0}

    path = tmp_path / "record.pdf"
    render_pdf(record, to_document(record)["digest"]["value"], path)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert "shown as text 2×" in text and "played 0×" not in text
    assert "played 1×, 1 stopped early" in text
    assert "played 2×, 2 heard to the end, 1 slowed" in text
