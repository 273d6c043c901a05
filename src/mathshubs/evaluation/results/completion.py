"""Completion of the national surveys (ISSUE 10, part 3; 2023/24 handbook, "Impact
evaluation and quality assurance": LLMEs contribute "through encouraging and facilitating
a 100% completion rate in participant national surveys, completing the LLME survey").

- A participant survey's completion in an activity is how many of its **current**
  participants (not withdrawn) submitted it **for that activity**, over how many current
  participants it has: a withdrawn person counts on neither side, and a person who takes
  part in two activities completes each separately.
- The LLME survey's completion is over the activity's leads.
- Rates roll up from the activities: an LLME's activities, a hub, an NCP, nationally.

Everything is counted in the database, grouped by activity, in a fixed number of queries
whatever the number of activities or people (`completion_tallies`); the evaluation
timeline asks the same question.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Count, Exists, OuterRef, QuerySet

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.directory.models import Person
from mathshubs.evaluation.surveys.models import Survey, SurveyCompletion

TARGET = 100  # per cent: the handbook's


@dataclass
class Tally:
    done: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        self.done += other.done
        self.total += other.total

    @property
    def rate(self) -> float | None:
        """Per cent of those expected who completed it; None when nobody is expected."""
        return round(100 * self.done / self.total, 1) if self.total else None

    @property
    def to_go(self) -> int:
        return max(self.total - self.done, 0)

    @property
    def met(self) -> bool:
        return self.total > 0 and self.done >= self.total


def covers(survey: Survey, activity: Any) -> bool:
    """Whether a survey covers an activity (a model or a row with its `academic_year`
    and `ncp_id`)."""
    series = survey.series
    return activity.academic_year == series.academic_year and (
        series.ncp_id is None or activity.ncp_id == series.ncp_id
    )


def covered(survey: Survey) -> QuerySet[Activity]:
    """The activities a survey covers: every activity of its year, or those of its NCP."""
    activities = Activity.objects.filter(academic_year=survey.series.academic_year)
    if survey.series.ncp_id is not None:
        activities = activities.filter(ncp_id=survey.series.ncp_id)
    return activities


def _current() -> QuerySet[Participation]:
    return Participation.objects.exclude(status=EnrolmentStatus.WITHDRAWN)


def by_current_participant() -> Exists:
    """That a completion (or anything with `activity_id` and `person_id`) is by a current
    participant of the activity it is about: the rule for participant surveys."""
    return Exists(
        _current().filter(activity_id=OuterRef("activity_id"), person_id=OuterRef("person_id"))
    )


def completion_tallies(
    *,
    surveys: Sequence[Survey],
    activities: Sequence[Any],
    within: QuerySet[Activity] | None = None,
) -> dict[tuple[int, int], Tally]:
    """(survey id, activity id) -> Tally, for each survey and each activity it covers.
    `activities` may be a queryset, or `within` the queryset a list of them came from:
    the counts filter on it as a subquery (a list of thousands of ids is slow to send).
    At most four queries whatever the numbers."""
    rows = list(activities)
    if within is not None:
        pk_filter: Any = within.values("pk")
    elif isinstance(activities, QuerySet):
        pk_filter = activities.values("pk")
    else:
        pk_filter = [a.pk for a in rows]
    for_leads = [s for s in surveys if s.for_leads]
    for_participants = [s for s in surveys if not s.for_leads]
    participants: dict[int, int] = {}
    leads: dict[int, int] = {}
    if for_participants:
        participants = dict(
            _current()
            .filter(activity_id__in=pk_filter)
            .order_by()
            .values("activity_id")
            .annotate(n=Count("pk"))
            .values_list("activity_id", "n")
        )
    if for_leads:
        leads = dict(
            Activity.objects.filter(pk__in=pk_filter)
            .annotate(n=Count("leads"))
            .filter(n__gt=0)
            .order_by()
            .values_list("pk", "n")
        )
    done: dict[tuple[int, int], int] = {}
    if surveys:
        is_current = by_current_participant()
        is_lead = Exists(
            Activity.leads.through.objects.filter(
                activity_id=OuterRef("activity_id"), person_id=OuterRef("person_id")
            )
        )
        for group, member in ((for_participants, is_current), (for_leads, is_lead)):
            if not group:
                continue
            for survey_id, activity_id, n in (
                SurveyCompletion.objects.filter(
                    survey_id__in=[s.pk for s in group], activity_id__in=pk_filter
                )
                .filter(member)
                .order_by()
                .values("survey_id", "activity_id")
                .annotate(n=Count("pk"))
                .values_list("survey_id", "activity_id", "n")
            ):
                done[(survey_id, activity_id)] = n
    found = {}
    for survey in surveys:
        expected = leads if survey.for_leads else participants
        for activity in rows:
            if covers(survey, activity):
                found[(survey.pk, activity.pk)] = Tally(
                    done.get((survey.pk, activity.pk), 0), expected.get(activity.pk, 0)
                )
    return found


K = TypeVar("K", bound=Hashable)


def roll_up(tallies: Iterable[tuple[K, Tally]]) -> dict[K, Tally]:
    """Sum tallies by key (a hub, an NCP, "national")."""
    found: dict[K, Tally] = defaultdict(Tally)
    for key, tally in tallies:
        found[key].add(tally)
    return dict(found)


def non_respondents(*, survey: Survey, activity: Activity) -> list[Person]:
    """Who the survey is for in this activity and has not submitted it for this activity:
    its current participants (a participant survey) or its leads (the LLME survey), by
    name. One query."""
    done = SurveyCompletion.objects.filter(survey=survey, activity=activity).values("person_id")
    if survey.for_leads:
        people = Person.objects.filter(led_activities=activity)
    else:
        people = Person.objects.filter(
            pk__in=_current().filter(activity=activity).values("person_id")
        )
    return list(people.exclude(pk__in=done).order_by("last_name", "first_name", "pk"))


def non_respondents_in_bulk(
    *, surveys: Sequence[Survey], activity: Activity
) -> dict[int, list[Person]]:
    """`non_respondents` of each survey of one activity, in three queries whatever their
    number: its current participants, its leads, and their completions."""
    if not surveys:
        return {}
    order = ("last_name", "first_name", "pk")
    participants = list(
        Person.objects.filter(
            pk__in=_current().filter(activity=activity).values("person_id")
        ).order_by(*order)
    )
    leads = list(Person.objects.filter(led_activities=activity).order_by(*order))
    done = set(
        SurveyCompletion.objects.filter(
            survey_id__in=[s.pk for s in surveys], activity=activity
        ).values_list("survey_id", "person_id")
    )
    return {
        survey.pk: [
            p
            for p in (leads if survey.for_leads else participants)
            if (survey.pk, p.pk) not in done
        ]
        for survey in surveys
    }
