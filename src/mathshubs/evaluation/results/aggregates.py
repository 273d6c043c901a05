"""One survey's answers aggregated per question, in one pass over the answers of a
breakdown (ISSUE 10, part 3): counts per option or Likert point, the mean of a Likert
scale or a number, and for free text only how many answered. Free text is never shown in
aggregates, to anyone: a sentence can name its writer, and an LLME who reads the
answers of their own participants could tell whose it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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
    counts: dict[int, dict[str, int]] = {q.pk: {} for q in questions}
    totals: dict[int, float] = {q.pk: 0.0 for q in questions}
    answered: dict[int, int] = {q.pk: 0 for q in questions}
    numeric: dict[int, int] = {q.pk: 0 for q in questions}
    keys = [(q.pk, q.key, q.kind) for q in questions]
    for row in answers:
        if not isinstance(row, dict):
            continue
        for pk, key, kind in keys:
            value = row.get(key)
            if value is None or value == "" or value == []:
                continue
            answered[pk] += 1
            if kind == QuestionKind.TEXT:
                continue
            chosen = value if isinstance(value, list) else [value]
            seen = counts[pk]
            for choice in chosen:
                seen[str(choice)] = seen.get(str(choice), 0) + 1
            if kind in (QuestionKind.LIKERT, QuestionKind.NUMBER):
                number = _number(value)
                if number is not None:
                    totals[pk] += number
                    numeric[pk] += 1
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
