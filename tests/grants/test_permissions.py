"""Grants are the hub's finances: the national team and that hub's staff see them; another
hub's staff, the activity's own lead, a participant and anonymous visitors cannot, by page
or by API. What a project would pay (planning) is public."""

from __future__ import annotations

import pytest

from mathshubs.directory.models import Role
from mathshubs.grants.selectors import grant_visible_to
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PAGES = {
    "hub summary page": lambda c: f"/hubs/{c.north.slug}/grants/2023-24/",
    "activity grant page": lambda c: f"/activities/{c.activity.pk}/grant/",
}
API = {
    "hub grants API by slug": lambda c: f"/api/v1/hubs/{c.north.slug}/grants?year=2023-24",
    "hub grants API by id": lambda c: f"/api/v1/hubs/{c.north.pk}/grants",
    "activity grant API": lambda c: f"/api/v1/activities/{c.activity.pk}/grant",
}
OUTSIDERS = ["simon", "leo", "pat", "sam"]
INSIDERS = ["nadia", "harriet"]


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("where", [*PAGES, *API])
def test_outsiders_get_not_found_as_if_it_did_not_exist(cast, persona, where):
    url = {**PAGES, **API}[where](cast)
    response = client_for(getattr(cast, persona)).get(url)
    assert response.status_code == 404, f"{persona} {url}"
    assert b"13150" not in response.content and "8,150" not in response.content.decode()


@pytest.mark.parametrize("where", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_for_pages(cast, where):
    response = client_for(None).get(PAGES[where](cast))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("where", API)
def test_anonymous_visitors_are_refused_by_the_api(cast, where):
    response = client_for(None).get(API[where](cast))
    assert response.status_code == 401


@pytest.mark.parametrize("persona", INSIDERS)
@pytest.mark.parametrize("where", [*PAGES, *API])
def test_the_national_team_and_the_hubs_staff_see_the_grants(cast, persona, where):
    url = {**PAGES, **API}[where](cast)
    response = client_for(getattr(cast, persona)).get(url)
    assert response.status_code == 200
    assert "8150.00" in response.content.decode() or "£8,150" in response.content.decode()


def test_a_lead_who_is_also_staff_of_another_hub_still_cannot_see_this_hubs_grants(cast):
    f.RoleAssignmentFactory(
        person=cast.leo.person, role=Role.PROJECT_MANAGER, hub=cast.south, academic_year=2023
    )
    leo = client_for(cast.leo)
    assert leo.get(f"/api/v1/activities/{cast.activity.pk}/grant").status_code == 404
    assert leo.get("/api/v1/hubs/south/grants?year=2023-24").status_code == 200
    assert leo.get("/api/v1/hubs/north/grants?year=2023-24").status_code == 404


def test_a_hub_lead_whose_role_has_lapsed_no_longer_sees_the_grants(cast):
    lapsed = f.UserFactory()
    f.RoleAssignmentFactory(
        person=lapsed.person, role=Role.MATHS_HUB_LEAD, hub=cast.north, academic_year=2021
    )
    assert client_for(lapsed).get("/api/v1/hubs/north/grants").status_code == 404


def test_a_missing_activity_and_a_forbidden_one_answer_alike(cast):
    simon = client_for(cast.simon)
    forbidden = simon.get(f"/api/v1/activities/{cast.activity.pk}/grant")
    missing = simon.get("/api/v1/activities/999999/grant")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


@pytest.mark.parametrize("persona", [None, "pat", "sam", "simon", "leo"])
def test_anyone_may_plan_with_a_projects_grant(cast, persona):
    user = getattr(cast, persona) if persona else None
    code = cast.mastery_readiness.code
    assert client_for(user).get(f"/api/v1/ncps/{code}/grant?schools=6").status_code == 200
    assert client_for(user).get(f"/ncps/{code}/grant/?grant-schools=6").status_code == 200


def test_the_activity_page_gets_a_grant_only_for_those_who_may_see_it(cast):
    assert grant_visible_to(user=cast.harriet, activity=cast.activity).total == 8150
    assert grant_visible_to(user=cast.nadia, activity=cast.activity) is not None
    for persona in OUTSIDERS:
        assert grant_visible_to(user=getattr(cast, persona), activity=cast.activity) is None


def test_the_hub_page_links_to_the_grants_only_for_those_who_may_see_them(cast):
    link = "Grants for 2023/24"
    for persona in INSIDERS:
        page = client_for(getattr(cast, persona)).get("/hubs/north/").content.decode()
        assert link in page and "/hubs/north/grants/2023-24/" in page
    for persona in [*OUTSIDERS, None]:
        user = getattr(cast, persona) if persona else None
        assert link not in client_for(user).get("/hubs/north/").content.decode()


def test_the_activity_page_shows_the_grant_to_hub_staff_but_not_to_its_lead_or_participant(cast):
    url = f"/activities/{cast.activity.pk}/"
    for persona in INSIDERS:
        assert "Grant: £8,150" in client_for(getattr(cast, persona)).get(url).content.decode()
    for persona in ("leo", "pat"):
        response = client_for(getattr(cast, persona)).get(url)
        assert response.status_code == 200
        assert "£8,150" not in response.content.decode()
