"""Reads that depend on who asks. Every view and API endpoint goes through these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mathshubs.directory.models import Person
from mathshubs.directory.rules import can_change_email, can_view_person, people_visible_to

PERSON_NOT_FOUND = "There is no person with that reference, or you do not have access to them."


def access_person(*, user: Any, person_id: int, for_change: bool = False) -> Person:
    """The person, if this user may see (or change) them; else 404.

    A forbidden person looks exactly like a missing one, so nobody can probe
    which ids exist.
    """
    person = (
        Person.objects.select_related("institution__hub", "user").filter(pk=person_id).first()
    )
    if person is None or not can_view_person(user, person):
        raise Http404(PERSON_NOT_FOUND)
    if for_change and not can_change_email(user, person):
        raise PermissionDenied("Only your Maths Hub or the national team can change this email.")
    return person


__all__ = ["access_person", "people_visible_to"]
