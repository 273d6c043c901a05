"""Events API: attendance endpoints (ISSUE 5, part 10)."""

from __future__ import annotations

from ninja import Router

from mathshubs.accounts.api_auth import personal_auth

router = Router(tags=["events"], auth=personal_auth)
