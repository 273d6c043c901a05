"""Your profile: name, main contact email, institution, roles, and personal API tokens."""

from __future__ import annotations

from django.urls import reverse

from mathshubs.accounts import services, views
from mathshubs.accounts.models import ApiToken
from tests.conftest import client_for


def test_the_profile_needs_a_sign_in(db):
    response = client_for(None).get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/account/profile/"


def test_the_profile_shows_who_the_programme_knows_you_as(cast):
    page = client_for(cast.leo).get(reverse("accounts:profile")).content.decode()
    assert "Leo Lead" in page
    assert "leo@north.example" in page
    assert "Only your local Maths Hub can change your main contact email" in page
    assert "North Primary" in page
    assert "Work Group Lead" in page
    assert "North Test Maths Hub" in page
    assert "2023/24" in page
    assert "Pat Participant" not in page


def test_the_profile_page_makes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    client = client_for(cast.harriet)
    for n in range(5):
        services.api_token_create(user=cast.harriet, name=f"token {n}")
    with django_assert_max_num_queries(10):
        client.get(reverse("accounts:profile"))


def test_a_new_token_is_shown_in_full_once_then_only_its_prefix(cast):
    client = client_for(cast.pat)
    response = client.post(reverse("accounts:token_create"), {"name": "My spreadsheet"})
    secret = response.context["new_token"].secret
    assert secret in response.content.decode()
    page = client.get(reverse("accounts:profile")).content.decode()
    assert secret not in page
    token = ApiToken.objects.get()
    assert token.prefix in page
    assert "My spreadsheet" in page
    assert "Never" in page


def test_a_token_needs_a_name(cast):
    response = client_for(cast.pat).post(reverse("accounts:token_create"), {"name": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_you_revoke_your_own_token_with_a_post(cast):
    new = services.api_token_create(user=cast.pat, name="Mine")
    client = client_for(cast.pat)
    url = reverse("accounts:token_revoke", args=[new.token.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.url == reverse("accounts:profile")
    page = client.get(response.url).content.decode()
    assert views.TOKEN_REVOKED in page
    assert "You have no API tokens" in page
    assert ApiToken.objects.get().revoked_at is not None


def test_you_cannot_revoke_someone_elses_token(cast):
    new = services.api_token_create(user=cast.sam, name="Sam's")
    response = client_for(cast.pat).post(reverse("accounts:token_revoke", args=[new.token.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None
