"""The programme's rules for events, and who may do what with an event.

- An event's **organisers** are the people named as its organisers, the leads of its
  activity, the staff of its hub, and for national events (no hub) the national team.
  They edit it, invite, upload documents, see requirements (sensitive: no one else does),
  record attendance and read its reports.
- The national team reads every event's reports, but not the requirements of hub events,
  even an event it created or is named an organiser of (`sees_requirements`).
- Attendees (confirmed) see its documents, comments, participants and contact.
- Who may **create** an event: for an activity, its hub's staff, its leads and the national
  team; a national event (no activity), the national team only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules

from mathshubs.activities.rules import can_manage_activity, leads_activity
from mathshubs.dates import LONDON, end_of_day, working_days_before
from mathshubs.directory.rules import (
    has_programme_role,
    is_national,
    person_of,
    staff_hub_ids,
)
from mathshubs.events.models import Event, EventFormat, Registration, RegistrationStatus


@rules.predicate
def organises_event(user: Any, event: Event | None) -> bool:
    if event is None:
        return False
    if event.hub_id is None:
        if is_national(user):
            return True
    elif event.hub_id in staff_hub_ids(user):
        return True
    me = person_of(user)
    if me is None:
        return False
    if event.organisers.filter(pk=me.pk).exists():
        return True
    activity = event.activity
    return activity is not None and activity.leads.filter(pk=me.pk).exists()


@rules.predicate
def attends_event(user: Any, event: Event | None) -> bool:
    """Confirmed a place (the handbook's tabs open "once you have confirmed")."""
    me = person_of(user)
    return (
        me is not None
        and event is not None
        and Registration.objects.filter(
            event=event, person=me, status=RegistrationStatus.CONFIRMED
        ).exists()
    )


@rules.predicate
def sees_requirements(user: Any, event: Event | None) -> bool:
    """Whose requirements (dietary, access: sensitive personal data) this user may read
    besides their own: an event's organisers, except that for a hub event the national
    team's role never counts, even when they created the event or are named among its
    organisers (ADR 0009); it does for a national event. A national team member who also
    leads the activity or works for the hub reads them in that role."""
    if event is None or not organises_event(user, event):
        return False
    if event.hub_id is None or not is_national(user):
        return True
    if event.hub_id in staff_hub_ids(user):
        return True
    me = person_of(user)
    activity = event.activity
    return me is not None and activity is not None and activity.leads.filter(pk=me.pk).exists()


can_organise_event = organises_event
can_view_event_requirements = sees_requirements
can_view_event_reports = organises_event | rules.predicate(is_national)
can_view_event_attendees = organises_event | attends_event

# 2023/24 handbook, Practicalities: "For online events you need to confirm your attendance
# at least two working days before your event"; "For face-to-face events ... at least ten
# working days before your event".
CONFIRM_WORKING_DAYS: dict[str, int] = {EventFormat.ONLINE: 2, EventFormat.FACE_TO_FACE: 10}


def confirmation_deadline(event: Event) -> dt.datetime:
    """The last moment to confirm (or cancel) attendance: 23:59 Europe/London at the end of
    the working day that lies 2 (online) or 10 (face to face) working days before the
    event's date, counting back over working days only (2023/24 handbook,
    "Practicalities"; ISSUE 5, part 3). Working days: Monday to Friday except England and
    Wales bank holidays. An online event on Thursday 7 March 2024 can be confirmed until
    Tuesday 5 March 2024, 23:59.
    """
    event_day = event.starts_at.astimezone(LONDON).date()
    return end_of_day(working_days_before(event_day, CONFIRM_WORKING_DAYS[event.format]))


def confirmation_open(event: Event, now: dt.datetime) -> bool:
    """Whether `now` is still in time to confirm or cancel (the deadline's minute counts)."""
    return event.cancelled_at is None and now <= confirmation_deadline(event)


# Who may create an event (ISSUE 5, part 1). An activity's event: the people who manage the
# activity (its hub's staff, the national team) and its leads. A national event (a national
# workshop, a webinar, a residential, a network event): the national team only.
can_create_activity_event = can_manage_activity | leads_activity
can_create_national_event = rules.predicate(is_national)


# Who gets the Events page's Organising tab: the people who may organise events at all
# (the roles are read once a request, so this costs no query on the Events page).
can_organise_somewhere = has_programme_role
