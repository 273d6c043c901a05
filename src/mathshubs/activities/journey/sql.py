"""The journey's rule in SQL, for a hub's schools: `institutions_ready_for` lists the
schools whose next step is a given stage as one database query, and `hub_stage_counts`
counts the hub's schools by stage. Tests check it agrees with `rule.recommended_next_step`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)

from mathshubs.activities.journey.history import CurrentStage, _enrolment_rows, current_stage
from mathshubs.activities.journey.stages import (
    _TRACK_FIELDS,
    JOURNEY_STAGES,
    MASTERING_NUMBER_TRACK,
    NEXT_STAGE,
    PRIMARY_START_PHASES,
    PRIMARY_TRACK,
    SECONDARY_START_PHASES,
    SECONDARY_TRACK,
    STAGE_LABELS,
    STEP_ORDER,
    S,
)
from mathshubs.activities.models import ActivitySchool, EnrolmentStatus
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub, Institution

# Each school's enrolments, reached through the school (a LEFT JOIN, grouped by school): the
# summary is a handful of aggregates over one join, not a subquery per field and school.
_ENROLMENTS = "activity_enrolments"
_STAGE = f"{_ENROLMENTS}__activity__ncp__journey_stage"
_YEAR = f"{_ENROLMENTS}__activity__academic_year"
_STATUS = f"{_ENROLMENTS}__status"
_COUNTING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


def _furthest(track: Sequence[str], *, year: int, withdrawn: bool) -> Max:
    """The furthest stage of `track` reached (or withdrawn from) up to `year`, as its place
    on the track counting from 1; null when none."""
    rank = Case(
        *[When(**{_STAGE: stage}, then=Value(i + 1)) for i, stage in enumerate(track)],
        output_field=IntegerField(),
    )
    statuses = (EnrolmentStatus.WITHDRAWN,) if withdrawn else _COUNTING
    condition = Q(**{f"{_YEAR}__lte": year, f"{_STAGE}__in": track, f"{_STATUS}__in": statuses})
    return Max(rank, filter=condition)


def _summary_annotations(year: int) -> dict[str, Any]:
    """The fields of JourneySummary, per institution, as places on their tracks."""
    return {
        f"j_{name}_{suffix}": _furthest(track, year=year, withdrawn=suffix == "withdrawn")
        for name, track in _TRACK_FIELDS
        for suffix in ("reached", "withdrawn")
    }


def _moves(name: str, track: Sequence[str]) -> list[When]:
    """On a track: after the furthest stage reached comes the next; failing that, the
    furthest stage withdrawn from is repeated (`rule._tfm_next` and `rule._mn_next`)."""
    return [
        *[
            When(**{f"j_{name}_reached": i + 1}, then=Value(NEXT_STAGE[s]))
            for i, s in enumerate(track)
        ],
        *[When(**{f"j_{name}_withdrawn": i + 1}, then=Value(s)) for i, s in enumerate(track)],
    ]


def _tfm_next_expression() -> Case:
    """`_tfm_next` as a CASE over the annotations (the same tests in the same order)."""
    in_mn = Q(j_mn_reached__isnull=False) | Q(j_mn_withdrawn__isnull=False)
    return Case(
        *_moves("primary", PRIMARY_TRACK),
        *_moves("secondary", SECONDARY_TRACK),
        When(in_mn | Q(phase__in=PRIMARY_START_PHASES), then=Value(S.DEVELOPMENT)),
        When(phase__in=SECONDARY_START_PHASES, then=Value(S.SECONDARY_DEVELOPMENT)),
        default=Value(None),
        output_field=CharField(),
    )


def _mn_next_expression() -> Case:
    return Case(
        *_moves("mn", MASTERING_NUMBER_TRACK), default=Value(None), output_field=CharField()
    )


_NEW_TO_TFM = Q(
    j_primary_reached__isnull=True,
    j_primary_withdrawn__isnull=True,
    j_secondary_reached__isnull=True,
    j_secondary_withdrawn__isnull=True,
)


def with_next_steps(queryset: QuerySet[Institution], *, year: int) -> QuerySet[Institution]:
    """Institutions annotated with `tfm_next` and `mn_next` (the rule's steps after `year`)
    and `last_year` (the latest year, up to `year`, of any activity they were in)."""
    return queryset.annotate(
        **_summary_annotations(year),
        last_year=Max(_YEAR, filter=Q(**{f"{_YEAR}__lte": year})),
    ).annotate(tfm_next=_tfm_next_expression(), mn_next=_mn_next_expression())


def ready_condition(step: str) -> Q:
    """Institutions (annotated by `with_next_steps`) whose next steps include `step`."""
    condition = Q(tfm_next=step) | Q(mn_next=step)
    if step == S.MASTERY_READINESS:
        condition |= _NEW_TO_TFM & Q(tfm_next=S.DEVELOPMENT)
    return condition


def hub_schools(hub: Hub) -> QuerySet[Institution]:
    """The open schools and colleges the hub serves: the pool a hub recruits from."""
    return Institution.objects.filter(hub=hub, is_open=True)


def institutions_ready_for(*, hub: Hub, next_step: str, year: int) -> QuerySet[Institution]:
    """The hub's schools whose recommended next step after `year` includes `next_step`
    (`recommended_next_step`), as one query: schools engaged most recently first, then
    by name. Each is annotated with `last_year`, the latest year of any activity."""
    return (
        with_next_steps(hub_schools(hub), year=year)
        .filter(ready_condition(next_step))
        .order_by(F("last_year").desc(nulls_last=True), "name", "urn")
    )


@dataclass
class ReadyRow:
    """A school in a "ready for" list, with its current stage and latest activity."""

    institution: Institution
    current: CurrentStage | None
    last_activity: ActivitySchool | None

    @property
    def last_activity_year(self) -> str:
        return (
            academic_year_label(self.last_activity.activity.academic_year)
            if self.last_activity
            else ""
        )


def ready_rows(institutions: Sequence[Institution], *, year: int) -> list[ReadyRow]:
    """Current stage and latest activity for a page of schools (one query for the page)."""
    enrolments = (
        ActivitySchool.objects.filter(
            institution__in=[i.pk for i in institutions], activity__academic_year__lte=year
        )
        .select_related("activity__ncp__stage", "activity__hub")
        .order_by("-activity__academic_year", "-enrolled_on", "-pk")
    )
    by_school: dict[int, list[ActivitySchool]] = {}
    for e in enrolments:
        by_school.setdefault(e.institution_id, []).append(e)
    rows = []
    for institution in institutions:
        mine = by_school.get(institution.pk, [])
        history = _enrolment_rows(mine)
        rows.append(
            ReadyRow(
                institution=institution,
                current=current_stage(history, year=year),
                last_activity=mine[0] if mine else None,
            )
        )
    return rows


@dataclass
class StageCount:
    stage: str
    in_progress: int = 0
    completed: int = 0
    withdrawn: int = 0
    ready: int = 0

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def schools(self) -> int:
        return self.in_progress + self.completed


def hub_stage_counts(*, hub: Hub, year: int) -> list[StageCount]:
    """The hub's schools by stage in `year`, and how many are ready for each stage next
    year. A school counts once per stage, by its best status there (completed, then in
    progress, then withdrawn). Two queries."""
    school = "institution"
    counted = (
        ActivitySchool.objects.filter(
            institution__hub=hub,
            activity__academic_year=year,
            activity__ncp__journey_stage__in=JOURNEY_STAGES,
        )
        .values("activity__ncp__journey_stage")
        .annotate(
            completed=Count(school, distinct=True, filter=Q(status=EnrolmentStatus.COMPLETED)),
            present=Count(school, distinct=True, filter=Q(status__in=_COUNTING)),
            any=Count(school, distinct=True),
        )
        .order_by()
    )
    counts = {stage: StageCount(stage) for stage in STEP_ORDER}
    for row in counted:
        c = counts[row["activity__ncp__journey_stage"]]
        # Completed schools are among those present; the rest of those present are in
        # progress; schools only withdrawn are the others.
        c.completed = row["completed"]
        c.in_progress = row["present"] - row["completed"]
        c.withdrawn = row["any"] - row["present"]
    # Aggregating over the per-school annotations: Django wraps them in a subquery.
    ready = with_next_steps(hub_schools(hub), year=year).aggregate(
        **{step: Count("pk", filter=ready_condition(step)) for step in STEP_ORDER}
    )
    for step in STEP_ORDER:
        counts[step].ready = ready[step] or 0
    return [counts[stage] for stage in STEP_ORDER]
