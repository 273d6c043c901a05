"""iCalendar (.ics) for events (ISSUE 5, part 9): one event's file, and a person's feed.

What goes in: the title, start and end (Europe/London, with its VTIMEZONE), where (venue
and address for a face-to-face event, "Online" otherwise), the event page's address, and
whether it is cancelled. What never goes in: a join link (each is personal and must not
be shared: people Connect from the event page) and anyone's requirements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

from mathshubs.dates import LONDON
from mathshubs.events.models import Event

PRODID = "-//Maths Hubs//Events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "mathshubs"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    if event.is_online:
        return "Online"
    address = ", ".join(line.strip() for line in event.address.splitlines() if line.strip())
    return ", ".join(part for part in (event.venue.strip(), address) if part)


def _description(event: Event, url: str) -> str:
    lines = [event.description.strip()] if event.description.strip() else []
    if event.is_online:
        lines.append(
            "Online: at the time of the event, sign in and select Connect on the event page."
        )
    lines.append(f"Event page: {url}")
    return "\n\n".join(lines)


def event_component(event: Event, *, url: str, now: dt.datetime) -> icalendar.Event:
    """One VEVENT. Its SEQUENCE follows the event's last change, so a calendar that already
    holds it takes a change or a cancellation as a new version of the same event."""
    component = icalendar.Event()
    component.add("uid", _uid(event))
    component.add("dtstamp", now.astimezone(dt.UTC))
    component.add("dtstart", event.starts_at.astimezone(LONDON))
    component.add("dtend", event.ends_at.astimezone(LONDON))
    component.add("summary", event.full_title)
    component.add("location", _location(event))
    component.add("description", _description(event, url))
    component.add("url", url)
    if event.updated_at:
        component.add("last-modified", event.updated_at.astimezone(dt.UTC))
        component.add("sequence", int(event.updated_at.timestamp()))
    component.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    return component


def calendar_ics(
    events: Iterable[Event],
    *,
    url_for: Callable[[Event], str],
    now: dt.datetime,
    name: str | None = None,
) -> bytes:
    """A VCALENDAR of these events, with the Europe/London time zone they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event_component(event, url=url_for(event), now=now))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics(event: Event, *, url: str, now: dt.datetime) -> bytes:
    """One event's .ics file (the download on its page, the attachment of the confirmation
    email)."""
    return calendar_ics([event], url_for=lambda _event: url, now=now)
