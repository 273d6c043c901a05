"""Every rule of who sees what, tried from the side that must be refused (rules.py)."""

from __future__ import annotations

import pytest
import time_machine
from django.utils.html import escape

from mathshubs.directory.models import Role
from mathshubs.evaluation.surveys.models import PseudonymousResponse
from tests import factories as f
from tests.conftest import _user, client_for
from tests.evaluation.results.conftest import AFTER_ALL, answer, likert, participants

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_both_surveys():
    with time_machine.travel(AFTER_ALL, tick=False):
        yield


@pytest.fixture
def lara(cast, hand):
    """An LLME of the South hub leading an activity of 6 autumn responses."""
    person = f.PersonFactory(first_name="Lara", last_name="Lead")
    f.RoleAssignmentFactory(
        person=person, role=Role.WORK_GROUP_LEAD, hub=cast.south, academic_year=2023
    )
    activity = f.ActivityFactory(hub=cast.south, title="South Work Group")
    activity.leads.add(person)
    for someone in participants(activity, 6):
        answer(hand.autumn, activity, someone, likert(hand.q, 3))
    user = _user(person)
    user.lara_activity = activity
    return user


def _all_addresses(hand, activity) -> list[str]:
    a, s = hand.autumn.pk, hand.summer.pk
    return [
        "/surveys/results/",
        f"/surveys/{a}/completion/",
        f"/surveys/{a}/completion.csv",
        f"/surveys/{a}/results/",
        f"/surveys/{a}/results/?activity={activity.pk}",
        f"/surveys/{s}/comparison/?activity={activity.pk}",
        f"/activities/{activity.pk}/surveys/",
        f"/api/v1/surveys/{a}/completion",
        f"/api/v1/surveys/{a}/results?activity={activity.pk}",
        f"/api/v1/surveys/{s}/comparison?activity={activity.pk}",
        f"/api/v1/activities/{activity.pk}/surveys",
    ]


def test_a_participant_never_sees_results_or_who_has_not_responded(cast, hand):
    pat = client_for(cast.pat)
    for address in _all_addresses(hand, cast.activity):
        response = pat.get(address)
        assert response.status_code in (403, 404), address
        body = response.content.decode()
        name = hand.people[6].full_name
        assert name not in body and escape(name) not in body
        assert "I feel confident" not in body


def test_an_llme_of_another_activity_sees_nothing_of_this_one(cast, hand, lara):
    client = client_for(lara)
    a = hand.autumn.pk
    assert client.get(f"/surveys/{a}/results/?activity={cast.activity.pk}").status_code == 404
    assert client.get(f"/surveys/{a}/results/?hub={cast.north.pk}").status_code == 404
    assert client.get(f"/surveys/{a}/results/?ncp=0").status_code == 404
    assert client.get(f"/activities/{cast.activity.pk}/surveys/").status_code == 404
    api = client.get(f"/api/v1/surveys/{a}/results?activity={cast.activity.pk}")
    assert api.status_code == 404
    completion = client.get(f"/api/v1/surveys/{a}/completion").json()
    assert [r["name"] for r in completion["activities"]] == ["South Work Group"]
    own = client.get(f"/api/v1/surveys/{a}/results").json()
    assert own["breakdown"]["name"] == "South Work Group"
    assert [b["name"] for b in own["breakdowns"]] == []  # an LLME sees no totals


def test_leo_sees_his_activity_but_not_his_hub_or_the_nation(cast, hand):
    leo = client_for(cast.leo)
    a = hand.autumn.pk
    assert leo.get(f"/surveys/{a}/results/?hub={cast.north.pk}").status_code == 404
    assert (
        leo.get(f"/api/v1/surveys/{a}/results?ncp={cast.mastery_readiness.pk}").status_code == 404
    )
    body = leo.get(f"/api/v1/surveys/{a}/results").json()
    assert body["breakdown"]["id"] == cast.activity.pk


def test_hub_staff_of_one_hub_see_nothing_of_another(cast, hand, lara):
    simon = client_for(cast.simon)
    a = hand.autumn.pk
    for address in (
        f"/surveys/{a}/results/?hub={cast.north.pk}",
        f"/surveys/{a}/results/?activity={cast.activity.pk}",
        f"/surveys/{hand.summer.pk}/comparison/?activity={cast.activity.pk}",
        f"/activities/{cast.activity.pk}/surveys/",
        f"/api/v1/surveys/{a}/results?hub={cast.north.pk}",
        f"/api/v1/activities/{cast.activity.pk}/surveys",
    ):
        assert simon.get(address).status_code == 404, address
    page = simon.get(f"/surveys/{a}/completion/").content.decode()
    assert "South Work Group" in page and cast.activity.title not in page
    csv = simon.get(f"/surveys/{a}/completion.csv").content.decode()
    assert cast.activity.title not in csv


def test_names_of_non_respondents_are_for_leads_and_hub_staff_only(cast, hand):
    p7 = escape(hand.people[6].full_name)  # as a page writes it ("O&#x27;Connor")
    for user in (cast.leo, cast.harriet):
        assert (
            p7 in client_for(user).get(f"/activities/{cast.activity.pk}/surveys/").content.decode()
        )
    national = client_for(cast.nadia)
    page = national.get(f"/activities/{cast.activity.pk}/surveys/")
    assert page.status_code == 200 and p7 not in page.content.decode()
    api = national.get(f"/api/v1/activities/{cast.activity.pk}/surveys").json()
    assert all(row["non_respondents"] is None for row in api)


def test_no_page_or_answer_carries_a_pseudonym_or_one_persons_answers(cast, hand):
    pseudonyms = set(PseudonymousResponse.objects.values_list("pseudonym", flat=True))
    for user in (cast.nadia, cast.harriet, cast.leo):
        client = client_for(user)
        for address in _all_addresses(hand, cast.activity):
            body = client.get(address).content.decode()
            assert not any(p in body for p in pseudonyms), address
            assert "A secret sentence" not in body


def test_results_wait_until_the_survey_has_closed(cast, hand):
    with time_machine.travel("2024-06-10 10:00 +0100", tick=False):
        leo = client_for(cast.leo)
        page = leo.get(f"/surveys/{hand.summer.pk}/results/").content.decode()
        assert "Results are shown once the survey has closed" in page
        api = leo.get(f"/api/v1/surveys/{hand.summer.pk}/results").json()
        assert api["open"] is False and api["questions"] == [] and api["breakdown"] is None
        comparison = leo.get(f"/api/v1/surveys/{hand.summer.pk}/comparison").json()
        assert comparison["open"] is False and comparison["items"] == []


def test_a_breakdown_that_names_nothing_is_not_found_or_not_valid(cast, hand):
    nadia = client_for(cast.nadia)
    a = hand.autumn.pk
    assert nadia.get(f"/surveys/{a}/results/?hub=abc").status_code == 404
    assert nadia.get(f"/surveys/{a}/results/?hub=1&activity=2").status_code == 404
    assert nadia.get(f"/surveys/{a}/results/?activity=99999999999999999999").status_code == 404
    assert nadia.get(f"/api/v1/surveys/{a}/results?hub=1&ncp=2").status_code == 422
