"""Background work of the directory."""

from __future__ import annotations

from django_tasks import task

from mathshubs.accounts.emails import email_changed_send
from mathshubs.directory.models import EmailChange


@task()
def email_change_notify(*, change_id: int) -> int:
    """Tell the old and the new address that a person's main contact email changed."""
    change = EmailChange.objects.select_related("person").filter(pk=change_id).first()
    if change is None:
        return 0
    for to in (change.old_email, change.new_email):
        email_changed_send(
            to=to,
            first_name=change.person.first_name,
            old_email=change.old_email,
            new_email=change.new_email,
        )
    return 2
