"""The sign-in emails: plain text, the code on a line of its own (docs/accounts.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from mathshubs.accounts.models import CodePurpose

SUBJECT_CODE_CREATE = "Your Maths Hubs account: verification code"
SUBJECT_CODE_RESET = "Reset your Maths Hubs password: verification code"
SUBJECT_NOT_HELD = "Your Maths Hubs account: we do not hold this email address"
SUBJECT_NO_ACCOUNT = "Reset your Maths Hubs password: there is no account for this address"
SUBJECT_EMAIL_CHANGED = "Your Maths Hubs main contact email has changed"


def _send(*, to: str, subject: str, template: str, context: dict[str, object]) -> None:
    context = {
        "site_url": settings.SITE_URL.rstrip("/"),
        "login_url": settings.SITE_URL.rstrip("/") + reverse("accounts:login"),
        "find_hub_url": settings.SITE_URL.rstrip("/") + reverse("directory:find_hub"),
        "ttl_minutes": settings.VERIFICATION_CODE_TTL_MINUTES,
        **context,
    }
    body = render_to_string(f"accounts/email/{template}", context)
    EmailMessage(subject=subject, body=body, to=[to]).send()


def code_email_send(*, to: str, purpose: str, code: str) -> None:
    """The email with the verification code."""
    if purpose == CodePurpose.CREATE_ACCOUNT:
        subject, template = SUBJECT_CODE_CREATE, "code_create.txt"
    else:
        subject, template = SUBJECT_CODE_RESET, "code_reset.txt"
    _send(to=to, subject=subject, template=template, context={"code": code})


def not_held_email_send(*, to: str) -> None:
    """To an address that is not a main contact email the programme holds: ask the hub."""
    _send(to=to, subject=SUBJECT_NOT_HELD, template="not_held.txt", context={"email": to})


def no_account_email_send(*, to: str, is_person: bool) -> None:
    """A reset asked for an address with no account: how to create one, or ask the hub."""
    _send(
        to=to,
        subject=SUBJECT_NO_ACCOUNT,
        template="no_account.txt",
        context={"email": to, "is_person": is_person},
    )


def email_changed_send(*, to: str, first_name: str, old_email: str, new_email: str) -> None:
    """To the old and the new address after a hub or the national team changed it."""
    _send(
        to=to,
        subject=SUBJECT_EMAIL_CHANGED,
        template="email_changed.txt",
        context={"first_name": first_name, "old_email": old_email, "new_email": new_email},
    )
