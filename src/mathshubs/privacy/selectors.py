"""Reads that depend on who asks: the person whose data this user may download or erase."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mathshubs.directory.models import Person
from mathshubs.directory.rules import is_national
from mathshubs.directory.selectors import PERSON_NOT_FOUND
from mathshubs.privacy.rules import can_erase_person, can_export_person

EXPORT_NOT_ALLOWED = (
    "Only the person, staff of their Maths Hub or the national team can download a person's data."
)
ERASE_NOT_ALLOWED = (
    "Only the national team can erase a person's data: ask them, giving the person's name "
    "and main contact email."
)
ERASE_SELF = "You cannot erase yourself: ask another member of the national team."


def _person(person_id: int) -> Person | None:
    return (
        Person.objects.select_related("institution__hub", "user", "erasure")
        .filter(pk=person_id)
        .first()
    )


def access_person_for_export(*, user: Any, person_id: int) -> Person:
    """The person whose data this user may download; else 403 whether or not the id
    exists (the national team, who may download anyone's, get a 404 for a missing id)."""
    person = _person(person_id)
    if person is not None and can_export_person(user, person):
        return person
    if person is None and is_national(user):
        raise Http404(PERSON_NOT_FOUND)
    raise PermissionDenied(EXPORT_NOT_ALLOWED)


def access_person_for_erasure(*, user: Any, person_id: int) -> Person:
    """The person this user may erase; else 403 (404 for the national team's missing id)."""
    person = _person(person_id)
    if person is not None and can_erase_person(user, person):
        return person
    if is_national(user):
        if person is None:
            raise Http404(PERSON_NOT_FOUND)
        raise PermissionDenied(ERASE_SELF)
    raise PermissionDenied(ERASE_NOT_ALLOWED)
