"""Running a survey: a published version for a year, an audience, an NCP or every
activity; the autumn and summer surveys of a year and NCP share a series."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mathshubs.evaluation.surveys import services
from mathshubs.evaluation.surveys.models import Audience, SeriesGroup, VersionStatus
from mathshubs.evaluation.surveys.services import running as r
from tests import factories as f
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


def _run(cast, version, **more):
    values = {
        "by": cast.nadia,
        "version": version,
        "audience": Audience.AUTUMN,
        "academic_year": 2023,
        "ncp": None,
        "opens_on": sf.OPENS,
        "closes_on": sf.CLOSES,
        "pseudonymous": True,
        "now": sf.BEFORE,
    }
    return services.survey_create(**{**values, **more})


def test_the_autumn_and_summer_surveys_of_a_year_and_ncp_share_a_series(cast, q):
    ncp = cast.mastery_readiness
    autumn = _run(cast, q.version, ncp=ncp)
    summer = _run(
        cast,
        q.version,
        ncp=ncp,
        audience=Audience.SUMMER,
        opens_on=dt.date(2024, 6, 3),
        closes_on=dt.date(2024, 7, 12),
    )
    llme = _run(
        cast,
        q.version,
        ncp=ncp,
        audience=Audience.LLME,
        opens_on=dt.date(2024, 6, 3),
        closes_on=dt.date(2024, 7, 19),
    )
    assert autumn.series == summer.series
    assert autumn.series.group == SeriesGroup.PARTICIPANTS
    assert llme.series != autumn.series and llme.series.group == SeriesGroup.LLMES
    assert len(autumn.series.secret) == 64
    everyone = _run(cast, q.version)
    assert everyone.series.ncp is None and everyone.series != autumn.series
    assert autumn.title == q.version.template.title


def test_a_year_and_ncp_has_one_survey_of_each_audience(cast, q):
    _run(cast, q.version)
    with pytest.raises(ValidationError) as error:
        _run(cast, q.version, title="Again")
    assert (
        "There is already an autumn participant survey for every activity in 2023/24"
        in (error.value.message_dict["audience"][0])
    )


def test_both_surveys_of_a_series_are_pseudonymous_or_both_identified(cast, q):
    _run(cast, q.version)
    with pytest.raises(ValidationError) as error:
        _run(cast, q.version, audience=Audience.SUMMER, pseudonymous=False)
    assert error.value.message_dict["pseudonymous"] == [
        r.SERIES_MIXED.format(other="Autumn participant survey", kind="pseudonymous")
    ]


def test_it_refuses_a_draft_a_project_of_another_year_and_dates_the_wrong_way_round(cast, q):
    draft = sf.TemplateVersionFactory(status=VersionStatus.DRAFT, number=2)
    other_year = f.NCPFactory(year=f.AcademicYearFactory(start_year=2022))
    with pytest.raises(ValidationError) as error:
        _run(
            cast,
            draft,
            ncp=other_year,
            opens_on=dt.date(2023, 10, 20),
            closes_on=dt.date(2023, 10, 2),
        )
    errors = error.value.message_dict
    assert errors["version"] == [r.VERSION_NOT_PUBLISHED]
    assert errors["ncp"] == [
        r.NCP_OTHER_YEAR.format(code=other_year.code, label="2022/23", year="2023/24")
    ]
    assert errors["closes_on"] == [r.CLOSES_BEFORE_OPENS]


def test_a_survey_must_run_around_its_academic_year(cast, q):
    with pytest.raises(ValidationError) as error:
        _run(cast, q.version, opens_on=dt.date(2025, 10, 1), closes_on=dt.date(2025, 10, 9))
    assert "between 1 August 2023 and 31 August 2024" in error.value.message_dict["opens_on"][0]


def test_only_the_national_team_runs_surveys(cast, q):
    for user in (cast.harriet, cast.leo, cast.pat):
        with pytest.raises(PermissionDenied):
            _run(cast, q.version, by=user)
