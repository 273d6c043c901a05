"""Smoke-test samples for the results' URLs (merged into tests/access/samples.py): an autumn
survey of 2023/24 (closed), and Leo's activity."""

from __future__ import annotations

from tests.evaluation.surveys import factories as sf


def _survey(c) -> list[int]:
    return [sf.SurveyFactory(version=sf.questionnaire().version).pk]


SAMPLES = {
    "evaluation:results_completion": lambda c: (_survey(c), ""),
    "evaluation:results_completion_csv": lambda c: (_survey(c), ""),
    "evaluation:results_completion_xlsx": lambda c: (_survey(c), ""),
    "evaluation:results_survey": lambda c: (_survey(c), ""),
    "evaluation:results_comparison": lambda c: (_survey(c), ""),
    "evaluation:results_activity": lambda c: ([c.activity.pk], ""),
    "evaluation:results_remind": lambda c: ([c.activity.pk, *_survey(c)], ""),
    "api:results_completion": lambda c: (_survey(c), ""),
    "api:results_survey": lambda c: (_survey(c), ""),
    "api:results_comparison": lambda c: (_survey(c), ""),
    "api:results_activity": lambda c: ([c.activity.pk], ""),
    "api:results_remind": lambda c: ([c.activity.pk, *_survey(c)], ""),
}
