"""Reads of events that depend on who asks (2023/24 handbook, "Practicalities": the Events
menu's Eligible, Upcoming and Past tabs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.directory.models import Person
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids
from mathshubs.events.models import Event, Invitation, Registration, RegistrationStatus


def eligible_condition(person: Person) -> Q:
    """Who may attend an event (ISSUE 5, part 2; DOMAIN.md, "The portal"): the people who
    take part in or lead the activity it belongs to; for an NCP's national workshops, the
    people leading an activity of that NCP (its year's code); and anyone invited."""
    leads = Activity.leads.through.objects.filter(person=person).values("activity_id")
    takes_part = (
        Participation.objects.filter(person=person)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .values("activity_id")
    )
    led_ncps = Activity.objects.filter(leads=person, ncp__isnull=False).values("ncp_id")
    invited = Invitation.objects.filter(person=person).values("event_id")
    return (
        Q(activity_id__in=leads)
        | Q(activity_id__in=takes_part)
        | Q(activity__isnull=True, ncp_id__in=led_ncps)
        | Q(pk__in=invited)
    )


def is_eligible(*, person: Person, event: Event) -> bool:
    return Event.objects.filter(eligible_condition(person), pk=event.pk).exists()


def _confirmed_by(person: Person) -> Exists:
    return Exists(
        Registration.objects.filter(
            event=OuterRef("pk"), person=person, status=RegistrationStatus.CONFIRMED
        )
    )


def events_tab(*, person: Person, tab: str, now: dt.datetime) -> QuerySet[Event]:
    """One tab of the Events menu, as one query:
    - eligible: events this person may attend, not confirmed, not cancelled, to come;
    - upcoming: events they confirmed, to come;
    - past: events they were eligible for or confirmed, already started.
    """
    events = Event.objects.annotate(confirmed=_confirmed_by(person))
    mine = eligible_condition(person) | Q(confirmed=True)
    if tab == "eligible":
        chosen = events.filter(
            eligible_condition(person), confirmed=False, cancelled_at__isnull=True
        ).filter(starts_at__gt=now)
    elif tab == "upcoming":
        chosen = events.filter(confirmed=True, starts_at__gt=now)
    elif tab == "past":
        chosen = events.filter(mine, starts_at__lte=now).order_by("-starts_at", "-pk")
    else:
        raise ValueError(f"unknown tab {tab!r}: eligible, upcoming or past")
    return chosen.select_related("activity", "hub", "ncp")


EVENT_NOT_FOUND = "There is no event with that id, or you are not invited to it."


def access_event(*, user: Any, event_id: int) -> Event:
    """The event, if this user may see it: the people eligible for it or registered, the
    staff of its hub, the national team. Anyone else gets 404, the same as a missing one."""
    person = person_of(user)
    if person is None:
        raise Http404(EVENT_NOT_FOUND)
    registered = Registration.objects.filter(person=person).values("event_id")
    condition = eligible_condition(person) | Q(pk__in=registered)
    if is_national(user):
        condition = Q()
    elif hubs := staff_hub_ids(user):
        condition |= Q(hub__in=hubs)
    event = (
        Event.objects.filter(condition, pk=event_id)
        .select_related("activity", "hub", "ncp")
        .first()
    )
    if event is None:
        raise Http404(EVENT_NOT_FOUND)
    return event
