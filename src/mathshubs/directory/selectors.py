"""Reads that depend on who asks. Every view and API endpoint goes through these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from mathshubs.directory.models import (
    LEADERSHIP_ORDER,
    Hub,
    HubArea,
    Institution,
    Person,
    Role,
    RoleAssignment,
)
from mathshubs.directory.names import is_number
from mathshubs.directory.rules import (
    can_change_email,
    can_view_person,
    is_national,
    people_visible_to,
    person_hub_filter,
    programme_year,
)

PERSON_NOT_FOUND = "There is no person with that reference, or you do not have access to them."


def access_person(*, user: Any, person_id: int, for_change: bool = False) -> Person:
    """The person, if this user may see (or change) them; else 404.

    A forbidden person looks exactly like a missing one, so nobody can probe
    which ids exist.
    """
    person = Person.objects.select_related("institution__hub", "user").filter(pk=person_id).first()
    if person is None or not can_view_person(user, person):
        raise Http404(PERSON_NOT_FOUND)
    if for_change and not can_change_email(user, person):
        raise PermissionDenied("Only your Maths Hub or the national team can change this email.")
    return person


# --- Reads for the directory pages and the API -------------------------------------------------

EMAIL_CHANGE_NOT_ALLOWED = (
    "Only staff of the person's Maths Hub or the national team can change their email."
)


def access_person_for_email_change(*, user: Any, person_id: int) -> Person:
    """The person whose email this user may change; else PermissionDenied.

    The answer depends only on the asker's right, never on whether the id exists
    (except for the national team, who may change anyone's and so learn nothing
    from a 404): hub staff probing another hub's ids see the same 403 every time.
    """
    person = Person.objects.select_related("institution__hub", "user").filter(pk=person_id).first()
    if person is not None and can_change_email(user, person):
        return person
    if person is None and is_national(user):
        raise Http404(PERSON_NOT_FOUND)
    raise PermissionDenied(EMAIL_CHANGE_NOT_ALLOWED)


def hubs_with_summary(*, year: int | None = None) -> QuerySet[Hub]:
    """Every hub with `active_llmes`: the members of its LLME community leading at least one
    activity in the year (DOMAIN.md, "LLMEs"; the rule is the LLME register's,
    `activities.register.active_llmes_of_hub`). One query, plus one for the areas.
    """
    from mathshubs.activities.register import active_llmes_of_hub  # the register needs us

    year = programme_year() if year is None else year
    return Hub.objects.annotate(active_llmes=active_llmes_of_hub(year)).prefetch_related(
        Prefetch("areas", queryset=HubArea.objects.select_related("local_authority"))
    )


@dataclass
class HubTeam:
    leadership: list[tuple[str, list[Person]]]
    board: list[Person]


def hub_team(*, hub: Hub, year: int | None = None) -> HubTeam:
    """A hub's leadership team and Strategic Board in a year (or with no year), in one query."""
    year = programme_year() if year is None else year
    rows = (
        RoleAssignment.objects.filter(
            hub=hub, role__in=[*LEADERSHIP_ORDER, Role.STRATEGIC_BOARD_MEMBER]
        )
        .filter(Q(academic_year=year) | Q(academic_year__isnull=True))
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    by_role: dict[str, list[Person]] = {}
    for row in rows:
        people = by_role.setdefault(row.role, [])
        if row.person not in people:
            people.append(row.person)
    leadership = [(Role(role).label, by_role.get(role, [])) for role in LEADERSHIP_ORDER]
    return HubTeam(leadership=leadership, board=by_role.get(Role.STRATEGIC_BOARD_MEMBER, []))


def find_hub_by_ref(ref: str) -> Hub | None:
    """A hub by its id or slug (the API and filters accept either)."""
    ref = (ref or "").strip()
    if not ref:
        return None
    if is_number(ref):
        return Hub.objects.filter(pk=int(ref)).first()
    return Hub.objects.filter(slug=ref).first()


def search_words(query: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", (query or "").lower()) if w]


def institutions_search(
    *, q: str = "", la: str = "", phase: str = "", hub: Hub | None = None
) -> QuerySet[Institution]:
    """Institutions by URN or name words, filtered by local authority (code or name), phase, hub."""
    qs = Institution.objects.select_related("local_authority", "hub")
    q = (q or "").strip()
    if is_number(q):
        qs = qs.filter(urn=int(q))
    else:
        for word in search_words(q):
            qs = qs.filter(name__icontains=word)
    la = (la or "").strip()
    if la:
        qs = qs.filter(Q(local_authority__code=la) | Q(local_authority__name__iexact=la))
    if phase:
        qs = qs.filter(phase=phase)
    if hub is not None:
        qs = qs.filter(hub=hub)
    return qs.order_by("search_name", "urn")


def people_for(*, user: Any, hub: Hub | None = None, q: str = "") -> QuerySet[Person]:
    """The people this user may see, narrowed by hub and name/email, ready to list."""
    qs = people_visible_to(user)
    if hub is not None:
        qs = qs.filter(pk__in=Person.objects.filter(person_hub_filter([hub.pk])).values("pk"))
    for word in (q or "").split():
        qs = qs.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return (
        qs.select_related("institution")
        .prefetch_related(Prefetch("roles", queryset=RoleAssignment.objects.select_related("hub")))
        .order_by("last_name", "first_name", "pk")
    )
