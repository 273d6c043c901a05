"""The results' fixtures: a hand-counted world around `cast.activity` (Leo's Work Group in
the North hub), with an autumn and a summer survey of one pseudonymous series (2023/24,
every activity) built on the surveys' questionnaire.

In Leo's activity (`hand`):
- 7 current participants: Pat and P2 to P7; W, withdrawn, answered the autumn survey
  before withdrawing.
- Autumn: Pat, P2 to P6 submitted (6 of 7 current), and W.
- Summer: Pat, P2 to P5 submitted (5 of 7 current).
- The repeated Likert item (1 to 5), autumn -> summer: Pat 2->4, P2 3->3, P3 3->4,
  P4 4->3, P5 2->5. Matched 5: mean 2.8 -> 3.8, change +1.0; 3 up, 1 same, 1 down.
  P6 and W are autumn only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.dates import LONDON
from mathshubs.evaluation.surveys.models import (
    Audience,
    IdentifiedResponse,
    PseudonymousResponse,
    Survey,
    SurveyCompletion,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from tests import factories as f
from tests.evaluation.surveys import factories as sf

SUMMER_OPENS, SUMMER_CLOSES = dt.date(2024, 6, 3), dt.date(2024, 6, 21)
AFTER_ALL = dt.datetime(2024, 7, 1, 10, 0, tzinfo=LONDON)
DURING_SUMMER = dt.datetime(2024, 6, 10, 10, 0, tzinfo=LONDON)  # a Monday

AUTUMN_LIKERT = [2, 3, 3, 4, 2, 5]  # Pat, P2..P6
SUMMER_LIKERT = [4, 3, 4, 3, 5]  # Pat, P2..P5
WITHDRAWN_LIKERT = 1


def answer(survey: Survey, activity, person, answers: dict, on=dt.date(2023, 10, 9)) -> None:
    """A submitted response and its completion, the way the surveys part writes them."""
    if survey.pseudonymous:
        PseudonymousResponse.objects.create(
            survey=survey,
            activity=activity,
            pseudonym=pseudonym_of(series_secret=survey.series.secret, person_id=person.pk),
            answers=answers,
            submitted=True,
        )
    else:
        IdentifiedResponse.objects.create(
            survey=survey, activity=activity, person=person, answers=answers, submitted=True
        )
    SurveyCompletion.objects.create(
        survey=survey, activity=activity, person=person, submitted_on=on
    )


def likert(q: sf.Questionnaire, point: int, role: str = "class-teacher") -> dict:
    return {
        q.role.key: role,
        q.years.key: 10,
        q.confident.key: point,
        q.tried.key: ["bar-models"],
        q.comments.key: "A secret sentence",
    }


@dataclass
class Hand:
    q: sf.Questionnaire
    autumn: Survey
    summer: Survey
    people: list = field(default_factory=list)  # Pat, P2..P7
    withdrawn: object = None


def participants(activity, n: int) -> list:
    return [f.ParticipationFactory(activity=activity).person for _ in range(n)]


@pytest.fixture
def hand(cast) -> Hand:
    q = sf.questionnaire()
    series = sf.SurveySeriesFactory()
    autumn = sf.SurveyFactory(version=q.version, series=series)
    summer = sf.SurveyFactory(
        version=q.version,
        series=series,
        audience=Audience.SUMMER,
        title="Summer participant survey",
        opens_on=SUMMER_OPENS,
        closes_on=SUMMER_CLOSES,
    )
    activity = cast.activity
    people = [cast.pat.person, *participants(activity, 6)]
    withdrawn = f.ParticipationFactory(activity=activity, status=EnrolmentStatus.WITHDRAWN).person
    for person, point in zip(people[:6], AUTUMN_LIKERT, strict=True):
        answer(autumn, activity, person, likert(q, point))
    answer(autumn, activity, withdrawn, likert(q, WITHDRAWN_LIKERT))
    for person, point in zip(people[:5], SUMMER_LIKERT, strict=True):
        answer(summer, activity, person, likert(q, point), on=dt.date(2024, 6, 10))
    return Hand(q, autumn, summer, people, withdrawn)


def south_activity(cast, n_answers: int, n_people: int | None = None, title="South Work Group"):
    """An activity of the South hub with `n_people` current participants of whom
    `n_answers` answered the autumn survey."""
    activity = f.ActivityFactory(hub=cast.south, title=title)
    return activity, participants(activity, n_people if n_people is not None else n_answers)
