"""Every sign-in step is limited per account and per client address, and an address with
no account gets the very same answers as one with an account (ADR 0015)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import mathshubs.settings as configured
from mathshubs.accounts import rules, services
from tests import factories as f

PASSWORD = "a-long-and-unusual-passphrase"
KNOWN = "ada@school.example"
NO_ACCOUNT = "grace@school.example"  # held by the programme, no account yet
UNKNOWN = "who@elsewhere.example"


@pytest.fixture(autouse=True)
def _database_cache(db, settings):
    # The counters as production keeps them: in the database cache's table.
    private = settings.CACHES
    settings.CACHES = configured.CACHES
    cache.clear()
    yield
    settings.CACHES = private  # before the database goes: later fixtures clear the cache


@pytest.fixture
def people(db):
    ada = f.PersonFactory(first_name="Ada", last_name="Lovelace", email=KNOWN)
    f.PersonFactory(first_name="Grace", last_name="Hopper", email=NO_ACCOUNT)
    return services.account_create(email=ada.email, password=PASSWORD)


def _client(address: str = "10.0.0.1") -> Client:
    return Client(REMOTE_ADDR=address)


def _start(client: Client, email: str):
    return client.post(reverse("accounts:login"), {"email": email})


def _to_code_page(client: Client, email: str):
    _start(client, email)
    return client.post(reverse("accounts:create"), {"email": email})


# One attempt at each step, from a client, for an email: the page that answers it.
STEPS = {
    "email": lambda client, email: _start(client, email),
    "password": lambda client, email: (
        _start(client, email),
        client.post(reverse("accounts:login_password"), {"password": "wrong-password"}),
    )[-1],
    "code_send": lambda client, email: _to_code_page(client, email),
    "code_send_reset": lambda client, email: client.post(
        reverse("accounts:reset"), {"email": email}
    ),
    "code_check": lambda client, email: (
        _to_code_page(client, email),
        client.post(reverse("accounts:create_code"), {"code": "000001"}),
    )[-1],
}


def _limited(response) -> bool:
    return services.TOO_MANY_ATTEMPTS in response.content.decode()


def _limit(settings, step: str, *, per_account: int = 100, per_address: int = 100) -> None:
    settings.SIGNIN_LIMITS = {step.removesuffix("_reset"): (per_account, per_address)}


@pytest.mark.parametrize("step", STEPS)
def test_rotating_emails_from_one_address_meets_the_address_limit(people, settings, step):
    _limit(settings, step, per_address=3)
    attempt = STEPS[step]
    emails = [KNOWN, UNKNOWN, NO_ACCOUNT, "fourth@elsewhere.example"]
    answers = [_limited(attempt(_client("10.0.0.1"), email)) for email in emails]
    assert answers == [False, False, False, True]
    assert not _limited(attempt(_client("10.0.0.2"), "fourth@elsewhere.example"))


@pytest.mark.parametrize("step", STEPS)
def test_rotating_addresses_for_one_email_meets_the_account_limit(people, settings, step):
    _limit(settings, step, per_account=3)
    attempt = STEPS[step]
    for email in [KNOWN, UNKNOWN]:  # whether or not the account exists
        answers = [_limited(attempt(_client(f"10.0.1.{n}"), email.upper())) for n in range(4)]
        assert answers == [False, False, False, True], email
    assert not _limited(attempt(_client("10.0.1.3"), NO_ACCOUNT))


def test_send_a_new_code_counts_towards_the_same_limit(people, settings):
    _limit(settings, "code_send", per_account=3)
    client = _client()
    _to_code_page(client, NO_ACCOUNT)
    for _ in range(2):
        assert client.post(reverse("accounts:create_code_new")).status_code == 302
    response = client.post(reverse("accounts:create_code_new"))
    assert response.status_code == 200
    assert _limited(response)


def test_a_limit_lifts_after_the_window(people, settings):
    _limit(settings, "email", per_address=1)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert not _limited(_start(_client(), KNOWN))
        assert _limited(_start(_client(), KNOWN))
        clock.shift(timedelta(minutes=rules.SIGNIN_WINDOW_MINUTES))
        assert not _limited(_start(_client(), KNOWN))


def test_the_counter_stays_exact_when_its_hint_is_stale(db):
    # Parallel requests may write an older hint last; the slots still count every hit.
    with time_machine.travel(timezone.now(), tick=False):
        assert all(rules._count_hit("probe", 3) for _ in range(2))
        hints = [k for k in _cache_keys() if k.endswith(":n")]
        assert len(hints) == 1
        cache.set(hints[0], 0)
        assert rules._count_hit("probe", 3)
        assert not rules._count_hit("probe", 3)


def _cache_keys() -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM mathshubs_cache")
        return [row[0].split(":", 2)[-1] for row in cursor.fetchall()]


def test_the_cache_holds_no_email_address(people):
    _start(_client(), KNOWN)
    assert _cache_keys()
    assert not [key for key in _cache_keys() if "@" in key or "10.0.0.1" in key]


def _normalise(page: str, email: str) -> str:
    page = page.replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)


def _walk(email: str, address: str) -> list[tuple[int, str]]:
    """Every step of sign-in, create and reset with this email: (status, page or URL)."""
    client = _client(address)
    answers = []

    def keep(response) -> None:
        body = response.url if response.status_code == 302 else response.content.decode()
        answers.append((response.status_code, _normalise(body, email)))

    keep(_start(client, email))
    keep(client.get(reverse("accounts:login_password")))
    for _ in range(3):  # wrong, wrong, then locked (LOGIN_MAX_FAILURES = 2)
        keep(client.post(reverse("accounts:login_password"), {"password": "wrong-password"}))
    keep(client.get(reverse("accounts:create")))
    keep(client.post(reverse("accounts:create"), {"email": email}))
    keep(client.get(reverse("accounts:create_code")))
    keep(client.post(reverse("accounts:create_code"), {"code": "000001"}))
    keep(client.get(reverse("accounts:create_code_new")))
    keep(client.post(reverse("accounts:create_code_new")))
    keep(client.get(reverse("accounts:create_code")))
    keep(client.post(reverse("accounts:reset"), {"email": email}))
    keep(client.get(reverse("accounts:reset_code")))
    keep(client.post(reverse("accounts:reset_code"), {"code": "000001"}))
    keep(client.get(reverse("accounts:reset_password")))
    keep(_start(client, email))  # past the email step's limit of 1 per account
    return answers


def test_known_and_unknown_emails_get_the_same_answer_at_every_step(people, settings):
    settings.LOGIN_MAX_FAILURES = 2
    settings.SIGNIN_LIMITS = {"email": (1, 100)}
    known = _walk(KNOWN, "10.0.2.1")
    assert known[-1][0] == 200 and services.TOO_MANY_ATTEMPTS in known[-1][1]
    assert services.LOGIN_LOCKED.split(".")[0] in known[4][1]
    for other, address in [(UNKNOWN, "10.0.2.2"), (NO_ACCOUNT, "10.0.2.3")]:
        answers = _walk(other, address)
        for n, (mine, theirs) in enumerate(zip(known, answers, strict=True)):
            assert mine == theirs, f"step {n} differs for {other}"


def test_the_password_step_over_the_address_limit_still_refuses_the_right_password(
    people, settings
):
    _limit(settings, "password", per_address=1)
    client = _client()
    _start(client, KNOWN)
    client.post(reverse("accounts:login_password"), {"password": "wrong-password"})
    response = client.post(reverse("accounts:login_password"), {"password": PASSWORD})
    assert _limited(response)
    assert "_auth_user_id" not in client.session


def test_parallel_attempts_never_pass_a_limit_together(transactional_db, settings):
    """Eight threads, each with its own database connection, try 40 attempts at once."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def attempts(_: int) -> list[bool]:
        try:
            return [rules._count_hit("parallel", 10) for _ in range(5)]
        finally:
            connection.close()

    with (
        time_machine.travel(timezone.now(), tick=False),
        ThreadPoolExecutor(max_workers=8) as pool,
    ):
        allowed = [ok for batch in pool.map(attempts, range(8)) for ok in batch]
    assert allowed.count(True) == 10
