"""Smoke-test samples for the attendance URLs (merged into tests/access/samples.py)."""

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
