"""Every write of the sign-in flow: codes, accounts, passwords, API tokens.

The flow follows the 2023/24 handbook, Practicalities, "NCETM Axis – events": Login ->
email -> Continue -> re-enter the email -> verification code -> create a password.
See docs/accounts.md.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mathshubs.accounts import rules
from mathshubs.accounts.api_auth import hash_token
from mathshubs.accounts.models import ApiToken, CodePurpose, LoginFailure, User, VerificationCode
from mathshubs.directory.names import normalise_email

# Error messages (GOV.UK style: say what is wrong and how to fix it).
CODE_REQUIRED = "Enter the code from the email"
CODE_FORMAT = "The code must be 6 numbers"
CODE_INCORRECT = "The code is not correct. Check the email and enter the code again"
CODE_EXPIRED = "The code has expired. Send a new code"
CODE_TOO_MANY_ATTEMPTS = "You have entered the wrong code too many times. Send a new code"
CODE_SEND_LIMIT = "You have asked for too many codes. Wait an hour before you ask for another code"
ACCOUNT_EXISTS = (
    "You already have an account. Login with your password, or reset it if you have forgotten it"
)
ACCOUNT_NOT_ALLOWED = (
    "This is not the main contact email we hold for you. "
    "Ask your local Maths Hub to update your email address"
)
NO_ACCOUNT = "There is no account for this email address"
PASSWORD_INCORRECT = "The password is not correct. Enter it again, or reset your password"
# {minutes} is settings.LOGIN_FAILURE_WINDOW_MINUTES.
LOGIN_LOCKED = (
    "You have entered the wrong password too many times. "
    "Wait {minutes} minutes and try again, or reset your password"
)
# Any sign-in step past rules.SIGNIN_LIMITS (the window is rules.SIGNIN_WINDOW_MINUTES).
TOO_MANY_ATTEMPTS = "You have tried too many times. Wait 15 minutes and try again"
TOKEN_NAME_REQUIRED = "Enter a name for the token"
TOKEN_NOT_FOUND = "There is no token with that reference among your API tokens"

CODE_LENGTH = 6
TOKEN_PREFIX = "mh_"


def code_hash(*, email: str, purpose: str, code: str) -> str:
    """HMAC-SHA256 of the code, keyed with SECRET_KEY and bound to the email and purpose."""
    message = f"{purpose}:{normalise_email(email)}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def code_normalise(code: str) -> str:
    """What the person typed, without spaces and hyphens (pasted "123 456" or "123-456")."""
    return re.sub(r"[\s\-]", "", code or "")


def _is_valid_target(email: str, purpose: str) -> bool:
    if purpose == CodePurpose.CREATE_ACCOUNT:
        return rules.person_for_email(email) is not None
    return rules.user_for_email(email) is not None


def verification_code_send(*, email: str, purpose: str) -> VerificationCode:
    """Record a new code for this email and purpose and enqueue the email that carries it.

    The same happens whatever the address: an address that may not use the code gets
    a row with is_valid_target False (it never matches) and an email that explains
    why, so the pages never reveal who is registered. A new code replaces older ones.
    At most settings.VERIFICATION_CODE_MAX_SENDS_PER_HOUR codes per email and purpose:
    the row is inserted first and counted after, so parallel requests cannot pass the
    limit together. The code itself is made by the email task; only its hash is kept.
    """
    from mathshubs.accounts.tasks import verification_email_send

    email = normalise_email(email)
    now = timezone.now()
    row = VerificationCode.objects.create(
        email=email,
        purpose=purpose,
        code_hash="",
        expires_at=now + timedelta(minutes=settings.VERIFICATION_CODE_TTL_MINUTES),
        is_valid_target=_is_valid_target(email, purpose),
    )
    sent_in_hour = VerificationCode.objects.filter(
        email=email, purpose=purpose, created_at__gte=now - timedelta(hours=1)
    ).count()
    if sent_in_hour > settings.VERIFICATION_CODE_MAX_SENDS_PER_HOUR:
        row.delete()
        raise ValidationError(CODE_SEND_LIMIT, code="send_limit")
    VerificationCode.objects.filter(
        email=email, purpose=purpose, used_at__isnull=True, pk__lt=row.pk
    ).update(expires_at=now)
    verification_email_send.enqueue(code_id=row.pk)
    return row


def verification_code_issue(*, code_id: int) -> str | None:
    """Make the code for a recorded row and store its hash; None when none may be issued.

    Called by the email task, once: a row whose hash is already set is left alone.
    """
    row = VerificationCode.objects.filter(pk=code_id).first()
    if row is None or not row.is_valid_target:
        return None
    code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    hashed = code_hash(email=row.email, purpose=row.purpose, code=code)
    updated = VerificationCode.objects.filter(pk=row.pk, code_hash="").update(code_hash=hashed)
    return code if updated == 1 else None


def verification_code_check(*, email: str, purpose: str, code: str) -> None:
    """Accept the latest code sent to this email for this purpose, or raise ValidationError.

    GOV.UK "Confirm an email address": spaces and hyphens are ignored; a code expires
    after settings.VERIFICATION_CODE_TTL_MINUTES; after
    settings.VERIFICATION_CODE_MAX_ATTEMPTS wrong tries a new code must be sent. The
    attempt is counted with a conditional UPDATE and the hash compared in constant time.
    """
    email = normalise_email(email)
    entered = code_normalise(code)
    if not entered:
        raise ValidationError(CODE_REQUIRED, code="required")
    if not re.fullmatch(rf"\d{{{CODE_LENGTH}}}", entered):
        raise ValidationError(CODE_FORMAT, code="format")
    now = timezone.now()
    row = (
        VerificationCode.objects.filter(email=email, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    if row is None or row.expires_at <= now:
        raise ValidationError(CODE_EXPIRED, code="expired")
    counted = VerificationCode.objects.filter(
        pk=row.pk, attempts__lt=settings.VERIFICATION_CODE_MAX_ATTEMPTS
    ).update(attempts=F("attempts") + 1)
    if counted == 0:
        raise ValidationError(CODE_TOO_MANY_ATTEMPTS, code="attempts")
    expected = code_hash(email=email, purpose=purpose, code=entered)
    matches = hmac.compare_digest(expected, row.code_hash or "x" * 64)
    if not (matches and row.is_valid_target and row.code_hash):
        raise ValidationError(CODE_INCORRECT, code="incorrect")
    used = VerificationCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now)
    if used == 0:
        raise ValidationError(CODE_EXPIRED, code="expired")


def _validate_password(password: str, user: User) -> None:
    password_validation.validate_password(password, user)


@transaction.atomic
def account_create(*, email: str, password: str) -> User:
    """Create the account of the person whose main contact email this is.

    The caller has checked a create_account code for this email. The User is linked
    to the Person and its email is the person's email, lower-cased. Raises
    ValidationError for an email the programme does not hold, an existing account
    with a password, or a password Django's validators refuse.
    """
    person = rules.person_for_email(email, for_update=True)
    if person is None:
        raise ValidationError(ACCOUNT_NOT_ALLOWED, code="not_allowed")
    user = User.objects.filter(person=person).first()
    if user is None:
        user = User.objects.filter(email__iexact=person.email).first()
    if user is not None and user.has_usable_password():
        raise ValidationError(ACCOUNT_EXISTS, code="exists")
    if user is None:
        user = User(person=person)
    user.email = person.email.lower()
    user.person = person
    user.is_active = True
    _validate_password(password, user)
    user.set_password(password)
    user.save()
    LoginFailure.objects.filter(email=user.email).delete()
    return user


@transaction.atomic
def password_reset(*, email: str, password: str) -> User:
    """Set a new password after a reset_password code was checked for this email."""
    user = rules.user_for_email(email, for_update=True)
    if user is None:
        raise ValidationError(NO_ACCOUNT, code="no_account")
    _validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    LoginFailure.objects.filter(email=user.email).delete()
    return user


def login_locked_message() -> str:
    return LOGIN_LOCKED.format(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def login_check(*, email: str, password: str) -> User:
    """The user whose email and password these are, or ValidationError.

    Every wrong password is recorded, for any address typed; once rules.login_is_locked
    the password is not even checked until the window has passed or the password is
    reset. An address with no account (or no password yet) costs one password hash, as
    a real check does, so neither the answer nor its time tells whether an account
    exists.
    """
    email = normalise_email(email)
    if rules.login_is_locked(email):
        raise ValidationError(login_locked_message(), code="locked")
    user = rules.user_for_email(email)
    if user is not None and user.has_usable_password():
        matches = user.check_password(password)
    else:
        make_password(password)
        matches = False
    if not matches or user is None:
        LoginFailure.objects.create(email=email)
        if rules.login_is_locked(email):
            raise ValidationError(login_locked_message(), code="locked")
        raise ValidationError(PASSWORD_INCORRECT, code="incorrect")
    LoginFailure.objects.filter(email=email).delete()
    return user


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def api_token_create(*, user: User, name: str) -> NewToken:
    """Create a personal API token; only its SHA-256 hash is stored."""
    name = name.strip()
    if not name:
        raise ValidationError(TOKEN_NAME_REQUIRED, code="required")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=secret[:10], token_hash=hash_token(secret)
    )
    return NewToken(token=token, secret=secret)


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of this user's own tokens; anyone else's token is "not found"."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None or (updated == 0 and token.revoked_at is None):
        raise ValidationError(TOKEN_NOT_FOUND, code="not_found")
    return token
