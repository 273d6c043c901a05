"""The keyed pseudonym that links one person's answers within a pseudonymous series.

pseudonym = HMAC-SHA256(key, person id), where key = SHA-256 of a purpose label and
settings.SECRET_KEY, followed by the series' own random secret. Without both secrets a
pseudonym cannot be recomputed from a person's id, so the rows in the database alone do
not say whose answers they are; with them the server finds a person's draft again (on any
device) and matches their autumn and summer answers. A pseudonym is never shown on a page,
in an export or in the API.

Changing SECRET_KEY orphans the drafts of open pseudonymous surveys (they cannot be found
again) and ends matching with earlier answers: rotate it between survey windows.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

PURPOSE = b"mathshubs.evaluation.surveys.pseudonym:"


def series_secret_new() -> str:
    return secrets.token_hex(32)


def _key(series_secret: str) -> bytes:
    derived = hashlib.sha256(PURPOSE + settings.SECRET_KEY.encode()).digest()
    return derived + series_secret.encode()


def pseudonym_of(*, series_secret: str, person_id: int) -> str:
    return hmac.new(_key(series_secret), str(person_id).encode(), hashlib.sha256).hexdigest()


def pseudonyms_of(*, series_secret: str, person_ids: list[int]) -> dict[int, str]:
    """Many at once (the demo, a list): the key is derived once."""
    key = _key(series_secret)
    return {pk: hmac.new(key, str(pk).encode(), hashlib.sha256).hexdigest() for pk in person_ids}
