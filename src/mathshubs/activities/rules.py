"""Who may see and change hub activities (ISSUE 4, "Hub activities"; README, "Privacy and access").

- the national team sees and manages every activity;
- hub staff see and manage their hub's activities;
- an LLME sees the activities they lead (and may record their own participants' details
  only through hub staff: leads do not enrol schools);
- a participant sees the activities they take part in, and only their own record in it.
Grants are the hub's finances: hub staff of that hub and the national team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import rules
from django.db.models import Q, QuerySet

from mathshubs.activities.models import Activity, ActivityType
from mathshubs.catalogue.models import NCP
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import is_hub_staff, is_national, person_of, staff_hub_ids


@rules.predicate
def is_staff_of_activity_hub(user: Any, activity: Activity | None) -> bool:
    return activity is not None and activity.hub_id in staff_hub_ids(user)


@rules.predicate
def leads_activity(user: Any, activity: Activity | None) -> bool:
    me = person_of(user)
    return me is not None and activity is not None and activity.leads.filter(pk=me.pk).exists()


@rules.predicate
def takes_part_in_activity(user: Any, activity: Activity | None) -> bool:
    me = person_of(user)
    return (
        me is not None
        and activity is not None
        and activity.participations.filter(person=me).exists()
    )


@rules.predicate
def is_staff_of_hub(user: Any, hub: Hub | None) -> bool:
    return hub is not None and hub.pk in staff_hub_ids(user)


can_manage_activity = is_national | is_staff_of_activity_hub
can_view_activity_people = can_manage_activity | leads_activity
can_view_activity = can_view_activity_people | takes_part_in_activity
# Planning a hub's year (run a project, create a local activity).
can_plan_for_hub = is_national | is_staff_of_hub
can_view_hub_grants = is_national | is_staff_of_hub

rules.add_perm("activities.manage_activity", can_manage_activity)
rules.add_perm("activities.view_activity_people", can_view_activity_people)
rules.add_perm("activities.view_activity", can_view_activity)
rules.add_perm("activities.plan_for_hub", can_plan_for_hub)
rules.add_perm("activities.view_hub_grants", can_view_hub_grants)


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """Every activity this user may see, as one query (for lists and the API)."""
    me = person_of(user)
    if me is None:
        return Activity.objects.none()
    if is_national(user):
        return Activity.objects.all()
    condition = Q(pk__in=Activity.leads.through.objects.filter(person=me).values("activity_id"))
    condition |= Q(pk__in=me.participations.values("activity_id"))
    hubs = staff_hub_ids(user)
    if hubs:
        condition |= Q(hub__in=hubs)
    return Activity.objects.filter(condition)


# --- Planning: who may plan for which hubs ---------------------------------------------------

# Running a project or creating a local activity needs a hub to plan for: the national
# team plans for any hub, hub staff for their own.
can_plan_somewhere = is_national | is_hub_staff
rules.add_perm("activities.plan", can_plan_somewhere)


def hubs_planned_by(user: Any) -> QuerySet[Hub]:
    """The hubs this user may plan activities for (every hub for the national team)."""
    if is_national(user):
        return Hub.objects.order_by("name")
    return Hub.objects.filter(pk__in=staff_hub_ids(user)).order_by("name")


# --- The programme's rules for activities ----------------------------------------------------
# Each is one named unit; services and pages call these and never restate them.

SCHOOLS_TYPICAL_LEAD_PARTICIPANTS = 2


def joins_any_time(activity: Activity) -> bool:
    """Schools may join at any point in the year: Targeted Support in Maths (2023/24 handbook,
    "Intensive Support": "identified schools ... can join at any point in the year").

    For a catalogue project the NCP says so (`joins_any_time`); a local activity of the
    Intensive Support type is treated the same way.
    """
    ncp = activity.ncp if activity.ncp_id is not None else None
    if ncp is not None:
        return bool(ncp.joins_any_time)
    return activity.activity_type == ActivityType.INTENSIVE_SUPPORT


def enrolment_closes_on(activity: Activity) -> dt.date | None:
    """The last day a school may join: the end of the autumn term (31 December of the
    academic year), so that a Work Group's schools start the year's work together
    (ISSUE 4, "Hub activities"). None when schools join at any time."""
    if joins_any_time(activity):
        return None
    return dt.date(activity.academic_year, 12, 31)


def long_date(day: dt.date) -> str:
    """31 December 2023 (GOV.UK date style)."""
    return f"{day.day} {day:%B %Y}"


def criteria_missing(ncp: NCP | None, met: Collection[str]) -> tuple[list[str], int]:
    """The participant criteria a school does not meet (NCP handbook 2019/20, section G;
    Mastery Readiness: "not previously in a TfM Work Group" is essential, plus at least
    one other).

    Returns the labels of the essential criteria not met, and how many more of the other
    criteria must be met (0 when enough are).
    """
    if ncp is None or not ncp.participant_criteria:
        return [], 0
    met = set(met)
    essential = [c for c in ncp.participant_criteria if c.get("essential")]
    others = [c for c in ncp.participant_criteria if not c.get("essential")]
    missing = [c["label"] for c in essential if c["key"] not in met]
    others_met = sum(1 for c in others if c["key"] in met)
    needed = min(ncp.criteria_minimum_other, len(others))
    return missing, max(needed - others_met, 0)


def criteria_hint(ncp: NCP | None) -> str:
    """The criteria rule in words, for the enrolment form."""
    if ncp is None or not ncp.participant_criteria:
        return ""
    others = [c for c in ncp.participant_criteria if not c.get("essential")]
    needed = min(ncp.criteria_minimum_other, len(others))
    essential = any(c.get("essential") for c in ncp.participant_criteria)
    parts = ["every essential criterion"] if essential else []
    if needed:
        parts.append(f"at least {needed} of the others" if essential else f"at least {needed}")
    return f"The school must meet {' and '.join(parts)}." if parts else ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def model_size_warning(activity: Activity, schools: int) -> str:
    """A warning when an activity has fewer or more schools than its project's model
    (NCP handbook 2019/20, section F "Model": e.g. "a minimum of five and a maximum of
    eight schools"). Empty when within the model, or when the project states none.

    Outside the model is allowed: the hub knows its schools. The warning says so plainly:
    "This Work Group has 9 schools. The project's model is 5 to 8 schools."
    """
    ncp = activity.ncp if activity.ncp_id is not None else None
    if ncp is None:
        return ""
    low, high = ncp.model_min_schools, ncp.model_max_schools
    if low is None and high is None and ncp.model_size:
        low = high = ncp.model_size
    if (low is None or schools >= low) and (high is None or schools <= high):
        return ""
    if low is not None and high is not None:
        model = _count(low, "school") if low == high else f"{low} to {_count(high, 'school')}"
    elif low is not None:
        model = f"at least {_count(low, 'school')}"
    else:
        model = f"at most {_count(high or 0, 'school')}"
    noun = activity.get_activity_type_display()
    has = "no schools" if schools == 0 else _count(schools, "school")
    return f"This {noun} has {has}. The project's model is {model}."


def lead_participant_warning(institution_name: str, lead_participants: int) -> str:
    """Typically two lead participants come from each school (annual report 2022/23,
    "Typically, two lead participants from each school"): other numbers are shown, never
    refused."""
    if lead_participants == SCHOOLS_TYPICAL_LEAD_PARTICIPANTS:
        return ""
    count = (
        "no lead participants"
        if lead_participants == 0
        else _count(lead_participants, "lead participant")
    )
    return f"{institution_name} has {count}. Schools typically have two."


_PLURALS = {
    "Groups": "Group",
    "Programmes": "Programme",
    "Communities": "Community",
    "Cohorts": "Cohort",
    "Projects": "Project",
}


def hub_short_name(hub: Hub) -> str:
    """'North Test Maths Hub' -> 'North Test'."""
    name = hub.name.strip()
    return name[: -len(" Maths Hub")].strip() if name.endswith(" Maths Hub") else name


def default_activity_title(hub: Hub, ncp: NCP) -> str:
    """A hub's run of a project is named after both: "North Mastery Readiness Work Group".

    The catalogue names projects in the plural ("Mastery Readiness Work Groups") since a
    project has many runs; one run takes the singular of the last word when it is one of
    the programme's nouns, and the title otherwise.
    """
    words = ncp.title.split()
    if words and words[-1] in _PLURALS:
        words[-1] = _PLURALS[words[-1]]
    return f"{hub_short_name(hub)} {' '.join(words)}".strip()
