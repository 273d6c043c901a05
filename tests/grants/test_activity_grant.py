"""activity_grant and hub_grant_summary: the calculator applied to a hub's activities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.grants.rules import PARTICIPANTS_NOT_GIVEN, GrantInputError
from mathshubs.grants.selectors import (
    LOCAL_ACTIVITY_NOTE,
    activity_grant,
    hub_grant_summary,
    ncp_grant,
    parse_year_slug,
    year_slug,
)
from tests import factories as f
from tests.grants.examples import (
    DEVELOPMENT_19_09,
    EXCHANGE,
    LEVEL_3_CO_FUNDED,
    LLME_COMMUNITY,
    MASTERY_READINESS_19_11,
    PD_LEAD_PROGRAMME,
)

pytestmark = pytest.mark.django_db
D = Decimal


def activity_with(finances, *, schools=0, withdrawn=0, completed=0, hub=None, **fields):
    ncp = f.NCPFactory(finances=finances, **fields.pop("ncp_fields", {}))
    activity = f.ActivityFactory(
        ncp=ncp, ncp_code=ncp.code, **({"hub": hub} if hub else {}), **fields
    )
    for _ in range(schools):
        f.ActivitySchoolFactory(activity=activity)
    for _ in range(completed):
        f.ActivitySchoolFactory(activity=activity, status=EnrolmentStatus.COMPLETED)
    for _ in range(withdrawn):
        f.ActivitySchoolFactory(activity=activity, status=EnrolmentStatus.WITHDRAWN)
    return activity


def test_an_activity_counts_enrolled_and_completed_schools_but_not_withdrawn_ones():
    activity = activity_with(MASTERY_READINESS_19_11, schools=5, completed=1, withdrawn=2)
    grant = activity_grant(activity)
    assert grant.schools == 6
    assert grant.total == D("13150")


def test_an_activity_counts_participants_who_have_not_withdrawn():
    activity = activity_with(PD_LEAD_PROGRAMME, schools=1)
    f.ParticipationFactory.create_batch(3, activity=activity)
    f.ParticipationFactory(activity=activity, status=EnrolmentStatus.WITHDRAWN)
    grant = activity_grant(activity)
    assert grant.participants == 3
    assert grant.total == D("2400")
    assert PARTICIPANTS_NOT_GIVEN not in grant.warnings


def test_an_activity_outside_its_projects_model_is_warned_about_but_still_worked_out():
    activity = activity_with(MASTERY_READINESS_19_11, schools=9)
    grant = activity_grant(activity)
    assert grant.total == D("16150")
    assert grant.warnings == [
        "This Work Group has 9 schools. The project's model is 5 to 8 schools."
    ]
    assert activity_grant(activity_with(MASTERY_READINESS_19_11, schools=5)).warnings == []


def test_an_activity_uses_its_grant_role():
    activity = activity_with(EXCHANGE, schools=1, grant_role="secondary_hosting")
    grant = activity_grant(activity)
    assert grant.total == D("6000")
    assert grant.role_label == "Secondary exchange (hosting)"


def test_an_activity_without_its_role_shows_only_the_lines_that_do_not_need_one():
    finances = {**EXCHANGE, "rules": [*EXCHANGE["rules"], *LEVEL_3_CO_FUNDED["rules"][:1]]}
    grant = activity_with(finances, schools=5, grant_role="")
    grant = activity_grant(grant)
    assert grant.total == D("2100")
    assert grant.warnings[0].startswith("This project's grant depends on the hub's role")
    assert "only the lines that do not depend on a role are shown" in grant.warnings[0]
    unknown = activity_grant(activity_with(finances, schools=5, grant_role="hosting"))
    assert "'hosting' is not a role" in unknown.warnings[0]


def test_a_local_activity_has_no_national_grant():
    activity = f.ActivityFactory(ncp=None, is_riwg=True)
    grant = activity_grant(activity)
    assert grant.lines == []
    assert grant.total == 0
    assert grant.notes == [LOCAL_ACTIVITY_NOTE]


def test_unreadable_finances_are_reported_not_raised():
    activity = activity_with({"rules": [{"kind": "lottery"}]}, schools=1)
    assert activity_grant(activity).warnings == [
        "This project's grant rules cannot be read: tell the national team."
    ]


def test_planning_defaults_to_the_model_size_and_warns_outside_the_model():
    ncp = f.NCPFactory(finances=MASTERY_READINESS_19_11, model_size=7)
    assert ncp_grant(ncp).total == D("14150")
    assert ncp_grant(ncp, schools=3).warnings == [
        "3 schools is outside the project's model of 5 to 8 schools."
    ]
    fixed = f.NCPFactory(model_size=2, model_min_schools=None, model_max_schools=None)
    assert ncp_grant(fixed, schools=3).warnings[0] == (
        "3 schools is outside the project's model of 2 schools."
    )


def test_year_slugs():
    assert year_slug(2023) == "2023-24"
    assert parse_year_slug("2023-24") == 2023
    assert parse_year_slug("2023/24") == 2023
    for bad in ("2023-25", "2023", "", "twenty"):
        with pytest.raises(GrantInputError, match="like 2023-24"):
            parse_year_slug(bad)


# --- A hub's year --------------------------------------------------------------------------------


@pytest.fixture
def north_year():
    hub = f.HubFactory(slug="north-year")

    def run(finances, number, title, schools=0):
        ncp_fields = {"number": number, "year": f.AcademicYearFactory(start_year=2019)}
        return activity_with(finances, schools=schools, hub=hub, title=title, ncp_fields=ncp_fields)

    mastery = run(MASTERY_READINESS_19_11, 11, "A Mastery", schools=6)
    development = run(DEVELOPMENT_19_09, 9, "B Development", schools=7)
    level_3 = run(LEVEL_3_CO_FUNDED, 22, "C Level 3", schools=4)
    community = run(LLME_COMMUNITY, 7, "D Community one")
    f.ActivityFactory(hub=hub, ncp=community.ncp, ncp_code=community.ncp.code, title="E Two")
    f.ActivityFactory(hub=hub, ncp=None, title="F Local RIWG", is_riwg=True)
    f.ActivityFactory(hub=hub, academic_year=2022, ncp=mastery.ncp)  # another year
    activity_with(MASTERY_READINESS_19_11, schools=8)  # another hub
    return hub, [mastery, development, level_3]


def test_a_hubs_summary_lists_each_activity_of_the_year_with_its_total(north_year):
    hub, _ = north_year
    summary = hub_grant_summary(hub=hub, year=2023)
    assert [(row.activity.title, row.schools, row.grant.total) for row in summary.rows] == [
        ("D Community one", 0, D("0")),
        ("E Two", 0, D("0")),
        ("B Development", 7, D("17800")),
        ("A Mastery", 6, D("13150")),
        ("C Level 3", 4, D("4200")),
        ("F Local RIWG", 0, D("0")),
    ]
    assert summary.year_label == "2023/24"


def test_a_hubs_summary_adds_a_per_hub_grant_once_per_project(north_year):
    hub, _ = north_year
    summary = hub_grant_summary(hub=hub, year=2023)
    assert [(item.line.label, item.line.amount) for item in summary.per_hub] == [
        ("LLME community grant", D("3500.00"))
    ]
    assert summary.activities_total == D("35150")
    assert summary.per_hub_total == D("3500")
    assert summary.total == D("38650")


def test_a_hubs_summary_totals_by_funder_with_one_column_per_funder_used(north_year):
    hub, _ = north_year
    summary = hub_grant_summary(hub=hub, year=2023)
    assert [key for key, _ in summary.funders] == ["hub_core_grant", "amsp"]
    assert [(t.funder, t.amount) for t in summary.totals_by_funder] == [
        ("hub_core_grant", D("36550")),
        ("amsp", D("2100")),
    ]
    level_3 = summary.rows[4]
    assert level_3.amounts == [D("2100"), D("2100")]
    assert summary.activity_totals_by_funder == [D("33050"), D("2100")]


def test_a_hubs_summary_takes_the_same_number_of_queries_however_many_activities(
    north_year, django_assert_max_num_queries
):
    hub, _ = north_year
    with django_assert_max_num_queries(1):
        hub_grant_summary(hub=hub, year=2023)
    for _ in range(10):
        activity_with(DEVELOPMENT_19_09, schools=3, hub=hub)
    with django_assert_max_num_queries(1):
        summary = hub_grant_summary(hub=hub, year=2023)
    assert len(summary.rows) == 16
