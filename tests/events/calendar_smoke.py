"""Smoke-test samples for the calendar and waiting-list URLs (merged into tests/test_smoke.py)."""

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
SIGNED_IN = ["nadia", "harriet", "leo", "pat", "sam", "simon"]
EXPECTED = {
    # Whoever may see the event: its activity's people, its hub's staff, the national team.
    "events:ics": {
        "anonymous": 302,
        "nadia": 200,
        "harriet": 200,
        "leo": 200,
        "pat": 200,
        "sam": 404,
        "simon": 404,
    },
    "events:calendar": {"anonymous": 302, **dict.fromkeys(SIGNED_IN, 200)},
    # The secret address is the key: calendar apps cannot sign in.
    "events:feed": dict.fromkeys(["anonymous", *SIGNED_IN], 200),
}
