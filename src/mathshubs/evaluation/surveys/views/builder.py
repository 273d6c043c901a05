"""Building survey templates (the national team's pages): the templates, a version with
its sections and questions, and the forms that add, change, move and delete them; publish
a draft; make a new version from a published one.

Anyone else is refused (403) by the `selectors.access_*` each view starts with. A
published version is shown read only; its edit pages send back to it with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from mathshubs.evaluation.surveys import forms, selectors, services
from mathshubs.evaluation.surveys.models import QuestionKind, TemplateVersion
from mathshubs.evaluation.surveys.services.builder import LIKERT_TEXT, PUBLISHED_IS_FIXED

FORM_METHODS = ["GET", "POST"]
TEMPLATE_CREATED = "The template “{title}” has been created. Add its first section"
SECTION_ADDED = "The section has been added"
SECTION_SAVED = "The section has been saved"
SECTION_DELETED = "The section has been deleted"
QUESTION_ADDED = "The question has been added"
QUESTION_SAVED = "The question has been saved"
QUESTION_DELETED = "The question has been deleted"
PUBLISHED = "Version {number} is published. It can now be run as a survey"
NEW_VERSION = "Version {number} is a draft copy of version {source}: change it, then publish it"
MOVED = "The order has been changed"


def version_url(version: TemplateVersion | int) -> str:
    pk = version if isinstance(version, int) else version.pk
    return reverse("evaluation:survey_version", args=[pk])


def show_errors(form: Any, error: ValidationError) -> None:
    found = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    for key, texts in found.items():
        for text in texts:
            form.add_error(key if key in form.fields else None, text)


def _run(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    """Run a service that has no form; a refusal becomes an error banner."""
    try:
        action()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(request, done)
    return True


def _fixed(request: HttpRequest, version: TemplateVersion) -> HttpResponse | None:
    """Back to a published version's page with the reason, for its edit pages."""
    if version.is_draft:
        return None
    messages.error(request, PUBLISHED_IS_FIXED)
    return redirect(version_url(version))


@login_required
def survey_template_list(request: HttpRequest) -> HttpResponse:
    templates = selectors.templates_for(user=request.user)
    return render(
        request, "evaluation/surveys/builder/template_list.html", {"templates": templates}
    )


@login_required
@require_http_methods(FORM_METHODS)
def survey_template_create(request: HttpRequest) -> HttpResponse:
    selectors.must_build(request.user)
    form = forms.TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, TEMPLATE_CREATED.format(title=template.title))
            return redirect(version_url(template.versions.get()))
    context = {
        "form": form,
        "heading": "Create a survey template",
        "back_url": reverse("evaluation:survey_template_list"),
    }
    return render(request, "evaluation/surveys/builder/simple_form.html", context)


@login_required
def survey_version(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id)
    context = {
        "version": version,
        "sections": selectors.version_sections(version),
        "versions": list(version.template.versions.order_by("number")),
        "surveys": list(version.surveys.select_related("series__ncp").order_by("-opens_on")),
    }
    return render(request, "evaluation/surveys/builder/version.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def survey_version_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id)
    if (refused := _fixed(request, version)) is not None:
        return refused
    if request.method == "POST":
        done = PUBLISHED.format(number=version.number)
        _run(request, lambda: services.version_publish(version=version, by=request.user), done)
        return redirect(version_url(version))
    context = {
        "heading": f"Publish version {version.number} of {version.template.title}",
        "text": "Once published, a version never changes: people answer it as it is. To "
        "change it later, make a new version.",
        "button": "Publish",
        "action": reverse("evaluation:survey_version_publish", args=[version.pk]),
        "back_url": version_url(version),
    }
    return render(request, "evaluation/surveys/builder/confirm.html", context)


@login_required
@require_POST
def survey_version_new(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id)
    try:
        draft = services.version_new(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(version_url(version))
    messages.success(request, NEW_VERSION.format(number=draft.number, source=version.number))
    return redirect(version_url(draft))


# --- Sections ----------------------------------------------------------------------------


def _section_form(
    request: HttpRequest,
    version: TemplateVersion,
    save: Callable[[dict], Any],
    done: str,
    initial=None,
) -> HttpResponse:
    form = forms.SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(version_url(version))
    heading = "Change the section" if initial else "Add a section"
    context = {
        "form": form,
        "heading": heading,
        "version": version,
        "back_url": version_url(version),
    }
    return render(request, "evaluation/surveys/builder/simple_form.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def survey_section_add(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id)
    if (refused := _fixed(request, version)) is not None:
        return refused

    def save(data: dict) -> Any:
        return services.section_add(version=version, by=request.user, **data)

    return _section_form(request, version, save, SECTION_ADDED)


@login_required
@require_http_methods(FORM_METHODS)
def survey_section_edit(request: HttpRequest, section_id: int) -> HttpResponse:
    section = selectors.access_section(user=request.user, section_id=section_id)
    if (refused := _fixed(request, section.version)) is not None:
        return refused

    def save(data: dict) -> Any:
        return services.section_update(section=section, by=request.user, **data)

    initial = {"title": section.title, "intro": section.intro}
    return _section_form(request, section.version, save, SECTION_SAVED, initial)


def _delete(
    request: HttpRequest, version: TemplateVersion, what: str, action: str, run: Callable, done: str
) -> HttpResponse:
    if (refused := _fixed(request, version)) is not None:
        return refused
    if request.method == "POST":
        _run(request, run, done)
        return redirect(version_url(version))
    context = {
        "heading": f"Delete {what}?",
        "text": "This cannot be undone.",
        "button": "Delete",
        "warning": True,
        "action": action,
        "back_url": version_url(version),
    }
    return render(request, "evaluation/surveys/builder/confirm.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def survey_section_delete(request: HttpRequest, section_id: int) -> HttpResponse:
    section = selectors.access_section(user=request.user, section_id=section_id)
    action = reverse("evaluation:survey_section_delete", args=[section.pk])
    run = lambda: services.section_delete(section=section, by=request.user)  # noqa: E731
    what = f"the section “{section.title}” and its questions"
    return _delete(request, section.version, what, action, run, SECTION_DELETED)


@login_required
@require_POST
def survey_section_move(request: HttpRequest, section_id: int) -> HttpResponse:
    section = selectors.access_section(user=request.user, section_id=section_id)
    up = request.POST.get("direction") != "down"
    _run(request, lambda: services.section_move(section=section, by=request.user, up=up), MOVED)
    return redirect(version_url(section.version_id))


# --- Questions ---------------------------------------------------------------------------


def _question_form(request: HttpRequest, section: Any, question: Any = None) -> HttpResponse:
    initial = (
        forms.question_initial(question)
        if question
        else {"kind": QuestionKind.SINGLE, "required": "yes", "condition": forms.ALWAYS}
    )
    form = forms.QuestionForm(
        request.POST or None, initial=initial, section=section, question=question
    )
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                services.question_add(section=section, by=request.user, spec=form.spec())
            else:
                services.question_update(question=question, by=request.user, spec=form.spec())
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, QUESTION_SAVED if question else QUESTION_ADDED)
            return redirect(version_url(section.version_id))
    context = {
        "form": form,
        "section": section,
        "heading": "Change the question" if question else "Add a question",
        "likert_default": LIKERT_TEXT,
        "back_url": version_url(section.version_id),
    }
    return render(request, "evaluation/surveys/builder/question_form.html", context)


@login_required
@require_http_methods(FORM_METHODS)
def survey_question_add(request: HttpRequest, section_id: int) -> HttpResponse:
    section = selectors.access_section(user=request.user, section_id=section_id)
    if (refused := _fixed(request, section.version)) is not None:
        return refused
    return _question_form(request, section)


@login_required
@require_http_methods(FORM_METHODS)
def survey_question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.access_question(user=request.user, question_id=question_id)
    if (refused := _fixed(request, question.section.version)) is not None:
        return refused
    return _question_form(request, question.section, question)


@login_required
@require_http_methods(FORM_METHODS)
def survey_question_delete(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.access_question(user=request.user, question_id=question_id)
    action = reverse("evaluation:survey_question_delete", args=[question.pk])
    run = lambda: services.question_delete(question=question, by=request.user)  # noqa: E731
    what = f"the question “{question.text[:80]}”"
    return _delete(request, question.section.version, what, action, run, QUESTION_DELETED)


@login_required
@require_POST
def survey_question_move(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.access_question(user=request.user, question_id=question_id)
    up = request.POST.get("direction") != "down"
    _run(request, lambda: services.question_move(question=question, by=request.user, up=up), MOVED)
    return redirect(version_url(question.section.version_id))


urlpatterns = [
    path("surveys/templates/", survey_template_list, name="survey_template_list"),
    path("surveys/templates/new/", survey_template_create, name="survey_template_create"),
    path("surveys/versions/<id:version_id>/", survey_version, name="survey_version"),
    path(
        "surveys/versions/<id:version_id>/publish/",
        survey_version_publish,
        name="survey_version_publish",
    ),
    path(
        "surveys/versions/<id:version_id>/new-version/",
        survey_version_new,
        name="survey_version_new",
    ),
    path(
        "surveys/versions/<id:version_id>/sections/new/",
        survey_section_add,
        name="survey_section_add",
    ),
    path("surveys/sections/<id:section_id>/", survey_section_edit, name="survey_section_edit"),
    path(
        "surveys/sections/<id:section_id>/delete/",
        survey_section_delete,
        name="survey_section_delete",
    ),
    path("surveys/sections/<id:section_id>/move/", survey_section_move, name="survey_section_move"),
    path(
        "surveys/sections/<id:section_id>/questions/new/",
        survey_question_add,
        name="survey_question_add",
    ),
    path("surveys/questions/<id:question_id>/", survey_question_edit, name="survey_question_edit"),
    path(
        "surveys/questions/<id:question_id>/delete/",
        survey_question_delete,
        name="survey_question_delete",
    ),
    path(
        "surveys/questions/<id:question_id>/move/",
        survey_question_move,
        name="survey_question_move",
    ),
]
