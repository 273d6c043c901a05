"""The programme's sign-in rules, one named unit each (ISSUE 3, item 4; docs/accounts.md)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from mathshubs.accounts.models import LoginFailure, User
from mathshubs.directory.models import Person
from mathshubs.directory.names import normalise_email

# Every sign-in step is rate-limited per account (the email typed, whether or not the
# programme holds it) and per client address, in fixed windows of this many minutes.
SIGNIN_WINDOW_MINUTES = 15
# step: (attempts per account, attempts per client address) in one window. The address
# limits are generous: a whole school's staff often share one public IP address. The
# exact per-account limits in the database stay on top of these (docs/accounts.md):
# LOGIN_MAX_FAILURES wrong passwords, VERIFICATION_CODE_MAX_ATTEMPTS tries per code,
# VERIFICATION_CODE_MAX_SENDS_PER_HOUR codes per address and purpose.
SIGNIN_LIMITS: dict[str, tuple[int, int]] = {
    "email": (20, 200),  # "Enter your email address"
    "password": (20, 100),  # "Enter your password"
    "code_send": (10, 50),  # create account, reset password, send a new code
    "code_check": (20, 100),  # "Enter the code"
}


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


def login_is_locked(email: str) -> bool:
    """Too many wrong passwords for this email within the window: sign-in is refused.

    settings.LOGIN_MAX_FAILURES within settings.LOGIN_FAILURE_WINDOW_MINUTES.
    """
    since = timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    failures = LoginFailure.objects.filter(email=normalise_email(email), at__gte=since).count()
    return failures >= settings.LOGIN_MAX_FAILURES


def _count_hit(counter: str, limit: int) -> bool:
    """Count one attempt on counter in the current window; False once limit are counted.

    Each attempt claims a slot key with cache.add, which is atomic on every cache backend
    (the database cache relies on the table's primary key), so parallel requests can
    never share a slot and pass the limit together; cache.incr is a read then a write on
    the database cache. The ":n" key is only a hint where to start looking for a free slot.
    """
    window = SIGNIN_WINDOW_MINUTES * 60
    bucket = int(timezone.now().timestamp() // window)
    base = f"accounts:limit:{counter}:{bucket}"
    start = cache.get(f"{base}:n", 0)
    for slot in range(start, limit):
        if cache.add(f"{base}:{slot}", 1, timeout=2 * window):
            cache.set(f"{base}:n", slot + 1, timeout=2 * window)
            return True
    return False


def _digest(value: str) -> str:
    # The cache table keeps no email address, and a key stays short whatever was typed.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def signin_attempt_allowed(*, step: str, email: str, client_address: str) -> bool:
    """Whether one more attempt at this sign-in step is allowed (SIGNIN_LIMITS).

    Counted per account (the normalised email typed, held or not, so a refusal never
    tells whether an account exists) and per client address (REMOTE_ADDR), each in
    windows of SIGNIN_WINDOW_MINUTES. settings.SIGNIN_LIMITS may override a step's pair.
    Counters live in Django's cache: configure a shared cache (the default database
    cache) so that every web process counts together.
    """
    per_account, per_address = getattr(settings, "SIGNIN_LIMITS", {}).get(step, SIGNIN_LIMITS[step])
    if not _count_hit(f"{step}:ip:{_digest(client_address)}", per_address):
        return False
    return _count_hit(f"{step}:ac:{_digest(normalise_email(email))}", per_account)
