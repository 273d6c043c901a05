"""The figures pages: who reads which scope, and who sees the schools and people behind
a figure (reporting/rules.py)."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_national_team_reads_england_a_region_and_any_hub(cast, counted):
    nadia = client_for(cast.nadia)
    page = nadia.get("/reports/2023-24/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "England, 2023/24" in html and "Schools engaged with their Maths Hub" in html
    # Nothing is held of 2022/23: no zero, and no change made up from one.
    assert "No data" in html and "+1" not in html
    assert nadia.get(f"/reports/2023-24/?hub={cast.south.pk}").status_code == 200
    assert nadia.get(f"/reports/2023-24/?region={cast.south.region}").status_code == 200


def test_hub_staff_read_england_and_their_hub_but_not_another_hub_or_a_region(cast, counted):
    harriet = client_for(cast.harriet)
    assert harriet.get("/reports/2023-24/").status_code == 200
    assert harriet.get(f"/reports/2023-24/?hub={cast.north.pk}").status_code == 200
    assert harriet.get(f"/reports/2023-24/?hub={cast.south.pk}").status_code == 404
    assert harriet.get(f"/reports/2023-24/?region={cast.north.region}").status_code == 404
    assert harriet.get(f"/reports/2023-24/primary_tfm/?hub={cast.south.pk}").status_code == 404


@pytest.mark.parametrize("who", ["leo", "pat", "sam"])
def test_llmes_and_participants_read_no_figures(cast, counted, who):
    client = client_for(getattr(cast, who))
    for address in ("/reports/", "/reports/2023-24/", "/reports/2023-24/engaged/"):
        assert client.get(address).status_code == 404, address


def test_anonymous_people_are_asked_to_sign_in(client):
    assert client.get("/reports/2023-24/").status_code == 302


def test_hub_staff_see_no_one_behind_englands_figures_but_their_own_hubs(cast, counted):
    harriet = client_for(cast.harriet)
    england = harriet.get("/reports/2023-24/engaged/").content.decode()
    assert 'id="no-drilldown"' in england and "South Primary" not in england
    own = harriet.get(f"/reports/2023-24/engaged/?hub={cast.north.pk}").content.decode()
    assert "North Primary" in own and "South Primary" not in own


def test_the_national_team_sees_the_people_behind_a_figure_and_the_list_is_as_long(cast, counted):
    nadia = client_for(cast.nadia)
    html = nadia.get("/reports/2023-24/engaged/").content.decode()
    assert "North Primary" in html and "South Primary" in html
    assert "2 counted in 2023/24" in html
    people = nadia.get(f"/reports/2023-24/active_llmes/?hub={cast.north.pk}").content.decode()
    assert escape(cast.leo.person.full_name) in people


def test_the_year_chosen_in_the_form_keeps_the_scope(cast, counted):
    nadia = client_for(cast.nadia)
    answer = nadia.get(f"/reports/2023-24/?year=2022-23&hub={cast.north.pk}")
    assert answer.status_code == 302
    assert answer["Location"] == f"/reports/2022-23/?hub={cast.north.pk}"


@pytest.mark.parametrize(
    "address",
    [
        "/reports/2023-24/no-such-figure/",
        "/reports/2023-24/?hub=99999999999999999999999",
        "/reports/2023-24/?hub=abc",
        "/reports/2023-24/?region=Nowhere",
        "/reports/1999-00/engaged/",
    ],
)
def test_a_figure_scope_or_year_that_does_not_exist_is_not_found(cast, counted, address):
    assert client_for(cast.nadia).get(address).status_code == 404


def test_the_home_page_leads_hub_staff_and_the_national_team_to_the_figures(cast):
    assert "Programme figures" in client_for(cast.harriet).get("/").content.decode()
    assert "Programme figures" in client_for(cast.nadia).get("/").content.decode()
    assert "Programme figures" not in client_for(cast.leo).get("/").content.decode()


def test_the_dashboard_draws_its_charts_with_their_numbers_beside_them(cast, counted):
    html = client_for(cast.nadia).get("/reports/2023-24/").content.decode()
    for key in ("engaged-by-hub", "tfm-stages"):
        assert f'id="{key}-chart"' in html and 'role="img"' in html
        assert f'id="{key}-table"' in html and f'id="{key}-summary"' in html
    # North Primary is in Leo's Mastery Readiness Work Group: 1 of North's 1 school.
    assert "North Test Maths Hub: 100.0%" in html  # the summary, two hubs: both named
    hub = client_for(cast.harriet).get(f"/reports/2023-24/?hub={cast.north.pk}").content.decode()
    assert 'id="tfm-stages-chart"' in hub and 'id="engaged-by-hub-chart"' not in hub
