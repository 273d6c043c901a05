"""Grant pages: a hub's grants for a year and an activity's grant (hub staff and the national
team), and what a project would pay an activity of a given size (anyone)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mathshubs.catalogue.selectors import access_ncp
from mathshubs.dates import academic_year_label
from mathshubs.grants import selectors
from mathshubs.grants.forms import plan_grant


@login_required
def hub_summary(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    hub = selectors.access_hub_grants(user=request.user, hub_ref=slug)
    start = year
    summary = selectors.hub_grant_summary(hub=hub, year=start)
    context = {
        "hub": hub,
        "summary": summary,
        "previous_year": (selectors.year_slug(start - 1), academic_year_label(start - 1)),
        "next_year": (selectors.year_slug(start + 1), academic_year_label(start + 1)),
    }
    return render(request, "grants/hub_summary.html", context)


@login_required
def activity_grant(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_activity_grant(user=request.user, activity_id=activity_id)
    context = {
        "activity": activity,
        "grant": selectors.activity_grant(activity),
        "year_slug": selectors.year_slug(activity.academic_year),
        "year_label": academic_year_label(activity.academic_year),
    }
    return render(request, "grants/activity_grant.html", context)


def ncp_grant(request: HttpRequest, code: str) -> HttpResponse:
    ncp = access_ncp(user=request.user, code_text=code)
    context = {**plan_grant(ncp, request.GET), "action": request.path}
    return render(request, "grants/ncp_grant.html", context)
