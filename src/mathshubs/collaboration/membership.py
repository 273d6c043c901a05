"""Who is in a space (ISSUE 13, part 1), worked out from the programme's records as they
stand, so joining and leaving follow the roles with nothing to keep in step:

- an NCP LLME Community's space (an NCP in a year): every LLME leading an activity of
  that NCP that year, and its national Project Leads, who manage it with the national team;
- a hub LLME Community's space (a hub in a year): every lead of that hub's activities
  that year, and the hub's staff, who manage it;
- an activity's space: its leads, who manage it, and its participants (not withdrawn);
- a space made by hand: those added to it.

The national team reads and manages every space. Anyone added to a space (`SpaceMember`)
is in it too, and a manager if marked so.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.collaboration.models import Space, SpaceKind, SpaceMember
from mathshubs.directory.models import HUB_STAFF_ROLES, Person, RoleAssignment
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids


def members(space: Space) -> QuerySet[Person]:
    """Everyone in the space, national team aside (one query)."""
    added = Q(pk__in=SpaceMember.objects.filter(space=space).values("person_id"))
    if space.kind == SpaceKind.NCP_COMMUNITY:
        leading = Activity.objects.filter(ncp=space.ncp, academic_year=space.academic_year or 0)
        found = Q(led_activities__in=leading) | Q(projects_led__ncp=space.ncp)
    elif space.kind == SpaceKind.HUB_COMMUNITY:
        leading = Activity.objects.filter(hub=space.hub, academic_year=space.academic_year or 0)
        found = Q(led_activities__in=leading) | Q(
            roles__hub=space.hub, roles__role__in=HUB_STAFF_ROLES
        )
    elif space.kind == SpaceKind.ACTIVITY:
        taking_part = Participation.objects.filter(activity=space.activity).exclude(
            status=EnrolmentStatus.WITHDRAWN
        )
        found = Q(led_activities=space.activity) | Q(pk__in=taking_part.values("person_id"))
    else:
        found = Q(pk__in=[])
    return Person.objects.filter(found | added).distinct()


def managers(space: Space) -> QuerySet[Person]:
    marked = Q(pk__in=SpaceMember.objects.filter(space=space, manager=True).values("person_id"))
    if space.kind == SpaceKind.NCP_COMMUNITY:
        found = Q(projects_led__ncp=space.ncp)
    elif space.kind == SpaceKind.HUB_COMMUNITY:
        found = Q(roles__hub=space.hub, roles__role__in=HUB_STAFF_ROLES)
    elif space.kind == SpaceKind.ACTIVITY:
        found = Q(led_activities=space.activity)
    else:
        found = Q(pk__in=[])
    return Person.objects.filter(found | marked).distinct()


def can_read(user: Any, space: Space) -> bool:
    person = person_of(user)
    if person is None:
        return False
    if is_national(user):
        return True
    return members(space).filter(pk=person.pk).exists()


def can_manage(user: Any, space: Space) -> bool:
    person = person_of(user)
    if person is None:
        return False
    if is_national(user):
        return True
    return managers(space).filter(pk=person.pk).exists()


def _records(person: Person, year: int) -> dict[str, QuerySet[Any]]:
    """What of the person's records puts them in spaces of the year, as subqueries."""
    led = Activity.objects.filter(academic_year=year, leads=person)
    joined = Participation.objects.filter(person=person, activity__academic_year=year).exclude(
        status=EnrolmentStatus.WITHDRAWN
    )
    return {
        "led": led,
        "joined": joined,
        "projects": person.projects_led.filter(ncp__year__start_year=year),
    }


def _mine(user: Any, person: Person, year: int) -> Q:
    """The spaces the person is in (of the year, or added to): one condition, no query."""
    r = _records(person, year)
    mine = (
        Q(kind=SpaceKind.NCP_COMMUNITY, academic_year=year)
        & (
            Q(ncp_id__in=r["led"].exclude(ncp=None).values("ncp_id"))
            | Q(ncp_id__in=r["projects"].values("ncp_id"))
        )
        | Q(kind=SpaceKind.HUB_COMMUNITY, academic_year=year)
        & (Q(hub_id__in=r["led"].values("hub_id")) | Q(hub_id__in=staff_hub_ids(user)))
        | Q(kind=SpaceKind.ACTIVITY)
        & (
            Q(activity_id__in=r["led"].values("pk"))
            | Q(activity_id__in=r["joined"].values("activity_id"))
        )
        | Q(pk__in=SpaceMember.objects.filter(person=person).values("space_id"))
    )
    if is_national(user):
        # Every community of the year and every space made by hand; an activity's space
        # (there may be thousands) opens from the activity's page, or search.
        mine |= Q(academic_year=year) & ~Q(kind=SpaceKind.ACTIVITY) | Q(kind=SpaceKind.MADE)
    return mine


def space_of_activity(activity: Activity) -> Space:
    """The activity's space, made if it is not yet."""
    _ensure(activity.academic_year, set(), set(), {activity.pk})
    return Space.objects.get(activity=activity)


def spaces_made_for(user: Any, year: int) -> QuerySet[Space]:
    """The person's spaces of the year that exist already, as one query (the home page:
    a space not made yet has nothing new in it)."""
    person = person_of(user)
    if person is None:
        return Space.objects.none()
    return Space.objects.filter(_mine(user, person, year))


def spaces_for(user: Any, year: int) -> list[Space]:
    """The person's spaces of the year (made when first needed), and spaces made by hand
    they were added to; for the national team, every community of the year and every
    space made by hand too."""
    person = person_of(user)
    if person is None:
        return []
    r = _records(person, year)
    ncps = set(r["led"].exclude(ncp=None).values_list("ncp_id", flat=True)) | set(
        r["projects"].values_list("ncp_id", flat=True)
    )
    hubs = set(r["led"].values_list("hub_id", flat=True)) | staff_hub_ids(user)
    activities = set(r["led"].values_list("pk", flat=True)) | set(
        r["joined"].values_list("activity_id", flat=True)
    )
    _ensure(year, ncps, hubs, activities)
    return list(spaces_made_for(user, year).order_by("kind", "name"))


def _ensure(year: int, ncps: set[int], hubs: set[int], activities: set[int]) -> None:
    """The role-based spaces these records call for, made if missing (a few queries)."""
    from mathshubs.catalogue.models import NCP
    from mathshubs.directory.models import Hub

    have_ncps = set(
        Space.objects.filter(
            kind=SpaceKind.NCP_COMMUNITY, academic_year=year, ncp_id__in=ncps
        ).values_list("ncp_id", flat=True)
    )
    have_hubs = set(
        Space.objects.filter(
            kind=SpaceKind.HUB_COMMUNITY, academic_year=year, hub_id__in=hubs
        ).values_list("hub_id", flat=True)
    )
    have_activities = set(
        Space.objects.filter(activity_id__in=activities).values_list("activity_id", flat=True)
    )
    new = [
        Space(
            kind=SpaceKind.NCP_COMMUNITY,
            academic_year=year,
            ncp=ncp,
            name=f"{ncp.title}: LLME Community",
        )
        for ncp in NCP.objects.filter(pk__in=ncps - have_ncps)
    ]
    new += [
        Space(
            kind=SpaceKind.HUB_COMMUNITY,
            academic_year=year,
            hub=hub,
            name=f"{hub.name}: LLME Community",
        )
        for hub in Hub.objects.filter(pk__in=hubs - have_hubs)
    ]
    new += [
        Space(kind=SpaceKind.ACTIVITY, academic_year=year, activity=activity, name=activity.title)
        for activity in Activity.objects.filter(pk__in=activities - have_activities)
    ]
    if new:
        Space.objects.bulk_create(new, ignore_conflicts=True)


def members_by_space(spaces: list[Space]) -> dict[int, set[int]]:
    """Who is in each of many spaces (person ids, national team aside), in a few queries
    whatever their number: the same rule as `members`, for the emails of many spaces at
    once (a test holds the two to the same answer)."""
    from mathshubs.evaluation.models import ProjectLead

    found: dict[int, set[int]] = {space.pk: set() for space in spaces}
    for space_id, person_id in SpaceMember.objects.filter(space__in=spaces).values_list(
        "space_id", "person_id"
    ):
        found[space_id].add(person_id)
    leads = Activity.leads.through.objects
    # A community (an NCP's, a hub's, in a year): the leads of its activities that year,
    # and those it has whatever the year (the NCP's Project Leads, the hub's staff).
    communities = (
        (SpaceKind.NCP_COMMUNITY, "ncp", ProjectLead.objects.all()),
        (SpaceKind.HUB_COMMUNITY, "hub", RoleAssignment.objects.filter(role__in=HUB_STAFF_ROLES)),
    )
    for kind, field, standing in communities:
        by_key = {
            (getattr(s, f"{field}_id"), s.academic_year): s.pk for s in spaces if s.kind == kind
        }
        if not by_key:
            continue
        keys = {key for key, _ in by_key}
        leading = leads.filter(**{f"activity__{field}_id__in": keys}).values_list(
            f"activity__{field}_id", "activity__academic_year", "person_id"
        )
        for key, year, person in leading:
            if (key, year) in by_key:
                found[by_key[key, year]].add(person)
        holders = standing.filter(**{f"{field}_id__in": keys}).values_list(
            f"{field}_id", "person_id"
        )
        for key, person in holders:
            for (space_key, _), space_id in by_key.items():
                if space_key == key:
                    found[space_id].add(person)
    by_activity = {s.activity_id: s.pk for s in spaces if s.kind == SpaceKind.ACTIVITY}
    if by_activity:
        for activity, person in leads.filter(activity_id__in=by_activity).values_list(
            "activity_id", "person_id"
        ):
            found[by_activity[activity]].add(person)
        for activity, person in (
            Participation.objects.filter(activity_id__in=by_activity)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .values_list("activity_id", "person_id")
        ):
            found[by_activity[activity]].add(person)
    return found
