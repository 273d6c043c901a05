"""Property-based fuzzing of the JSON API with schemathesis (ISSUE 14, part 5).

Every operation in /api/v1/openapi.json is called with generated input (valid and
invalid: wrong types, out-of-range numbers, odd characters), as each identity: anonymous
and a personal API token of a participant, an LLME, hub staff and the national team.
Each answer must be no server error, and must match the document: a declared status, a
declared content type, and a body that matches the declared schema.

In process: the requests go through Django's WSGI handler (werkzeug's test client), in
the test's transaction, on the test database that pytest-django made, so writes are
fuzzed too and rolled back after each operation; there is no server to start or to stop,
and a server error's traceback is in the test's output.

Run it with `make fuzz` (`make test` leaves it out). FUZZ_EXAMPLES changes the examples
per operation and identity (default 8), FUZZ_SEED the seed.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import RECORDS, TOKENS

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

IDENTITIES = ["anonymous", "participant", "llme", "hub", "national"]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
SEED = int(os.environ.get("FUZZ_SEED", "14"))
# Figures for the summary at the end of the run (tests/fuzz/conftest.py prints them).
TALLY: Counter[str] = Counter()
# The real references chosen for the example being run (test_the_api_answers_as_documented).
CHOSEN: dict[str, object] = {}

config = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "max-examples": EXAMPLES,
            "deterministic": True,
            "database": "none",
            # Each identity sends its own token: a generated Authorization header or
            # session cookie would only be replaced.
            "with-security-parameters": False,
        },
        # The coverage phase's boundary cases are many per operation (unbounded by
        # max-examples): the run would take ten minutes instead of two.
        "phases": {"coverage": {"enabled": False}},
        "checks": {
            # A request the schema allows may still break a programme rule (a deadline
            # passed, a year with no catalogue): a 4xx for it is right, not a failure.
            "positive_data_acceptance": {"enabled": False},
        },
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=config
)


def _real_references(names: set[str]) -> list[dict]:
    """The records naming every one of these path parameters, cut down to them."""
    found = {}
    for record in RECORDS:
        if names and names <= record.keys():
            real = {name: record[name] for name in sorted(names)}
            found[tuple(real.items())] = real
    return list(found.values())


@schemathesis.hook  # this hook is global only
def before_call(context, case, kwargs):
    # Only in a valid request: an invalid one is there to be refused, whatever it names.
    if CHOSEN and not (case.meta and case.meta.generation.mode.is_negative):
        for name, value in CHOSEN.items():
            # A URN is a string in the document (so is a year), an id a number.
            generated = case.path_parameters[name]
            case.path_parameters[name] = str(value) if isinstance(generated, str) else value


@schema.hook
def after_call(context, case, response):
    # Every example's request; not the checks' probes (the same call without its token).
    TALLY["requests"] += 1
    TALLY[f"{response.status_code // 100}xx"] += 1


@pytest.mark.parametrize("identity", IDENTITIES)
@schema.parametrize()
@schema.given(data=st.data())
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_documented(case, data, identity):
    # Some of the time, real references (a thread of that space, a comment of that
    # thread) in place of the generated ones, so the operation reaches real objects.
    # They are put in by the before_call hook: schemathesis judges a request by what a
    # hook sends (a generated -1 replaced by a real id is no longer an invalid request).
    CHOSEN.clear()
    real = _real_references(set(case.path_parameters or ()))
    if real:
        chosen = st.one_of(st.just({}), st.sampled_from(real))
        CHOSEN.update(data.draw(chosen, label="real references"))
    headers = {} if identity == "anonymous" else {"Authorization": f"Bearer {TOKENS[identity]}"}
    case.call_and_validate(headers=headers)
