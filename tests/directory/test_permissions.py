"""Every access rule of ISSUE 3 ("Roles and access"), each tried by URL and by API.

participant: own record; LLME: the participants of activities they lead;
hub staff: their hub; national team: everyone.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.directory.models import EmailChange, Person
from tests.conftest import client_for


def profile(person_user) -> str:
    return reverse("directory:person_detail", args=[person_user.person.pk])


def email_page(person_user) -> str:
    return reverse("directory:person_email", args=[person_user.person.pk])


def api_people(client, **params) -> set[str]:
    response = client.get("/api/v1/people", params)
    assert response.status_code == 200, response.content
    return {item["email"] for item in response.json()["items"]}


# Who sees whose profile: (viewer, target) -> status.
PROFILE_CASES = [
    ("pat", "pat", 200),
    ("pat", "sam", 404),
    ("pat", "leo", 404),
    ("pat", "harriet", 404),
    ("leo", "pat", 200),
    ("leo", "sam", 404),
    ("harriet", "pat", 200),
    ("harriet", "leo", 200),
    ("harriet", "sam", 404),
    ("harriet", "simon", 404),
    ("simon", "sam", 200),
    ("simon", "pat", 404),
    ("sam", "simon", 404),
    ("nadia", "pat", 200),
    ("nadia", "sam", 200),
    ("nadia", "simon", 200),
]


@pytest.mark.parametrize(("viewer", "target", "status"), PROFILE_CASES)
def test_a_profile_is_visible_only_within_the_viewers_scope(cast, viewer, target, status):
    response = client_for(getattr(cast, viewer)).get(profile(getattr(cast, target)))
    assert response.status_code == status
    if status == 404:
        # A forbidden person looks exactly like a missing one.
        assert getattr(cast, target).person.email not in response.content.decode()


def test_participant_pat_sees_only_herself_in_the_people_api(cast):
    assert api_people(client_for(cast.pat)) == {"pat@north.example"}


def test_participant_pat_cannot_open_the_people_list(cast):
    assert client_for(cast.pat).get(reverse("directory:person_list")).status_code == 403


def test_llme_leo_sees_his_participant_pat_but_not_sam(cast):
    assert api_people(client_for(cast.leo)) == {"leo@north.example", "pat@north.example"}
    page = client_for(cast.leo).get(reverse("directory:person_list")).content.decode()
    assert "Pat Participant" in page
    assert "Sam South" not in page


def test_hub_staff_harriet_sees_the_north_hubs_people_but_not_the_south(cast):
    seen = api_people(client_for(cast.harriet))
    assert {"harriet@north.example", "leo@north.example", "pat@north.example"} <= seen
    assert "sam@south.example" not in seen
    assert "simon@south.example" not in seen
    assert api_people(client_for(cast.harriet), hub="south") == set()


def test_the_national_team_sees_everyone(cast):
    assert api_people(client_for(cast.nadia)) == set(Person.objects.values_list("email", flat=True))


def test_hub_staff_harriet_cannot_change_sams_email_by_get_or_post(cast):
    client = client_for(cast.harriet)
    assert client.get(email_page(cast.sam)).status_code == 403
    response = client.post(email_page(cast.sam), {"email": "stolen@north.example"})
    assert response.status_code == 403
    assert Person.objects.get(pk=cast.sam.person.pk).email == "sam@south.example"
    assert not EmailChange.objects.exists()


def test_hub_staff_harriet_changes_pats_email(cast):
    response = client_for(cast.harriet).post(email_page(cast.pat), {"email": "pat2@north.example"})
    assert response.status_code == 302
    change = EmailChange.objects.get()
    assert (change.old_email, change.new_email, change.changed_by) == (
        "pat@north.example",
        "pat2@north.example",
        cast.harriet,
    )
    cast.pat.refresh_from_db()
    assert cast.pat.email == "pat2@north.example"


def test_south_staff_simon_cannot_change_pats_email(cast):
    client = client_for(cast.simon)
    assert client.get(email_page(cast.pat)).status_code == 403
    assert client.post(email_page(cast.pat), {"email": "x@south.example"}).status_code == 403
    assert Person.objects.get(pk=cast.pat.person.pk).email == "pat@north.example"


@pytest.mark.parametrize("who", ["pat", "leo", "sam"])
def test_participants_and_llmes_cannot_change_an_email_even_one_they_see(cast, who):
    client = client_for(getattr(cast, who))
    assert client.get(email_page(cast.pat)).status_code == 403
    assert client.post(email_page(cast.pat), {"email": "x@north.example"}).status_code == 403
    assert not EmailChange.objects.exists()


@pytest.mark.parametrize("target", ["pat", "sam", "simon", "harriet"])
def test_national_nadia_changes_anyones_email(cast, target):
    user = getattr(cast, target)
    new = f"{target}.changed@example.org"
    assert client_for(cast.nadia).get(email_page(user)).status_code == 200
    response = client_for(cast.nadia).post(email_page(user), {"email": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == new
    assert EmailChange.objects.get(person=user.person).changed_by == cast.nadia


@pytest.mark.parametrize(
    "url",
    ["/people/", "/people/1/", "/people/1/email/"],
)
def test_anonymous_visitors_are_sent_to_sign_in(cast, url):
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_api_calls_for_people_get_401_json(cast):
    response = client_for(None).get("/api/v1/people")
    assert response.status_code == 401
    assert "message" in response.json()


def test_a_bad_bearer_token_gets_401_json(cast):
    response = client_for(None).get("/api/v1/people", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401
    assert response.json()["message"]


@pytest.mark.parametrize("url", ["/people/999999/", "/people/abc/", "/people/-1/", "/people/1e3/"])
def test_forged_profile_ids_get_404(cast, url):
    assert client_for(cast.nadia).get(url).status_code == 404
    assert client_for(cast.pat).get(url).status_code == 404


def test_a_missing_profile_says_the_same_as_a_forbidden_one(cast):
    missing = client_for(cast.pat).get("/people/999999/")
    forbidden = client_for(cast.pat).get(profile(cast.sam))
    assert missing.status_code == forbidden.status_code == 404


def test_a_forged_email_change_id_gets_the_same_answer_as_a_forbidden_one(cast):
    # Hub staff learn nothing by probing ids: missing and other-hub people both get 403.
    client = client_for(cast.harriet)
    assert client.get("/people/999999/email/").status_code == 403
    assert client.get(email_page(cast.sam)).status_code == 403
    assert client_for(cast.nadia).get("/people/999999/email/").status_code == 404


@pytest.mark.parametrize("ref", ["999999", "no-such-hub"])
def test_forged_hub_filters_in_the_people_api_get_404_json(cast, ref):
    response = client_for(cast.nadia).get("/api/v1/people", {"hub": ref})
    assert response.status_code == 404
    assert response.json()["message"]


def test_only_the_national_team_can_override_a_schools_hub_by_post(cast):
    url = reverse("directory:institution_detail", args=[cast.north_school.urn])
    for who in (None, cast.pat, cast.leo, cast.harriet):
        assert client_for(who).post(url, {"hub": "south"}).status_code == 403
    cast.north_school.refresh_from_db()
    assert cast.north_school.hub_override is None
    assert client_for(cast.nadia).post(url, {"hub": "south"}).status_code == 302
    cast.north_school.refresh_from_db()
    assert cast.north_school.hub == cast.south


def test_a_hub_lead_of_a_past_year_no_longer_sees_the_hubs_people(cast):
    from mathshubs.directory.models import RoleAssignment

    RoleAssignment.objects.filter(person=cast.harriet.person).update(academic_year=2021)
    response = client_for(cast.harriet).get(
        reverse("directory:person_detail", args=[cast.pat.person.pk])
    )
    assert response.status_code == 404
    people = client_for(cast.harriet).get("/api/v1/people").json()
    assert [p["email"] for p in people["items"]] == ["harriet@north.example"]


def test_an_ongoing_national_role_never_lapses(cast):
    response = client_for(cast.nadia).get(
        reverse("directory:person_detail", args=[cast.sam.person.pk])
    )
    assert response.status_code == 200
