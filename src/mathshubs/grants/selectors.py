"""Reads of grants: an activity's grant, a hub's grants for a year, and who may see them.

Grants are the hub's finances: the national team and the staff of that hub see them
(`activities.rules.can_view_hub_grants`); to everyone else an activity's grant or a hub's
summary looks exactly like a missing one (404). What a project would pay an activity of a
given size is public, like the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from pydantic import ValidationError as PydanticValidationError

from mathshubs.activities.models import Activity, ActivitySchool, EnrolmentStatus, Participation
from mathshubs.activities.rules import can_view_hub_grants, model_size_warning
from mathshubs.activities.selectors import current_count_of
from mathshubs.catalogue.models import NCP
from mathshubs.dates import (
    academic_year_label,
    academic_year_slug,
    parse_academic_year_slug,
)
from mathshubs.directory.models import Hub
from mathshubs.directory.selectors import find_hub_by_ref
from mathshubs.grants.rules import (
    ZERO,
    FunderTotal,
    GrantBreakdown,
    GrantInputError,
    GrantLine,
    as_finances,
    funder_totals,
    grant_for,
    without_role_rules,
)
from mathshubs.grants.schema import FUNDER_LABELS

ACTIVITY_NOT_FOUND = "There is no activity with that id, or you cannot see its grant."
HUB_NOT_FOUND = "There is no Maths Hub with that id or slug, or you cannot see its grants."
YEAR_NOT_VALID = "Enter the academic year like 2023-24."
LOCAL_ACTIVITY_NOTE = "Local activity: no national grant."
FINANCES_UNREADABLE = "This project's grant rules cannot be read: tell the national team."
ROLE_NOT_SET = "{problem} Until it is set, only the lines that do not depend on a role are shown."
PLAN_OUTSIDE_MODEL = "{schools} is outside the project's model of {model}."


year_slug = academic_year_slug


def parse_year_slug(text: str) -> int:
    """'2023-24' (or '2023/24') -> 2023; GrantInputError if it is not an academic year."""
    try:
        return parse_academic_year_slug(text)
    except Exception as error:
        raise GrantInputError(YEAR_NOT_VALID) from error


def _schools_text(number: int) -> str:
    return f"{number} school" if number == 1 else f"{number} schools"


def model_text(low: int | None, high: int | None) -> str:
    if low is not None and low == high:
        return _schools_text(low)
    if low is not None and high is not None:
        return f"{low} to {high} schools"
    if low is not None:
        return f"at least {_schools_text(low)}"
    return f"at most {_schools_text(high or 0)}"


def planning_model_warning(ncp: NCP, schools: int) -> str | None:
    """For planning: a warning when the number of schools is outside the project's model
    (e.g. "a minimum of five and a maximum of eight schools", NCP 19-11). A hub activity
    uses the activities app's `model_size_warning`, the same rule worded for an activity."""
    low, high = ncp.model_min_schools, ncp.model_max_schools
    if low is None and high is None and ncp.model_size:
        low = high = ncp.model_size
    if (low is not None and schools < low) or (high is not None and schools > high):
        return PLAN_OUTSIDE_MODEL.format(
            schools=_schools_text(schools), model=model_text(low, high)
        )
    return None


def with_grant_counts(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Activities with their NCP and the counts their grant needs, in the same query."""
    return activities.select_related("ncp").annotate(
        grant_schools=current_count_of(ActivitySchool),
        grant_participants=current_count_of(Participation),
    )


def activity_grant(activity: Activity) -> GrantBreakdown:
    """The grant of a hub activity: its project's rules applied to its schools (enrolled or
    completed: withdrawn schools do not count), its participants (not withdrawn) and its
    grant role. Uses `with_grant_counts` annotations when present, else counts (2 queries).
    """
    ncp = activity.ncp
    if ncp is None:
        return GrantBreakdown(notes=[LOCAL_ACTIVITY_NOTE])
    schools = getattr(activity, "grant_schools", None)
    if schools is None:
        schools = activity.schools.exclude(status=EnrolmentStatus.WITHDRAWN).count()
    participants = getattr(activity, "grant_participants", None)
    if participants is None:
        participants = activity.participations.exclude(status=EnrolmentStatus.WITHDRAWN).count()
    try:
        finances = as_finances(ncp.finances)
    except PydanticValidationError:
        return GrantBreakdown(
            schools=schools, participants=participants, warnings=[FINANCES_UNREADABLE]
        )
    arguments: dict[str, Any] = {
        "schools": schools,
        "participants": participants,
        "model_size": ncp.model_size,
    }
    try:
        breakdown = grant_for(finances=finances, role=activity.grant_role, **arguments)
    except GrantInputError as problem:
        breakdown = grant_for(finances=without_role_rules(finances), **arguments)
        breakdown.warnings.insert(0, ROLE_NOT_SET.format(problem=problem))
    warning = model_size_warning(activity, schools)
    if warning:
        breakdown.warnings.insert(0, warning)
    return breakdown


def ncp_grant(
    ncp: NCP, *, schools: int | None = None, role: str = "", participants: int | None = None
) -> GrantBreakdown:
    """What an activity of this project and size would get (planning; public). The number of
    schools defaults to the project's model size. GrantInputError for a bad role."""
    if schools is None:
        schools = ncp.model_size or 0
    breakdown = grant_for(
        finances=ncp.finances,
        schools=schools,
        role=role,
        participants=participants,
        model_size=ncp.model_size,
    )
    warning = planning_model_warning(ncp, schools)
    if warning:
        breakdown.warnings.insert(0, warning)
    return breakdown


# --- Access -------------------------------------------------------------------------------------


def access_activity_grant(*, user: Any, activity_id: int) -> Activity:
    """The activity, with its NCP and hub, if this user may see its grant; else 404."""
    activity = (
        with_grant_counts(Activity.objects.select_related("hub")).filter(pk=activity_id).first()
        if 0 < activity_id < 2**31
        else None
    )
    if activity is None or not can_view_hub_grants(user, activity.hub):
        raise Http404(ACTIVITY_NOT_FOUND)
    return activity


def access_hub_grants(*, user: Any, hub_ref: str) -> Hub:
    """The hub (by id or slug) if this user may see its grants; else 404."""
    ref = (hub_ref or "").strip()
    hub = find_hub_by_ref(ref) if len(ref) <= 100 and not (ref.isdigit() and len(ref) > 9) else None
    if hub is None or not can_view_hub_grants(user, hub):
        raise Http404(HUB_NOT_FOUND)
    return hub


def grant_visible_to(*, user: Any, activity: Activity) -> GrantBreakdown | None:
    """The activity's grant if this user may see it, else None (for the activity page)."""
    if not can_view_hub_grants(user, activity.hub):
        return None
    return activity_grant(activity)


# --- A hub's year -------------------------------------------------------------------------------


@dataclass
class ActivityGrantRow:
    activity: Activity
    grant: GrantBreakdown
    amounts: list[Decimal]  # one per funder column of the summary

    @property
    def schools(self) -> int:
        return self.grant.schools


@dataclass
class PerHubGrant:
    ncp: NCP
    line: GrantLine


@dataclass
class HubGrantSummary:
    hub: Hub
    year: int
    rows: list[ActivityGrantRow] = field(default_factory=list)
    per_hub: list[PerHubGrant] = field(default_factory=list)
    funders: list[tuple[str, str]] = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def year_slug(self) -> str:
        return year_slug(self.year)

    @property
    def lines(self) -> list[GrantLine]:
        return [line for row in self.rows for line in row.grant.lines] + [
            grant.line for grant in self.per_hub
        ]

    @property
    def activities_total(self) -> Decimal:
        return sum((row.grant.total for row in self.rows), ZERO)

    @property
    def per_hub_total(self) -> Decimal:
        return sum((grant.line.amount for grant in self.per_hub), ZERO)

    @property
    def total(self) -> Decimal:
        return self.activities_total + self.per_hub_total

    @property
    def totals_by_funder(self) -> list[FunderTotal]:
        return funder_totals(self.lines)

    @property
    def activity_totals_by_funder(self) -> list[Decimal]:
        return [sum((row.amounts[i] for row in self.rows), ZERO) for i in range(len(self.funders))]


def hub_grant_summary(*, hub: Hub, year: int) -> HubGrantSummary:
    """Every activity of the hub in the year with its grant, the per-hub grants once per
    project, and the totals by funder. One query for the activities, whatever their number.
    """
    activities = sorted(
        with_grant_counts(Activity.objects.filter(hub=hub, academic_year=year)),
        # Projects in the catalogue's order, local activities last.
        key=lambda a: (a.ncp is None, a.ncp.code if a.ncp else "", a.title, a.pk),
    )
    summary = HubGrantSummary(hub=hub, year=year)
    grants = [(activity, activity_grant(activity)) for activity in activities]
    seen: set[int] = set()
    for activity, grant in grants:
        ncp = activity.ncp
        if ncp is None or ncp.pk in seen:
            continue
        seen.add(ncp.pk)
        summary.per_hub.extend(PerHubGrant(ncp=ncp, line=line) for line in grant.per_hub_lines)
    used = {line.funder for _, grant in grants for line in grant.lines}
    used |= {grant.line.funder for grant in summary.per_hub}
    summary.funders = [(key, label) for key, label in FUNDER_LABELS.items() if key in used]
    for activity, grant in grants:
        by_funder = {total.funder: total.amount for total in grant.totals_by_funder}
        amounts = [by_funder.get(key, ZERO) for key, _ in summary.funders]
        summary.rows.append(ActivityGrantRow(activity=activity, grant=grant, amounts=amounts))
    return summary
