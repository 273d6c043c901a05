"""The LLME register API: a hub's community and the national summary."""

from __future__ import annotations

from django.urls import reverse

from mathshubs.activities.models import DevelopmentProgramme, Expertise, LLMEExpertise
from tests.activities.test_journey_builders import lead, llme
from tests.conftest import client_for


def _leos_record(cast):
    LLMEExpertise.objects.create(person=cast.leo.person, element=Expertise.PEDAGOGY)
    return DevelopmentProgramme.objects.create(
        person=cast.leo.person,
        programme="mastery_specialist",
        phase="primary",
        cohort="Primary cohort 9",
        started_year=2023,
        hub=cast.north,
    )


def test_a_hubs_register_by_api_for_its_staff(cast):
    _leos_record(cast)
    for ref in ("north", str(cast.north.pk)):
        body = client_for(cast.harriet).get(reverse("api:hub_llmes", args=[ref])).json()
        assert (body["year"], body["members"], body["active"], body["target"]) == (
            "2023/24",
            2,
            1,
            50,
        )
        assert body["starting"] == 1
        leo = next(p for p in body["llmes"] if p["name"] == "Leo Lead")
        assert leo["roles"] == ["Work Group Lead"]
        assert (leo["active"], leo["activities_led"]) == (True, 1)
        assert leo["expertise"] == ["pedagogy"]
        assert leo["programmes"][0]["cohort"] == "Primary cohort 9"
        assert leo["programmes"][0]["started_year"] == "2023/24"


def test_the_hubs_llmes_get_names_roles_and_active_only(cast):
    _leos_record(cast)
    body = client_for(cast.leo).get(reverse("api:hub_llmes", args=["north"])).json()
    assert {p["name"] for p in body["llmes"]} == {"Leo Lead", "Harriet Hub"}
    assert all(p["expertise"] is None and p["programmes"] is None for p in body["llmes"])


def test_the_register_api_filters_by_activity_and_year(cast):
    llme(cast.north, year=2022, first_name="Olive", last_name="Older")
    url = reverse("api:hub_llmes", args=["north"])
    client = client_for(cast.nadia)
    assert [p["name"] for p in client.get(url + "?active=no").json()["llmes"]] == ["Harriet Hub"]
    assert [p["name"] for p in client.get(url + "?year=2022-23").json()["llmes"]] == ["Olive Older"]
    assert client.get(url + "?active=maybe").status_code == 422


def test_the_national_summary_by_api(cast):
    lead(llme(cast.south), cast.south)
    _leos_record(cast)
    body = client_for(cast.simon).get(reverse("api:llme_summary") + "?year=2023-24").json()
    assert (body["year"], body["active"], body["target"], body["starting"]) == (
        "2023/24",
        2,
        2000,
        1,
    )
    assert body["hub_target"] == 50 and body["hubs_at_target"] == 0
    hubs = {h["hub"]["slug"]: h for h in body["hubs"]}
    assert (hubs["north"]["active"], hubs["south"]["active"]) == (1, 1)
    assert hubs["north"]["starting"] == 1
