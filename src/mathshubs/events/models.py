"""Events and registrations (2023/24 handbook, "Practicalities"; DOMAIN.md, "The portal").

An event is a session of a hub activity (a Work Group meeting, a programme day) or a
national event (an NCP's national workshop, a webinar, a residential, a network event).
People register for events they are eligible for; a registration holds their
confirmation, their join link for online events, their requirements for face-to-face
ones (sensitive: erased after the event) and their attendance.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from mathshubs.activities.models import Activity
from mathshubs.catalogue.models import NCP
from mathshubs.directory.models import Hub, Person


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    FACE_TO_FACE = "face_to_face", "Face to face"


class EventKind(models.TextChoices):
    SESSION = "session", "Activity session"
    NATIONAL_WORKSHOP = "national_workshop", "National workshop"
    WEBINAR = "webinar", "Webinar"
    RESIDENTIAL = "residential", "Residential"
    NETWORK_EVENT = "network_event", "Network event"


class Event(models.Model):
    """A session of a hub activity (`activity` set) or a national event (`ncp` set for an
    NCP's national workshops; neither for other national and network events)."""

    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.SESSION)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    ncp = models.ForeignKey(
        NCP, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    # Aware datetimes, stored in UTC, shown in Europe/London.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=12, choices=EventFormat.choices)
    venue = models.CharField(max_length=255, blank=True)
    address = models.TextField(blank=True)
    # Online events: the meeting's own link. Each confirmed person's Connect button goes to
    # the platform's redirect (recording the click), then to their own Zoom registrant link
    # if the organiser entered one, else to this.
    meeting_url = models.URLField(max_length=1000, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Blank: no limit")
    organisers = models.ManyToManyField(Person, related_name="organised_events", blank=True)
    contact_name = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(blank=True)
    # Attendance from a videoconference report counts when a person was there this long.
    minimum_minutes = models.PositiveSmallIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Why the organiser cancelled it: shown on the event's page and in the email.
    cancellation_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Emails already sent for this event (so a re-run of a task never sends twice).
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["activity", "starts_at"]),
            models.Index(fields=["ncp", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def full_title(self) -> str:
        """The title with what it belongs to, for places seen out of context (calendars,
        email subjects): "Mastery Readiness Work Group: Southwark: Session 2 of 4". Needs
        `activity` and `ncp` loaded (select_related) to cost no query."""
        owner = self.activity or self.ncp
        prefix = owner.title if owner is not None else ""
        if not prefix or self.title.startswith(prefix):
            return self.title
        return f"{prefix}: {self.title}"

    @property
    def is_online(self) -> bool:
        return self.format == EventFormat.ONLINE


class Invitation(models.Model):
    """An explicit invitation, for someone not made eligible by an activity or an NCP."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_invitation")]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"


class AttendanceSource(models.TextChoices):
    REGISTER = "register", "Register"
    REPORT = "report", "Videoconference report"
    GROUP = "group", "Joined with a group"
    MANUAL = "manual", "Matched by hand"


class Registration(models.Model):
    """One person's reply to one event, with what follows from it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    # Online events: the person's own join link (a Zoom registrant URL, or the platform's
    # redirect by `link_token`, which records the click).
    join_url = models.URLField(max_length=1000, blank=True)
    link_token = models.CharField(max_length=64, blank=True, db_index=True)
    # Face-to-face events: sensitive personal data, erased after the event.
    dietary_requirements = models.TextField(blank=True)
    access_requirements = models.TextField(blank=True)
    other_requirements = models.TextField(blank=True)
    requirements_erased_at = models.DateTimeField(null=True, blank=True)
    # Waiting list: a freed place is offered to the first waiting, who must confirm it by
    # the event's confirmation deadline.
    offered_at = models.DateTimeField(null=True, blank=True)
    link_clicked_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    minutes_attended = models.PositiveIntegerField(null=True, blank=True)
    attendance_source = models.CharField(
        max_length=12, choices=AttendanceSource.choices, blank=True
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_registration")]
        indexes = [
            models.Index(fields=["person", "status"]),
            models.Index(fields=["event", "status"]),
        ]


def event_document_path(document: EventDocument, filename: str) -> str:
    return f"events/{document.event_id}/{filename}"


class EventDocument(models.Model):
    """A file the organisers share with the event's confirmed attendees (the Documents tab).
    Stored outside the public static files: downloads go through a view that checks access."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to=event_document_path, max_length=500)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]


class EventComment(models.Model):
    """One message in an event's comment thread (the Comments tab)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="event_comments")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "created_at"])]


class CalendarFeed(models.Model):
    """A person's secret calendar address: their confirmed events as an iCalendar feed.
    Revoking it deletes the row; a new one gets a new token."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)


class AttendanceImport(models.Model):
    """One videoconference attendance report imported for an event, with the rows that
    matched no one (for matching by hand). A new import of the same event replaces what
    the previous one recorded, so re-running never double counts."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_imports")
    filename = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    # [{"name": ..., "email": ..., "minutes": ...}, ...]
    unmatched = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
