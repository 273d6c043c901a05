"""Running surveys (the national team's pages): the list of surveys, with how many people
have submitted each (a count, never who answered what), and the form that runs a
published version for a year, an audience and an NCP or every activity."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from mathshubs.dates import current_academic_year
from mathshubs.directory.rules import programme_year_for
from mathshubs.evaluation.surveys import forms, selectors, services
from mathshubs.evaluation.surveys.rules import day_text
from mathshubs.evaluation.surveys.views.builder import show_errors

CREATED = "The survey “{title}” is set up. It opens on {day}"


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.surveys_for(user=request.user))
    return render(request, "evaluation/surveys/builder/survey_list.html", {"surveys": surveys})


def _years(user: object) -> list[int]:
    """The programme's year (the latest with activities) and this one, a year either side."""
    around, current = programme_year_for(user), current_academic_year()
    return list(range(max(around, current) + 1, min(around, current) - 2, -1))


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    versions = list(selectors.published_versions(user=request.user))
    initial = {"academic_year": programme_year_for(request.user), "pseudonymous": "yes"}
    version = request.GET.get("version", "")
    if version.isdigit():
        initial["version"] = version
    form = forms.SurveyForm(
        request.POST or None, initial=initial, versions=versions, years=_years(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(by=request.user, **form.values())
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, CREATED.format(title=survey.title, day=day_text(survey.opens_on))
            )
            return redirect(reverse("evaluation:survey_list"))
    context = {"form": form, "back_url": reverse("evaluation:survey_list")}
    return render(request, "evaluation/surveys/builder/survey_form.html", context)


urlpatterns = [
    path("surveys/manage/", survey_list, name="survey_list"),
    path("surveys/manage/new/", survey_create, name="survey_create"),
]
