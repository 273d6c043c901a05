"""Personal calendar feeds (ISSUE 5, part 9): a secret address that a calendar app
subscribes to, listing the person's confirmed events. Calendar apps cannot sign in, so the
address itself is the key: long, random, and revocable (revoking deletes it; a new one
gets a new token, and the old address answers 404 from then on)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from mathshubs.directory.models import Person
from mathshubs.events.models import CalendarFeed, Event, RegistrationStatus

# Past events stay in the feed this long, so a calendar keeps the recent ones.
FEED_PAST_DAYS = 90


def _token_new() -> str:
    return secrets.token_urlsafe(32)


def calendar_feed_create(*, person: Person) -> CalendarFeed:
    """The person's calendar address: the one they have, or a new one."""
    feed = CalendarFeed.objects.filter(person=person).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(person=person, token=_token_new())
    except IntegrityError:  # made at the same moment by another request
        return CalendarFeed.objects.get(person=person)


def calendar_feed_revoke(*, person: Person) -> bool:
    """Delete the person's calendar address; True if there was one."""
    deleted, _ = CalendarFeed.objects.filter(person=person).delete()
    return bool(deleted)


def calendar_feed_events(*, token: str, now: dt.datetime) -> QuerySet[Event] | None:
    """The events of the feed with this token: its person's confirmed events from
    FEED_PAST_DAYS ago on (a cancelled one too, marked cancelled, so calendars drop it),
    in one query; None for an unknown or revoked token."""
    person_id = CalendarFeed.objects.filter(token=token).values_list("person_id", flat=True).first()
    if person_id is None:
        return None
    return (
        Event.objects.select_related("activity", "ncp")
        .filter(
            registrations__person_id=person_id,
            registrations__status=RegistrationStatus.CONFIRMED,
            ends_at__gte=now - dt.timedelta(days=FEED_PAST_DAYS),
        )
        .order_by("starts_at", "pk")
    )
