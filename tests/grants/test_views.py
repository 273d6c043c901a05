"""The grant pages and the grant parts of other pages."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import escape

from mathshubs.grants.forms import (
    ROLE_REQUIRED,
    SCHOOLS_NOT_WHOLE,
    SCHOOLS_OUT_OF_RANGE,
    SCHOOLS_REQUIRED,
)
from mathshubs.grants.rules import grant_for
from tests import factories as f
from tests.conftest import client_for
from tests.grants.examples import (
    DEVELOPMENT_19_09,
    EXCHANGE,
    LEVEL_3_CO_FUNDED,
    LLME_COMMUNITY,
    MASTERY_READINESS_19_11,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def development(cast):
    ncp = f.NCPFactory(
        year=f.AcademicYearFactory(start_year=2019),
        number=9,
        title="Primary TfM Development Work Groups",
        finances=DEVELOPMENT_19_09,
    )
    activity = f.ActivityFactory(hub=cast.north, ncp=ncp, ncp_code=ncp.code, title="Dev WG")
    f.ActivitySchoolFactory.create_batch(7, activity=activity)
    return activity


# --- The hub's grants for a year -----------------------------------------------------------------


def test_the_hub_summary_lists_activities_per_hub_grants_and_totals(cast, development):
    community = f.NCPFactory(number=7, finances=LLME_COMMUNITY, title="LLME Community")
    f.ActivityFactory(hub=cast.north, ncp=community, ncp_code=community.code, title="Comm")
    f.ActivityFactory(hub=cast.north, ncp=None, title="Local RIWG", is_riwg=True)
    page = text(client_for(cast.harriet).get("/hubs/north/grants/2023-24/"))
    assert '<h1 class="govuk-heading-xl">Grants for 2023/24</h1>' in page
    assert "Dev WG" in page and "£17,800" in page
    assert "North Mastery Readiness Work Group" in page and "£8,150" in page
    assert f'href="/activities/{development.pk}/grant/"' in page
    assert "Grants to the hub" in page and "£3,500" in page
    assert "Local activity: no national grant." in page
    assert "£29,450" in page  # 17,800 + 8,150 + 3,500
    assert "Grants for 2022/23" in page and "Grants for 2024/25" in page


def test_the_hub_summary_page_takes_the_same_number_of_queries_however_many_activities(
    cast, development, django_assert_max_num_queries
):
    harriet = client_for(cast.harriet)
    harriet.get("/hubs/north/grants/2023-24/")
    with django_assert_max_num_queries(12) as few:
        harriet.get("/hubs/north/grants/2023-24/")
    for _ in range(8):
        more = f.ActivityFactory(hub=cast.north, ncp=development.ncp)
        f.ActivitySchoolFactory.create_batch(3, activity=more)
    with django_assert_max_num_queries(len(few.captured_queries)):
        harriet.get("/hubs/north/grants/2023-24/")


@pytest.mark.parametrize("year", ["2023-25", "2023", "latest"])
def test_the_hub_summary_of_a_malformed_year_is_not_found(cast, year):
    assert client_for(cast.harriet).get(f"/hubs/north/grants/{year}/").status_code == 404


def test_the_hub_summary_of_an_empty_year_says_so(cast):
    page = text(client_for(cast.nadia).get("/hubs/north/grants/2020-21/"))
    assert "No activities are recorded for North Test Maths Hub in 2020/21." in page


# --- An activity's grant -------------------------------------------------------------------------


def test_the_activity_grant_page_itemises_the_grant(cast, development):
    page = text(client_for(cast.nadia).get(f"/activities/{development.pk}/grant/"))
    assert "Grant for Dev WG" in page
    assert "3 days × 7 schools × £350" in page
    assert "£7,350" in page and "£17,800" in page
    assert "What the handbook says" in page
    assert "6 TRGs @£350 per day" in page
    assert 'href="/hubs/north/grants/2023-24/"' in page


def test_the_activity_grant_include_shows_nothing_without_a_grant():
    template = Template('{% include "grants/_activity_grant.html" %}')
    assert template.render(Context({"activity": None, "grant": None})).strip() == ""


def test_the_activity_grant_include_shows_lines_funders_notes_and_warnings():
    grant = grant_for(finances=LEVEL_3_CO_FUNDED, schools=3)
    grant.warnings.append("This activity has 3 schools: check.")
    html = Template('{% include "grants/_activity_grant.html" %}').render(
        Context({"activity": None, "grant": grant})
    )
    assert "Grant: £4,200" in html
    assert "Maths Hub core grant" in html and "Advanced Maths Support Programme (AMSP)" in html
    assert html.count("£2,100") == 6  # two lines (working and amount), two funder totals
    assert "AMSP co-funding is claimable from the AMSP via MEI." in html
    assert "This activity has 3 schools: check." in html
    assert html.count("full funding per Work Group is £4200") == 1  # the shared text once


# --- Planning on the project's page ---------------------------------------------------------------


def render_ncp_panel(ncp, query: str = "") -> str:
    request = RequestFactory().get(f"/ncps/{ncp.code}/{query}")
    template = Template('{% include "grants/_ncp_grant.html" %}')
    return template.render(Context({"ncp": ncp, "request": request}))


def test_the_ncp_include_shows_the_grant_of_the_model_size_by_default(db):
    ncp = f.NCPFactory(finances=MASTERY_READINESS_19_11)
    html = render_ncp_panel(ncp)
    assert "What an activity of this size would get" in html
    assert 'name="grant-schools"' in html and 'value="7"' in html
    assert "The project&#x27;s model is 5 to 8 schools; its model size is 7." in html
    assert "£14,150 for 7 schools" in html


def test_the_ncp_include_works_out_the_schools_asked_for(db):
    ncp = f.NCPFactory(finances=MASTERY_READINESS_19_11)
    html = render_ncp_panel(ncp, "?grant-schools=8")
    assert "£14,150 for 7 schools + 1 school × £1,000" in html
    assert "£15,150" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?grant-schools=", SCHOOLS_REQUIRED),
        ("?grant-schools=seven", SCHOOLS_NOT_WHOLE),
        ("?grant-schools=-1", SCHOOLS_OUT_OF_RANGE),
    ],
)
def test_the_ncp_include_shows_errors_the_govuk_way(db, query, message):
    ncp = f.NCPFactory(finances=MASTERY_READINESS_19_11)
    html = render_ncp_panel(ncp, query)
    assert "There is a problem" in html
    assert f'<a href="#id_grant-schools">{message}</a>' in html
    assert "govuk-form-group--error" in html
    assert "£14,150 for" not in html


def test_the_ncp_include_asks_for_the_role_where_the_grant_depends_on_it(db):
    ncp = f.NCPFactory(
        finances=EXCHANGE, model_size=None, model_min_schools=None, model_max_schools=None
    )
    first = render_ncp_panel(ncp)
    assert "The grant depends on the hub's role: choose one to see it." in first
    assert 'type="radio" value="secondary_hosting"' in first
    missing = render_ncp_panel(ncp, "?grant-schools=1")
    assert f'<a href="#id_grant-role">{escape(ROLE_REQUIRED)}</a>' in missing
    chosen = render_ncp_panel(ncp, "?grant-schools=1&grant-role=secondary_hosting")
    assert "£6,000" in chosen and 'value="secondary_hosting" checked' in chosen


def test_without_a_model_size_the_ncp_include_asks_for_the_schools_instead_of_assuming_none(db):
    ncp = f.NCPFactory(finances=DEVELOPMENT_19_09, model_size=None)
    first = render_ncp_panel(ncp)
    assert "enter it to see the grant" in first and "£150" not in first
    assert 'name="grant-schools"' in first and 'value="0"' not in first
    asked = render_ncp_panel(ncp, "?grant-schools=7")
    assert "£17,800" in asked


def test_a_unit_grant_shows_at_once_even_without_a_model_size(db):
    ncp = f.NCPFactory(finances=LEVEL_3_CO_FUNDED, model_size=None)
    assert "£4,200" in render_ncp_panel(ncp)


def test_on_the_ncp_page_the_planner_leaves_the_finance_notes_to_the_finances_section(db):
    finances = {**MASTERY_READINESS_19_11, "notes": ["Travel is claimed from the MHNF."]}
    ncp = f.NCPFactory(finances=finances)
    assert "Travel is claimed from the MHNF." not in render_ncp_panel(ncp)


def test_the_ncp_include_keeps_unreadable_finances_off_the_page(db):
    ncp = f.NCPFactory(finances={"rules": [{"kind": "raffle"}]})
    assert "cannot be read: tell the national team" in render_ncp_panel(ncp)


def test_the_planning_page_is_public_and_names_the_project(cast):
    code = cast.mastery_readiness.code
    page = text(client_for(None).get(f"/ncps/{code.lower()}/grant/?grant-schools=6"))
    assert "Grant for Mastery Readiness Work Groups" in page
    assert "£13,150" in page
    assert f'href="/catalogue/ncp/{code}/"' in page  # back to the project's page
    assert client_for(None).get("/ncps/NCP23-99/grant/").status_code == 404


def test_the_money_filter():
    template = Template("{% load money %}{{ a|money }} {{ b|money }} {{ c|money }}|{{ d|money }}")
    context = Context({"a": 14150, "b": "14150.5", "c": "n/a", "d": None})
    assert template.render(context) == "£14,150 £14,150.50 n/a|"
