"""Ask one route, with one method, as each persona, and write down the answers.

Each request runs in a savepoint that is rolled back, so one persona's write never
changes what the next one finds. An answer is the status code, or "signin" for a
redirect to the sign-in page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.access.personas import PERSONAS
from tests.access.routes import Route, request_body

CSRF_SECRET = "accessmatrixcsrfsecret0123456789"  # 32 characters: an unmasked secret
SIGNIN = "signin"


@dataclass(frozen=True)
class Ask:
    """How a request proves who sends it."""

    label: str
    token: bool = False  # a personal API token instead of a session
    csrf: bool = True  # with a CSRF token (a session's write)


SESSION = Ask("session")
SESSION_NO_CSRF = Ask("session without a CSRF token", csrf=False)
TOKEN = Ask("personal API token", token=True, csrf=False)


def _answer(response) -> str:
    if response.status_code in (301, 302, 303) and response["Location"].startswith(
        reverse(settings.LOGIN_URL)
    ):
        return SIGNIN
    return str(response.status_code)


def _client(cast, attribute: str | None, ask: Ask) -> tuple[Client, dict[str, str]]:
    client = Client(enforce_csrf_checks=True)
    headers: dict[str, str] = {}
    if attribute and ask.token:
        headers["Authorization"] = f"Bearer {cast.tokens[attribute]}"
    elif attribute:
        # One session per persona for the whole test: signing in is the slow part.
        sessions = cast.__dict__.setdefault("matrix_sessions", {})
        if attribute not in sessions:
            client.force_login(getattr(cast, attribute))
            sessions[attribute] = client.cookies[settings.SESSION_COOKIE_NAME].value
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[attribute]
    if ask.csrf:
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        headers["X-CSRFToken"] = CSRF_SECRET
    return client, headers


def _send(client: Client, route: Route, method: str, url: str, headers, form) -> object:
    if method == "GET":
        return client.get(url, headers=headers)
    body = request_body(route)
    if body is None:  # a page's form, or an operation without a body
        data = dict(form or {})
        if CSRF_SECRET in headers.values():
            data["csrfmiddlewaretoken"] = CSRF_SECRET
        if method == "POST":
            return client.post(url, data, headers=headers)
        return client.generic(method, url, headers=headers)
    content_type, payload = body
    if content_type == "application/json":
        text = json.dumps(form if form is not None else payload)
        return client.generic(method, url, text, content_type, headers=headers)
    upload = SimpleUploadedFile("matrix.csv", b"name,email\n", content_type="text/csv")
    return client.post(url, {"file": upload, "title": "Matrix"}, headers=headers)


def answers(cast, route: Route, method: str, url: str, ask: Ask, form=None) -> list[str]:
    """One answer per persona, in the matrix's column order."""
    found = []
    for _, attribute in PERSONAS:
        client, headers = _client(cast, attribute, ask)
        cache.clear()  # sign-in rate limits count per address: every persona starts afresh
        with transaction.atomic():
            response = _send(client, route, method, url, headers, form)
            transaction.set_rollback(True)
        found.append(_answer(response))
    return found
