"""Who may see and change hub activities (ISSUE 4, "Hub activities"; README, "Privacy and access").

- the national team sees and manages every activity;
- hub staff see and manage their hub's activities;
- an LLME sees the activities they lead (and may record their own participants' details
  only through hub staff: leads do not enrol schools);
- a participant sees the activities they take part in, and only their own record in it.
Grants are the hub's finances: hub staff of that hub and the national team.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from mathshubs.activities.models import Activity
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids


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
