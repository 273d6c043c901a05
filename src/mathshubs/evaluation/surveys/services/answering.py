"""Answering a survey: answers saved a section at a time, then submitted once.

Answers are kept in the database as they are saved, so a person can stop ("Save and come
back later") and carry on from any device. A pseudonymous survey's draft is found again
by recomputing the person's pseudonym (surveys/pseudonyms.py); nothing on it names them.

Submitting checks every required question shown, drops answers to questions no longer
shown, marks the response submitted with a conditional UPDATE, and records the person's
`SurveyCompletion` (the date only) in the same transaction: a second submission, however
close, finds one or the other done and is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mathshubs.activities.models import Activity
from mathshubs.dates import LONDON
from mathshubs.directory.models import Person
from mathshubs.evaluation.surveys.models import (
    IdentifiedResponse,
    PseudonymousResponse,
    Survey,
    SurveyCompletion,
    SurveySection,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.evaluation.surveys.rules import (
    answer_missing,
    answer_value,
    day_text,
    question_is_shown,
    survey_state,
)
from mathshubs.evaluation.surveys.selectors import Response, version_sections

NOT_OPEN_YET = "This survey opens on {day}. Come back then to answer it"
CLOSED = "This survey closed on {day} at 23:59, so answers can no longer be given or changed"
ALREADY_SUBMITTED = (
    "You submitted this survey on {day}. A survey is submitted once: its answers cannot be changed"
)
SECTION_INCOMPLETE = "Answer the required questions in “{section}”"
NOT_THIS_SURVEY = "That section is not part of this survey"


def _must_be_open(survey: Survey, now: dt.datetime) -> None:
    state = survey_state(survey, now)
    if state == "upcoming":
        raise ValidationError(NOT_OPEN_YET.format(day=day_text(survey.opens_on)), code="closed")
    if state == "closed":
        raise ValidationError(CLOSED.format(day=day_text(survey.closes_on)), code="closed")


def _must_not_be_submitted(survey: Survey, activity: Activity, person: Person) -> None:
    done = SurveyCompletion.objects.filter(survey=survey, activity=activity, person=person).first()
    if done is not None:
        message = ALREADY_SUBMITTED.format(day=day_text(done.submitted_on))
        raise ValidationError(message, code="submitted")


def _locked_response(survey: Survey, activity: Activity, person: Person) -> Response:
    """The person's response, locked until the transaction ends; made when they have none
    (a simultaneous first save finds the other's row)."""
    if survey.pseudonymous:
        model: type[Response] = PseudonymousResponse
        who: dict[str, Any] = {
            "pseudonym": pseudonym_of(series_secret=survey.series.secret, person_id=person.pk)
        }
    else:
        model, who = IdentifiedResponse, {"person": person}
    rows = model.objects.select_for_update().filter(survey=survey, activity=activity, **who)
    response = rows.first()
    if response is None:
        try:
            with transaction.atomic():
                response = model.objects.create(survey=survey, activity=activity, **who)
        except IntegrityError:
            response = rows.get()
    return response


def _check(section: SurveySection, answers: dict[str, Any], given: dict[str, Any], finished: bool):
    """`answers` with this section's given, checked; errors keyed by question key."""
    kept = dict(answers)
    errors: dict[str, list[str]] = {}
    for question in section.questions.all():
        key = question.key
        if not question_is_shown(question, kept):
            kept.pop(key, None)
            continue
        try:
            value = answer_value(question, given.get(key))
        except ValidationError as error:
            errors[key] = error.messages
            continue
        if value is None:
            kept.pop(key, None)
            if finished and question.required:
                errors[key] = answer_missing(question).messages
        else:
            kept[key] = value
    if errors:
        raise ValidationError(errors)
    return kept


def answers_save(
    *,
    survey: Survey,
    activity: Activity,
    person: Person,
    section: SurveySection,
    given: dict[str, Any],
    finished: bool,
    now: dt.datetime,
) -> Response:
    """Save the answers to one section. `given`: {question key: what was given}; a
    question left out counts as not answered. `finished` (Save and continue): every
    required question shown must be answered; otherwise (Save and come back later) only
    what is given is checked. Nothing is saved while any answer is not valid.

    The caller has checked, with selectors.access_assignment, that the survey is for this
    person and activity."""
    if section.version_id != survey.version_id:
        raise ValidationError(NOT_THIS_SURVEY)
    _must_be_open(survey, now)
    with transaction.atomic():
        response = _locked_response(survey, activity, person)
        _must_not_be_submitted(survey, activity, person)
        response.answers = _check(section, response.answers, given, finished)
        fields = ["answers"]
        if isinstance(response, IdentifiedResponse):
            response.updated_at = now
            fields.append("updated_at")
        response.save(update_fields=fields)
    return response


def answers_complete(survey: Survey, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers to keep on submission (those to questions shown), or ValidationError
    naming each section with a required question shown and not answered (keyed by
    `section-<id>`)."""
    kept = dict(answers)
    errors: dict[str, str] = {}
    for section in version_sections(survey.version):
        for question in section.questions.all():
            if not question_is_shown(question, kept):
                kept.pop(question.key, None)
            elif question.required and kept.get(question.key) in (None, "", []):
                errors[f"section-{section.pk}"] = SECTION_INCOMPLETE.format(section=section.title)
    if errors:
        raise ValidationError(errors)
    return kept


def response_submit(
    *, survey: Survey, activity: Activity, person: Person, now: dt.datetime
) -> SurveyCompletion:
    """Submit the person's answers, once. A pseudonymous response gets no time: the date
    is on the completion, which has no link to the response."""
    _must_be_open(survey, now)
    with transaction.atomic():
        response = _locked_response(survey, activity, person)
        _must_not_be_submitted(survey, activity, person)
        kept = answers_complete(survey, response.answers)
        changes: dict[str, Any] = {"submitted": True, "answers": kept}
        if isinstance(response, IdentifiedResponse):
            changes["submitted_at"] = now
        mine = type(response).objects.filter(pk=response.pk)  # type: ignore[misc]
        claimed = mine.filter(submitted=False).update(**changes)
        day = now.astimezone(LONDON).date()
        if not claimed:
            raise ValidationError(ALREADY_SUBMITTED.format(day=day_text(day)), code="submitted")
        try:
            with transaction.atomic():
                completion = SurveyCompletion.objects.create(
                    survey=survey, activity=activity, person=person, submitted_on=day
                )
        except IntegrityError as twice:
            message = ALREADY_SUBMITTED.format(day=day_text(day))
            raise ValidationError(message, code="submitted") from twice
    return completion
