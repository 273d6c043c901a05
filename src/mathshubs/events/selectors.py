"""Reads of events that depend on who asks (2023/24 handbook, "Practicalities": the Events
menu's Eligible, Upcoming and Past tabs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.directory.models import Person
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids
from mathshubs.events.models import (
    Event,
    EventComment,
    EventDocument,
    EventFormat,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.rules import (
    can_organise_event,
    can_view_event_attendees,
    can_view_event_requirements,
    confirmation_deadline,
    confirmation_open,
)


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


# The Organising tab: events you organise, from this many days ago (attendance is recorded
# after the event) onwards.
ORGANISING_FROM_DAYS = 56


def organised_condition(user: Any) -> Q:
    """The events this user organises, as a filter: the same people as
    `rules.organises_event` (named organisers, the activity's leads, the hub's staff, the
    national team for national events)."""
    condition = Q(pk__in=[])
    if is_national(user):
        condition |= Q(hub__isnull=True)
    if hubs := staff_hub_ids(user):
        condition |= Q(hub_id__in=hubs)
    person = person_of(user)
    if person is not None:
        named = Event.organisers.through.objects.filter(person=person).values("event_id")
        led = Activity.leads.through.objects.filter(person=person).values("activity_id")
        condition |= Q(pk__in=named) | Q(activity_id__in=led)
    return condition


def events_organised(*, user: Any, now: dt.datetime) -> QuerySet[Event]:
    """The Organising tab: events this user organises, from ORGANISING_FROM_DAYS ago on,
    soonest first, with their confirmed places counted; one query."""
    since = now - dt.timedelta(days=ORGANISING_FROM_DAYS)
    return (
        Event.objects.filter(organised_condition(user), starts_at__gte=since)
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .select_related("activity", "hub", "ncp")
        .order_by("starts_at", "pk")
    )


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
    # The EXISTS annotation answers "confirmed?" per row; as a filter, an IN over the
    # person's confirmed registrations lets the database start from that index instead of
    # reading every past event.
    confirmed_ids = Registration.objects.filter(
        person=person, status=RegistrationStatus.CONFIRMED
    ).values("event_id")
    mine = eligible_condition(person) | Q(pk__in=confirmed_ids)
    if tab == "eligible":
        chosen = events.filter(
            eligible_condition(person), confirmed=False, cancelled_at__isnull=True
        ).filter(starts_at__gt=now)
    elif tab == "upcoming":
        chosen = events.filter(pk__in=confirmed_ids, starts_at__gt=now)
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


# --- The participant's pages (the Events menu and the event page with its tabs) ---------


def events_page(*, person: Person, tab: str, now: dt.datetime) -> QuerySet[Event]:
    """`events_tab` with this person's own reply on each event (`my_status`: waiting,
    offered...), still one query."""
    mine = Registration.objects.filter(event=OuterRef("pk"), person=person).values("status")
    return events_tab(person=person, tab=tab, now=now).annotate(my_status=Subquery(mine[:1]))


def eligible_people(event: Event) -> QuerySet[Person]:
    """The people `eligible_condition` makes eligible for this event, seen from the event."""
    condition = Q(pk__in=Invitation.objects.filter(event=event).values("person_id"))
    leads = Activity.leads.through.objects
    if event.activity_id is not None:
        takes_part = Participation.objects.filter(activity_id=event.activity_id).exclude(
            status=EnrolmentStatus.WITHDRAWN
        )
        condition |= Q(pk__in=takes_part.values("person_id"))
        condition |= Q(pk__in=leads.filter(activity_id=event.activity_id).values("person_id"))
    elif event.ncp_id is not None:
        condition |= Q(pk__in=leads.filter(activity__ncp_id=event.ncp_id).values("person_id"))
    return Person.objects.filter(condition)


def event_counts(event: Event) -> dict[str, int]:
    """The Reports tab's figures (and the places taken), as one aggregate query: eligible
    people, and registrations confirmed, offered, waiting, cancelled and attended."""
    eligible = (
        eligible_people(event).order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    )
    by_status = {
        status: Count("registrations", filter=Q(registrations__status=status))
        for status in RegistrationStatus.values
    }
    return (
        Event.objects.filter(pk=event.pk)
        .annotate(
            eligible=Subquery(eligible, output_field=IntegerField()),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
            **by_status,
        )
        .values("eligible", "attended", *by_status)
        .get()
    )


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


def event_contact(event: Event) -> Contact:
    """Whom to contact about an event: its own contact, else its hub, else its organisers;
    "your Maths Hub" when there is nobody named."""
    if event.contact_email or event.contact_name:
        return Contact(event.contact_name, event.contact_email)
    hub = event.hub if event.hub_id is not None else None
    if hub is not None and hub.email:
        return Contact(hub.name, hub.email)
    organiser = event.organisers.order_by("pk").first()
    if organiser is not None:
        return Contact(organiser.full_name, organiser.email)
    return Contact("your Maths Hub", "")


def event_attendees(event: Event) -> QuerySet[Registration]:
    """Confirmed attendees with their name and institution (the Participants tab): never
    their requirements."""
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person__institution")
        .only(
            "event_id",
            "status",
            "person__first_name",
            "person__last_name",
            "person__institution__name",
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


REQUIREMENTS_FORBIDDEN = (
    "Only the event's organisers can see attendees' requirements. For a Maths Hub's event "
    "that is the hub's staff and the activity's leads, not the national team"
)
REQUIREMENTS_ONLY_FACE_TO_FACE = "Requirements are collected for face-to-face events only."


def event_requirements(*, user: Any, event: Event) -> QuerySet[Registration]:
    """Everyone's requirements for an event (sensitive personal data), for the people
    `rules.can_view_event_requirements` allows and nobody else: refused (403) for anyone
    who may see the event but not them. The event page, the catering list and any export
    read them through here only."""
    if not can_view_event_requirements(user, event):
        raise PermissionDenied(REQUIREMENTS_FORBIDDEN)
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)


def requirements_given(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Those of `registrations` with any requirement written, by name."""
    given = Q()
    for name in ("dietary_requirements", "access_requirements", "other_requirements"):
        given |= ~Q(**{name: ""})
    return (
        registrations.filter(given)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def access_event_requirements(*, user: Any, event_id: int) -> tuple[Event, QuerySet[Registration]]:
    """A face-to-face event and its confirmed registrations with their requirements, for
    the people who may read them (`event_requirements`); 404 as from `access_event`."""
    event = access_event(user=user, event_id=event_id)
    if event.is_online:
        raise Http404(REQUIREMENTS_ONLY_FACE_TO_FACE)
    return event, event_requirements(user=user, event=event)


@dataclass
class EventPage:
    """What the event page shows to one person, with the tabs they may open."""

    event: Event
    registration: Registration | None
    eligible: bool
    deadline: dt.datetime
    open: bool
    ended: bool
    organiser: bool
    sees_attendees: bool
    sees_reports: bool
    sees_requirements: bool
    counts: dict[str, int]
    contact: Contact
    documents: list[EventDocument] = field(default_factory=list)
    comments: list[EventComment] = field(default_factory=list)
    attendees: list[Registration] = field(default_factory=list)
    requirements: list[Registration] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.registration.status if self.registration else ""

    @property
    def confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def places_left(self) -> int | None:
        if self.event.capacity is None:
            return None
        taken = self.counts[RegistrationStatus.CONFIRMED] + self.counts[RegistrationStatus.OFFERED]
        return max(self.event.capacity - taken, 0)

    @property
    def full(self) -> bool:
        return self.places_left == 0

    @property
    def shows_requirements(self) -> bool:
        return not self.event.is_online and (self.confirmed or self.sees_requirements)

    @property
    def tabs(self) -> list[tuple[str, str]]:
        """The tabs at the foot of the page this person may open, as (id, label); none for
        someone who has not confirmed and does not organise (or report on) the event."""
        if not (self.sees_attendees or self.sees_reports):
            return []
        shown = [
            ("documents", "Documents", self.sees_attendees),
            ("comments", "Comments", self.sees_attendees),
            ("requirements", "Requirements", self.shows_requirements),
            ("participants", "Participants", self.sees_attendees),
            ("reports", "Reports", self.sees_reports),
            ("contact", "Contact", True),
        ]
        return [(key, label) for key, label, shown_here in shown if shown_here]


def event_page(*, user: Any, event: Event, now: dt.datetime) -> EventPage:
    """The event page for `user` (who may see `event`, from `access_event`). Tabs open once
    they have confirmed (2023/24 handbook, Practicalities) or when they organise it; the
    reports go to organisers and the national team; requirements to their own person and
    the organisers only."""
    person = person_of(user)
    registration = (
        Registration.objects.filter(event=event, person=person).first() if person else None
    )
    organiser = bool(can_organise_event(user, event))
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    page = EventPage(
        event=event,
        registration=registration,
        eligible=person is not None and is_eligible(person=person, event=event),
        deadline=confirmation_deadline(event),
        open=confirmation_open(event, now),
        ended=now >= event.ends_at,
        organiser=organiser,
        sees_attendees=organiser or confirmed,
        sees_reports=organiser or is_national(user),
        sees_requirements=organiser and bool(can_view_event_requirements(user, event)),
        counts=event_counts(event),
        contact=event_contact(event),
    )
    if page.sees_attendees:
        page.documents = list(event.documents.select_related("uploaded_by"))
        page.comments = list(event.comments.select_related("author"))
        page.attendees = list(event_attendees(event))
    if page.sees_requirements and not event.is_online:
        page.requirements = list(requirements_given(event_requirements(user=user, event=event)))
    return page


DOCUMENT_NOT_FOUND = "There is no document like that for this event."


def access_document(*, user: Any, event_id: int, document_id: int) -> EventDocument:
    """A document of an event, for its organisers and confirmed attendees only; 404 for
    anyone else, a forged id or another event's document."""
    event = access_event(user=user, event_id=event_id)
    if not can_view_event_attendees(user, event):
        raise Http404(DOCUMENT_NOT_FOUND)
    document = EventDocument.objects.filter(event=event, pk=document_id).first()
    if document is None:
        raise Http404(DOCUMENT_NOT_FOUND)
    return document


LINK_NOT_FOUND = "There is no join link like that, or it is not yours."


def access_own_link(*, user: Any, token: str) -> Registration:
    """The registration behind a Connect link, for its own person while they are confirmed
    for an online event; 404 for anyone else's link or a wrong token."""
    person = person_of(user)
    registration = (
        Registration.objects.filter(
            person=person,
            link_token=token,
            status=RegistrationStatus.CONFIRMED,
            event__format=EventFormat.ONLINE,
        )
        .exclude(link_token="")
        .select_related("event__hub")
        .first()
        if person is not None and token
        else None
    )
    if registration is None:
        raise Http404(LINK_NOT_FOUND)
    return registration


def access_organised_event(*, user: Any, event_id: int, action: str = "do that") -> Event:
    """The event, if this user organises it (rules.can_organise_event). Someone who may
    see the event but not organise it is refused (403) with what only organisers can do;
    anyone else gets 404, as from `access_event`."""
    from mathshubs.events.rules import can_organise_event

    event = access_event(user=user, event_id=event_id)
    if not can_organise_event(user, event):
        raise PermissionDenied(f"Only the event's organisers can {action}.")
    return event
