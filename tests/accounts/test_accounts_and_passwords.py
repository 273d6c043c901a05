"""Account creation, password sign-in with its lock, and password reset (services)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from mathshubs.accounts import services
from mathshubs.accounts.models import LoginFailure, User
from tests import factories as f

GOOD_PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def person(db):
    return f.PersonFactory(
        first_name="Ada", last_name="Lovelace", email="Ada.Lovelace@School.example"
    )


def _message(callable_, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        callable_(**kwargs)
    return exc.value.messages


def test_a_wrong_password_for_an_address_with_no_account_is_counted_the_same_way(person):
    for email in ["stranger@elsewhere.example", person.email]:  # no account, no password
        assert _message(services.login_check, email=email, password="wrong") == [
            services.PASSWORD_INCORRECT
        ]
        assert LoginFailure.objects.filter(email=email.lower()).count() == 1


def test_an_address_with_no_account_costs_one_password_hash_like_a_real_check(person, monkeypatch):
    services.account_create(email=person.email, password=GOOD_PASSWORD)
    hashed = []
    real = services.make_password

    def counting(password, *args, **kwargs):
        hashed.append(password)
        return real(password, *args, **kwargs)

    monkeypatch.setattr(services, "make_password", counting)
    _message(services.login_check, email="stranger@elsewhere.example", password="wrong")
    assert hashed == ["wrong"]


def test_an_account_is_linked_to_the_person_with_their_email_lower_cased(person):
    user = services.account_create(email="ADA.LOVELACE@school.example", password=GOOD_PASSWORD)
    assert user.person == person
    assert user.email == "ada.lovelace@school.example"
    assert user.check_password(GOOD_PASSWORD)


def test_an_account_reuses_a_users_row_that_had_no_password(person):
    existing = User.objects.create_user("old@address.example", None, person=person)
    user = services.account_create(email=person.email, password=GOOD_PASSWORD)
    assert user.pk == existing.pk
    assert user.email == "ada.lovelace@school.example"


def test_only_a_held_main_contact_email_can_create_an_account(db):
    messages = _message(
        services.account_create, email="stranger@elsewhere.example", password=GOOD_PASSWORD
    )
    assert messages == [services.ACCOUNT_NOT_ALLOWED]
    assert not User.objects.exists()


def test_an_account_with_a_password_is_not_created_twice(person):
    services.account_create(email=person.email, password=GOOD_PASSWORD)
    messages = _message(services.account_create, email=person.email, password="another-long-pass")
    assert messages == [services.ACCOUNT_EXISTS]
    assert User.objects.get().check_password(GOOD_PASSWORD)


def test_django_password_validators_apply(person):
    messages = _message(services.account_create, email=person.email, password="short")
    assert any("too short" in m for m in messages)
    assert not User.objects.exists()


def test_login_check_accepts_the_right_password_in_any_case_of_email(person):
    user = services.account_create(email=person.email, password=GOOD_PASSWORD)
    assert services.login_check(email="ADA.LOVELACE@SCHOOL.EXAMPLE", password=GOOD_PASSWORD) == user


def test_a_wrong_password_is_counted(person):
    services.account_create(email=person.email, password=GOOD_PASSWORD)
    messages = _message(services.login_check, email=person.email, password="wrong")
    assert messages == [services.PASSWORD_INCORRECT]
    assert LoginFailure.objects.filter(email="ada.lovelace@school.example").count() == 1


def test_too_many_wrong_passwords_lock_sign_in_until_the_window_passes(person, settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15
    services.account_create(email=person.email, password=GOOD_PASSWORD)
    locked = services.LOGIN_LOCKED.format(minutes=15)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _message(services.login_check, email=person.email, password="x") == [
            services.PASSWORD_INCORRECT
        ]
        assert _message(services.login_check, email=person.email, password="x") == [
            services.PASSWORD_INCORRECT
        ]
        assert _message(services.login_check, email=person.email, password="x") == [locked]
        # Even the right password is refused while locked.
        assert _message(services.login_check, email=person.email, password=GOOD_PASSWORD) == [
            locked
        ]
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert services.login_check(email=person.email, password=GOOD_PASSWORD).email == (
            "ada.lovelace@school.example"
        )


def test_a_password_reset_sets_the_new_password_and_lifts_the_lock(person, settings):
    settings.LOGIN_MAX_FAILURES = 2
    services.account_create(email=person.email, password=GOOD_PASSWORD)
    for _ in range(2):
        with pytest.raises(ValidationError):
            services.login_check(email=person.email, password="x")
    services.password_reset(email=person.email, password="a-brand-new-passphrase")
    assert services.login_check(email=person.email, password="a-brand-new-passphrase")


def test_a_password_reset_needs_an_account(person):
    messages = _message(services.password_reset, email=person.email, password=GOOD_PASSWORD)
    assert messages == [services.NO_ACCOUNT]
