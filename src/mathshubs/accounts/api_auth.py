"""API authentication: a signed-in session, or a personal API token."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from mathshubs.accounts.models import ApiToken


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.select_related("user__person")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


class SessionAuth(NinjaSessionAuth):
    """A signed-in session, its writes CSRF-checked. A request with no signed-in session is
    simply not authenticated (401, "sign in or send a token"), as with no token: the CSRF
    check guards a session, and there is none to guard."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Endpoints with personal data use this: either proves who is asking. The token comes first:
# session authentication checks CSRF on a POST and refuses it before a token is looked at,
# and a request that carries a token sends no cookie to forge.
personal_auth = [ApiTokenAuth(), SessionAuth()]


class PublicOrPersonal:
    """For public endpoints that answer some people more (a draft catalogue year for the
    national team): a personal token, which must be valid (a wrong one is a 401, not a
    silent anonymous answer), else the session's user, else no one in particular."""

    def __init__(self) -> None:
        self.token = ApiTokenAuth()

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return self.token(request)
        return request.user  # AnonymousUser when not signed in: allowed, sees public data


public_or_personal = PublicOrPersonal()
