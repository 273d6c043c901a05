"""The surveys' fixtures: a questionnaire (factories.questionnaire) run as the 2023/24
autumn survey of every activity, pseudonymous, open from 2 to 20 October 2023; Pat takes
part in `cast.activity` (so is in it), Leo leads it, Sam takes part in nothing."""

from __future__ import annotations

import pytest

from tests.evaluation.surveys import factories as sf


@pytest.fixture
def q(db) -> sf.Questionnaire:
    return sf.questionnaire()


@pytest.fixture
def autumn(q):
    return sf.SurveyFactory(version=q.version)


@pytest.fixture
def identified(q):
    return sf.SurveyFactory(version=q.version, pseudonymous=False, title="Identified survey")
