"""Every named URL, for an anonymous visitor and each persona: the expected status, never a 500.

A new named URL with parameters fails here until it has sample arguments below,
so no page escapes the smoke test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]

# name -> a function of the cast giving (args, query string).
SAMPLES: dict[str, Callable] = {
    "directory:hub_detail": lambda c: ([c.north.slug], ""),
    "directory:institution_detail": lambda c: ([c.north_school.urn], ""),
    "directory:person_detail": lambda c: ([c.pat.person.pk], ""),
    "directory:person_email": lambda c: ([c.pat.person.pk], ""),
    "directory:find_hub": lambda c: ([], "?q=North+Primary"),
    "directory:institution_list": lambda c: ([], "?q=primary&phase=primary&hub=north"),
    "accounts:token_revoke": lambda c: ([999999], ""),
    "api:hub_detail": lambda c: ([c.north.pk], ""),
    "api:institution_detail": lambda c: ([c.north_school.urn], ""),
    "api:find_hub": lambda c: ([], "?q=Northshire"),
}

OK, FOUND, DENIED, MISSING = 200, 302, 403, 404


def _merge_app_samples() -> None:
    """Each app keeps its samples and expectations in tests/<app>/smoke.py (SAMPLES, EXPECTED),
    so that parts of the platform built side by side do not edit one shared table."""
    import importlib
    import pkgutil

    import tests

    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".smoke") or module.name.endswith("_smoke"):
            found = importlib.import_module(module.name)
            SAMPLES.update(getattr(found, "SAMPLES", {}))
            EXPECTED.update(getattr(found, "EXPECTED", {}))


SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
# Exact expectations where the issue states them; every other URL must simply not fail.
EXPECTED: dict[str, dict[str, int]] = {
    "home": dict.fromkeys(PERSONAS, OK),
    "directory:find_hub": dict.fromkeys(PERSONAS, OK),
    "directory:hub_list": dict.fromkeys(PERSONAS, OK),
    "directory:hub_detail": dict.fromkeys(PERSONAS, OK),
    "directory:institution_list": dict.fromkeys(PERSONAS, OK),
    "directory:institution_detail": dict.fromkeys(PERSONAS, OK),
    "directory:person_list": {
        "anonymous": FOUND,
        "nadia": OK,
        "harriet": OK,
        "leo": OK,
        "pat": DENIED,
        "sam": DENIED,
        "simon": OK,
    },
    "directory:person_detail": {
        "anonymous": FOUND,
        "nadia": OK,
        "harriet": OK,
        "leo": OK,
        "pat": OK,
        "sam": MISSING,
        "simon": MISSING,
    },
    "directory:person_email": {
        "anonymous": FOUND,
        "nadia": OK,
        "harriet": OK,
        "leo": DENIED,
        "pat": DENIED,
        "sam": DENIED,
        "simon": DENIED,
    },
    "api:hub_list": dict.fromkeys(PERSONAS, OK),
    "api:hub_detail": dict.fromkeys(PERSONAS, OK),
    "api:institution_list": dict.fromkeys(PERSONAS, OK),
    "api:institution_detail": dict.fromkeys(PERSONAS, OK),
    "api:find_hub": dict.fromkeys(PERSONAS, OK),
    "api:person_list": {"anonymous": 401, **dict.fromkeys(SIGNED_IN, OK)},
    "api:me": {"anonymous": 401, **dict.fromkeys(SIGNED_IN, OK)},
}
_merge_app_samples()
# 405: POST-only URLs (sign out, revoke a token) refuse a GET.
ACCEPTABLE = {200, 302, 400, 401, 403, 404, 405}


def _named_urls(patterns=None, namespace: str = "") -> Iterator[tuple[str, bool]]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", bool(pattern.pattern.converters)


URL_NAMES = sorted({name for name, _ in _named_urls()})
NEEDS_ARGS = {name for name, has_args in _named_urls() if has_args}


def test_every_url_with_parameters_has_sample_arguments():
    missing = sorted(NEEDS_ARGS - set(SAMPLES))
    assert not missing, f"add sample arguments to SAMPLES in tests/test_smoke.py for {missing}"


def test_the_directory_urls_are_all_covered():
    directory = {name for name in URL_NAMES if name.startswith("directory:")}
    assert directory <= set(EXPECTED)
    assert len(directory) >= 8


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", URL_NAMES)
def test_each_url_answers_each_persona_as_expected(cast, name, persona):
    args, query = SAMPLES.get(name, lambda c: ([], ""))(cast)
    url = reverse(name, args=args) + query
    user = None if persona == "anonymous" else getattr(cast, persona)
    response = client_for(user).get(url)  # an exception in the view fails the test here
    expected = EXPECTED.get(name, {}).get(persona)
    if expected is not None:
        assert response.status_code == expected, f"{persona} GET {url}"
    else:
        assert response.status_code in ACCEPTABLE, f"{persona} GET {url}: {response.status_code}"
