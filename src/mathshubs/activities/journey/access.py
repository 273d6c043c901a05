"""Who may see a school's journey: the national team, hub staff of the school's serving
hub, and people whose institution it is. A hub's journey lists: that hub's staff and the
national team.

The permissions are registered here, once, when the package is imported."""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from mathshubs.directory.models import Hub, Institution
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids
from mathshubs.directory.selectors import find_hub_by_ref

INSTITUTION_NOT_FOUND = (
    "There is no school or college with that URN, or you cannot see its journey."
)
HUB_NOT_FOUND = "There is no Maths Hub with that id or slug, or you cannot see its journey."


@rules.predicate
def is_own_institution(user: Any, institution: Institution | None) -> bool:
    me = person_of(user)
    return me is not None and institution is not None and me.institution_id == institution.pk


@rules.predicate
def is_staff_of_institution_hub(user: Any, institution: Institution | None) -> bool:
    return institution is not None and institution.hub_id in staff_hub_ids(user)


@rules.predicate
def is_staff_of_journey_hub(user: Any, hub: Hub | None) -> bool:
    return hub is not None and hub.pk in staff_hub_ids(user)


can_view_institution_journey = is_national | is_staff_of_institution_hub | is_own_institution
can_view_hub_journey = is_national | is_staff_of_journey_hub

rules.add_perm("activities.view_institution_journey", can_view_institution_journey)
rules.add_perm("activities.view_hub_journey", can_view_hub_journey)


def access_institution(*, user: Any, urn: int) -> Institution:
    """The institution, if this user may see its journey; 404 otherwise, as if missing."""
    institution = Institution.objects.select_related("hub").filter(urn=urn).first()
    if institution is None or not can_view_institution_journey(user, institution):
        raise Http404(INSTITUTION_NOT_FOUND)
    return institution


def access_hub(*, user: Any, ref: str) -> Hub:
    """The hub (by id or slug), if this user may see its journey lists; 404 otherwise."""
    hub = find_hub_by_ref(ref)
    if hub is None or not can_view_hub_journey(user, hub):
        raise Http404(HUB_NOT_FOUND)
    return hub
