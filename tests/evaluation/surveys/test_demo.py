"""The demo's surveys: two published templates, the autumn, summer and LLME surveys of
each year, most participants answering, summer Likert answers a little higher."""

from __future__ import annotations

import random
from statistics import mean

import pytest

from mathshubs.evaluation.surveys import rules
from mathshubs.evaluation.surveys.demo import build_survey_demo
from mathshubs.evaluation.surveys.models import (
    Audience,
    PseudonymousResponse,
    Survey,
    SurveyCompletion,
    SurveyQuestion,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.services.answering import answers_complete
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(cast):
    for year in (2022, 2023):
        for hub in (cast.north, cast.south):
            for _ in range(3):
                activity = f.ActivityFactory(hub=hub, academic_year=year)
                activity.leads.add(f.PersonFactory())
                for _ in range(25):
                    f.ParticipationFactory(activity=activity)
    return build_survey_demo(rng=random.Random(1), years=[2022, 2023])


def test_it_makes_two_published_templates_and_three_surveys_a_year(made):
    assert made["survey_templates"] == 2 and made["surveys"] == 6
    assert not TemplateVersion.objects.exclude(status=VersionStatus.PUBLISHED).exists()
    questions = SurveyQuestion.objects.filter(
        section__version__template__title="Participant survey"
    )
    assert questions.count() == 12
    assert questions.filter(repeated=True, kind="likert").count() == 5
    assert questions.filter(condition_question__isnull=False).count() == 1
    for year in (2022, 2023):
        surveys = Survey.objects.filter(series__academic_year=year)
        assert sorted(surveys.values_list("audience", flat=True)) == ["autumn", "llme", "summer"]
        autumn, summer = (
            surveys.get(audience=Audience.AUTUMN),
            surveys.get(audience=Audience.SUMMER),
        )
        assert autumn.series == summer.series and autumn.pseudonymous


def test_most_participants_submit_but_not_all(made):
    for survey in Survey.objects.exclude(audience=Audience.LLME):
        rate = SurveyCompletion.objects.filter(survey=survey).count() / 150
        assert 0.7 < rate < 1.0, survey


def test_every_submitted_answer_would_pass_the_surveys_own_checks(made):
    for response in PseudonymousResponse.objects.filter(submitted=True).select_related(
        "survey__version"
    )[:200]:
        assert answers_complete(response.survey, response.answers) == response.answers
        for section in response.survey.version.sections.all():
            for question in section.questions.all():
                if question.key in response.answers:
                    assert rules.answer_value(question, response.answers[question.key]) is not None


def test_the_summer_answers_to_the_repeated_items_are_a_little_higher_when_matched(made):
    item = SurveyQuestion.objects.get(item_key="confidence-teaching")
    by_season = {}
    for audience in (Audience.AUTUMN, Audience.SUMMER):
        rows = PseudonymousResponse.objects.filter(survey__audience=audience, submitted=True)
        by_season[audience] = {(r.activity_id, r.pseudonym): r.answers[item.key] for r in rows}
    matched = set(by_season["autumn"]) & set(by_season["summer"])
    assert len(matched) > 150
    change = mean(by_season["summer"][k] - by_season["autumn"][k] for k in matched)
    assert 0.1 < change < 0.8
