"""Who may see and change the LLME register (the package's docstring says who), and
finding the hub, LLME or development programme a request names.

The permissions are registered here, once, when the package is imported: this is not the
app's `rules.py`, so the `rules` app's autodiscovery does not import it."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from mathshubs.activities.models import DevelopmentProgramme
from mathshubs.directory.models import LLME_ROLES, Hub, Person, RoleAssignment
from mathshubs.directory.rules import (
    _role_rows,
    is_hub_staff,
    is_national,
    staff_hub_ids,
)
from mathshubs.directory.selectors import find_hub_by_ref

REGISTER_NOT_FOUND = "There is no Maths Hub with that id or slug, or you cannot see its LLMEs."
LLME_NOT_FOUND = "That person is not an LLME of this Maths Hub, or you cannot see them."
PROGRAMME_NOT_FOUND = "That development programme is not recorded for this LLME."
EDIT_FORBIDDEN = (
    "Only staff of the LLME's Maths Hub or the national team can change their expertise and "
    "development programmes"
)
NATIONAL_FORBIDDEN = "Only the national team and hub staff can see the national LLME figures"


def llme_hub_ids(user: Any) -> set[int]:
    """The hubs where this user holds an LLME role now (the directory's rule for years)."""
    return {hub for role, hub in _role_rows(user) if role in LLME_ROLES and hub}


@rules.predicate
def is_staff_of_register_hub(user: Any, hub: Hub | None) -> bool:
    return hub is not None and hub.pk in staff_hub_ids(user)


@rules.predicate
def is_llme_of_hub(user: Any, hub: Hub | None) -> bool:
    return hub is not None and hub.pk in llme_hub_ids(user)


@rules.predicate
def is_staff_of_llme_hub(user: Any, person: Person | None) -> bool:
    """Staff of a hub where the person holds (or held) an LLME role."""
    hubs = staff_hub_ids(user)
    if not hubs or person is None:
        return False
    return RoleAssignment.objects.filter(person=person, role__in=LLME_ROLES, hub__in=hubs).exists()


can_manage_register = is_national | is_staff_of_register_hub
can_view_register = can_manage_register | is_llme_of_hub
can_edit_llme = is_national | is_staff_of_llme_hub
can_view_national_llmes = is_national | is_hub_staff

rules.add_perm("activities.view_llme_register", can_view_register)
rules.add_perm("activities.manage_llme_register", can_manage_register)
rules.add_perm("activities.edit_llme", can_edit_llme)
rules.add_perm("activities.view_national_llmes", can_view_national_llmes)


def access_register(*, user: Any, ref: str) -> Hub:
    """The hub, if this user may see its LLME community; 404 otherwise, as if missing."""
    hub = find_hub_by_ref(ref)
    if hub is None or not can_view_register(user, hub):
        raise Http404(REGISTER_NOT_FOUND)
    return hub


def access_llme(*, user: Any, hub: Hub, person_id: int) -> Person:
    """An LLME of the hub (an LLME role there in any year) whom this user may change: 404
    when the user cannot see the hub's register or the person is not in it, 403 when they
    see it but may not change it (the hub's LLMEs)."""
    if not can_view_register(user, hub):
        raise Http404(LLME_NOT_FOUND)
    in_hub = RoleAssignment.objects.filter(hub=hub, role__in=LLME_ROLES, person=OuterRef("pk"))
    person = Person.objects.filter(Exists(in_hub), pk=person_id).first()
    if person is None:
        raise Http404(LLME_NOT_FOUND)
    if not can_edit_llme(user, person):
        raise PermissionDenied(EDIT_FORBIDDEN)
    return person


def access_programme(*, person: Person, programme_id: int) -> DevelopmentProgramme:
    found = DevelopmentProgramme.objects.filter(person=person, pk=programme_id).first()
    if found is None:
        raise Http404(PROGRAMME_NOT_FOUND)
    return found
