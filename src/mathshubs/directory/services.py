"""Every write to the directory goes through here (ENGINEERING.md, "How code is written")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from mathshubs.accounts.models import User
from mathshubs.audit.services import history_baseline, history_write
from mathshubs.directory.areas import institutions_assign_hubs
from mathshubs.directory.models import EmailChange, Hub, Institution, Person
from mathshubs.directory.names import normalise_email
from mathshubs.directory.rules import can_change_email, can_set_hub_override
from mathshubs.directory.tasks import email_change_notify

EMAIL_REQUIRED = "Enter the new email address"
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"
EMAIL_UNCHANGED = "The new email address is the same as the current one"
EMAIL_HELD_BY_ANOTHER = (
    "Another person already has this email address as their main contact email. "
    "Each person needs their own address: check it, or change the other person's first"
)
EMAIL_CHANGE_FORBIDDEN = (
    "Only staff of the person's Maths Hub or the national team can change this email"
)
HUB_OVERRIDE_FORBIDDEN = "Only the national team can choose a school's serving hub"


def _email_held_elsewhere(email: str, person: Person) -> bool:
    if Person.objects.filter(email__iexact=email).exclude(pk=person.pk).exists():
        return True
    # An account without a person (a superuser) may hold it as well.
    return User.objects.filter(email__iexact=email).exclude(person=person).exists()


def person_change_email(*, person: Person, new_email: str, by: Any) -> EmailChange:
    """Change a person's main contact email, and the email of their account with it.

    The main contact email is the only address that can sign in, and only the
    person's hub or the national team changes it (handbook, Practicalities;
    ISSUE 3, "People"). Every change is recorded: who, when, old, new.
    Raises ValidationError (with one of this module's messages) or PermissionDenied.
    """
    email = normalise_email(new_email)
    if not email:
        raise ValidationError(EMAIL_REQUIRED, code="required")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(EMAIL_INVALID, code="invalid") from exc
    if not can_change_email(by, person):
        raise PermissionDenied(EMAIL_CHANGE_FORBIDDEN)
    try:
        with transaction.atomic():
            locked = Person.objects.select_for_update().get(pk=person.pk)
            old = locked.email
            if old.lower() == email:
                raise ValidationError(EMAIL_UNCHANGED, code="unchanged")
            if _email_held_elsewhere(email, locked):
                raise ValidationError(EMAIL_HELD_BY_ANOTHER, code="taken")
            history_baseline(model=Person, pks=[locked.pk])
            Person.objects.filter(pk=locked.pk).update(email=email)
            User.objects.filter(person=locked).update(email=email)
            # The UPDATE sends no signal: the audit trail gets its row here (ADR 0016).
            history_write(model=Person, pks=[locked.pk], by=by)
            change = EmailChange.objects.create(
                person=locked, old_email=old, new_email=email, changed_by=by
            )
            # Both addresses hear of it, once the change is saved: the old one in case
            # the change was a mistake or not wanted.
            transaction.on_commit(lambda: email_change_notify.enqueue(change_id=change.pk))
    except IntegrityError as exc:
        # Two changes to the same address at once: the unique index decides.
        raise ValidationError(EMAIL_HELD_BY_ANOTHER, code="taken") from exc
    person.email = email
    return change


def institution_set_hub_override(
    *, institution: Institution, hub: Hub | None, by: Any
) -> Institution:
    """Set (or clear, with hub=None) the hub that serves one institution.

    The serving hub comes from the area, but the national team can choose
    another when a school works with a different hub (shared/data/HUBS.md).
    The serving hub is recomputed at once, and who set it and when is kept.
    """
    if not can_set_hub_override(by):
        raise PermissionDenied(HUB_OVERRIDE_FORBIDDEN)
    with transaction.atomic():
        Institution.objects.filter(pk=institution.pk).update(
            hub_override=hub, hub_override_by=by, hub_override_at=timezone.now()
        )
        institutions_assign_hubs(queryset=Institution.objects.filter(pk=institution.pk))
    institution.refresh_from_db(
        fields=["hub", "hub_override", "hub_override_by", "hub_override_at"]
    )
    return institution
