"""Every activity rule, tried from the wrong side, by URL and by API.

North's activity: Harriet (North staff) and Nadia (national) manage it; Leo leads it and
Pat takes part (they see it, and may not change it); Simon (South staff) and Sam (South
participant) do not see it at all: it answers 404, exactly as if it did not exist.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from mathshubs.activities.models import Activity, ActivitySchool
from mathshubs.directory.models import Role
from tests import factories as f
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_autumn_2023")]


@pytest.fixture
def _autumn_2023():
    with time_machine.travel(dt.datetime(2023, 10, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


MANAGE_PAGES = [
    ("activities:add_lead", lambda c: [c.activity.pk]),
    ("activities:remove_lead", lambda c: [c.activity.pk, c.leo.person.pk]),
    ("activities:enrol_school", lambda c: [c.activity.pk]),
    ("activities:withdraw_school", lambda c: [c.activity.pk, c.north_school.urn]),
    ("activities:complete_school", lambda c: [c.activity.pk, c.north_school.urn]),
    ("activities:complete_activity", lambda c: [c.activity.pk]),
    ("activities:add_participant", lambda c: [c.activity.pk]),
    ("activities:withdraw_participant", lambda c: [c.activity.pk, c.pat.person.pk]),
]
FORM = {
    "email": "leo@north.example",
    "institution": "1",
    "on_day": "10",
    "on_month": "10",
    "on_year": "2023",
    "reason": "Testing the rules",
}


def api(user, method, url, body=None):
    client = client_for(user)
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(
            url, data=json.dumps(body or {}), content_type="application/json"
        )
    return response.status_code


def unchanged(cast) -> bool:
    """Nothing a refused request could have done has happened."""
    enrolment = ActivitySchool.objects.get(pk=cast.enrolment.pk)
    pat = cast.activity.participations.get(person=cast.pat.person)
    return (
        enrolment.status == "enrolled"
        and pat.status == "enrolled"
        and list(cast.activity.leads.all()) == [cast.leo.person]
        and cast.activity.schools.count() == 1
    )


# --- Seeing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["simon", "sam"])
def test_the_south_does_not_see_norths_activity_by_url_or_api(cast, persona):
    user = getattr(cast, persona)
    assert (
        client_for(user).get(reverse("activities:detail", args=[cast.activity.pk])).status_code
        == 404
    )
    for tail in ("", "/participants"):
        assert api(user, "get", f"/api/v1/activities/{cast.activity.pk}{tail}") == 404
    listed = client_for(user).get(reverse("activities:list")).content.decode()
    assert "North Mastery Readiness Work Group" not in listed
    plan = (
        client_for(user).get(reverse("activities:hub_year", args=["north", 2023])).content.decode()
    )
    assert "North Mastery Readiness Work Group" not in plan
    assert api(user, "get", "/api/v1/activities") == 200


def test_a_missing_activity_and_a_forbidden_one_answer_alike(cast):
    missing = client_for(cast.simon).get(reverse("activities:detail", args=[999999]))
    forbidden = client_for(cast.simon).get(reverse("activities:detail", args=[cast.activity.pk]))
    assert missing.status_code == forbidden.status_code == 404
    assert client_for(cast.simon).get(f"/api/v1/activities/{cast.activity.pk}").json() == (
        client_for(cast.simon).get("/api/v1/activities/999999").json()
    )


def test_a_lead_does_not_see_another_activity_of_the_hub(cast):
    other = f.ActivityFactory(hub=cast.north)
    assert (
        client_for(cast.leo).get(reverse("activities:detail", args=[other.pk])).status_code == 404
    )
    assert api(cast.leo, "get", f"/api/v1/activities/{other.pk}") == 404


def test_a_lead_sees_the_participants_of_their_activity(cast):
    body = client_for(cast.leo).get(f"/api/v1/activities/{cast.activity.pk}/participants").json()
    assert [p["person"]["name"] for p in body["people"]] == ["Pat Participant"]


def test_a_participant_sees_only_themself(cast):
    f.ParticipationFactory(activity=cast.activity, institution=cast.north_school)
    body = client_for(cast.pat).get(f"/api/v1/activities/{cast.activity.pk}/participants").json()
    assert [p["person"]["name"] for p in body["people"]] == ["Pat Participant"]
    detail = client_for(cast.pat).get(f"/api/v1/activities/{cast.activity.pk}").json()
    assert detail["participants"] is None


def test_why_a_school_qualified_or_withdrew_is_not_shown_to_participants(cast):
    cast.enrolment.criteria_met = ["not_in_tfm", "ofsted_ri"]
    cast.enrolment.save()
    other = f.ActivitySchoolFactory(
        activity=cast.activity, status="withdrawn", withdrawal_reason="Head teacher left"
    )
    label = "Latest Ofsted judgement RI or Inadequate"
    url = reverse("activities:detail", args=[cast.activity.pk])
    api = f"/api/v1/activities/{cast.activity.pk}"
    for user in (cast.harriet, cast.leo, cast.nadia):
        assert label in client_for(user).get(url).content.decode()
    pat_page = client_for(cast.pat).get(url).content.decode()
    assert label not in pat_page and "Head teacher left" not in pat_page
    assert "model is 5 to 8 schools" not in pat_page
    schools = {s["urn"]: s for s in client_for(cast.pat).get(api).json()["schools"]}
    assert schools[cast.north_school.urn]["criteria_met"] == []
    assert schools[other.institution.urn]["withdrawal_reason"] == ""
    staff = {s["urn"]: s for s in client_for(cast.harriet).get(api).json()["schools"]}
    assert staff[other.institution.urn]["withdrawal_reason"] == "Head teacher left"


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_asks_who_they_are(cast):
    response = client_for(None).get(reverse("activities:detail", args=[cast.activity.pk]))
    assert response.status_code == 302 and "/account/login" in response.url
    assert api(None, "get", f"/api/v1/activities/{cast.activity.pk}") == 401
    assert api(None, "get", "/api/v1/activities") == 401
    assert api(None, "post", "/api/v1/activities", {"hub": "north", "ncp": "NCP23-08"}) == 401
    assert not Activity.objects.exclude(pk=cast.activity.pk).exists()


# --- Managing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "args"), MANAGE_PAGES)
@pytest.mark.parametrize(
    ("persona", "status"), [("leo", 403), ("pat", 403), ("simon", 404), ("sam", 404)]
)
def test_only_north_staff_and_the_national_team_manage_norths_activity_by_url(
    cast, name, args, persona, status
):
    url = reverse(name, args=args(cast))
    client = client_for(getattr(cast, persona))
    assert client.get(url).status_code == status
    assert (
        client.post(url, {**FORM, "criteria_met": ["not_in_tfm", "ofsted_ri"]}).status_code
        == status
    )
    assert unchanged(cast)


@pytest.mark.parametrize(
    ("persona", "status"), [("leo", 403), ("pat", 403), ("simon", 404), ("sam", 404)]
)
def test_only_north_staff_and_the_national_team_manage_norths_activity_by_api(
    cast, persona, status
):
    user = getattr(cast, persona)
    base = f"/api/v1/activities/{cast.activity.pk}"
    hill = f.InstitutionFactory(hub=cast.north)
    calls = [
        (
            "post",
            "/participants",
            {"school": {"urn": hill.urn, "criteria_met": ["not_in_tfm", "poor_data"]}},
        ),
        (
            "post",
            "/participants",
            {"person": {"email": "sam@south.example", "urn": cast.north_school.urn}},
        ),
        ("post", f"/schools/{cast.north_school.urn}/withdraw", {"reason": "x"}),
        ("post", f"/schools/{cast.north_school.urn}/complete", {}),
        ("post", "/complete", {}),
        ("post", f"/participants/{cast.pat.person.pk}/withdraw", {"reason": "x"}),
        ("post", "/leads", {"email": "harriet@north.example"}),
        ("delete", f"/leads/{cast.leo.person.pk}", {}),
    ]
    for method, tail, body in calls:
        assert api(user, method, base + tail, body) == status, (method, tail)
    assert unchanged(cast)


def test_north_staff_do_not_manage_souths_activity(cast):
    south = f.ActivityFactory(hub=cast.south)
    assert (
        client_for(cast.harriet)
        .get(reverse("activities:enrol_school", args=[south.pk]))
        .status_code
        == 404
    )
    assert api(cast.harriet, "post", f"/api/v1/activities/{south.pk}/complete") == 404


def test_a_hub_lead_whose_role_has_lapsed_manages_nothing(cast):
    former = f.PersonFactory(email="former@north.example")
    f.RoleAssignmentFactory(
        person=former, role=Role.MATHS_HUB_LEAD, hub=cast.north, academic_year=2022
    )
    user = f.UserFactory(person=former)
    assert (
        client_for(user).get(reverse("activities:detail", args=[cast.activity.pk])).status_code
        == 404
    )
    assert client_for(user).get(reverse("activities:create_local")).status_code == 403


# --- Planning ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["leo", "pat", "sam"])
def test_only_hub_staff_and_the_national_team_plan(cast, persona):
    user = getattr(cast, persona)
    client = client_for(user)
    for name, args in (("activities:run_ncp", ["NCP23-08"]), ("activities:create_local", [])):
        assert client.get(reverse(name, args=args)).status_code == 403
        assert (
            client.post(reverse(name, args=args), {"hub": "north", "year": "2023"}).status_code
            == 403
        )
    body = {"hub": "north", "ncp": "NCP23-08"}
    assert api(user, "post", "/api/v1/activities", body) == 403
    assert Activity.objects.count() == 1


def test_south_staff_cannot_plan_for_the_north_by_url_or_api(cast):
    client = client_for(cast.simon)
    response = client.post(reverse("activities:run_ncp", args=["NCP23-08"]), {"hub": "north"})
    assert response.status_code == 200  # the form again: North is not a hub Simon can choose
    response = client.post(
        reverse("activities:create_local"),
        {"hub": "north", "year": "2023", "title": "Sneaky", "activity_type": "programme"},
    )
    assert response.status_code == 200 and "Choose the Maths Hub" in response.content.decode()
    assert api(cast.simon, "post", "/api/v1/activities", {"hub": "north", "ncp": "NCP23-08"}) == 403
    assert not Activity.objects.filter(hub=cast.north).exclude(pk=cast.activity.pk).exists()
    assert api(cast.simon, "post", "/api/v1/activities", {"hub": "south", "ncp": "NCP23-08"}) == 201
