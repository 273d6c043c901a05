"""Smoke-test samples for the attendance URLs (merged into tests/test_smoke.py)."""

from tests import factories as f


def _event(c):
    return [f.EventFactory(activity=c.activity).pk], ""


SAMPLES = {
    "events:register": _event,
    "events:attendance_import": _event,
    "events:attendance_match": _event,
    "events:group_attendance": _event,
    "api:event_attendance_import": _event,
    "api:event_attendance": _event,
}
# Leo leads the activity and Harriet is its hub's staff: they organise it. Nadia (a hub
# event) and Pat (a participant) see it but do not organise it; Sam and Simon (South) do
# not see it at all.
_PAGE = {
    "anonymous": 302,
    "nadia": 403,
    "harriet": 200,
    "leo": 200,
    "pat": 403,
    "sam": 404,
    "simon": 404,
}
EXPECTED = {
    "events:register": _PAGE,
    "events:attendance_import": _PAGE,
    "events:group_attendance": _PAGE,
    # POST only.
    "events:attendance_match": {
        "anonymous": 302,
        **dict.fromkeys(_PAGE.keys() - {"anonymous"}, 405),
    },
    "api:event_attendance": {**_PAGE, "anonymous": 401},
}
