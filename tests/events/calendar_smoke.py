"""Samples for the calendar and waiting-list URLs (merged into tests/access/samples.py)."""

from mathshubs.events.services.calendar import calendar_feed_create
from tests import factories as f


def _event(c):
    return ([f.EventFactory(activity=c.activity).pk], "")


SAMPLES = {
    "events:ics": _event,
    "events:feed": lambda c: ([calendar_feed_create(person=c.pat.person).token], ""),
    "api:event_waiting_join": _event,
    "api:event_waiting_leave": _event,
}
