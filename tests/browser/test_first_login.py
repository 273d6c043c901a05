"""The first login, as the 2023/24 handbook's Practicalities chapter says:

"Click Login and then enter your email address and press Continue. You will be prompted to
re-enter your email address and then enter a verification code. Once verified, you can
create a password and continue." Then: "click on Login, enter your email address, and then
you will then be able to login." After Continue everyone sees "Enter your password", with
"Create your account" for a first login, so the page never tells whether an account exists
(ADR 0015).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from mathshubs.accounts import services
from tests import factories as f
from tests.browser.conftest import assert_accessible

PASSWORD = "a-long-and-unusual-passphrase"
INSET = (
    "If you do not get an email, the address may not be the main contact email we hold for "
    "you. Ask your local Maths Hub to update your email address."
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def _code_sent_to(email: str) -> str:
    bodies = [m.body for m in mail.outbox if m.to == [email]]
    assert bodies, f"no email to {email}"
    return re.search(r"^(\d{6})$", bodies[-1], re.MULTILINE).group(1)


def _login_and_enter_email(page, email: str) -> None:
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Login")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Continue").click()


def _first_login(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your password")
    expect(page.get_by_role("heading", name="First time you login?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create your account").click()


def test_first_login_creates_an_account_then_email_and_password_sign_in(page, transactional_db):
    f.PersonFactory(first_name="Ada", last_name="Lovelace", email="Ada.Lovelace@school.example")

    _login_and_enter_email(page, "ada.lovelace@school.example")
    _first_login(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    assert_accessible(page)
    # A typo on re-entering is caught, with the GOV.UK error summary.
    page.get_by_label("Re-enter your email address").fill("ada.lovelace@schol.example")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Re-enter your email address").fill("Ada.Lovelace@School.example")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator(".govuk-inset-text")).to_have_text(INSET)
    assert_accessible(page)
    code = _code_sent_to("ada.lovelace@school.example")
    page.get_by_label("Enter the code").fill(f"{code[:3]} {code[3:]}")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Create a password")
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Your account has been created")).to_be_visible()
    expect(page.get_by_text("Welcome, Ada.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Your profile").click()
    expect(page.get_by_text("Ada Lovelace")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("Welcome, Ada.")).to_have_count(0)
    _login_and_enter_email(page, "ada.lovelace@school.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your password")
    expect(page.get_by_role("link", name="Forgotten your password?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("Welcome, Ada.")).to_be_visible()


def test_an_unknown_email_is_told_to_ask_their_hub(page, transactional_db):
    _login_and_enter_email(page, "someone@elsewhere.example")
    _first_login(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    page.get_by_label("Re-enter your email address").fill("someone@elsewhere.example")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator(".govuk-inset-text")).to_have_text(INSET)
    (message,) = mail.outbox
    assert message.to == ["someone@elsewhere.example"]
    assert "not the main contact email address" in message.body
    assert "Ask your local Maths Hub to update your email address" in message.body
    assert not re.search(r"^\d{6}$", message.body, re.MULTILINE)

    page.get_by_label("Enter the code").fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(services.CODE_INCORRECT)
    assert_accessible(page)


def test_a_forgotten_password_is_reset_with_an_emailed_code(page, transactional_db):
    person = f.PersonFactory(first_name="Grace", last_name="Hopper", email="grace@school.example")
    services.account_create(email=person.email, password=PASSWORD)

    _login_and_enter_email(page, "grace@school.example")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    expect(page.get_by_label("Email address")).to_have_value("grace@school.example")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.get_by_role("link", name="Send a new code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send a new code")
    assert_accessible(page)
    page.get_by_role("button", name="Send a new code").click()
    page.get_by_label("Enter the code").fill(_code_sent_to("grace@school.example"))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Create a new password")
    page.get_by_label("Password", exact=True).fill("a-fresh-new-passphrase")
    page.get_by_label("Confirm password").fill("a-fresh-new-passphrase")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Your password has been changed")).to_be_visible()
    expect(page.get_by_text("Welcome, Grace.")).to_be_visible()
