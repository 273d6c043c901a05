"""Smoke-test samples for the organisers' event URLs (merged into tests/access/samples.py)."""

from mathshubs.events.models import EventFormat
from tests import factories as f


def _session(c):
    return [f.EventFactory(activity=c.activity).pk], ""


def _day(c):
    event = f.EventFactory(
        activity=c.activity,
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        address="1 Road",
    )
    return [event.pk], ""


SAMPLES = {
    "events:create": lambda c: ([c.activity.pk], ""),
    "events:edit": _session,
    "events:cancel_event": _session,
    "events:invite": _session,
    "events:join_links": _session,
    "events:catering": _day,
    "api:event_create": lambda c: ([c.activity.pk], ""),
    "api:event_update": _session,
    "api:event_cancel_event": _session,
    "api:event_invite": _session,
}

# Leo leads the activity and Harriet is its hub's staff: they organise its events. Pat takes
# part (sees the event, may not organise it: 403); Nadia sees every event but organises only
# national ones and those she is named for (403); the South's Sam and Simon do not see it (404).
