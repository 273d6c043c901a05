"""The programme's sign-in rules, one named unit each (ISSUE 3, item 4; docs/accounts.md)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from mathshubs.accounts.models import LoginFailure, User
from mathshubs.directory.models import Person
from mathshubs.directory.names import normalise_email

# Step 1 ("enter your email address") tells whether an account exists, as the handbook's
# flow does, so it is rate-limited per browser session and per IP address.
SIGNIN_LOOKUP_WINDOW_SECONDS = 10 * 60
SIGNIN_LOOKUPS_PER_SESSION = 20
# Generous: a whole school's staff often share one public IP address.
SIGNIN_LOOKUPS_PER_IP = 200


def person_for_email(email: str, *, for_update: bool = False) -> Person | None:
    """The person whose main contact email this is, if the programme holds it.

    Handbook 2023/24, Practicalities, "NCETM Axis – events": the email used to set up an
    account "must be the same one that the NCETM has as your main contact email address".
    """
    people = Person.objects.select_for_update() if for_update else Person.objects.all()
    return people.filter(email__iexact=normalise_email(email)).first()


def user_for_email(email: str, *, for_update: bool = False) -> User | None:
    """The active account of this email, if there is one."""
    # Lock only the account row: PostgreSQL cannot lock the outer-joined person.
    users = User.objects.select_for_update(of=("self",)) if for_update else User.objects.all()
    return (
        users.select_related("person")
        .filter(email__iexact=normalise_email(email), is_active=True)
        .first()
    )


def has_password_account(email: str) -> bool:
    """True when this email already has an account with a password.

    Handbook, Practicalities: "If you have already set-up your Axis account, click on
    Login, enter your email address, and then you will then be able to login."
    """
    user = user_for_email(email)
    return user is not None and user.has_usable_password()


def login_is_locked(email: str) -> bool:
    """Too many wrong passwords for this email within the window: sign-in is refused.

    settings.LOGIN_MAX_FAILURES within settings.LOGIN_FAILURE_WINDOW_MINUTES.
    """
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    failures = LoginFailure.objects.filter(email=normalise_email(email), at__gte=since).count()
    return failures >= settings.LOGIN_MAX_FAILURES


def _count_hit(key: str, limit: int) -> bool:
    """Count one hit on key in the current window; False once the limit is passed."""
    cache.add(key, 0, timeout=SIGNIN_LOOKUP_WINDOW_SECONDS)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=SIGNIN_LOOKUP_WINDOW_SECONDS)
        hits = 1
    return hits <= limit


def signin_lookup_allowed(*, session_key: str, ip_address: str) -> bool:
    """Whether one more "enter your email address" lookup is allowed.

    Limits (per 10 minutes): SIGNIN_LOOKUPS_PER_SESSION per browser session and
    SIGNIN_LOOKUPS_PER_IP per IP address. Counters live in Django's cache: configure
    a shared cache (the default database cache) so that every web process counts together.
    """
    per_session = getattr(settings, "SIGNIN_LOOKUPS_PER_SESSION", SIGNIN_LOOKUPS_PER_SESSION)
    per_ip = getattr(settings, "SIGNIN_LOOKUPS_PER_IP", SIGNIN_LOOKUPS_PER_IP)
    session_ok = _count_hit(f"accounts:lookup:s:{session_key}", per_session)
    ip_ok = _count_hit(f"accounts:lookup:ip:{ip_address}", per_ip)
    return session_ok and ip_ok
