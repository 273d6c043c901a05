"""Reads of surveys that depend on who asks (ISSUE 10, part 2).

- `surveys_of` / `access_assignment`: a person's own surveys, one per activity a survey
  covers that they take part in (or lead, for the LLME survey). A survey they are not in
  answers 404, the same as one that does not exist.
- `access_*` for the builder: the national team only (403 for anyone else, before any
  lookup, so a refusal says nothing about what exists).

Nothing here returns a pseudonym or reads a pseudonymous response except the asking
person's own, found by recomputing their pseudonym.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of
from mathshubs.evaluation.surveys.models import (
    IdentifiedResponse,
    PseudonymousResponse,
    Survey,
    SurveyCompletion,
    SurveyQuestion,
    SurveySection,
    SurveyTemplate,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.evaluation.surveys.rules import can_build_surveys, survey_state

SURVEY_NOT_FOUND = "There is no survey like that for you."
NOT_FOUND = "There is nothing like that here."
ONLY_NATIONAL = "Only the national team can build surveys and run them."

Response = IdentifiedResponse | PseudonymousResponse


@dataclass
class Assignment:
    """One survey for one activity, as one person sees it."""

    survey: Survey
    activity: Activity
    state: str  # upcoming, open or closed (rules.survey_state)
    submitted_on: dt.date | None = None
    started: bool = False
    response: Response | None = field(default=None, repr=False)

    @property
    def submitted(self) -> bool:
        return self.submitted_on is not None

    @property
    def status(self) -> str:
        if self.submitted:
            return "Submitted"
        if self.state == "upcoming":
            return "Not open yet"
        if self.state == "closed":
            return "Closed"
        return "In progress" if self.started else "Not started"

    @property
    def to_do(self) -> bool:
        return self.state == "open" and not self.submitted


def _covers(survey: Survey, activity: Activity) -> bool:
    series = survey.series
    return activity.academic_year == series.academic_year and (
        series.ncp_id is None or activity.ncp_id == series.ncp_id
    )


def _takes_part(person: Person) -> Exists:
    return Exists(
        Participation.objects.filter(activity=OuterRef("pk"), person=person).exclude(
            status=EnrolmentStatus.WITHDRAWN
        )
    )


def _leads(person: Person) -> Exists:
    return Exists(Activity.leads.through.objects.filter(activity=OuterRef("pk"), person=person))


def _surveys() -> QuerySet[Survey]:
    return Survey.objects.select_related("series__ncp", "version__template")


def _responses(person: Person, surveys: list[Survey]) -> dict[tuple[int, int], dict]:
    """(survey id, activity id) -> {"answers": bool} for this person's own responses:
    identified ones by person, pseudonymous ones by their pseudonym in each series."""
    found: dict[tuple[int, int], dict] = {}
    named = [s.pk for s in surveys if not s.pseudonymous]
    if named:
        for survey_id, activity_id, answers in IdentifiedResponse.objects.filter(
            person=person, survey_id__in=named
        ).values_list("survey_id", "activity_id", "answers"):
            found[(survey_id, activity_id)] = {"answers": bool(answers)}
    hidden = [s for s in surveys if s.pseudonymous]
    if hidden:
        mine = {
            s.pk: pseudonym_of(series_secret=s.series.secret, person_id=person.pk) for s in hidden
        }
        rows = PseudonymousResponse.objects.filter(
            survey_id__in=list(mine), pseudonym__in=set(mine.values())
        ).values_list("survey_id", "activity_id", "pseudonym", "answers")
        for survey_id, activity_id, pseudonym, answers in rows:
            if mine.get(survey_id) == pseudonym:
                found[(survey_id, activity_id)] = {"answers": bool(answers)}
    return found


def surveys_of(*, person: Person, now: dt.datetime) -> list[Assignment]:
    """Every survey this person is in, once for each activity it covers that they take
    part in (not withdrawn) or, for the LLME survey, lead; open ones first (closing
    soonest first), then those to come, then the rest, latest first. Five queries
    whatever the numbers."""
    taking_part = (
        Participation.objects.filter(person=person)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .values("activity_id")
    )
    led = Activity.leads.through.objects.filter(person=person).values("activity_id")
    activities = list(
        Activity.objects.filter(Q(pk__in=taking_part) | Q(pk__in=led))
        .annotate(takes_part=_takes_part(person), leads_it=_leads(person))
        .select_related("hub")
        .order_by("title", "pk")
    )
    if not activities:
        return []
    years = {a.academic_year for a in activities}
    surveys = list(_surveys().filter(series__academic_year__in=years).order_by("closes_on", "pk"))
    pairs = [
        (survey, activity)
        for survey in surveys
        for activity in activities
        if _covers(survey, activity)
        and (activity.leads_it if survey.for_leads else activity.takes_part)
    ]
    if not pairs:
        return []
    in_use = list({survey.pk: survey for survey, _ in pairs}.values())
    done = {
        (survey_id, activity_id): day
        for survey_id, activity_id, day in SurveyCompletion.objects.filter(
            person=person, survey_id__in=[s.pk for s in in_use]
        ).values_list("survey_id", "activity_id", "submitted_on")
    }
    responses = _responses(person, in_use)
    assignments = [
        Assignment(
            survey=survey,
            activity=activity,
            state=survey_state(survey, now),
            submitted_on=done.get((survey.pk, activity.pk)),
            started=responses.get((survey.pk, activity.pk), {}).get("answers", False),
        )
        for survey, activity in pairs
    ]
    order = {"open": 0, "upcoming": 1, "closed": 2}
    assignments.sort(
        key=lambda a: (
            order[a.state],
            a.survey.closes_on.toordinal() * (1 if a.state != "closed" else -1),
            a.survey.pk,
            a.activity.title,
        )
    )
    return assignments


def own_response(*, survey: Survey, activity: Activity, person: Person) -> Response | None:
    """This person's own response to a survey for an activity, if they have started one."""
    if survey.pseudonymous:
        pseudonym = pseudonym_of(series_secret=survey.series.secret, person_id=person.pk)
        return PseudonymousResponse.objects.filter(
            survey=survey, activity=activity, pseudonym=pseudonym
        ).first()
    return IdentifiedResponse.objects.filter(
        survey=survey, activity=activity, person=person
    ).first()


def access_assignment(
    *, user: Any, survey_id: int, activity_id: int, now: dt.datetime
) -> Assignment:
    """A survey for an activity, for a person it is for (see `surveys_of`), with their own
    response and completion; anyone else, and a survey that does not cover the activity,
    gets 404."""
    person = person_of(user)
    survey = _surveys().filter(pk=survey_id).first() if person is not None else None
    if person is None or survey is None:
        raise Http404(SURVEY_NOT_FOUND)
    member = _leads(person) if survey.for_leads else _takes_part(person)
    activity = (
        Activity.objects.annotate(member=member)
        .filter(pk=activity_id, member=True)
        .select_related("hub")
        .first()
    )
    if activity is None or not _covers(survey, activity):
        raise Http404(SURVEY_NOT_FOUND)
    completion = SurveyCompletion.objects.filter(
        survey=survey, activity=activity, person=person
    ).first()
    response = own_response(survey=survey, activity=activity, person=person)
    return Assignment(
        survey=survey,
        activity=activity,
        state=survey_state(survey, now),
        submitted_on=completion.submitted_on if completion else None,
        started=bool(response and response.answers),
        response=response,
    )


def version_sections(version: TemplateVersion) -> list[SurveySection]:
    """The sections of a version in order, each with its questions in order (two
    queries)."""
    questions = SurveyQuestion.objects.select_related("condition_question").order_by(
        "position", "pk"
    )
    return list(
        version.sections.order_by("position", "pk").prefetch_related(
            Prefetch("questions", queryset=questions)
        )
    )


# --- The builder: the national team's -----------------------------------------------------


def must_build(user: Any) -> None:
    if not can_build_surveys(user):
        raise PermissionDenied(ONLY_NATIONAL)


def templates_for(*, user: Any) -> list[SurveyTemplate]:
    """Every template with its versions (and how many surveys each runs), two queries."""
    must_build(user)
    versions = TemplateVersion.objects.annotate(survey_count=Count("surveys")).order_by("number")
    return list(
        SurveyTemplate.objects.prefetch_related(Prefetch("versions", queryset=versions)).order_by(
            "title", "pk"
        )
    )


def access_template(*, user: Any, template_id: int) -> SurveyTemplate:
    must_build(user)
    template = SurveyTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404(NOT_FOUND)
    return template


def access_version(*, user: Any, version_id: int) -> TemplateVersion:
    must_build(user)
    version = TemplateVersion.objects.select_related("template").filter(pk=version_id).first()
    if version is None:
        raise Http404(NOT_FOUND)
    return version


def access_section(*, user: Any, section_id: int) -> SurveySection:
    must_build(user)
    section = (
        SurveySection.objects.select_related("version__template").filter(pk=section_id).first()
    )
    if section is None:
        raise Http404(NOT_FOUND)
    return section


def access_question(*, user: Any, question_id: int) -> SurveyQuestion:
    must_build(user)
    question = (
        SurveyQuestion.objects.select_related("section__version__template")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise Http404(NOT_FOUND)
    return question


def published_versions(*, user: Any) -> QuerySet[TemplateVersion]:
    must_build(user)
    return (
        TemplateVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("template")
        .order_by("template__title", "-number")
    )


def surveys_for(*, user: Any) -> QuerySet[Survey]:
    """Every survey, latest first, with how many people have submitted it (a count of
    completions: never who answered what). One query."""
    must_build(user)
    return (
        _surveys()
        .annotate(completion_count=Count("completions"))
        .order_by("-series__academic_year", "-opens_on", "audience", "pk")
    )
