"""The LLME register (ISSUE 4, part 6; DOMAIN.md, "LLMEs"; 2023/24 handbook, "The role of an
LLME", "Three elements of LLME expertise", "LLME development programmes", "Maths Hub LLME
Community").

A hub's LLME community in a year is everyone with an LLME role in that hub for that
year or ongoing. Each member has elements of expertise, development programmes, and is
*active* in the year when leading at least one activity of that year. Leading counts
whichever hub runs the activity; a hub's count of active LLMEs counts the members of
its own community (their LLME role's hub), so a leader who belongs to two hubs counts
in both and once nationally.

Who may see and change it:
- the national team and hub staff of the hub see the register in full and change its
  members' expertise and development programmes;
- LLMEs of the hub see their community: names, roles and whether each is active;
- the national summary (counts by hub) is for the national team and hub staff; the
  count of a hub's active LLMEs is not personal data and shows on the public hub page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
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
from django.http import Http404
from django.utils import timezone

from mathshubs.activities.models import (
    Activity,
    DevelopmentProgramme,
    DevelopmentProgrammeKind,
    Expertise,
    LLMEExpertise,
)
from mathshubs.catalogue.models import NCPPhase
from mathshubs.dates import academic_year_bounds, academic_year_label
from mathshubs.directory.models import LLME_ROLES, Hub, Person, RoleAssignment
from mathshubs.directory.rules import (
    _role_rows,
    is_hub_staff,
    is_national,
    staff_hub_ids,
)
from mathshubs.directory.selectors import find_hub_by_ref

# The programme's goals (DOMAIN.md, "LLMEs"): at least 50 active LLMEs a hub, 2,000 nationally.
HUB_ACTIVE_TARGET = 50
NATIONAL_ACTIVE_TARGET = 2000
# The first Mastery Specialists started in 2014/15; a start year before it is a typing error.
FIRST_PROGRAMME_YEAR = 2014
MASTERY_SPECIALIST_PHASES = (NCPPhase.PRIMARY, NCPPhase.SECONDARY, NCPPhase.POST_16)

REGISTER_NOT_FOUND = "There is no Maths Hub with that id or slug, or you cannot see its LLMEs."
LLME_NOT_FOUND = "That person is not an LLME of this Maths Hub, or you cannot see them."
PROGRAMME_NOT_FOUND = "That development programme is not recorded for this LLME."
EDIT_FORBIDDEN = (
    "Only staff of the LLME's Maths Hub or the national team can change their expertise and "
    "development programmes"
)
NATIONAL_FORBIDDEN = "Only the national team and hub staff can see the national LLME figures"
EXPERTISE_UNKNOWN = "{elements} {verb} not an element of LLME expertise"
PROGRAMME_UNKNOWN = "Choose the development programme"
PHASE_UNKNOWN = "Choose the phase: primary, secondary or post-16"
PHASE_REQUIRED = "Choose the phase of the Mastery Specialist programme"
COHORT_TOO_LONG = "The cohort must be 40 characters or fewer"
STARTED_YEAR_OUT_OF_RANGE = "The year started must be between {first} and {last}"
COMPLETED_BEFORE_START = (
    "The date completed must be on or after the start of the year started, {date}"
)
COMPLETED_IN_FUTURE = "The date completed must be today or in the past"
ACCREDITED_WITHOUT_COMPLETED = (
    "Enter the date completed: a programme is accredited only once it is completed"
)
ACCREDITED_BEFORE_COMPLETED = "The date accredited must be on or after the date completed"
ACCREDITED_IN_FUTURE = "The date accredited must be today or in the past"
ALREADY_RECORDED = (
    "{person} already has the {programme} started in {year} recorded: change that one"
)


# --- Who may see and change what ---------------------------------------------------------------


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


# --- Reads -------------------------------------------------------------------------------------


def _in_year(year: int) -> Q:
    return Q(academic_year=year) | Q(academic_year__isnull=True)


def _community_roles(hub: Hub | int, year: int) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(_in_year(year), hub=hub, role__in=LLME_ROLES)


def _leads_in(year: int) -> QuerySet[Any]:
    return Activity.leads.through.objects.filter(activity__academic_year=year)


def active_llmes_of_hub(year: int) -> Coalesce:
    """For a Hub queryset: how many of the hub's LLME community are active in `year`
    (the rule of this module's docstring), as one correlated subquery."""
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


# --- Writes ------------------------------------------------------------------------------------


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _check_may_edit(by: Any, person: Person) -> None:
    if not can_edit_llme(by, person):
        raise PermissionDenied(EDIT_FORBIDDEN)


def llme_set_expertise(*, person: Person, elements: Collection[str], by: Any) -> list[str]:
    """Record the LLME's elements of expertise (2023/24 handbook, "Three elements of LLME
    expertise"): exactly `elements` afterwards. Returns them in the handbook's order."""
    _check_may_edit(by, person)
    wanted = set(elements)
    known = {e.value for e in Expertise}
    unknown = sorted(wanted - known)
    if unknown:
        verb = "is" if len(unknown) == 1 else "are"
        names = ", ".join(repr(e) for e in unknown)
        raise _invalid("elements", EXPERTISE_UNKNOWN.format(elements=names, verb=verb), "unknown")
    with transaction.atomic():
        # The person's row is the lock: two editors saving at once apply one after the other.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        LLMEExpertise.objects.filter(person=person).exclude(element__in=wanted).delete()
        held = set(LLMEExpertise.objects.filter(person=person).values_list("element", flat=True))
        LLMEExpertise.objects.bulk_create(
            [LLMEExpertise(person=person, element=e) for e in wanted - held]
        )
    return [e.value for e in Expertise if e.value in wanted]


def _today() -> dt.date:
    return timezone.localdate()


def _clean_programme(
    *,
    programme: str,
    phase: str,
    cohort: str,
    started_year: int,
    completed_on: dt.date | None,
    accredited_on: dt.date | None,
) -> None:
    """Every check on a development programme record, each keyed by its field."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if programme not in DevelopmentProgrammeKind.values:
        add("programme", PROGRAMME_UNKNOWN, "unknown")
    if phase and phase not in MASTERY_SPECIALIST_PHASES:
        add("phase", PHASE_UNKNOWN, "unknown")
    elif not phase and programme == DevelopmentProgrammeKind.MASTERY_SPECIALIST:
        add("phase", PHASE_REQUIRED, "required")
    if len(cohort) > 40:
        add("cohort", COHORT_TOO_LONG, "too_long")
    last = _today().year
    if not FIRST_PROGRAMME_YEAR <= started_year <= last:
        add(
            "started_year",
            STARTED_YEAR_OUT_OF_RANGE.format(first=FIRST_PROGRAMME_YEAR, last=last),
            "range",
        )
    start = academic_year_bounds(started_year)[0]
    if completed_on is not None:
        if completed_on < start:
            date = f"{start.day} {start:%B %Y}"
            add("completed_on", COMPLETED_BEFORE_START.format(date=date), "before_start")
        elif completed_on > _today():
            add("completed_on", COMPLETED_IN_FUTURE, "future")
    if accredited_on is not None:
        if completed_on is None:
            add("accredited_on", ACCREDITED_WITHOUT_COMPLETED, "not_completed")
        elif accredited_on < completed_on:
            add("accredited_on", ACCREDITED_BEFORE_COMPLETED, "before_completed")
        elif accredited_on > _today():
            add("accredited_on", ACCREDITED_IN_FUTURE, "future")
    if errors:
        raise ValidationError(errors)


def _already_recorded(person: Person, programme: str, started_year: int) -> ValidationError:
    message = ALREADY_RECORDED.format(
        person=person.full_name,
        programme=DevelopmentProgrammeKind(programme).label,
        year=academic_year_label(started_year),
    )
    return _invalid("programme", message, "duplicate")


def development_programme_record(
    *,
    person: Person,
    programme: str,
    phase: str,
    cohort: str,
    started_year: int,
    completed_on: dt.date | None = None,
    accredited_on: dt.date | None = None,
    hub: Hub | None = None,
    by: Any,
) -> DevelopmentProgramme:
    """Record that an LLME started a development programme (2023/24 handbook, "LLME
    development programmes"): Mastery Specialist (with its phase and cohort), NCETM PD
    Lead or School Development Lead; completed and accredited dates when known. A
    programme is completed no earlier than the start of the year it started, and
    accredited only once completed. `hub` is the hub the start counts for."""
    _check_may_edit(by, person)
    cohort = (cohort or "").strip()
    _clean_programme(
        programme=programme,
        phase=phase,
        cohort=cohort,
        started_year=started_year,
        completed_on=completed_on,
        accredited_on=accredited_on,
    )
    try:
        with transaction.atomic():
            return DevelopmentProgramme.objects.create(
                person=person,
                programme=programme,
                phase=phase,
                cohort=cohort,
                hub=hub,
                started_year=started_year,
                completed_on=completed_on,
                accredited_on=accredited_on,
            )
    except IntegrityError as exc:
        raise _already_recorded(person, programme, started_year) from exc


def development_programme_update(
    *,
    record: DevelopmentProgramme,
    programme: str,
    phase: str,
    cohort: str,
    started_year: int,
    completed_on: dt.date | None = None,
    accredited_on: dt.date | None = None,
    by: Any,
) -> DevelopmentProgramme:
    """Change a development programme record: the same checks as recording one. Its hub
    stays the one it was recorded for."""
    _check_may_edit(by, record.person)
    cohort = (cohort or "").strip()
    _clean_programme(
        programme=programme,
        phase=phase,
        cohort=cohort,
        started_year=started_year,
        completed_on=completed_on,
        accredited_on=accredited_on,
    )
    try:
        with transaction.atomic():
            locked = DevelopmentProgramme.objects.select_for_update().get(pk=record.pk)
            locked.programme, locked.phase, locked.cohort = programme, phase, cohort
            locked.started_year = started_year
            locked.completed_on, locked.accredited_on = completed_on, accredited_on
            locked.save()
    except IntegrityError as exc:
        raise _already_recorded(record.person, programme, started_year) from exc
    return locked
