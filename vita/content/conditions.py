"""Conditions and indicator rules: the one place that decides which questions are relevant and which
indicators the answers touch. Qt-free; used by the interview plan, the record and `vita simulate`.

A message's condition (`when`) holds when every clause does; a clause holds when the named question's current
answer is one it lists, or a doubtful one (dont_know, not_understood: when in doubt, ask). An indicator rule
holds when every clause holds literally: an indicator needs its evidence. Answers to questions whose own
condition no longer holds (the officer corrected the answer that opened their branch) stay in the record but
count for nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vita.content.errors import Problems
from vita.content.model import DOUBTFUL_ANSWERS, Answer, Catalogue, Clause, Indicator, Message


@dataclass(frozen=True)
class ClosedBranch:
    """Why a message is not relevant: the clause that does not hold and the answer that closed it."""

    clause: Clause
    answer: Answer | None  # None when the question was not answered (or not asked)


def closed_by(message: Message, answers: Mapping[str, Answer]) -> ClosedBranch | None:
    """The first clause of the message's condition that does not hold, or None when the message is relevant."""
    for clause in message.when:
        given = answers.get(clause.question)
        if given is None or not (given in clause.answers or given in DOUBTFUL_ANSWERS):
            return ClosedBranch(clause, given)
    return None


def effective_answers(catalogue: Catalogue, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers that count: those to questions whose condition holds on the answers that count.

    Conditions name earlier questions (the content check enforces it), so one pass in catalogue order suffices.
    """
    counted: dict[str, Answer] = {}
    for message in catalogue.messages:
        answer = answers.get(message.id)
        if answer is not None and closed_by(message, counted) is None:
            counted[message.id] = answer
    return counted


def rule_holds(clauses: tuple[Clause, ...], answers: Mapping[str, Answer]) -> bool:
    return all(answers.get(c.question) in c.answers for c in clauses)


@dataclass(frozen=True)
class Finding:
    """An indicator the answers touch, and the questions whose answers made it fire."""

    indicator: Indicator
    questions: tuple[str, ...]


def find_indicators(catalogue: Catalogue, answers: Mapping[str, Answer]) -> tuple[Finding, ...]:
    """Every indicator whose rules hold on the answers that count, in catalogue order."""
    counted = effective_answers(catalogue, answers)
    found = []
    for indicator in catalogue.indicators:
        questions: list[str] = []
        for rule in indicator.rules:
            if rule_holds(rule.clauses, counted):
                questions += [q for q in rule.questions if q not in questions]
        if questions:
            found.append(Finding(indicator, tuple(questions)))
    return tuple(found)


class IndicatorRules:
    """The catalogue's conditions and indicator rules prepared for counting many interviews (`vita stats`):
    `touched(answers)` is the set of indicators that find_indicators reports for the same answers, without the
    questions behind each, at a fraction of the cost. A test holds the two equal."""

    def __init__(self, catalogue: Catalogue) -> None:
        doubtful = tuple(DOUBTFUL_ANSWERS)
        # Tuples, not sets: membership tests identity first, and an answer hashes through Python code.
        self._conditions = tuple(
            (m.id, tuple((c.question, (*c.answers, *doubtful)) for c in m.when)) for m in catalogue.messages
        )
        self._indicators = tuple(
            (indicator.id, rules)
            for indicator in catalogue.indicators
            # a rule with no clause names no question, and an indicator needs its evidence (find_indicators)
            if (
                rules := tuple(
                    tuple((c.question, tuple(c.answers)) for c in r.clauses) for r in indicator.rules if r.clauses
                )
            )
        )

    def touched(self, answers: Mapping[str, Answer]) -> frozenset[str]:
        counted: dict[str, Answer] = {}
        given, counts = answers.get, counted.get  # called some 100 times per interview
        for message_id, when in self._conditions:  # effective_answers
            answer = given(message_id)
            if answer is None:
                continue
            for question, opening in when:
                if counts(question) not in opening:
                    break
            else:
                counted[message_id] = answer
        found = []
        for indicator_id, rules in self._indicators:
            for clauses in rules:
                for question, evidence in clauses:
                    if counts(question) not in evidence:
                        break
                else:
                    found.append(indicator_id)
                    break
        return frozenset(found)


# -- the content check ----------------------------------------------------------------------------------------


def _check_clause(
    clause: Clause, owner: str, line: int, catalogue: Catalogue, path: Path, problems: Problems
) -> Message | None:
    try:
        named = catalogue.message(clause.question)
    except KeyError:
        problems.error(path, line, f"{owner}: condition names unknown message {clause.question!r}")
        return None
    if not named.is_question:
        problems.error(path, line, f"{owner}: condition names {clause.question!r}, a statement, which has no answers")
        return None
    for answer in sorted(clause.answers - set(named.answers)):
        problems.error(path, line, f"{owner}: {clause.question!r} does not admit the answer {answer.value!r}")
    return named


def _cycles(catalogue: Catalogue) -> list[list[str]]:
    """Every cycle of conditions (a message that, through its conditions, depends on itself)."""
    ids = set(catalogue.message_ids)
    edges = {m.id: [c.question for c in m.when if c.question in ids] for m in catalogue.messages}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in edges[node]:
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for message_id in edges:
        if message_id not in state:
            visit(message_id, [message_id])
    return cycles


def check_conditions(catalogue: Catalogue, path: Path, indicator_lines: Mapping[str, int], problems: Problems) -> None:
    """Reject conditions and rules naming unknown ids or statements, cycles, and conditions on later questions."""
    position = {m.id: i for i, m in enumerate(catalogue.messages)}
    in_cycle: set[str] = set()
    for cycle in _cycles(catalogue):
        in_cycle.update(cycle)
        first = catalogue.message(cycle[0])
        problems.error(path, first.line, "conditions form a cycle: " + " → ".join(cycle))
    for message in catalogue.messages:
        owner = f"message {message.id!r}"
        for clause in message.when:
            named = _check_clause(clause, owner, message.line, catalogue, path, problems)
            if named is None or message.id in in_cycle:
                continue
            if position[named.id] >= position[message.id]:
                problems.error(path, message.line, f"{owner}: condition names {named.id!r}, which is asked after it")
            if named.module and named.module != message.module:
                problems.error(
                    path,
                    message.line,
                    f"{owner}: condition names {named.id!r} of module {named.module!r}, "
                    "which may be switched off: the message could never be asked",
                )
    for indicator in catalogue.indicators:
        for rule in indicator.rules:
            for clause in rule.clauses:
                line = indicator_lines.get(indicator.id, 0)
                _check_clause(clause, f"indicator {indicator.id!r}", line, catalogue, path, problems)
