"""The surveys API at /api/v1/ (ISSUE 10, part 2): the national team's templates and
versions; a person's own surveys, one with its questions and their answers so far, saving
the answers to a section, and submitting once.

A survey the person is not in answers 404, like a missing one; the templates answer 403
to anyone but the national team; a refused save or submission answers 422 with the
reason and, per question (`q<id>`) or section (`section-<id>`), what is wrong. No answer
carries a pseudonym, or anyone's answers but the asking person's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.api_problems import Problem as ErrorOut
from mathshubs.bounds import MAX_INT, PathId
from mathshubs.directory.rules import person_of
from mathshubs.evaluation.surveys import selectors, services
from mathshubs.evaluation.surveys.models import SurveyQuestion, SurveySection
from mathshubs.evaluation.surveys.selectors import Assignment

router = Router(tags=["surveys"], auth=personal_auth)


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
AnswerNumber = Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]
AnswerValue = AnswerNumber | str | list[str] | None


class SurveyVersionOut(Schema):
    id: int
    number: int
    status: str
    published_at: dt.datetime | None
    survey_count: int


class TemplateOut(Schema):
    id: int
    title: str
    description: str
    versions: list[SurveyVersionOut]


class MySurveyOut(Schema):
    survey_id: int
    activity_id: int
    activity_title: str
    title: str
    audience: str
    academic_year: int
    opens_on: dt.date
    closes_on: dt.date
    pseudonymous: bool
    state: str = Field(description="upcoming, open or closed")
    status: str
    submitted_on: dt.date | None


class OptionOut(Schema):
    value: int | str
    label: str


class ConditionOut(Schema):
    question_key: str
    operator: str = Field(description="equals or contains")
    value: str


class QuestionOut(Schema):
    id: int
    key: str = Field(description="The question's key in `answers`: q<id>")
    text: str
    hint: str
    kind: str
    required: bool
    options: list[OptionOut]
    min_value: int | None
    max_value: int | None
    repeated: bool
    item_key: str
    condition: ConditionOut | None


class SectionOut(Schema):
    id: int
    title: str
    intro: str
    questions: list[QuestionOut]


class SurveyOut(MySurveyOut):
    sections: list[SectionOut]
    answers: dict[str, Any] = Field(description="Your answers so far, by question key")


class AnswersIn(Schema):
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict,
        description="By question key (q<id>): a choice's value, a Likert point, a whole "
        "number, text, or a list of values for multiple choice. A question left out is "
        "not answered.",
    )
    finished: bool = Field(
        default=False,
        description="true (Save and continue): every required question shown must be "
        "answered; false (Save and come back later): only what is given is checked",
    )


class SavedOut(Schema):
    answers: dict[str, Any]


class SubmittedOut(Schema):
    survey_id: int
    activity_id: int
    submitted_on: dt.date


def _refused(error: ValidationError) -> tuple[int, dict[str, Any]]:
    errors = error.message_dict if hasattr(error, "error_dict") else {}
    return 422, {"message": " ".join(error.messages), "errors": errors}


def _mine(a: Assignment) -> dict[str, Any]:
    return {
        "survey_id": a.survey.pk,
        "activity_id": a.activity.pk,
        "activity_title": a.activity.title,
        "title": a.survey.title,
        "audience": a.survey.audience,
        "academic_year": a.survey.academic_year,
        "opens_on": a.survey.opens_on,
        "closes_on": a.survey.closes_on,
        "pseudonymous": a.survey.pseudonymous,
        "state": a.state,
        "status": a.status,
        "submitted_on": a.submitted_on,
    }


def _question(question: SurveyQuestion) -> dict[str, Any]:
    condition = None
    if question.condition_question_id is not None:
        condition = {
            "question_key": f"q{question.condition_question_id}",
            "operator": question.condition_operator,
            "value": question.condition_value,
        }
    return {
        "id": question.pk,
        "key": question.key,
        "text": question.text,
        "hint": question.hint,
        "kind": question.kind,
        "required": question.required,
        "options": question.options,
        "min_value": question.min_value,
        "max_value": question.max_value,
        "repeated": question.repeated,
        "item_key": question.item_key,
        "condition": condition,
    }


def _section(section: SurveySection) -> dict[str, Any]:
    return {
        "id": section.pk,
        "title": section.title,
        "intro": section.intro,
        "questions": [_question(q) for q in section.questions.all()],
    }


def _access(request: HttpRequest, survey_id: int, activity_id: int) -> Assignment:
    return selectors.access_assignment(
        user=request.user, survey_id=survey_id, activity_id=activity_id, now=timezone.now()
    )


@router.get(
    "/surveys/templates",
    response={200: list[TemplateOut], **ERRORS},
    url_name="surveys_templates",
)
def surveys_templates(request: HttpRequest) -> Any:
    """Every survey template with its versions (the national team only)."""
    return [
        {
            "id": t.pk,
            "title": t.title,
            "description": t.description,
            "versions": [
                {
                    "id": v.pk,
                    "number": v.number,
                    "status": v.status,
                    "published_at": v.published_at,
                    "survey_count": v.survey_count,
                }
                for v in t.versions.all()
            ],
        }
        for t in selectors.templates_for(user=request.user)
    ]


@router.get(
    "/surveys/mine", response={200: list[MySurveyOut], 401: ErrorOut}, url_name="surveys_mine"
)
def surveys_mine(request: HttpRequest) -> Any:
    """Your surveys: one for each activity a survey covers that you take part in (or
    lead, for the LLME survey), open ones first."""
    person = person_of(request.user)
    if person is None:
        return []
    return [_mine(a) for a in selectors.surveys_of(person=person, now=timezone.now())]


@router.get(
    "/surveys/{survey_id}/activities/{activity_id}",
    response={200: SurveyOut, **ERRORS},
    url_name="surveys_detail",
)
def surveys_detail(request: HttpRequest, survey_id: PathId, activity_id: PathId) -> Any:
    """A survey of yours with its sections and questions, and your answers so far."""
    a = _access(request, survey_id, activity_id)
    sections = selectors.version_sections(a.survey.version)
    answers = a.response.answers if a.response else {}
    return {**_mine(a), "sections": [_section(s) for s in sections], "answers": answers}


@router.put(
    "/surveys/{survey_id}/activities/{activity_id}/sections/{section_id}",
    response={200: SavedOut, **ERRORS},
    url_name="surveys_section_save",
)
def surveys_section_save(
    request: HttpRequest,
    survey_id: PathId,
    activity_id: PathId,
    section_id: PathId,
    payload: AnswersIn,
) -> Any:
    """Save your answers to one section, while the survey is open and not submitted."""
    a = _access(request, survey_id, activity_id)
    section = a.survey.version.sections.filter(pk=section_id).first()
    if section is None:
        return 404, {"message": selectors.SURVEY_NOT_FOUND}
    try:
        saved = services.answers_save(
            survey=a.survey,
            activity=a.activity,
            person=person_of(request.user),
            section=section,
            given=dict(payload.answers),
            finished=payload.finished,
            now=timezone.now(),
        )
    except ValidationError as error:
        return _refused(error)
    return 200, {"answers": saved.answers}


@router.post(
    "/surveys/{survey_id}/activities/{activity_id}/submit",
    response={200: SubmittedOut, **ERRORS},
    url_name="surveys_submit",
)
def surveys_submit(request: HttpRequest, survey_id: PathId, activity_id: PathId) -> Any:
    """Submit your answers, once: after that they cannot be changed."""
    a = _access(request, survey_id, activity_id)
    try:
        completion = services.response_submit(
            survey=a.survey, activity=a.activity, person=person_of(request.user), now=timezone.now()
        )
    except ValidationError as error:
        return _refused(error)
    return 200, {
        "survey_id": a.survey.pk,
        "activity_id": a.activity.pk,
        "submitted_on": completion.submitted_on,
    }
