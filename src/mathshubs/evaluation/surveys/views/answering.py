"""Answering a survey: "Your surveys", a survey's start page, one page a section (Save and
continue, Save and come back later), the check-your-answers page that submits, and after
submission the answers, read only.

Each view finds the survey through `selectors.access_assignment` (404 for a survey the
person is not in), calls one service and redirects; a refusal is shown in a GOV.UK error
summary with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mathshubs.directory.rules import person_of
from mathshubs.evaluation.surveys import forms, selectors, services
from mathshubs.evaluation.surveys.models import SurveySection
from mathshubs.evaluation.surveys.rules import day_text, question_is_shown
from mathshubs.evaluation.surveys.selectors import Assignment

SAVED_FOR_LATER = "Your answers have been saved. You can come back to them until {day}"
SUBMITTED = "Your answers have been submitted. Thank you"
FORM_METHODS = ["GET", "POST"]


def _start_url(a: Assignment) -> str:
    return reverse("evaluation:survey_start", args=[a.survey.pk, a.activity.pk])


def _section_url(a: Assignment, section: SurveySection) -> str:
    return reverse("evaluation:survey_section", args=[a.survey.pk, a.activity.pk, section.pk])


def _check_url(a: Assignment) -> str:
    return reverse("evaluation:survey_check", args=[a.survey.pk, a.activity.pk])


def _shown(section: SurveySection, answers: dict[str, Any]) -> list:
    return [q for q in section.questions.all() if question_is_shown(q, answers)]


def _next_url(a: Assignment, sections: list, answers: dict, after: SurveySection | None) -> str:
    """The next section with a question to show after `after` (None: from the start);
    the check page after the last."""
    later = sections if after is None else sections[sections.index(after) + 1 :]
    target = next((s for s in later if _shown(s, answers)), None)
    return _section_url(a, target) if target is not None else _check_url(a)


def _resume_url(a: Assignment, sections: list, answers: dict) -> str:
    """Where Continue goes: the first section with a required question shown and not
    answered, else the check page (the first section for someone not started)."""
    if not a.started:
        return _next_url(a, sections, answers, None)
    for section in sections:
        if any(q.required and q.key not in answers for q in _shown(section, answers)):
            return _section_url(a, section)
    return _check_url(a)


def _access(request: HttpRequest, survey_id: int, activity_id: int) -> Assignment:
    return selectors.access_assignment(
        user=request.user, survey_id=survey_id, activity_id=activity_id, now=timezone.now()
    )


@login_required
def survey_mine(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    found = selectors.surveys_of(person=person, now=timezone.now()) if person else []
    context = {
        "to_do": [a for a in found if a.to_do],
        "upcoming": [a for a in found if a.state == "upcoming"],
        "done": [a for a in found if a.submitted or a.state == "closed"],
    }
    return render(request, "evaluation/surveys/mine.html", context)


@login_required
def survey_start(request: HttpRequest, survey_id: int, activity_id: int) -> HttpResponse:
    a = _access(request, survey_id, activity_id)
    sections = selectors.version_sections(a.survey.version)
    answers = a.response.answers if a.response else {}
    context = {
        "a": a,
        "sections": sections,
        "opens": day_text(a.survey.opens_on),
        "closes": day_text(a.survey.closes_on),
        "submitted_on": day_text(a.submitted_on) if a.submitted_on else "",
        "summary": forms.answers_summary(sections, answers) if a.submitted else [],
        "resume_url": _resume_url(a, sections, answers) if a.to_do else "",
    }
    return render(request, "evaluation/surveys/start.html", context)


def _save(request: HttpRequest, a: Assignment, sections: list, section: SurveySection, shown: list):
    """Save the posted answers of a section: where to go next, or (None, the errors)."""
    given = forms.answers_given(shown, request.POST)
    finished = request.POST.get("action") != "later"
    try:
        saved = services.answers_save(
            survey=a.survey,
            activity=a.activity,
            person=person_of(request.user),
            section=section,
            given=given,
            finished=finished,
            now=timezone.now(),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            return None, given, error.message_dict
        messages.error(request, error.messages[0])  # closed, or submitted meanwhile
        return _start_url(a), given, {}
    if finished:
        return _next_url(a, sections, saved.answers, section), given, {}
    messages.success(request, SAVED_FOR_LATER.format(day=day_text(a.survey.closes_on)))
    return _start_url(a), given, {}


@login_required
@require_http_methods(FORM_METHODS)
def survey_section(
    request: HttpRequest, survey_id: int, activity_id: int, section_id: int
) -> HttpResponse:
    a = _access(request, survey_id, activity_id)
    sections = selectors.version_sections(a.survey.version)
    section = next((s for s in sections if s.pk == section_id), None)
    if section is None:
        raise Http404(selectors.SURVEY_NOT_FOUND)
    if not a.to_do:
        return redirect(_start_url(a))
    answers = a.response.answers if a.response else {}
    shown = _shown(section, answers)
    if not shown:
        return redirect(_next_url(a, sections, answers, section))
    values, errors = answers, {}
    if request.method == "POST":
        go, values, errors = _save(request, a, sections, section, shown)
        if go is not None:
            return redirect(go)
    fields = forms.question_fields(shown, values, errors)
    context = {
        "a": a,
        "section": section,
        "number": sections.index(section) + 1,
        "count": len(sections),
        "fields": fields,
        "errors": [(f"#{f.id}", message) for f in fields for message in f.errors],
        "back_url": _start_url(a),
    }
    status = 400 if errors else 200
    return render(request, "evaluation/surveys/section.html", context, status=status)


@login_required
@require_http_methods(FORM_METHODS)
def survey_check(request: HttpRequest, survey_id: int, activity_id: int) -> HttpResponse:
    a = _access(request, survey_id, activity_id)
    if not a.to_do:
        return redirect(_start_url(a))
    sections = selectors.version_sections(a.survey.version)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            services.response_submit(
                survey=a.survey,
                activity=a.activity,
                person=person_of(request.user),
                now=timezone.now(),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, error.messages[0])
                return redirect(_start_url(a))
            by_id = {f"section-{s.pk}": _section_url(a, s) for s in sections}
            errors = [
                (by_id[key], text) for key, texts in error.message_dict.items() for text in texts
            ]
        else:
            messages.success(request, SUBMITTED)
            return redirect(_start_url(a))
    answers = a.response.answers if a.response else {}
    context = {
        "a": a,
        "summary": forms.answers_summary(sections, answers),
        "errors": errors,
        "closes": day_text(a.survey.closes_on),
        "back_url": _start_url(a),
    }
    return render(request, "evaluation/surveys/check.html", context, status=400 if errors else 200)


urlpatterns = [
    path("surveys/", survey_mine, name="survey_mine"),
    path("surveys/<id:survey_id>/activities/<id:activity_id>/", survey_start, name="survey_start"),
    path(
        "surveys/<id:survey_id>/activities/<id:activity_id>/sections/<id:section_id>/",
        survey_section,
        name="survey_section",
    ),
    path(
        "surveys/<id:survey_id>/activities/<id:activity_id>/check/",
        survey_check,
        name="survey_check",
    ),
]
