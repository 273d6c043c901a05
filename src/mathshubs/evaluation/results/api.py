"""The completion and results API at /api/v1/ (ISSUE 10, parts 3 and 4), with the pages'
rules: completion in the reader's scope; an activity's surveys with who has not responded
(its leads and its hub's staff only); a survey's results and its autumn-to-summer
comparison in one breakdown (`hub`, `ncp` (0 for local activities) or `activity`, by id;
none: the reader's own default), every breakdown with fewer than 5 responses (or matched
participants) suppressed: `suppressed: true`, `count: null` and no figures. A lead sends a
reminder with POST; a refused one answers 422 with the reason and, when it is too soon,
`next_possible`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.api_problems import Problem as ErrorOut
from mathshubs.bounds import MAX_ID, PathId
from mathshubs.evaluation.results import selectors, services
from mathshubs.evaluation.results.completion import TARGET, Tally
from mathshubs.evaluation.results.models import SurveyReminder
from mathshubs.evaluation.results.rules import reminder_next_possible
from mathshubs.evaluation.results.selectors import Breakdown, CompletionRow
from mathshubs.evaluation.results.suppression import MINIMUM
from mathshubs.evaluation.surveys.models import QuestionKind

router = Router(tags=["survey results"], auth=personal_auth)

HubId = Annotated[int | None, Query(None, ge=1, le=MAX_ID, description="A hub's id")]
NcpId = Annotated[
    int | None, Query(None, ge=0, le=MAX_ID, description="An NCP's id; 0: local activities")
]
ActivityId = Annotated[int | None, Query(None, ge=1, le=MAX_ID, description="An activity's id")]


class RefusedOut(Schema):
    message: str
    next_possible: dt.datetime | None = None


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class TallyOut(Schema):
    completed: int
    expected: int
    rate: float | None = Field(description="Per cent; null when nobody is expected")
    target: int = TARGET


class CompletionRowOut(Schema):
    kind: str = Field(description="national, mine, hub, ncp, activity or llme")
    id: int
    name: str
    hub: str
    activities: int
    completion: TallyOut


class CompletionOut(Schema):
    survey_id: int
    title: str
    audience: str
    total: CompletionRowOut
    hubs: list[CompletionRowOut]
    ncps: list[CompletionRowOut]
    activities: list[CompletionRowOut]
    llmes: list[CompletionRowOut] = Field(description="Hub staff: per LLME of their hub")


class PersonNameOut(Schema):
    id: int
    name: str


class ActivitySurveyOut(Schema):
    survey_id: int
    title: str
    audience: str
    state: str
    pseudonymous: bool
    completion: TallyOut
    non_respondents: list[PersonNameOut] | None = Field(
        description="Names only; null unless you lead the activity or are its hub's staff"
    )
    last_reminder: dt.datetime | None
    next_reminder: dt.datetime | None = Field(description="When the next reminder may go")
    may_remind: bool


class BreakdownOut(Schema):
    kind: str
    id: int
    name: str
    count: int | None = Field(description=f"null when suppressed (fewer than {MINIMUM})")
    suppressed: bool


class ResultOptionOut(Schema):
    value: str
    label: str
    count: int
    percent: float | None


class QuestionResultOut(Schema):
    question_id: int
    text: str
    kind: str
    answered: int
    mean: float | None
    options: list[ResultOptionOut] = Field(description="Empty for numbers and free text")


class ResultsOut(Schema):
    survey_id: int
    open: bool = Field(description="false until the survey has closed: no figures yet")
    breakdown: BreakdownOut | None
    questions: list[QuestionResultOut]
    breakdowns: list[BreakdownOut]


class ItemResultOut(Schema):
    item_key: str
    text: str
    matched: int
    before: float | None
    after: float | None
    change: float | None
    up: int | None
    same: int | None
    down: int | None


class ChildComparisonOut(BreakdownOut):
    items: list[ItemResultOut]


class ComparisonOut(Schema):
    survey_id: int
    autumn_survey_id: int | None
    summer_survey_id: int | None
    open: bool
    breakdown: BreakdownOut | None
    autumn_only: int | None
    summer_only: int | None
    items: list[ItemResultOut]
    breakdowns: list[ChildComparisonOut]


class ReminderOut(Schema):
    survey_id: int
    activity_id: int
    sent_at: dt.datetime
    recipients: int
    next_possible: dt.datetime | None


def _tally(t: Tally) -> dict[str, Any]:
    return {"completed": t.done, "expected": t.total, "rate": t.rate, "target": TARGET}


def _row(r: CompletionRow) -> dict[str, Any]:
    return {
        "kind": r.node[0],
        "id": r.node[1],
        "name": r.label,
        "hub": r.hub,
        "activities": r.activities,
        "completion": _tally(r.tally),
    }


def _breakdown(b: Breakdown) -> dict[str, Any]:
    return {
        "kind": b.node[0],
        "id": b.node[1],
        "name": b.label,
        "count": b.count,
        "suppressed": b.suppressed,
    }


def _node(hub: int | None, ncp: int | None, activity: int | None):
    try:
        return selectors.parse_breakdown(hub=hub, ncp=ncp, activity=activity)
    except ValueError as error:
        from ninja.errors import HttpError

        raise HttpError(422, str(error)) from error


@router.get(
    "/surveys/{survey_id}/completion",
    response={200: CompletionOut, **ERRORS},
    url_name="results_completion",
)
def results_completion(request: HttpRequest, survey_id: PathId) -> Any:
    """Completion against the handbook's 100%: nationally by hub and by NCP for the
    national team; activity by activity for hub staff (their hub) and LLMEs (theirs)."""
    report = selectors.survey_completion(user=request.user, survey_id=survey_id)
    return {
        "survey_id": report.survey.pk,
        "title": report.survey.title,
        "audience": report.survey.audience,
        "total": _row(report.total),
        "hubs": [_row(r) for r in report.hubs],
        "ncps": [_row(r) for r in report.ncps],
        "activities": [_row(r) for r in report.activities],
        "llmes": [_row(r) for r in report.llmes],
    }


@router.get(
    "/activities/{activity_id}/surveys",
    response={200: list[ActivitySurveyOut], **ERRORS},
    url_name="results_activity",
)
def results_activity(request: HttpRequest, activity_id: PathId) -> Any:
    """An activity's surveys with completion; who has not responded (names only) for its
    leads and its hub's staff."""
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    rows = selectors.activity_surveys(user=request.user, activity=activity, now=timezone.now())
    return [
        {
            "survey_id": r.survey.pk,
            "title": r.survey.title,
            "audience": r.survey.audience,
            "state": r.state,
            "pseudonymous": r.survey.pseudonymous,
            "completion": _tally(r.tally),
            "non_respondents": None
            if r.non_respondents is None
            else [{"id": p.pk, "name": p.full_name} for p in r.non_respondents],
            "last_reminder": r.last_reminder,
            "next_reminder": r.next_reminder,
            "may_remind": r.may_remind,
        }
        for r in rows
    ]


@router.post(
    "/activities/{activity_id}/surveys/{survey_id}/reminders",
    response={201: ReminderOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusedOut},
    url_name="results_remind",
)
def results_remind(request: HttpRequest, activity_id: PathId, survey_id: PathId) -> Any:
    """Email a reminder to the activity's current participants who have not completed an
    open participant survey (its leads; once every 3 working days)."""
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    survey = selectors.surveys_covering(activity).filter(pk=survey_id).first()
    if survey is None:
        return 404, {"message": selectors.SURVEY_NOT_FOUND}
    try:
        reminder = services.reminder_send(survey=survey, activity=activity, by=request.user)
    except ValidationError as error:
        last = (
            SurveyReminder.objects.filter(survey=survey, activity=activity)
            .order_by("-sent_at")
            .first()
        )
        possible = reminder_next_possible(last.sent_at) if last else None
        return 422, {"message": error.messages[0], "next_possible": possible}
    return 201, {
        "survey_id": survey.pk,
        "activity_id": activity.pk,
        "sent_at": reminder.sent_at,
        "recipients": reminder.recipients,
        "next_possible": reminder_next_possible(reminder.sent_at),
    }


@router.get(
    "/surveys/{survey_id}/results",
    response={200: ResultsOut, **ERRORS},
    url_name="results_survey",
)
def results_survey(
    request: HttpRequest,
    survey_id: PathId,
    hub: HubId = None,
    ncp: NcpId = None,
    activity: ActivityId = None,
) -> Any:
    """A survey's results in one breakdown, aggregated per question (free text counted,
    never shown), and the breakdowns below it; suppressed below 5 responses."""
    found = selectors.survey_results(
        user=request.user, survey_id=survey_id, node=_node(hub, ncp, activity), now=timezone.now()
    )
    return {
        "survey_id": found.survey.pk,
        "open": found.open,
        "breakdown": _breakdown(found.breakdown) if found.breakdown else None,
        "questions": [
            {
                "question_id": r.question.pk,
                "text": r.question.text,
                "kind": r.kind,
                "answered": r.answered,
                "mean": r.mean,
                "options": [o.__dict__ for o in r.options],
            }
            for r in found.questions
        ],
        "breakdowns": [_breakdown(b) for b in found.children],
    }


def _items(results) -> list[dict[str, Any]]:
    return [
        {
            "item_key": r.item.key,
            "text": r.item.text,
            "matched": r.pairs,
            "before": r.before,
            "after": r.after,
            "change": r.change,
            "up": r.up if r.item.kind == QuestionKind.LIKERT else None,
            "same": r.same if r.item.kind == QuestionKind.LIKERT else None,
            "down": r.down if r.item.kind == QuestionKind.LIKERT else None,
        }
        for r in results
    ]


@router.get(
    "/surveys/{survey_id}/comparison",
    response={200: ComparisonOut, **ERRORS},
    url_name="results_comparison",
)
def results_comparison(
    request: HttpRequest,
    survey_id: PathId,
    hub: HubId = None,
    ncp: NcpId = None,
    activity: ActivityId = None,
) -> Any:
    """The matched autumn-to-summer comparison of the series' repeated items in one
    breakdown and in each below it; suppressed below 5 matched participants."""
    found = selectors.survey_comparison(
        user=request.user, survey_id=survey_id, node=_node(hub, ncp, activity), now=timezone.now()
    )
    tallies = found.tallies
    return {
        "survey_id": found.survey.pk,
        "autumn_survey_id": found.autumn.pk if found.autumn else None,
        "summer_survey_id": found.summer.pk if found.summer else None,
        "open": found.open,
        "breakdown": _breakdown(found.breakdown) if found.breakdown else None,
        "autumn_only": tallies.autumn_only if tallies else None,
        "summer_only": tallies.summer_only if tallies else None,
        "items": _items(found.results),
        "breakdowns": [{**_breakdown(b), "items": _items(rs)} for b, rs in found.children],
    }
