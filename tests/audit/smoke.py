"""Smoke-test samples and expectations for the audit trail's routes (merged into
tests/test_smoke.py and tests/access/samples.py)."""

SAMPLES = {
    "audit:person_changes": lambda c: ([c.pat.person.pk], ""),
    "audit:changes": lambda c: ([], "?kind=person"),
    "api:change_list": lambda c: ([], "?kind=person"),
}
EXPECTED = {
    # The national team reads every change; hub staff their hub's; nobody else any.
    "audit:changes": {
        "anonymous": 302,
        "nadia": 200,
        "harriet": 200,
        "leo": 403,
        "pat": 403,
        "sam": 403,
        "simon": 200,
    },
    # Pat's record: the national team and the North hub's staff; anyone else finds nothing.
    "audit:person_changes": {
        "anonymous": 302,
        "nadia": 200,
        "harriet": 200,
        "leo": 404,
        "pat": 404,
        "sam": 404,
        "simon": 404,
    },
    "api:change_list": {
        "anonymous": 401,
        "nadia": 200,
        "harriet": 200,
        "leo": 403,
        "pat": 403,
        "sam": 403,
        "simon": 200,
    },
}
