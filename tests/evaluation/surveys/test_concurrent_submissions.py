"""A survey is submitted once even when the same person submits from several devices at
the same moment: one submission wins, the others are refused (PostgreSQL: concurrent
writers and row locks)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mathshubs.evaluation.surveys import services
from mathshubs.evaluation.surveys.models import PseudonymousResponse, SurveyCompletion
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent writers need PostgreSQL; CI's second pass runs this",
)
DEVICES = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_of_one_survey_make_one_completion(cast):
    q = sf.questionnaire()
    survey = sf.SurveyFactory(version=q.version)
    person = cast.pat.person
    for section, given in sf.full_answers(q).items():
        services.answers_save(
            survey=survey,
            activity=cast.activity,
            person=person,
            section=section,
            given=given,
            finished=True,
            now=sf.DURING,
        )
    outcomes: list[str] = []
    start = threading.Barrier(DEVICES)

    def submit() -> None:
        start.wait()
        try:
            services.response_submit(
                survey=survey, activity=cast.activity, person=person, now=sf.DURING
            )
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(DEVICES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * (DEVICES - 1) + ["submitted"]
    assert SurveyCompletion.objects.count() == 1
    assert PseudonymousResponse.objects.filter(submitted=True).count() == 1
