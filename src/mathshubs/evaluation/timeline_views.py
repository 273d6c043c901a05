"""The evaluation timeline's pages (ISSUE 10, part 5): an activity's checklist for its
leads (who tick what the platform cannot see) and its readers, and every timeline in the
reader's scope with what is overdue and due this week."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from mathshubs.activities.models import Activity
from mathshubs.dates import LONDON, academic_year_label
from mathshubs.directory.models import Person
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.views import _paginate
from mathshubs.evaluation import selectors, services
from mathshubs.evaluation.lists import LIST_FORBIDDEN
from mathshubs.evaluation.rules import can_list_happi, can_write_happi
from mathshubs.evaluation.timeline import ITEMS, Entry, timelines_for

SAVED = "Your evaluation timeline has been saved"
TIMELINES_PER_PAGE = 50


def _today():
    return timezone.now().astimezone(LONDON).date()


@login_required
def activity_timeline(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    may_tick = bool(can_write_happi(request.user, activity))
    if request.method == "POST":
        if not may_tick:
            raise PermissionDenied(services.ONLY_LEADS_WRITE)
        chosen = set(request.POST.getlist("done"))
        services.timeline_ticks_save(
            activity=activity,
            by=request.user,
            changes={item.key: item.key in chosen for item in ITEMS},
        )
        messages.success(request, SAVED)
        return redirect("evaluation:timeline", activity_id=activity.pk)
    timeline = timelines_for([activity])[activity.pk]
    return render(
        request,
        "evaluation/timeline.html",
        {
            "activity": activity,
            "timeline": timeline,
            "today": _today(),
            "may_tick": may_tick,
            "year_label": academic_year_label(activity.academic_year),
        },
    )


def led_activities(person: Person, year: int) -> QuerySet[Activity]:
    return Activity.objects.filter(leads=person, academic_year=year).select_related("ncp", "hub")


@dataclass
class Due:
    """One activity's timeline on its lead's home page: how many items are overdue, and
    the items due this week (what to do next)."""

    activity: Activity
    overdue: int
    this_week: list[Entry]


def due_for_lead(person: Person, year: int) -> list[Due]:
    """The lead's activities with something overdue or due this week (the home page)."""
    today = _today()
    found = []
    for timeline in timelines_for(led_activities(person, year)).values():
        states = [(entry, entry.state(today)) for entry in timeline.entries]
        overdue = sum(1 for _entry, state in states if state == "overdue")
        this_week = [entry for entry, state in states if state == "due_this_week"]
        if overdue or this_week:
            found.append(Due(timeline.activity, overdue, this_week))
    return sorted(found, key=lambda due: due.activity.title)


@login_required
def timeline_list(request: HttpRequest) -> HttpResponse:
    """Every activity's timeline in the reader's scope (a hub's for its staff, every hub's
    for the national team): what is overdue, due this week and done."""
    if not can_list_happi(request.user):
        raise PermissionDenied(LIST_FORBIDDEN)
    year = programme_year_for(request.user)
    rows = (
        Activity.objects.filter(selectors.happi_forms_visible_to(request.user), academic_year=year)
        .select_related("hub", "ncp")
        .order_by("hub__name", "title", "pk")
    )
    page, pagination = _paginate(request, rows, TIMELINES_PER_PAGE)
    today = _today()
    timelines = timelines_for(page.object_list)
    summaries = [
        (timelines[a.pk].activity, timelines[a.pk].counts(today)) for a in page.object_list
    ]
    return render(
        request,
        "evaluation/timeline_list.html",
        {
            "page": page,
            "pagination": pagination,
            "summaries": summaries,
            "year_label": academic_year_label(year),
            "total": len(timelines[page.object_list[0].pk].entries) if page.object_list else 0,
        },
    )


urlpatterns = [
    path("activities/<id:activity_id>/timeline/", activity_timeline, name="timeline"),
    path("timeline/", timeline_list, name="timeline_list"),
]
