"""Tags for the grants parts of other apps' pages (the NCP page, the hub page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from mathshubs.activities.rules import can_view_hub_grants
from mathshubs.catalogue.models import NCP
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import programme_year_for
from mathshubs.grants.forms import plan_grant
from mathshubs.grants.selectors import year_slug

register = template.Library()


@register.inclusion_tag("grants/_ncp_grant_panel.html", takes_context=True)
def ncp_grant_panel(context: template.Context, ncp: NCP) -> dict[str, Any]:
    request = context.get("request")
    result = plan_grant(ncp, request.GET if request is not None else None)
    result["action"] = request.path if request is not None else ""
    result["on_ncp_page"] = True  # the page shows the finance notes just above
    return result


@register.simple_tag(takes_context=True)
def hub_grants_link(context: template.Context, hub: Hub) -> dict[str, str] | None:
    """The link to the hub's grants for the programme year, if this user may see them."""
    user = context.get("user")
    if hub is None or user is None or not can_view_hub_grants(user, hub):
        return None
    year = programme_year_for(user)
    return {
        "href": reverse("grants:hub_summary", args=[hub.slug, year_slug(year)]),
        "text": f"Grants for {academic_year_label(year)}",
    }
