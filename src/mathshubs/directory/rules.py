"""Who may see and change what in the directory (ISSUE 3, "Roles and access").

- a participant sees their own record;
- an LLME also sees the participants of the activities they lead;
- hub staff see the people of their hub;
- the national team sees everyone.
Only hub staff of the person's hub or the national team change a main contact email.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db import connection
from django.db.models import Q, QuerySet

from mathshubs.activities.models import Activity, Participation
from mathshubs.dates import current_academic_year
from mathshubs.directory.models import (
    HUB_STAFF_ROLES,
    LLME_ROLES,
    Hub,
    Person,
    Role,
    RoleAssignment,
)


def person_of(user: Any) -> Person | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person", None)


def programme_year() -> int:
    """The academic year the directory shows by default: the current one, or, until a hub
    records anything for it, the latest earlier year that has activities or roles.

    In September a new year starts empty; showing last year's leaders and counts,
    labelled with their year, is more useful than a page of zeros.
    """
    current = current_academic_year()
    # One query, two index lookups (the latest year of the activities, of the roles):
    # at national scale a UNION of every year held took ~30 ms on each page.
    # Plain MAX(...) WHERE is what both databases answer from an index; the table names
    # are the models' own, the year a parameter.
    activities, roles = Activity._meta.db_table, RoleAssignment._meta.db_table
    sql = (
        f"SELECT MAX(y) FROM (SELECT MAX(academic_year) AS y FROM {activities} "  # noqa: S608
        f"WHERE academic_year <= %s UNION ALL SELECT MAX(academic_year) AS y FROM {roles} "
        "WHERE academic_year <= %s) AS held"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [current, current])
        (latest,) = cursor.fetchone()
    return current if latest is None else latest


def programme_year_for(user: Any) -> int:
    """programme_year(), worked out once per request (kept on the user object)."""
    cached = getattr(user, "_mathshubs_programme_year", None)
    if cached is None:
        cached = programme_year()
        if user is not None:
            user._mathshubs_programme_year = cached
    return cached


def _role_rows(user: Any) -> list[tuple[str, int | None]]:
    """The (role, hub id) pairs a user holds now, cached on the user object for the request.

    A role for an academic year gives access in that year and later ones only until
    the programme moves on: roles of years before the programme year (a hub lead who
    left in 2022/23) give none. Ongoing roles (no year) always count.
    """
    cached = getattr(user, "_mathshubs_roles", None)
    if cached is not None:
        return cached
    person = person_of(user)
    rows: list[tuple[str, int | None]] = []
    if person is not None:
        rows = list(
            RoleAssignment.objects.filter(person=person)
            .filter(Q(academic_year__isnull=True) | Q(academic_year__gte=programme_year_for(user)))
            .values_list("role", "hub_id")
        )
    user._mathshubs_roles = rows
    return rows


def staff_hub_ids(user: Any) -> set[int]:
    return {hub for role, hub in _role_rows(user) if role in HUB_STAFF_ROLES and hub}


@rules.predicate
def is_national(user: Any) -> bool:
    return any(role == Role.NATIONAL_TEAM for role, _ in _role_rows(user))


@rules.predicate
def is_hub_staff(user: Any) -> bool:
    return bool(staff_hub_ids(user))


@rules.predicate
def is_llme(user: Any) -> bool:
    return any(role in LLME_ROLES for role, _ in _role_rows(user))


@rules.predicate
def is_hub_staff_of_hub(user: Any, hub: Hub | None) -> bool:
    return hub is not None and hub.pk in staff_hub_ids(user)


def person_hub_filter(hub_ids: set[int] | list[int]) -> Q:
    """People who belong to one of these hubs: a role there, or an institution it serves."""
    return Q(roles__hub__in=hub_ids) | Q(institution__hub__in=hub_ids)


@rules.predicate
def is_self(user: Any, person: Person | None) -> bool:
    me = person_of(user)
    return me is not None and person is not None and me.pk == person.pk


@rules.predicate
def is_hub_staff_of_person(user: Any, person: Person | None) -> bool:
    hubs = staff_hub_ids(user)
    if not hubs or person is None:
        return False
    return Person.objects.filter(person_hub_filter(hubs), pk=person.pk).exists()


@rules.predicate
def leads_activity_of(user: Any, person: Person | None) -> bool:
    me = person_of(user)
    if me is None or person is None:
        return False
    return person.participations.filter(activity__leads=me).exists()


can_view_person = is_self | is_national | is_hub_staff_of_person | leads_activity_of
can_change_email = is_national | is_hub_staff_of_person
# The serving hub of a school is the national team's decision (shared/data/HUBS.md).
can_set_hub_override = is_national
# The people list: the national team, hub staff and LLMEs (each sees only their scope).
# Holds a role beyond taking part: the national team, hub staff, an LLME.
has_programme_role = is_national | is_hub_staff | is_llme
can_view_people = has_programme_role

rules.add_perm("directory.view_person", can_view_person)
rules.add_perm("directory.change_person_email", can_change_email)
rules.add_perm("directory.view_people", can_view_people)
rules.add_perm("directory.set_hub_override", can_set_hub_override)


def people_visible_to(user: Any) -> QuerySet[Person]:
    """Every person this user may see, as one query (for lists and the API)."""
    me = person_of(user)
    if me is None:
        return Person.objects.none()
    if is_national(user):
        return Person.objects.all()
    # Separate id subqueries rather than one OR across joins: on the national demo a hub
    # lead's list counts in 70 ms instead of 170 ms, an LLME's in 2 ms instead of 70 ms.
    led = Participation.objects.filter(activity__leads=me)
    condition = Q(pk=me.pk) | Q(pk__in=led.values("person_id"))
    hubs = staff_hub_ids(user)
    if hubs:
        in_hub = RoleAssignment.objects.filter(hub__in=hubs).values("person_id")
        condition |= Q(pk__in=in_hub) | Q(institution__hub__in=hubs)
    return Person.objects.filter(condition)
