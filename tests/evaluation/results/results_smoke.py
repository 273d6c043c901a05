"""Smoke-test samples for the results' URLs (merged into tests/test_smoke.py): an autumn
survey of 2023/24 (closed), and Leo's activity."""

from __future__ import annotations

from tests.evaluation.surveys import factories as sf

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]


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

_READERS = {"nadia": 200, "harriet": 200, "leo": 200, "pat": 403, "sam": 403, "simon": 200}
_ACTIVITY = {"nadia": 200, "harriet": 200, "leo": 200, "pat": 404, "sam": 404, "simon": 404}
EXPECTED = {
    **{
        f"evaluation:results_{name}": {"anonymous": 302, **_READERS}
        for name in ("completion", "completion_csv", "completion_xlsx", "survey", "comparison")
    },
    "evaluation:results_index": {"anonymous": 302, **_READERS},
    "evaluation:results_activity": {"anonymous": 302, **_ACTIVITY},
    "evaluation:results_remind": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], 405)},
    **{
        f"api:results_{name}": {"anonymous": 401, **_READERS}
        for name in ("completion", "survey", "comparison")
    },
    "api:results_activity": {"anonymous": 401, **_ACTIVITY},
}
