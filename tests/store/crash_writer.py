"""Run by test_crash.py as a separate process: writes one interview's events as fast as it can, printing each
sequence number once `append` has returned, until it is killed. Not a test module.

usage: python crash_writer.py STORE (new | INTERVIEW_ID)
"""

from __future__ import annotations

import sys
from pathlib import Path

from storekit import PASSPHRASE, an_interview, make_store

from vita.content.model import Answer
from vita.interview.session import InterviewSession
from vita.store import Store


def expected_event(seq: int) -> tuple[str, dict[str, object]]:
    """What the writer logs as event `seq`: the test checks every surviving event against this."""
    match seq % 3:
        case 0:
            return "note_added", {"text": f"note {seq}: Ahmed says his cousin Samira is in Lyon", "message_id": None}
        case 1:
            return "message_played", {"message_id": f"message.{seq}", "slow": seq % 2 == 0}
        case _:
            return "answer_selected", {"message_id": f"question.{seq}", "answer": "yes"}


def write_one(session: InterviewSession) -> int:
    seq = len(session.events) + 1
    kind, data = expected_event(seq)
    if kind == "note_added":
        return session.note(str(data["text"])).seq
    if kind == "message_played":
        return session.played(str(data["message_id"]), slow=bool(data["slow"])).seq
    return session.answer(str(data["message_id"]), Answer.YES).seq


def main(path: Path, which: str) -> None:
    if which == "new":
        store = make_store(path)
        session = store.start_session(an_interview())
    else:
        store = Store.open(path, PASSPHRASE)
        session = store.session(which)
    print(f"interview {session.interview.id}", flush=True)
    while True:
        print(write_one(session), flush=True)  # printed only after the event is durable


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
