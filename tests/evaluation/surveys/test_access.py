"""Who is in a survey, and who reaches what: a participant sees and answers only their own
surveys (404 for any other), the LLME survey is for the activity's leads, and only the
national team builds templates and runs surveys (403 for anyone else)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from mathshubs.activities.models import EnrolmentStatus, Participation
from mathshubs.evaluation.surveys import selectors
from mathshubs.evaluation.surveys.models import Audience, SeriesGroup
from tests import factories as f
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


def _access(user, survey, activity):
    return selectors.access_assignment(
        user=user, survey_id=survey.pk, activity_id=activity.pk, now=sf.DURING
    )


def test_a_participant_finds_the_survey_of_their_activity(cast, autumn):
    found = selectors.surveys_of(person=cast.pat.person, now=sf.DURING)
    assert [(a.survey, a.activity, a.status) for a in found] == [
        (autumn, cast.activity, "Not started")
    ]
    assert _access(cast.pat, autumn, cast.activity).to_do


def test_someone_in_no_activity_it_covers_has_no_survey_and_gets_404(cast, autumn):
    assert selectors.surveys_of(person=cast.sam.person, now=sf.DURING) == []
    for user in (cast.sam, cast.simon, cast.harriet, cast.nadia):
        with pytest.raises(Http404):
            _access(user, autumn, cast.activity)


def test_another_activity_or_another_participants_survey_is_404(cast, autumn):
    south = f.ActivityFactory(hub=cast.south, title="South Work Group")
    f.ParticipationFactory(activity=south, person=cast.sam.person)
    assert _access(cast.sam, autumn, south).activity == south
    with pytest.raises(Http404):
        _access(cast.pat, autumn, south)  # Sam's, not Pat's
    with pytest.raises(Http404):
        _access(cast.sam, autumn, cast.activity)  # Pat's, not Sam's


def test_a_survey_of_one_ncp_covers_only_that_ncps_activities_of_its_year(cast, q):
    series = sf.SurveySeriesFactory(ncp=f.NCPFactory())
    other_ncp = sf.SurveyFactory(version=q.version, series=series)
    last_year = sf.SurveyFactory(
        version=q.version, series=sf.SurveySeriesFactory(academic_year=2022)
    )
    for survey in (other_ncp, last_year):
        with pytest.raises(Http404):
            _access(cast.pat, survey, cast.activity)
    mine = sf.SurveyFactory(
        version=q.version, series=sf.SurveySeriesFactory(ncp=cast.mastery_readiness)
    )
    assert _access(cast.pat, mine, cast.activity).survey == mine


def test_a_withdrawn_participant_is_no_longer_in_the_survey(cast, autumn):
    Participation.objects.filter(person=cast.pat.person).update(status=EnrolmentStatus.WITHDRAWN)
    assert selectors.surveys_of(person=cast.pat.person, now=sf.DURING) == []
    with pytest.raises(Http404):
        _access(cast.pat, autumn, cast.activity)


def test_the_llme_survey_is_for_the_activitys_leads_and_not_its_participants(cast, q):
    llme = sf.SurveyFactory(
        version=q.version,
        audience=Audience.LLME,
        series=sf.SurveySeriesFactory(group=SeriesGroup.LLMES),
    )
    assert [a.survey for a in selectors.surveys_of(person=cast.leo.person, now=sf.DURING)] == [llme]
    assert _access(cast.leo, llme, cast.activity).survey == llme
    with pytest.raises(Http404):
        _access(cast.pat, llme, cast.activity)
    assert selectors.surveys_of(person=cast.pat.person, now=sf.DURING) == []


def test_someone_in_two_activities_answers_once_for_each(cast, autumn):
    second = f.ActivityFactory(hub=cast.north, title="A North community")
    f.ParticipationFactory(activity=second, person=cast.pat.person)
    found = selectors.surveys_of(person=cast.pat.person, now=sf.DURING)
    assert [a.activity.title for a in found] == ["A North community", cast.activity.title]


def test_a_missing_survey_is_404_like_one_you_are_not_in(cast):
    with pytest.raises(Http404, match=selectors.SURVEY_NOT_FOUND):
        selectors.access_assignment(
            user=cast.pat, survey_id=999999, activity_id=cast.activity.pk, now=sf.DURING
        )


def test_only_the_national_team_reaches_the_builder(cast, q):
    reads = [
        lambda u: selectors.templates_for(user=u),
        lambda u: selectors.access_version(user=u, version_id=q.version.pk),
        lambda u: selectors.access_section(user=u, section_id=q.about.pk),
        lambda u: selectors.access_question(user=u, question_id=q.role.pk),
        lambda u: list(selectors.surveys_for(user=u)),
        lambda u: list(selectors.published_versions(user=u)),
    ]
    for read in reads:
        read(cast.nadia)
        for user in (cast.harriet, cast.leo, cast.pat, cast.sam, cast.simon):
            with pytest.raises(PermissionDenied, match=selectors.ONLY_NATIONAL):
                read(user)
