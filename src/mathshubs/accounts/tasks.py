"""Background work of the sign-in flow: the emails are sent by the task worker."""

from __future__ import annotations

from django_tasks import task

from mathshubs.accounts import emails, rules, services
from mathshubs.accounts.models import CodePurpose, VerificationCode


@task()
def verification_email_send(*, code_id: int) -> str:
    """Send the email for one recorded verification code.

    The code is made here and only its hash stored, so the plain code never sits in
    the task queue. An address that may not use a code gets an email that says why.
    """
    row = VerificationCode.objects.filter(pk=code_id).first()
    if row is None:
        return "missing"
    if row.is_valid_target:
        code = services.verification_code_issue(code_id=row.pk)
        if code is None:
            return "already sent"
        emails.code_email_send(to=row.email, purpose=row.purpose, code=code)
        return "code"
    if row.purpose == CodePurpose.CREATE_ACCOUNT:
        emails.not_held_email_send(to=row.email)
        return "not held"
    emails.no_account_email_send(
        to=row.email, is_person=rules.person_for_email(row.email) is not None
    )
    return "no account"
