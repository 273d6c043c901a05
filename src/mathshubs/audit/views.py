"""The audit trail's pages: recent changes, and one person's record changes (ADR 0016)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mathshubs.audit import selectors
from mathshubs.audit.forms import ChangesFilterForm
from mathshubs.directory.views import _paginate

CHANGES_PER_PAGE = 50


@login_required
@require_GET
def changes(request: HttpRequest) -> HttpResponse:
    scope = selectors.access_changes(user=request.user)
    hubs = list(selectors.hubs_in_scope(scope))
    form = ChangesFilterForm(request.GET, hubs=hubs)
    data = form.cleaned_data if form.is_valid() else {}
    hub = selectors.hub_in_scope(scope=scope, ref=data.get("hub", ""))
    listing = selectors.changes_list(scope=scope, kind=data.get("kind", ""), hub=hub)
    page, pagination = _paginate(request, listing, CHANGES_PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "pagination": pagination,
        "entries": selectors.describe(list(page.object_list)),
        "national": scope.is_national,
        "show_hub_filter": len(hubs) > 1,
    }
    return render(request, "audit/changes.html", context)


@login_required
@require_GET
def person_changes(request: HttpRequest, person_id: int) -> HttpResponse:
    person, scope = selectors.access_person_changes(user=request.user, person_id=person_id)
    listing = selectors.changes_list(scope=scope, person_id=person.pk)
    page, pagination = _paginate(request, listing, CHANGES_PER_PAGE)
    context = {
        "person": person,
        "page": page,
        "pagination": pagination,
        "entries": selectors.describe(list(page.object_list)),
    }
    return render(request, "audit/person_changes.html", context)
