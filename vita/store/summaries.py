"""One summary row per finished interview: what statistics, retention and the start screen need to know about it.

A summary is written in the transaction that logs the interview's FINISHED event (Store.append) and deleted with
the interview, so it exists exactly when the interview is finished. Statistics read one row per interview
instead of replaying every event of every log: the answers as they stand, the language, form and audience the
interview ended in, when it started and when it finished. It is computed from the log by the SQL below, which
follows derive_state's rules (the later of two answers counts, the last language and form change count); a test
holds the two equal. Stores made before summaries existed get theirs from the same SQL, once, when upgraded.
"""

from __future__ import annotations

from sqlite_utils import Database

from vita.interview.model import EventType


def create_table(db: Database) -> None:
    """The summaries table and the indexes that keep retention ("finished before") and `--since` set-based."""
    db.table("summaries").create(
        {
            "interview_id": str,
            "started_at": str,  # the interview's start (a copy: statistics group by its month)
            "finished_at": str,  # the FINISHED event's time: what the retention period counts from
            "language": str,  # the language the interview ended in
            "form": str,
            "audience": str,
            "answers": str,  # JSON object: message id -> the answer that counts (the last one given)
        },
        pk="interview_id",
        not_null={"started_at", "finished_at", "language", "form", "audience", "answers"},
        foreign_keys=[("interview_id", "interviews", "id")],
    )
    db.table("summaries").create_index(["finished_at"])
    db.table("summaries").create_index(["started_at"])


def write(db: Database, interview_id: str | None = None) -> int:
    """Compute and store the summary of one finished interview, or of every finished interview that has none
    (interview_id None: the upgrade of an older store). Returns how many were written."""
    where, params = ("i.id = ?", [interview_id]) if interview_id is not None else ("1", [])
    cursor = db.execute(_SUMMARISE.format(where=where), params)
    return int(cursor.rowcount)


def _last(field: str, kind: EventType, header: str) -> str:
    """The field of the interview's last event of this kind that has it, else the interview header's value."""
    return (
        f"coalesce((SELECT json_extract(e.data, '$.{field}') FROM events e {_BY_TYPE}"
        f" WHERE e.interview_id = i.id AND e.type = '{kind.value}' AND json_extract(e.data, '$.{field}') IS NOT NULL"
        f" ORDER BY e.seq DESC LIMIT 1), i.{header})"
    )


# The few language and form changes and the answers of one interview are found through the (interview, type)
# index. Per question, the answer with the highest sequence number counts (SQLite takes a bare column of a
# max() group from the row that has the maximum), so a corrected answer replaces the first.
_BY_TYPE = "INDEXED BY idx_events_interview_id_type"
_ANSWERED = f"('{EventType.ANSWER_SELECTED.value}', '{EventType.ANSWER_CORRECTED.value}')"
_SUMMARISE = f"""
INSERT INTO summaries (interview_id, started_at, finished_at, language, form, audience, answers)
SELECT i.id, i.started_at, f.at,
    {_last("language", EventType.LANGUAGE_CHANGED, "language")},
    {_last("form", EventType.FORM_CHANGED, "form")},
    {_last("audience", EventType.FORM_CHANGED, "audience")},
    (SELECT json_group_object(message_id, answer) FROM (
        SELECT json_extract(e.data, '$.message_id') AS message_id, json_extract(e.data, '$.answer') AS answer,
               max(e.seq)
        FROM events e {_BY_TYPE} WHERE e.interview_id = i.id AND e.type IN {_ANSWERED}
        GROUP BY 1 ORDER BY 1))
FROM interviews i JOIN events f {_BY_TYPE} ON f.interview_id = i.id AND f.type = '{EventType.FINISHED.value}'
WHERE {{where}} AND NOT EXISTS (SELECT 1 FROM summaries s WHERE s.interview_id = i.id)
"""
