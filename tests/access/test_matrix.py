"""The access matrix: every route, every method, every persona, against real objects.

- A route without a row fails `test_every_route_has_a_row`.
- A page's POST is tried with a CSRF token (the row's answer) and without one (403 for
  everyone, unless the view is exempt because a signed token is its authority).
- An API operation is tried with a session and with a personal API token: both must give
  the row's answer; a session's write without a CSRF token is refused. On a page a token
  is no one: everyone gets the anonymous answer.
- docs/access.md is made from the same table and must be up to date.

To record what the platform answers now (after a deliberate change of rule), run
`ACCESS_MATRIX_RECORD=/tmp/matrix pytest tests/access` and then
`python -m tests.access.render --record /tmp/matrix`, and read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.access import walk
from tests.access.matrix import MATRIX
from tests.access.personas import COLUMNS, extend
from tests.access.render import DOCS, docs_markdown
from tests.access.routes import routes
from tests.access.samples import SAMPLES, sample

ROUTES = routes()
RECORD = os.environ.get("ACCESS_MATRIX_RECORD")


def test_every_route_has_a_row():
    missing = sorted(set(ROUTES) - set(MATRIX))
    assert not missing, f"add a row to tests/access/matrix.py for {missing}"


def test_every_row_is_a_route_with_its_methods_and_a_answer_per_persona():
    stale = sorted(set(MATRIX) - set(ROUTES))
    assert not stale, f"remove the rows of routes that no longer exist: {stale}"
    for name, row in MATRIX.items():
        assert set(row) == set(ROUTES[name].methods), name
        assert all(len(answer.split()) == len(COLUMNS) for answer in row.values()), name


def test_every_route_with_parameters_has_sample_arguments():
    missing = sorted(n for n, route in ROUTES.items() if route.has_parameters and n not in SAMPLES)
    assert not missing, f"add sample arguments to tests/access/samples.py for {missing}"


def test_the_access_page_in_docs_is_made_from_the_matrix():
    assert DOCS.read_text() == docs_markdown(), (
        "docs/access.md is out of date: run `python -m tests.access.render`"
    )


def _url(name: str, cast) -> tuple[str, dict | None]:
    args, query, form = sample(name, cast)
    return reverse(name, args=args) + query, form


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_persona_gets_the_answer_in_the_matrix(cast, name):
    extend(cast)
    route = ROUTES[name]
    url, form = _url(name, cast)
    wrong = []
    observed = {}
    for method in route.methods:
        expected = MATRIX.get(name, {}).get(method, "").split()
        asks = [walk.SESSION, walk.TOKEN] if route.api else [walk.SESSION]
        for ask in asks:
            got = walk.answers(cast, route, method, url, ask, form)
            observed.setdefault(method, " ".join(got))
            if got != expected:
                wrong.append(f"{method} {url} with a {ask.label}: {' '.join(got)}")
        if not route.api and method == "GET":
            # A personal API token opens the API only: on a page it is no one.
            got = walk.answers(cast, route, method, url, walk.TOKEN, form)
            if got[1:] != expected[:1] * (len(COLUMNS) - 1):
                wrong.append(f"{method} {url} with a personal API token: {' '.join(got)}")
        if method != "GET" and not route.csrf_exempt:
            got = walk.answers(cast, route, method, url, walk.SESSION_NO_CSRF, form)
            refused = ["401" if route.api else "403"] + ["403"] * (len(COLUMNS) - 1)
            if got != refused:
                wrong.append(f"{method} {url} with a session but no CSRF token: {' '.join(got)}")
    if RECORD:
        Path(RECORD).mkdir(parents=True, exist_ok=True)
        path = Path(RECORD) / f"{name.replace(':', '.').replace('/', '_')}.json"
        path.write_text(json.dumps({"name": name, "answers": observed}))
        return
    header = " ".join(COLUMNS)
    assert not wrong, f"{name}: expected {MATRIX.get(name)} ({header}); got\n" + "\n".join(wrong)
