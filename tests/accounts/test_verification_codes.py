"""Verification codes: GOV.UK "Confirm an email address" (services and the email task)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mathshubs.accounts import emails, services
from mathshubs.accounts.models import CodePurpose, VerificationCode
from tests import factories as f
from tests.accounts.conftest import code_from_outbox

CREATE = CodePurpose.CREATE_ACCOUNT
RESET = CodePurpose.RESET_PASSWORD


@pytest.fixture
def person(db):
    return f.PersonFactory(
        first_name="Ada", last_name="Lovelace", email="Ada.Lovelace@school.example"
    )


def _check(email, code, purpose=CREATE):
    services.verification_code_check(email=email, purpose=purpose, code=code)


def _error_of(email, code, purpose=CREATE) -> str:
    with pytest.raises(ValidationError) as exc:
        _check(email, code, purpose)
    return exc.value.messages[0]


def test_a_held_email_gets_a_code_on_its_own_line_and_only_its_hash_is_stored(person):
    row = services.verification_code_send(email="ada.lovelace@school.example", purpose=CREATE)
    code = code_from_outbox("ada.lovelace@school.example")
    row.refresh_from_db()
    assert row.is_valid_target
    assert mail.outbox[-1].subject == emails.SUBJECT_CODE_CREATE
    assert code not in row.code_hash
    assert row.code_hash == services.code_hash(
        email="ada.lovelace@school.example", purpose=CREATE, code=code
    )
    assert len(row.code_hash) == 64


def test_the_right_code_is_accepted_once(person):
    services.verification_code_send(email=person.email, purpose=CREATE)
    code = code_from_outbox(person.email)
    _check(person.email, code)
    assert VerificationCode.objects.get().used_at is not None
    assert _error_of(person.email, code) == services.CODE_EXPIRED


def test_emails_match_whatever_their_case(person):
    services.verification_code_send(email="ADA.LOVELACE@School.Example", purpose=CREATE)
    row = VerificationCode.objects.get()
    assert row.email == "ada.lovelace@school.example"
    assert row.is_valid_target
    _check("  Ada.Lovelace@SCHOOL.example ", code_from_outbox(person.email))


@pytest.mark.parametrize("typed", ["{a} {b}", "{a}-{b}", " {a}{b} ", "{a}\t{b}"])
def test_spaces_and_hyphens_in_a_pasted_code_are_ignored(person, typed):
    services.verification_code_send(email=person.email, purpose=CREATE)
    code = code_from_outbox(person.email)
    _check(person.email, typed.format(a=code[:3], b=code[3:]))


def test_an_empty_or_malformed_code_is_refused_without_spending_an_attempt(person):
    services.verification_code_send(email=person.email, purpose=CREATE)
    assert _error_of(person.email, "") == services.CODE_REQUIRED
    assert _error_of(person.email, "12345") == services.CODE_FORMAT
    assert _error_of(person.email, "12345a") == services.CODE_FORMAT
    assert VerificationCode.objects.get().attempts == 0


def test_a_wrong_code_is_refused(person):
    services.verification_code_send(email=person.email, purpose=CREATE)
    code = code_from_outbox(person.email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert _error_of(person.email, wrong) == services.CODE_INCORRECT


def test_a_code_expires_after_the_configured_minutes(person, settings):
    settings.VERIFICATION_CODE_TTL_MINUTES = 15
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        services.verification_code_send(email=person.email, purpose=CREATE)
    code = code_from_outbox(person.email)
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert _error_of(person.email, code) == services.CODE_EXPIRED
    with time_machine.travel(start + timedelta(minutes=14, seconds=59), tick=False):
        _check(person.email, code)


def test_after_the_maximum_wrong_attempts_even_the_right_code_is_refused(person, settings):
    settings.VERIFICATION_CODE_MAX_ATTEMPTS = 3
    services.verification_code_send(email=person.email, purpose=CREATE)
    code = code_from_outbox(person.email)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(3):
        assert _error_of(person.email, wrong) == services.CODE_INCORRECT
    assert _error_of(person.email, code) == services.CODE_TOO_MANY_ATTEMPTS
    # A new code starts again.
    services.verification_code_send(email=person.email, purpose=CREATE)
    _check(person.email, code_from_outbox(person.email))


def test_a_new_code_replaces_the_old_one(person):
    services.verification_code_send(email=person.email, purpose=CREATE)
    old = code_from_outbox(person.email)
    services.verification_code_send(email=person.email, purpose=CREATE)
    new = code_from_outbox(person.email)
    if old != new:
        assert _error_of(person.email, old) == services.CODE_INCORRECT
    _check(person.email, new)


def test_codes_for_one_purpose_do_not_work_for_the_other(person):
    f.UserFactory(person=person)
    services.verification_code_send(email=person.email, purpose=RESET)
    code = code_from_outbox(person.email)
    assert _error_of(person.email, code, CREATE) == services.CODE_EXPIRED
    _check(person.email, code, RESET)


def test_sends_are_limited_per_hour(person, settings):
    settings.VERIFICATION_CODE_MAX_SENDS_PER_HOUR = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            services.verification_code_send(email=person.email, purpose=CREATE)
        with pytest.raises(ValidationError) as exc:
            services.verification_code_send(email=person.email, purpose=CREATE)
    assert exc.value.messages == [services.CODE_SEND_LIMIT]
    assert len(mail.outbox) == 3
    assert VerificationCode.objects.count() == 3
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        services.verification_code_send(email=person.email, purpose=CREATE)
    assert len(mail.outbox) == 4


def test_the_send_limit_counts_unknown_addresses_the_same_way(db, settings):
    settings.VERIFICATION_CODE_MAX_SENDS_PER_HOUR = 2
    for _ in range(2):
        services.verification_code_send(email="nobody@elsewhere.example", purpose=CREATE)
    with pytest.raises(ValidationError) as exc:
        services.verification_code_send(email="nobody@elsewhere.example", purpose=CREATE)
    assert exc.value.messages == [services.CODE_SEND_LIMIT]


def test_an_unknown_email_gets_no_usable_code_and_the_hub_message(db):
    row = services.verification_code_send(email="Stranger@Elsewhere.example", purpose=CREATE)
    row.refresh_from_db()
    assert row.is_valid_target is False
    assert row.code_hash == ""
    (message,) = mail.outbox
    assert message.to == ["stranger@elsewhere.example"]
    assert message.subject == emails.SUBJECT_NOT_HELD
    assert "not the main contact email address" in message.body
    assert "Ask your local Maths Hub to update your email address" in message.body
    assert "/find-your-hub/" in message.body
    # No six-digit line: there is no code to try.
    assert not [line for line in message.body.splitlines() if line.strip().isdigit()]
    for guess in ["000000", "123456", "999999"]:
        assert _error_of("stranger@elsewhere.example", guess) == services.CODE_INCORRECT


def test_an_unknown_code_row_never_matches_even_if_its_hash_were_set(db):
    row = services.verification_code_send(email="stranger@elsewhere.example", purpose=CREATE)
    hashed = services.code_hash(email=row.email, purpose=CREATE, code="424242")
    VerificationCode.objects.filter(pk=row.pk).update(code_hash=hashed)
    assert _error_of(row.email, "424242") == services.CODE_INCORRECT


def test_a_reset_for_an_address_without_an_account_sends_no_code(person):
    services.verification_code_send(email=person.email, purpose=RESET)
    services.verification_code_send(email="nobody@elsewhere.example", purpose=RESET)
    to_person, to_stranger = mail.outbox
    assert to_person.subject == to_stranger.subject == emails.SUBJECT_NO_ACCOUNT
    assert "enter this email address and select Continue" in to_person.body
    assert "Ask your local Maths Hub to update your email address" in to_stranger.body
    assert not VerificationCode.objects.filter(is_valid_target=True).exists()


def test_the_email_task_sends_one_code_per_row_however_often_it_runs(person):
    from mathshubs.accounts.tasks import verification_email_send

    row = services.verification_code_send(email=person.email, purpose=CREATE)
    verification_email_send.call(code_id=row.pk)
    assert len(mail.outbox) == 1
