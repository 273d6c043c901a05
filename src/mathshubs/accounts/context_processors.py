"""The navigation each person sees, from their roles (ISSUE 3, "Roles and access")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from mathshubs.activities.selectors import activity_is_open_to
from mathshubs.directory.rules import is_hub_staff, is_llme, is_national


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    items = [
        ("Find your hub", reverse("directory:find_hub")),
        ("Hubs", reverse("directory:hub_list")),
        ("Schools and colleges", reverse("directory:institution_list")),
        ("Catalogue", reverse("catalogue:index")),
    ]
    roles: list[str] = []
    if user.is_authenticated:
        if is_national(user):
            roles.append("National team")
        if is_hub_staff(user):
            roles.append("Hub staff")
        if is_llme(user):
            roles.append("LLME")
        if is_national(user) or is_hub_staff(user) or is_llme(user):
            items.append(("People", reverse("directory:person_list")))
        if activity_is_open_to(user):
            # The handbook's words: "click on 'Hub Activities' in the top menu bar".
            items.append(("Hub Activities", reverse("activities:list")))
        items.append(("Spaces", reverse("collaboration:spaces")))
        if is_national(user) or is_hub_staff(user):
            # The audit trail (audit/, ADR 0016): who changed which record, when.
            items.append(("Changes", reverse("audit:changes")))
        items.append(("Your profile", reverse("accounts:profile")))
    path = request.path
    nav = [
        {"text": text, "href": href, "active": path.startswith(href) and href != "/"}
        for text, href in items
    ]
    return {"nav_items": nav, "nav_roles": roles}
