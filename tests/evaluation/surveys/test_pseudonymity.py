"""A pseudonymous answer can never be traced to its person (ISSUE 10, part 2).

The response table holds no column that could name the person or order their answers
against their completion; the completion table holds nothing that joins it to a
response; the pseudonym needs the server's secrets; and no page or API answer shows it.
"""

from __future__ import annotations

import hashlib
import uuid

import pytest
from django.db import connection, models

from mathshubs.accounts.models import User
from mathshubs.directory.models import Person
from mathshubs.evaluation.surveys import selectors, services
from mathshubs.evaluation.surveys.models import (
    IdentifiedResponse,
    PseudonymousResponse,
    SurveyCompletion,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


def _columns(model) -> set[str]:
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name for column in table}


def test_the_pseudonymous_response_table_has_no_column_that_could_identify_the_person():
    assert _columns(PseudonymousResponse) == {
        "id",
        "survey_id",
        "activity_id",
        "pseudonym",
        "answers",
        "submitted",
    }
    for field in PseudonymousResponse._meta.concrete_fields:
        assert not isinstance(field, (models.DateField, models.DateTimeField, models.TimeField))
        if field.is_relation:
            assert field.related_model not in (Person, User), field.name
    # A random id: nothing of the order the answers were given in.
    assert isinstance(PseudonymousResponse._meta.pk, models.UUIDField)


def test_the_completion_rows_cannot_be_joined_to_the_responses():
    assert _columns(SurveyCompletion) == {
        "id",
        "survey_id",
        "activity_id",
        "person_id",
        "submitted_on",
    }
    for field in SurveyCompletion._meta.concrete_fields:
        assert field.related_model not in (PseudonymousResponse, IdentifiedResponse)
        assert not isinstance(field, (models.DateTimeField, models.TimeField)), field.name
    shared = _columns(SurveyCompletion) & _columns(PseudonymousResponse)
    # The survey and the activity only: their ids are of different kinds (int and UUID).
    assert shared == {"id", "survey_id", "activity_id"}
    assert not isinstance(SurveyCompletion._meta.pk, models.UUIDField)


def test_no_table_points_at_a_pseudonymous_response():
    # No history, audit or completion row refers to one, so none can be followed back.
    assert PseudonymousResponse._meta.related_objects == ()


def _everyone_submits(cast, survey, q, people):
    for person in people:
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
        services.response_submit(
            survey=survey, activity=cast.activity, person=person, now=sf.DURING
        )


def test_three_people_submitting_on_one_day_leave_nothing_that_pairs_them_with_their_answers(
    cast, autumn, q
):
    others = [f.PersonFactory(), f.PersonFactory()]
    for person in others:
        f.ParticipationFactory(activity=cast.activity, person=person)
    people = [cast.pat.person, *others]
    _everyone_submits(cast, autumn, q, people)
    completions = list(SurveyCompletion.objects.values("survey_id", "activity_id", "submitted_on"))
    assert completions == [completions[0]] * 3  # the same survey, activity and day for all
    responses = list(PseudonymousResponse.objects.all())
    assert len(responses) == 3 and all(isinstance(r.pk, uuid.UUID) for r in responses)
    row = PseudonymousResponse.objects.values().first()
    values = {str(v) for v in row.values()}
    for person in people:
        assert str(person.pk) not in values - {str(autumn.pk), str(cast.activity.pk)}
        assert person.email not in str(row)


def test_the_pseudonym_needs_the_series_secret_and_differs_between_series(cast, autumn, q):
    person = cast.pat.person
    mine = pseudonym_of(series_secret=autumn.series.secret, person_id=person.pk)
    assert mine != hashlib.sha256(str(person.pk).encode()).hexdigest()
    other = sf.SurveySeriesFactory(academic_year=2022)
    assert pseudonym_of(series_secret=other.secret, person_id=person.pk) != mine


def test_a_person_finds_their_own_pseudonymous_draft_again_and_nobody_elses(cast, autumn, q):
    services.answers_save(
        survey=autumn,
        activity=cast.activity,
        person=cast.pat.person,
        section=q.about,
        given={q.years.key: "9"},
        finished=False,
        now=sf.DURING,
    )
    other = f.PersonFactory()
    f.ParticipationFactory(activity=cast.activity, person=other)
    assert selectors.own_response(survey=autumn, activity=cast.activity, person=cast.pat.person)
    assert selectors.own_response(survey=autumn, activity=cast.activity, person=other) is None


def test_no_page_or_api_answer_shows_a_pseudonym(cast, autumn, q):
    _everyone_submits(cast, autumn, q, [cast.pat.person])
    pseudonym = PseudonymousResponse.objects.get().pseudonym
    response_id = str(PseudonymousResponse.objects.get().pk)
    start = f"/surveys/{autumn.pk}/activities/{cast.activity.pk}/"
    pages = {
        cast.pat: ["/surveys/", start, "/api/v1/surveys/mine", f"/api/v1{start[:-1]}"],
        cast.nadia: [
            "/surveys/manage/",
            "/surveys/templates/",
            f"/surveys/versions/{q.version.pk}/",
            "/api/v1/surveys/templates",
        ],
    }
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            got = client.get(url)
            assert got.status_code == 200, url
            body = got.content.decode()
            assert pseudonym not in body and response_id not in body, url
