"""Dates and times of events as people in the UK read them, in Europe/London: "Thursday 7
March 2024, 4pm to 5:30pm" (GOV.UK style: no leading zeros, am/pm, "midday")."""

from __future__ import annotations

import datetime as dt

from django import template

from mathshubs.dates import LONDON
from mathshubs.events.models import Event
from mathshubs.events.rules import confirmation_deadline

register = template.Library()


def uk_time(moment: dt.datetime) -> str:
    """4pm, 5:30pm, midday, midnight (in London)."""
    local = moment.astimezone(LONDON)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def uk_date(moment: dt.datetime | dt.date) -> str:
    """Thursday 7 March 2024 (a datetime is read in London)."""
    day = moment.astimezone(LONDON).date() if isinstance(moment, dt.datetime) else moment
    return f"{day:%A} {day.day} {day:%B %Y}"


def uk_short_date(moment: dt.datetime) -> str:
    """7 March 2024 (in London)."""
    day = moment.astimezone(LONDON).date()
    return f"{day.day} {day:%B %Y}"


def event_when(event: Event) -> str:
    """Thursday 7 March 2024, 4pm to 5:30pm; across days: Thursday 7 March 2024, 4pm to
    Friday 8 March 2024, 1pm."""
    start, end = event.starts_at.astimezone(LONDON), event.ends_at.astimezone(LONDON)
    if start.date() == end.date():
        return f"{uk_date(start)}, {uk_time(start)} to {uk_time(end)}"
    return f"{uk_date(start)}, {uk_time(start)} to {uk_date(end)}, {uk_time(end)}"


def deadline_text(moment: dt.datetime) -> str:
    """Tuesday 5 March 2024 at 23:59: deadlines end at the last minute of a day."""
    local = moment.astimezone(LONDON)
    return f"{uk_date(local)} at {local:%H:%M}"


def confirm_by(event: Event) -> str:
    return deadline_text(confirmation_deadline(event))


register.filter("uk_time", uk_time)
register.filter("uk_date", uk_date)
register.filter("uk_short_date", uk_short_date)
register.filter("event_when", event_when)
register.filter("deadline_text", deadline_text)
register.filter("confirm_by", confirm_by)
