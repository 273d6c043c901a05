"""Reads of the LLME register: a hub's LLME community in a year, and the counts of
active LLMEs against the programme's goals, for a hub and nationally."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from mathshubs.activities.models import Activity, DevelopmentProgramme, LLMEExpertise
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import LLME_ROLES, Hub, Person, RoleAssignment

# The programme's goals (DOMAIN.md, "LLMEs"): at least 50 active LLMEs a hub, 2,000 nationally.
HUB_ACTIVE_TARGET = 50
NATIONAL_ACTIVE_TARGET = 2000


def _in_year(year: int) -> Q:
    return Q(academic_year=year) | Q(academic_year__isnull=True)


def _community_roles(hub: Hub | int, year: int) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(_in_year(year), hub=hub, role__in=LLME_ROLES)


def _leads_in(year: int) -> QuerySet[Any]:
    return Activity.leads.through.objects.filter(activity__academic_year=year)


def active_llmes_of_hub(year: int) -> Coalesce:
    """For a Hub queryset: how many of the hub's LLME community are active in `year`
    (the rule of the package's docstring), as one correlated subquery."""
    rows = (
        RoleAssignment.objects.filter(
            _in_year(year),
            hub=OuterRef("pk"),
            role__in=LLME_ROLES,
            person__in=_leads_in(year).values("person"),
        )
        .order_by()
        .values("hub")
        .annotate(active=Count("person", distinct=True))
        .values("active")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def community(*, hub: Hub, year: int, active: bool | None = None) -> QuerySet[Person]:
    """The hub's LLME community in `year`: people with an LLME role there for the year or
    ongoing, annotated with `is_active` (leads an activity of the year, any hub) and
    `activities_led`, with their roles in the hub, expertise and development programmes
    prefetched. Four queries however many people."""
    members = Exists(_community_roles(hub, year).filter(person=OuterRef("pk")))
    led = (
        _leads_in(year)
        .filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(n=Count("activity", distinct=True))
        .values("n")
    )
    people = (
        Person.objects.filter(members)
        .annotate(
            is_active=Exists(_leads_in(year).filter(person=OuterRef("pk"))),
            activities_led=Coalesce(Subquery(led, output_field=IntegerField()), Value(0)),
        )
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=_community_roles(hub, year).order_by("role"),
                to_attr="register_roles",
            ),
            Prefetch("expertise", queryset=LLMEExpertise.objects.order_by("element")),
            Prefetch(
                "development_programmes",
                queryset=DevelopmentProgramme.objects.order_by("-started_year", "programme"),
            ),
        )
        .order_by("last_name", "first_name", "pk")
    )
    if active is not None:
        people = people.filter(is_active=active)
    return people


@dataclass
class RegisterRow:
    person: Person

    @property
    def roles(self) -> list[str]:
        return sorted({r.get_role_display() for r in getattr(self.person, "register_roles", [])})

    @property
    def expertise(self) -> list[str]:
        return [e.get_element_display() for e in self.person.expertise.all()]

    @property
    def expertise_keys(self) -> list[str]:
        return [e.element for e in self.person.expertise.all()]

    @property
    def programmes(self) -> list[DevelopmentProgramme]:
        return list(self.person.development_programmes.all())

    @property
    def is_active(self) -> bool:
        return bool(getattr(self.person, "is_active", False))


class _AgainstTarget:
    """Counts of active LLMEs against a target, for a hub or the nation."""

    year: int
    active: int
    target: int

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def reaches_target(self) -> bool:
        return self.active >= self.target

    @property
    def to_go(self) -> int:
        return max(self.target - self.active, 0)


@dataclass
class HubCounts(_AgainstTarget):
    hub: Hub | None
    year: int
    members: int
    active: int
    starting: int
    target: int = HUB_ACTIVE_TARGET


def _active_members(hub_filter: Q, year: int) -> dict[int, tuple[int, int]]:
    """(members, active) per hub id, in one query."""
    active = Q(person__in=_leads_in(year).values("person"))
    rows = (
        RoleAssignment.objects.filter(hub_filter, _in_year(year), role__in=LLME_ROLES)
        .values("hub")
        .annotate(
            members=Count("person", distinct=True),
            active=Count("person", distinct=True, filter=active),
        )
        .order_by()
    )
    return {row["hub"]: (row["members"], row["active"]) for row in rows}


def _starting(hub_filter: Q, year: int) -> dict[int, int]:
    rows = (
        DevelopmentProgramme.objects.filter(hub_filter, started_year=year)
        .values("hub")
        .annotate(people=Count("person", distinct=True))
        .order_by()
    )
    return {row["hub"]: row["people"] for row in rows}


def hub_counts(*, hub: Hub, year: int) -> HubCounts:
    """The hub's community, its active members and the LLMEs starting a development
    programme through the hub in the year (two queries)."""
    members, active = _active_members(Q(hub=hub), year).get(hub.pk, (0, 0))
    return HubCounts(hub, year, members, active, _starting(Q(hub=hub), year).get(hub.pk, 0))


@dataclass
class NationalCounts(_AgainstTarget):
    year: int
    active: int
    starting: int
    hubs: list[HubCounts]
    target: int = NATIONAL_ACTIVE_TARGET
    hub_target: int = HUB_ACTIVE_TARGET

    @property
    def hubs_at_target(self) -> int:
        return sum(1 for h in self.hubs if h.reaches_target)


def national_counts(*, year: int) -> NationalCounts:
    """National active LLMEs (distinct people leading an activity of the year, as the
    national figures count them), LLMEs starting development programmes (distinct people)
    and each hub's counts. Five queries."""
    totals = _leads_in(year).aggregate(people=Count("person", distinct=True))
    starting = DevelopmentProgramme.objects.filter(started_year=year).aggregate(
        people=Count("person", distinct=True)
    )
    by_hub = _active_members(Q(hub__isnull=False), year)
    starts = _starting(Q(hub__isnull=False), year)
    hubs = [
        HubCounts(hub, year, *by_hub.get(hub.pk, (0, 0)), starts.get(hub.pk, 0))
        for hub in Hub.objects.order_by("name")
    ]
    return NationalCounts(year, totals["people"], starting["people"], hubs)
