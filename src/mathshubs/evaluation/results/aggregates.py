"""One survey's answers aggregated per question, in one pass over the answers of a
breakdown (ISSUE 10, part 3; on SQLite and PostgreSQL the database groups the answers by
value first, `grouped_answers`): counts per option or Likert point, the mean of a Likert
scale or a number, and for free text only how many answered. Free text is never shown in
aggregates, to anyone: a sentence can name its writer, and an LLME who reads the
answers of their own participants could tell whose it is."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from mathshubs.evaluation.surveys.models import QuestionKind, SurveyQuestion


@dataclass
class OptionCount:
    value: str
    label: str
    count: int
    percent: float | None


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    options: list[OptionCount] = field(default_factory=list)
    mean: float | None = None

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_text(self) -> bool:
        return self.question.kind == QuestionKind.TEXT


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return float(value)
    return None


def aggregate(questions: list[SurveyQuestion], answers: Iterable[dict]) -> list[QuestionResult]:
    """Per question, from the submitted responses' answers ({q<id>: value})."""
    keys = [q.key for q in questions]
    groups: dict[tuple[str, str], int] = {}
    for row in answers:
        if not isinstance(row, dict):
            continue
        for key in keys:
            if key in row:
                group = (key, json.dumps(row[key], sort_keys=True))
                groups[group] = groups.get(group, 0) + 1
    return aggregate_grouped(
        questions, ((key, json.loads(text), n) for (key, text), n in groups.items())
    )


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def aggregate_grouped(
    questions: list[SurveyQuestion], groups: Iterable[tuple[str, Any, int]]
) -> list[QuestionResult]:
    """Per question, from the answers grouped: (key, value, how many responses gave that
    value), as `grouped_answers` counts them in the database."""
    counts: dict[int, dict[str, int]] = {q.pk: {} for q in questions}
    totals: dict[int, float] = {q.pk: 0.0 for q in questions}
    answered: dict[int, int] = {q.pk: 0 for q in questions}
    numeric: dict[int, int] = {q.pk: 0 for q in questions}
    by_key = {q.key: (q.pk, q.kind) for q in questions}
    for key, value, n in groups:
        if key not in by_key or _empty(value):
            continue
        pk, kind = by_key[key]
        answered[pk] += n
        if kind == QuestionKind.TEXT:
            continue
        chosen = value if isinstance(value, list) else [value]
        seen = counts[pk]
        for choice in chosen:
            seen[str(choice)] = seen.get(str(choice), 0) + n
        if kind in (QuestionKind.LIKERT, QuestionKind.NUMBER):
            number = _number(value)
            if number is not None:
                totals[pk] += number * n
                numeric[pk] += n
    found = []
    for q in questions:
        result = QuestionResult(q, answered=answered[q.pk])
        n = answered[q.pk]
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT):
            for option in q.options:
                count = counts[q.pk].get(str(option["value"]), 0)
                percent = round(100 * count / n, 1) if n else None
                result.options.append(
                    OptionCount(str(option["value"]), str(option["label"]), count, percent)
                )
        if q.kind in (QuestionKind.LIKERT, QuestionKind.NUMBER) and numeric[q.pk]:
            result.mean = round(totals[q.pk] / numeric[q.pk], 2)
        found.append(result)
    return found


# The answers of each question grouped by value in the database (one query), read back
# as JSON and decoded, so `aggregate_grouped` reads exactly what a pass over every
# response would: free text is only told apart as empty or not (never read out).
_SQLITE_VALUE = (
    "CASE WHEN j.type = 'null' THEN 'null' WHEN j.type = 'true' THEN 'true' "
    "WHEN j.type = 'false' THEN 'false' WHEN j.type IN ('array', 'object') THEN j.value "
    "ELSE json_quote(j.value) END"
)
_SQLITE_EMPTY = (
    "(j.type = 'null' OR (j.type = 'text' AND j.value = '') "
    "OR (j.type = 'array' AND j.value = '[]'))"
)
_POSTGRES_EMPTY = "(j.value = 'null'::jsonb OR j.value = '\"\"'::jsonb OR j.value = '[]'::jsonb)"


def grouped_answers(
    responses: QuerySet, questions: list[SurveyQuestion]
) -> list[tuple[str, Any, int]] | None:
    """(key, value, responses) for the questions' answers in `responses`; None on a
    database without JSON table functions (then read the answers one by one)."""
    vendor = connections[responses.db].vendor
    if vendor not in ("sqlite", "postgresql") or not questions:
        return None if vendor not in ("sqlite", "postgresql") else []
    text_keys = [q.key for q in questions if q.kind == QuestionKind.TEXT]
    keys = [q.key for q in questions]
    inner, inner_params = responses.order_by().values("answers").query.sql_with_params()
    if vendor == "sqlite":
        source = f"({inner}) AS r, json_each(r.answers) AS j"
        value, empty = _SQLITE_VALUE, _SQLITE_EMPTY
    else:
        source = (
            f"({inner}) AS r CROSS JOIN LATERAL jsonb_each(CASE WHEN "
            "jsonb_typeof(r.answers) = 'object' THEN r.answers ELSE '{}'::jsonb END) AS j"
        )
        value, empty = "j.value::text", _POSTGRES_EMPTY
    marks = ", ".join(["%s"] * len(keys))
    text_marks = ", ".join(["%s"] * len(text_keys)) or "NULL"
    # Only placeholders and fixed text are formatted in; every value is a parameter.
    answered = f"CASE WHEN {empty} THEN 'null' ELSE '\"answered\"' END"
    sql = (
        f"SELECT j.key, CASE WHEN j.key IN ({text_marks}) THEN {answered} "  # noqa: S608
        f"ELSE {value} END AS v, COUNT(*) FROM {source} WHERE j.key IN ({marks}) GROUP BY 1, 2"
    )
    with connections[responses.db].cursor() as cursor:
        cursor.execute(sql, [*text_keys, *inner_params, *keys])
        rows = cursor.fetchall()
    return [(key, json.loads(text) if text is not None else None, n) for key, text, n in rows]
