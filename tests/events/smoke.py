"""Smoke-test samples for the events URLs (merged into tests/test_smoke.py)."""

from tests import factories as f

SAMPLES = {
    "api:event_detail": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_confirm": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_cancel": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_list": lambda c: ([], "?tab=past"),
    "api:event_requirements": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
    "api:event_requirements_save": lambda c: ([f.EventFactory(activity=c.activity).pk], ""),
}
EXPECTED = {
    # Pat takes part and Leo leads the activity; Harriet is its hub's staff; Nadia national.
    "api:event_detail": {
        "anonymous": 401,
        "nadia": 200,
        "harriet": 200,
        "leo": 200,
        "pat": 200,
        "sam": 404,
        "simon": 404,
    },
    "api:event_list": {"anonymous": 401, **dict.fromkeys(["nadia", "harriet", "leo", "pat"], 200)},
}
