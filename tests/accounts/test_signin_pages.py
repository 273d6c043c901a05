"""The sign-in pages, in the handbook's order (Practicalities, "NCETM Axis – events")."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mathshubs.accounts import forms, services, views
from mathshubs.accounts.models import User
from tests import factories as f
from tests.accounts.conftest import code_from_outbox

PASSWORD = "a-long-and-unusual-passphrase"
INSET = (
    "If you do not get an email, the address may not be the main contact email we hold for "
    "you. Ask your local Maths Hub to update your email address."
)


@pytest.fixture
def person(db):
    return f.PersonFactory(first_name="Ada", last_name="Lovelace", email="ada@school.example")


@pytest.fixture
def account(person):
    return services.account_create(email=person.email, password=PASSWORD)


def _text(response) -> str:
    return response.content.decode()


def _start(client: Client, email: str, **extra):
    return client.post(reverse("accounts:login"), {"email": email, **extra})


def _to_code_page(client: Client, email: str):
    assert _start(client, email).url == reverse("accounts:login_password")
    return client.post(reverse("accounts:create"), {"email": email})


def test_the_login_page_asks_for_an_email_address_and_continue(db):
    page = _text(Client().get(reverse("accounts:login")))
    assert '<h1 class="govuk-heading-l">Login</h1>' in page
    assert 'autocomplete="email"' in page
    assert ">Continue</button>" in page


def test_an_invalid_email_is_refused_in_the_govuk_way_and_kept_in_the_form(db):
    response = _start(Client(), "not-an-email")
    page = _text(response)
    assert "There is a problem" in page
    assert f'href="#id_email">{forms.EMAIL_INVALID}' in page
    assert 'value="not-an-email"' in page
    assert "govuk-input--error" in page
    assert "<title>Error: Login" in page


def test_an_account_with_a_password_goes_to_enter_your_password(account):
    client = Client()
    response = _start(client, "ADA@school.example")
    assert response.url == reverse("accounts:login_password")
    page = _text(client.get(response.url))
    assert "Enter your password" in page
    assert "ada@school.example" in page
    assert f'href="{reverse("accounts:reset")}">Forgotten your password?' in page
    assert f'href="{reverse("accounts:create")}" role="button"' in page


def test_the_right_password_signs_in_and_goes_to_next(account):
    client = Client()
    _start(client, "ada@school.example", next="/account/profile/")
    response = client.post(reverse("accounts:login_password"), {"password": PASSWORD})
    assert response.url == "/account/profile/"
    assert client.get("/account/profile/").context["user"] == account


def test_a_next_url_on_another_site_is_ignored(account):
    client = Client()
    _start(client, "ada@school.example", next="https://evil.example/")
    response = client.post(reverse("accounts:login_password"), {"password": PASSWORD})
    assert response.url == reverse("home")


def test_a_wrong_password_shows_the_error_and_the_lock_shows_the_reset_route(account, settings):
    settings.LOGIN_MAX_FAILURES = 2
    client = Client()
    _start(client, "ada@school.example")
    page = _text(client.post(reverse("accounts:login_password"), {"password": "nope"}))
    assert services.PASSWORD_INCORRECT in page
    page = _text(client.post(reverse("accounts:login_password"), {"password": "nope"}))
    locked = services.LOGIN_LOCKED.format(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    assert locked in page
    assert "Forgotten your password?" in page
    page = _text(client.post(reverse("accounts:login_password"), {"password": PASSWORD}))
    assert locked in page
    assert "_auth_user_id" not in client.session


def test_without_an_account_the_email_is_re_entered_and_a_mismatch_is_kept(person):
    client = Client()
    response = _start(client, "ada@school.example")
    assert response.url == reverse("accounts:login_password")
    assert "First time you login?" in _text(client.get(response.url))
    page = _text(client.get(reverse("accounts:create")))
    assert "Create your account" in page
    assert "Re-enter your email address" in page
    page = _text(client.post(reverse("accounts:create"), {"email": "ada@schol.example"}))
    assert forms.EMAIL_MISMATCH in page
    assert 'value="ada@schol.example"' in page
    assert not mail.outbox


def test_the_code_page_follows_the_confirm_an_email_address_pattern(person):
    client = Client()
    response = _to_code_page(client, "Ada@School.example")
    assert response.url == reverse("accounts:create_code")
    page = _text(client.get(response.url))
    assert '<h1 class="govuk-heading-l">Check your email</h1>' in page
    assert f'<div class="govuk-inset-text">{INSET}</div>' in page
    assert "Enter the code" in page
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page
    assert 'type="number"' not in page
    assert "Send a new code" in page


def test_a_correct_code_then_a_password_creates_the_account_and_signs_in(person):
    client = Client()
    _to_code_page(client, "ada@school.example")
    response = client.post(reverse("accounts:create_code"), {"code": "000000x"})
    assert services.CODE_FORMAT in _text(response)
    code = code_from_outbox("ada@school.example")
    response = client.post(reverse("accounts:create_code"), {"code": f"{code[:3]} {code[3:]}"})
    assert response.url == reverse("accounts:create_password")
    page = _text(client.get(response.url))
    assert "Create a password" in page
    page = _text(
        client.post(response.url, {"password": PASSWORD, "password_confirm": PASSWORD + "x"})
    )
    assert forms.PASSWORDS_DIFFER in page
    page = _text(client.post(response.url, {"password": "short", "password_confirm": "short"}))
    assert "too short" in page
    response = client.post(response.url, {"password": PASSWORD, "password_confirm": PASSWORD})
    assert response.url == reverse("home")
    home = _text(client.get(response.url))
    assert views.ACCOUNT_CREATED in home
    assert "Welcome, Ada." in home
    user = User.objects.get()
    assert (user.person, user.email) == (person, "ada@school.example")


def test_the_password_page_cannot_be_reached_without_a_correct_code(person):
    client = Client()
    _to_code_page(client, "ada@school.example")
    response = client.post(
        reverse("accounts:create_password"), {"password": PASSWORD, "password_confirm": PASSWORD}
    )
    assert response.url == reverse("accounts:login")
    assert not User.objects.exists()


def _normalise(page: str, email: str) -> str:
    page = page.replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)


def test_an_unknown_email_sees_exactly_the_same_pages(person):
    known, unknown = Client(), Client()
    pages = []
    for client, email in [(known, "ada@school.example"), (unknown, "who@elsewhere.example")]:
        _start(client, email)
        create = _text(client.get(reverse("accounts:create")))
        code_redirect = client.post(reverse("accounts:create"), {"email": email})
        code_page = _text(client.get(code_redirect.url))
        wrong = _text(client.post(code_redirect.url, {"code": "000001"}))
        pages.append([_normalise(p, email) for p in (create, code_page, wrong)])
    assert pages[0] == pages[1]
    _, to_unknown = mail.outbox
    assert code_from_outbox("ada@school.example")
    assert "Ask your local Maths Hub to update your email address" in to_unknown.body


def test_a_new_code_can_be_sent_until_the_hourly_limit(person, settings):
    settings.VERIFICATION_CODE_MAX_SENDS_PER_HOUR = 2
    client = Client()
    _to_code_page(client, "ada@school.example")
    assert "Send a new code" in _text(client.get(reverse("accounts:create_code_new")))
    response = client.post(reverse("accounts:create_code_new"))
    assert response.url == reverse("accounts:create_code")
    assert views.NEW_CODE_SENT in _text(client.get(response.url))
    assert len(mail.outbox) == 2
    page = _text(client.post(reverse("accounts:create_code_new")))
    assert services.CODE_SEND_LIMIT in page
    assert len(mail.outbox) == 2


def test_a_forgotten_password_is_reset_by_an_emailed_code(account):
    client = Client()
    _start(client, "ada@school.example")
    response = client.post(reverse("accounts:reset"), {"email": "ADA@school.example"})
    assert response.url == reverse("accounts:reset_code")
    response = client.post(response.url, {"code": code_from_outbox("ada@school.example")})
    assert response.url == reverse("accounts:reset_password")
    assert "Create a new password" in _text(client.get(response.url))
    new = "a-fresh-new-passphrase"
    response = client.post(response.url, {"password": new, "password_confirm": new})
    assert views.PASSWORD_CHANGED in _text(client.get(response.url))
    account.refresh_from_db()
    assert account.check_password(new)


def test_a_reset_for_an_unknown_email_shows_the_same_pages_and_sends_no_code(account):
    pages = []
    for email in ["ada@school.example", "who@elsewhere.example"]:
        client = Client()
        response = client.post(reverse("accounts:reset"), {"email": email})
        pages.append(_normalise(_text(client.get(response.url)), email))
    assert pages[0] == pages[1]
    assert code_from_outbox("ada@school.example")
    assert not re.search(r"^\d{6}$", mail.outbox[1].body, re.MULTILINE)


def test_sign_out_is_a_post(account):
    client = Client()
    client.force_login(account)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("home")
    assert "_auth_user_id" not in client.session
