"""The pages of survey completion and results (ISSUE 10, parts 3 and 4): a survey's
completion in the reader's scope (with CSV and XLSX), an activity's surveys with who has
not responded and the reminder button, a survey's results in one breakdown, and the
autumn-to-summer comparison with its chart."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from mathshubs.dates import academic_year_label
from mathshubs.evaluation.results import charts, selectors, services
from mathshubs.evaluation.results.exports import completion_table
from mathshubs.evaluation.results.suppression import SUPPRESSED_TEXT
from mathshubs.evaluation.results.tree import Node
from mathshubs.evaluation.surveys.rules import day_text
from mathshubs.exports import csv_response, xlsx_response

REMINDER_SENT = "Reminder sent to {n} participant{s} who have not completed the {title}"


def _node(request: HttpRequest) -> Node | None:
    try:
        return selectors.parse_breakdown(
            hub=request.GET.get("hub"),
            ncp=request.GET.get("ncp"),
            activity=request.GET.get("activity"),
        )
    except ValueError as error:
        raise Http404(str(error)) from error


@login_required
def index(request: HttpRequest) -> HttpResponse:
    surveys = selectors.surveys_for_readers(user=request.user)
    rows = [(survey, academic_year_label(survey.academic_year)) for survey in surveys]
    return render(request, "evaluation/results/index.html", {"rows": rows})


@login_required
def completion(request: HttpRequest, survey_id: int) -> HttpResponse:
    report = selectors.survey_completion(user=request.user, survey_id=survey_id)
    context = {
        "report": report,
        "survey": report.survey,
        "year_label": academic_year_label(report.survey.academic_year),
        "closes": day_text(report.survey.closes_on),
    }
    return render(request, "evaluation/results/completion.html", context)


@login_required
def completion_export(request: HttpRequest, survey_id: int, extension: str) -> HttpResponse:
    report = selectors.survey_completion(user=request.user, survey_id=survey_id)
    table = completion_table(report)
    filename = f"survey-{report.survey.pk}-completion.{extension}"
    if extension == "xlsx":
        return xlsx_response(filename, [table])
    return csv_response(filename, table)


@login_required
def activity_surveys(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    rows = selectors.activity_surveys(user=request.user, activity=activity, now=timezone.now())
    context = {
        "activity": activity,
        "rows": rows,
        "year_label": academic_year_label(activity.academic_year),
    }
    return render(request, "evaluation/results/activity.html", context)


@login_required
@require_POST
def remind(request: HttpRequest, activity_id: int, survey_id: int) -> HttpResponse:
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    survey = selectors.surveys_covering(activity).filter(pk=survey_id).first()
    if survey is None:
        raise Http404(selectors.SURVEY_NOT_FOUND)
    try:
        reminder = services.reminder_send(survey=survey, activity=activity, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        n = reminder.recipients
        text = REMINDER_SENT.format(n=n, s="" if n == 1 else "s", title=survey.title)
        messages.success(request, text)
    return redirect("evaluation:results_activity", activity_id=activity.pk)


@login_required
def results(request: HttpRequest, survey_id: int) -> HttpResponse:
    found = selectors.survey_results(
        user=request.user, survey_id=survey_id, node=_node(request), now=timezone.now()
    )
    context = {
        "results": found,
        "survey": found.survey,
        "suppressed_text": SUPPRESSED_TEXT,
        "closes": day_text(found.survey.closes_on),
    }
    return render(request, "evaluation/results/results.html", context)


@login_required
def comparison(request: HttpRequest, survey_id: int) -> HttpResponse:
    found = selectors.survey_comparison(
        user=request.user, survey_id=survey_id, node=_node(request), now=timezone.now()
    )
    context = {
        "comparison": found,
        "survey": found.survey,
        "chart": charts.before_after(found.results) if found.results else None,
        "suppressed_text": SUPPRESSED_TEXT,
    }
    return render(request, "evaluation/results/comparison.html", context)


urlpatterns = [
    path("surveys/results/", index, name="results_index"),
    path("surveys/<id:survey_id>/completion/", completion, name="results_completion"),
    path(
        "surveys/<id:survey_id>/completion.csv",
        completion_export,
        {"extension": "csv"},
        name="results_completion_csv",
    ),
    path(
        "surveys/<id:survey_id>/completion.xlsx",
        completion_export,
        {"extension": "xlsx"},
        name="results_completion_xlsx",
    ),
    path("surveys/<id:survey_id>/results/", results, name="results_survey"),
    path("surveys/<id:survey_id>/comparison/", comparison, name="results_comparison"),
    path("activities/<id:activity_id>/surveys/", activity_surveys, name="results_activity"),
    path(
        "activities/<id:activity_id>/surveys/<id:survey_id>/remind/",
        remind,
        name="results_remind",
    ),
]
