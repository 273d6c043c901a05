"""Who may see and change the LLME register, by URL and by API: each rule is tried by someone
it should stop (another hub's staff, the hub's own LLME, participants, anonymous)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.activities import register
from mathshubs.activities.models import DevelopmentProgramme
from mathshubs.directory.models import Role
from tests import factories as f
from tests.activities.test_journey_builders import llme
from tests.conftest import client_for

EXPERTISE = {"elements": ["pedagogy"]}
PROGRAMME = {"programme": "pd_lead", "phase": "", "cohort": "", "started_year": "2022"}


def _urls(cast, person=None, hub="north"):
    person = person or cast.leo.person
    record, _ = DevelopmentProgramme.objects.get_or_create(
        person=person,
        programme="mastery_specialist",
        started_year=2021,
        defaults={"phase": "primary"},
    )
    return {
        "edit": reverse("journey:llme_edit", args=[hub, person.pk]),
        "add": reverse("journey:programme_add", args=[hub, person.pk]),
        "change": reverse("journey:programme_change", args=[hub, person.pk, record.pk]),
    }


def _unchanged(cast):
    person = cast.leo.person
    assert not person.expertise.exists()
    assert list(person.development_programmes.values_list("programme", flat=True)) == [
        "mastery_specialist"
    ]


# --- Seeing the register -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["pat", "sam", "simon"])
def test_only_the_hubs_staff_llmes_and_the_national_team_see_its_register(cast, who):
    user = getattr(cast, who)
    page = client_for(user).get(reverse("journey:hub_llmes", args=["north"]))
    assert page.status_code == 404
    assert b"Leo Lead" not in page.content
    api = client_for(user).get(reverse("api:hub_llmes", args=["north"]))
    assert api.status_code == 404
    assert api.json() == {"message": register.REGISTER_NOT_FOUND}


def test_south_staff_cannot_see_norths_register_by_hub_id_either(cast):
    url = reverse("api:hub_llmes", args=[str(cast.north.pk)])
    assert client_for(cast.simon).get(url).status_code == 404


def test_an_llme_role_of_an_earlier_year_no_longer_opens_the_register(cast):
    f.RoleAssignmentFactory(
        person=cast.sam.person, role=Role.WORK_GROUP_LEAD, hub=cast.north, academic_year=2021
    )
    assert client_for(cast.sam).get(reverse("journey:hub_llmes", args=["north"])).status_code == 404


@pytest.mark.parametrize("who", ["leo", "pat", "sam"])
def test_llmes_and_participants_cannot_see_the_national_figures(cast, who):
    user = getattr(cast, who)
    assert client_for(user).get(reverse("journey:national_llmes")).status_code == 403
    response = client_for(user).get(reverse("api:llme_summary"))
    assert response.status_code == 403
    assert response.json() == {"message": register.NATIONAL_FORBIDDEN}


def test_anonymous_visitors_are_sent_to_sign_in_or_refused_by_the_api(cast):
    urls = [reverse("journey:hub_llmes", args=["north"]), reverse("journey:national_llmes")]
    urls += list(_urls(cast).values())
    for url in urls:
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/account/login/" in response.url, url
        assert client_for(None).post(url, EXPERTISE).status_code == 302
    for url in (reverse("api:hub_llmes", args=["north"]), reverse("api:llme_summary")):
        assert client_for(None).get(url).status_code == 401
    _unchanged(cast)


# --- Changing an LLME ----------------------------------------------------------------------------


def test_south_staff_cannot_edit_norths_llmes_by_any_url(cast):
    client = client_for(cast.simon)
    for url in _urls(cast).values():
        assert client.get(url).status_code == 404
        assert client.post(url, {**EXPERTISE, **PROGRAMME}).status_code == 404
    # Nor by naming their own hub in the URL: Leo is not in South's community.
    for url in _urls(cast, hub="south").values():
        assert client.post(url, {**EXPERTISE, **PROGRAMME}).status_code == 404
    _unchanged(cast)


@pytest.mark.parametrize("who", ["leo", "pat", "sam"])
def test_llmes_and_participants_cannot_edit(cast, who):
    client = client_for(getattr(cast, who))
    expected = 403 if who == "leo" else 404  # Leo sees North's register; the others do not
    for url in _urls(cast).values():
        assert client.get(url).status_code == expected
        assert client.post(url, {**EXPERTISE, **PROGRAMME}).status_code == expected
    _unchanged(cast)


def test_an_llme_cannot_edit_their_own_record(cast):
    response = client_for(cast.leo).post(_urls(cast)["edit"], EXPERTISE)
    assert response.status_code == 403
    _unchanged(cast)


def test_hub_staff_cannot_edit_someone_outside_their_hubs_community(cast):
    southerner = llme(cast.south)
    client = client_for(cast.harriet)
    for url in _urls(cast, person=southerner).values():  # through North's URL
        assert client.post(url, {**EXPERTISE, **PROGRAMME}).status_code == 404
    for url in _urls(cast, person=southerner, hub="south").values():  # through South's
        assert client.post(url, {**EXPERTISE, **PROGRAMME}).status_code == 404
    # A participant of North is not an LLME: not in the register either.
    assert client.get(_urls(cast, person=cast.pat.person)["edit"]).status_code == 404
    assert not southerner.expertise.exists()


def test_another_llmes_programme_cannot_be_changed_through_this_llmes_url(cast):
    other = llme(cast.north)
    theirs = DevelopmentProgramme.objects.create(
        person=other, programme="pd_lead", started_year=2020
    )
    url = reverse("journey:programme_change", args=["north", cast.leo.person.pk, theirs.pk])
    assert client_for(cast.harriet).post(url, PROGRAMME).status_code == 404
    theirs.refresh_from_db()
    assert theirs.started_year == 2020


def test_the_national_team_edits_any_hubs_llmes(cast):
    southerner = llme(cast.south)
    url = _urls(cast, person=southerner, hub="south")["edit"]
    assert client_for(cast.nadia).post(url, EXPERTISE).status_code == 302
    assert list(southerner.expertise.values_list("element", flat=True)) == ["pedagogy"]
