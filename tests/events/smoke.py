"""Smoke-test samples for the events URLs (merged into tests/access/samples.py)."""

from tests import factories as f

SAMPLES = {
    "api:event_detail": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_confirm": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_cancel": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_list": lambda c: ([], "?tab=past"),
    "api:event_requirements": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_requirements_save": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
}
