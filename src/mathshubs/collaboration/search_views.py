"""The spaces' search page (ISSUE 13, part 5): /spaces/search/?q=."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from mathshubs.collaboration.search import Results, query_problem, search


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:1000].strip()
    problem = query_problem(q) if "q" in request.GET else None
    searched = "q" in request.GET and problem is None
    results = search(request.user, q) if searched else Results()
    context = {"q": q, "search_error": problem, "searched": searched, "results": results}
    return render(request, "collaboration/search.html", context)


urlpatterns = [path("spaces/search/", search_page, name="search")]
