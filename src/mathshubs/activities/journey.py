"""The Teaching for Mastery journey of each school (ISSUE 4, part 5; DOMAIN.md, "The
Teaching for Mastery (TfM) journey").

A school's stage comes from the projects it takes part in: each NCP on the journey
names its stage (`NCP.journey_stage`). From a school's enrolments this module gives
its history (one row per year and stage), its current stage in a year, and the
recommended next step (`recommended_next_step`, the programme's rule). For a hub,
`institutions_ready_for` lists the schools whose next step is a given stage as one
database query, and `hub_stage_counts` counts the hub's schools by stage.

Who may see a school's journey: the national team, hub staff of the school's serving
hub, and people whose institution it is. A hub's journey lists: that hub's staff and
the national team.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import rules
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
from django.http import Http404

from mathshubs.activities.models import ActivitySchool, EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub, Institution, Phase
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids
from mathshubs.directory.selectors import find_hub_by_ref

S = JourneyStage
# The three tracks, each in the order a school moves along it.
PRIMARY_TRACK: tuple[str, ...] = (
    S.MASTERY_READINESS,
    S.DEVELOPMENT,
    S.EMBEDDING,
    S.SUSTAINING,
)
SECONDARY_TRACK: tuple[str, ...] = (
    S.SECONDARY_DEVELOPMENT,
    S.EMBEDDING_YEAR_SUPPORT,
    S.SECONDARY_EMBEDDING_SUSTAINING,
)
MASTERING_NUMBER_TRACK: tuple[str, ...] = (S.MASTERING_NUMBER, S.EMBEDDING_THE_IMPACT)
TFM_STAGES = PRIMARY_TRACK + SECONDARY_TRACK
JOURNEY_STAGES = TFM_STAGES + MASTERING_NUMBER_TRACK

# The stage that follows each stage. Sustaining is year on year, and so are secondary
# Embedding and Sustaining and the Embedding the Impact communities.
NEXT_STAGE: dict[str, str] = {
    S.MASTERY_READINESS: S.DEVELOPMENT,
    S.DEVELOPMENT: S.EMBEDDING,
    S.EMBEDDING: S.SUSTAINING,
    S.SUSTAINING: S.SUSTAINING,
    S.SECONDARY_DEVELOPMENT: S.EMBEDDING_YEAR_SUPPORT,
    S.EMBEDDING_YEAR_SUPPORT: S.SECONDARY_EMBEDDING_SUSTAINING,
    S.SECONDARY_EMBEDDING_SUSTAINING: S.SECONDARY_EMBEDDING_SUSTAINING,
    S.MASTERING_NUMBER: S.EMBEDDING_THE_IMPACT,
    S.EMBEDDING_THE_IMPACT: S.EMBEDDING_THE_IMPACT,
}
# A school that has reached one of these stays there: its current stage does not fall back.
PERMANENT_STAGES = frozenset({S.SUSTAINING, S.SECONDARY_EMBEDDING_SUSTAINING})
# Where a school with no Teaching for Mastery history starts, by its phase.
PRIMARY_START_PHASES = frozenset({Phase.PRIMARY, Phase.MIDDLE, Phase.SPECIAL})
SECONDARY_START_PHASES = frozenset({Phase.SECONDARY, Phase.ALL_THROUGH})

# The order next steps are offered in ("Schools ready for ...").
STEP_ORDER: tuple[str, ...] = (
    S.MASTERY_READINESS,
    S.DEVELOPMENT,
    S.EMBEDDING,
    S.SUSTAINING,
    S.SECONDARY_DEVELOPMENT,
    S.EMBEDDING_YEAR_SUPPORT,
    S.SECONDARY_EMBEDDING_SUSTAINING,
    S.MASTERING_NUMBER,
    S.EMBEDDING_THE_IMPACT,
)
STAGE_LABELS: dict[str, str] = dict(JourneyStage.choices)
# What a school at each next step joins (the 2023/24 handbook's project titles).
STEP_JOINS: dict[str, str] = {
    S.MASTERY_READINESS: "a Mastery Readiness Work Group",
    S.DEVELOPMENT: "a Primary Teaching for Mastery Development Work Group",
    S.EMBEDDING: "a Primary Teaching for Mastery Embedding Work Group",
    S.SUSTAINING: "a Primary Teaching for Mastery Sustaining Work Group",
    S.SECONDARY_DEVELOPMENT: "a Secondary Teaching for Mastery Development Work Group",
    S.EMBEDDING_YEAR_SUPPORT: "a Secondary Teaching for Mastery Embedding Year Support Work Group",
    S.SECONDARY_EMBEDDING_SUSTAINING: (
        "a Secondary Teaching for Mastery Embedding and Sustaining Work Group"
    ),
    S.MASTERING_NUMBER: "a Mastering Number Work Group",
    S.EMBEDDING_THE_IMPACT: "a Mastering Number Embedding the Impact Community",
}
STATUS_LABELS: dict[str, str] = {
    EnrolmentStatus.ENROLLED: "In progress",
    EnrolmentStatus.COMPLETED: "Completed",
    EnrolmentStatus.WITHDRAWN: "Withdrawn",
}
# When a school has several enrolments at one stage in one year, the best one stands for it.
_STATUS_WEIGHT: dict[str, int] = {EnrolmentStatus.COMPLETED: 2, EnrolmentStatus.ENROLLED: 1}

REASON_NEW = (
    "The school is new to Teaching for Mastery. Schools new to it start at Development, "
    "or at Mastery Readiness if they meet its participant criteria"
)
REASON_NEW_SECONDARY = (
    "The school is new to Teaching for Mastery. Secondary schools start at Development"
)
REASON_MOVE_ON = "{stage} {done} in {year}: next comes {next}"
REASON_CONTINUE = "{stage} is year on year: the school continues in {stage}"
REASON_REPEAT = "The school withdrew from {stage} in {year}: it repeats {stage}"
REASON_MASTERING_NUMBER = (
    "After Mastering Number, schools join an Embedding the Impact community. Schools in "
    "Mastering Number are encouraged to join the Teaching for Mastery journey too"
)
REASON_MASTERING_NUMBER_REPEAT = (
    "The school withdrew from Mastering Number in {year}: it repeats it"
)
INSTITUTION_NOT_FOUND = (
    "There is no school or college with that URN, or you cannot see its journey."
)
HUB_NOT_FOUND = "There is no Maths Hub with that id or slug, or you cannot see its journey."
STEP_NOT_VALID = "Choose a next step: {steps}"


# --- Who may see what ------------------------------------------------------------------------


@rules.predicate
def is_own_institution(user: Any, institution: Institution | None) -> bool:
    me = person_of(user)
    return me is not None and institution is not None and me.institution_id == institution.pk


@rules.predicate
def is_staff_of_institution_hub(user: Any, institution: Institution | None) -> bool:
    return institution is not None and institution.hub_id in staff_hub_ids(user)


@rules.predicate
def is_staff_of_journey_hub(user: Any, hub: Hub | None) -> bool:
    return hub is not None and hub.pk in staff_hub_ids(user)


can_view_institution_journey = is_national | is_staff_of_institution_hub | is_own_institution
can_view_hub_journey = is_national | is_staff_of_journey_hub

rules.add_perm("activities.view_institution_journey", can_view_institution_journey)
rules.add_perm("activities.view_hub_journey", can_view_hub_journey)


def access_institution(*, user: Any, urn: int) -> Institution:
    """The institution, if this user may see its journey; 404 otherwise, as if missing."""
    institution = Institution.objects.select_related("hub").filter(urn=urn).first()
    if institution is None or not can_view_institution_journey(user, institution):
        raise Http404(INSTITUTION_NOT_FOUND)
    return institution


def access_hub(*, user: Any, ref: str) -> Hub:
    """The hub (by id or slug), if this user may see its journey lists; 404 otherwise."""
    hub = find_hub_by_ref(ref)
    if hub is None or not can_view_hub_journey(user, hub):
        raise Http404(HUB_NOT_FOUND)
    return hub


# --- A school's history, current stage and next step ------------------------------------------


@dataclass(frozen=True)
class JourneyRow:
    """One year and stage of a school's journey, with the activity that stands for it."""

    year: int
    stage: str
    status: str
    activity_id: int
    activity_title: str
    ncp_code: str
    hub_name: str
    hub_slug: str

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def counts(self) -> bool:
        """A withdrawn enrolment does not take a school to a stage."""
        return self.status != EnrolmentStatus.WITHDRAWN


def _enrolment_rows(enrolments: Iterable[ActivitySchool]) -> list[JourneyRow]:
    """One row per (year, stage): the best of that stage's enrolments (completed, then in
    progress, then withdrawn; the latest to join among equals). Latest year first."""
    best: dict[tuple[int, str], ActivitySchool] = {}
    for e in enrolments:
        ncp = e.activity.ncp
        if ncp is None or ncp.journey_stage not in JOURNEY_STAGES:
            continue
        key = (e.activity.academic_year, ncp.journey_stage)
        held = best.get(key)
        weight = (_STATUS_WEIGHT.get(e.status, 0), e.enrolled_on)
        if held is None or weight > (_STATUS_WEIGHT.get(held.status, 0), held.enrolled_on):
            best[key] = e
    rows = [
        JourneyRow(
            year=year,
            stage=stage,
            status=e.status,
            activity_id=e.activity_id,
            activity_title=e.activity.title,
            ncp_code=e.activity.ncp_code,
            hub_name=e.activity.hub.name,
            hub_slug=e.activity.hub.slug,
        )
        for (year, stage), e in best.items()
    ]
    order = {stage: i for i, stage in enumerate(JOURNEY_STAGES)}
    return sorted(rows, key=lambda r: (-r.year, order[r.stage]))


def _journey_enrolments() -> QuerySet[ActivitySchool]:
    return ActivitySchool.objects.filter(
        activity__ncp__journey_stage__in=JOURNEY_STAGES
    ).select_related("activity__ncp", "activity__hub")


def journey_history(institution: Institution) -> list[JourneyRow]:
    """The school's journey, latest year first: one row per year and stage (one query)."""
    return _enrolment_rows(_journey_enrolments().filter(institution=institution))


@dataclass(frozen=True)
class CurrentStage:
    stage: str
    year: int  # the year of the enrolment it comes from
    status: str

    @property
    def label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def _latest_on(rows: Sequence[JourneyRow], track: Sequence[str]) -> JourneyRow | None:
    """The latest year's furthest stage on a track; a permanent stage once reached wins."""
    on_track = [r for r in rows if r.stage in track]
    if not on_track:
        return None
    permanent = [r for r in on_track if r.stage in PERMANENT_STAGES]
    pool = permanent or on_track
    return max(pool, key=lambda r: (r.year, track.index(r.stage)))


def current_stages(history: Sequence[JourneyRow], *, year: int) -> dict[str, CurrentStage]:
    """The school's stage in `year` on each track it has been on ("tfm": Teaching for
    Mastery, primary or secondary; "mastering_number").

    The stage is that of the latest year's enrolment that was not withdrawn, up to and
    including `year` (DOMAIN.md: "Sustaining is permanent, year on year": a school that
    reached Sustaining, or secondary Embedding and Sustaining, stays there).
    """
    rows = [r for r in history if r.year <= year and r.counts]
    found: dict[str, CurrentStage] = {}
    for key, track in (("tfm", TFM_STAGES), ("mastering_number", MASTERING_NUMBER_TRACK)):
        row = _latest_on(rows, track)
        if row is not None:
            found[key] = CurrentStage(row.stage, row.year, row.status)
    return found


def current_stage(history: Sequence[JourneyRow], *, year: int) -> CurrentStage | None:
    """The one stage to show: the Teaching for Mastery one, or else Mastering Number's."""
    stages = current_stages(history, year=year)
    return stages.get("tfm") or stages.get("mastering_number")


@dataclass(frozen=True)
class JourneySummary:
    """What the next-step rule needs of a school's history up to a year: on each track,
    the furthest stage reached (an enrolment not withdrawn) and the furthest stage
    withdrawn from. The same fields are computed in SQL by `_summary_annotations`."""

    phase: str
    primary_reached: str | None = None
    primary_withdrawn: str | None = None
    secondary_reached: str | None = None
    secondary_withdrawn: str | None = None
    mn_reached: str | None = None
    mn_withdrawn: str | None = None

    @property
    def new_to_tfm(self) -> bool:
        return not (
            self.primary_reached
            or self.primary_withdrawn
            or self.secondary_reached
            or self.secondary_withdrawn
        )


_TRACK_FIELDS = (
    ("primary", PRIMARY_TRACK),
    ("secondary", SECONDARY_TRACK),
    ("mn", MASTERING_NUMBER_TRACK),
)


def summarise(history: Sequence[JourneyRow], *, phase: str, year: int) -> JourneySummary:
    values: dict[str, str | None] = {}
    rows = [r for r in history if r.year <= year]
    for name, track in _TRACK_FIELDS:
        for suffix, wanted in (("reached", True), ("withdrawn", False)):
            stages = [r.stage for r in rows if r.stage in track and r.counts == wanted]
            values[f"{name}_{suffix}"] = max(stages, key=track.index) if stages else None
    return JourneySummary(phase=phase, **values)


def _tfm_next(s: JourneySummary) -> str | None:
    if s.primary_reached:
        return NEXT_STAGE[s.primary_reached]
    if s.primary_withdrawn:
        return s.primary_withdrawn
    if s.secondary_reached:
        return NEXT_STAGE[s.secondary_reached]
    if s.secondary_withdrawn:
        return s.secondary_withdrawn
    if s.mn_reached or s.mn_withdrawn or s.phase in PRIMARY_START_PHASES:
        return S.DEVELOPMENT
    if s.phase in SECONDARY_START_PHASES:
        return S.SECONDARY_DEVELOPMENT
    return None


def _mn_next(s: JourneySummary) -> str | None:
    if s.mn_reached:
        return NEXT_STAGE[s.mn_reached]
    return s.mn_withdrawn


@dataclass(frozen=True)
class NextStep:
    """The recommended next step (`stage`) and any other step the school is ready for
    (`also`), with the reason in words."""

    stage: str
    also: tuple[str, ...] = ()
    reason: str = ""
    reasons: tuple[str, ...] = field(default=())

    @property
    def steps(self) -> tuple[str, ...]:
        return (self.stage, *self.also)

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def joins(self) -> str:
        return STEP_JOINS[self.stage]

    @property
    def also_labels(self) -> list[str]:
        return [STAGE_LABELS[s] for s in self.also]


def _decisive(rows: Sequence[JourneyRow], stage: str | None, counts: bool) -> JourneyRow | None:
    matching = [r for r in rows if r.stage == stage and r.counts == counts]
    return max(matching, key=lambda r: r.year) if matching else None


def _move_on_reason(rows: Sequence[JourneyRow], reached: str, next_stage: str) -> str:
    label = STAGE_LABELS[reached]
    if reached == next_stage:
        return REASON_CONTINUE.format(stage=label)
    row = _decisive(rows, reached, True)
    done = "completed" if row and row.status == EnrolmentStatus.COMPLETED else "in progress"
    year = row.year_label if row else ""
    return REASON_MOVE_ON.format(stage=label, done=done, year=year, next=STAGE_LABELS[next_stage])


def _repeat_reason(rows: Sequence[JourneyRow], stage: str) -> str:
    row = _decisive(rows, stage, False)
    return REASON_REPEAT.format(stage=STAGE_LABELS[stage], year=row.year_label if row else "")


def recommended_next_step(
    history: Sequence[JourneyRow], *, phase: str, year: int
) -> NextStep | None:
    """The school's recommended next step after `year` (DOMAIN.md, "The Teaching for
    Mastery (TfM) journey"), from its enrolments up to and including `year`.

    The rule, track by track (primary: Mastery Readiness -> Development -> Embedding ->
    Sustaining; secondary: Development -> Embedding Year Support -> Embedding and
    Sustaining; Mastering Number -> Embedding the Impact):

    1. A stage is *reached* by an enrolment that is completed or in progress (an
       in-progress enrolment is expected to complete by the end of the year); a
       withdrawn enrolment does not reach its stage.
    2. A school that reached a stage goes on to the stage after the furthest one it
       reached: Development in progress now means Embedding next year. Sustaining,
       secondary Embedding and Sustaining and Embedding the Impact are year on year:
       the next step is to continue.
    3. A school that only withdrew from a track's stages repeats the furthest stage it
       withdrew from. (After reaching a stage, withdrawing from the next one changes
       nothing: rule 2 already sends the school back to it.)
    4. The primary track comes first, then the secondary one. A school with neither
       (new to Teaching for Mastery) starts at Development, or at Mastery Readiness
       when it meets that project's participant criteria (offered as an alternative:
       whether a school has the barriers the criteria name is the hub's judgement). A
       new school's track is its phase: primary, middle and special schools and any
       school in Mastering Number start on the primary track; secondary and
       all-through schools at secondary Development. Others (post-16, ITT, Early
       Years) have no journey step.
    5. Mastering Number is a separate programme: after it, schools join an Embedding the
       Impact community, and are encouraged to join the Teaching for Mastery journey. A
       school with Mastering Number but no Teaching for Mastery history is recommended
       Embedding the Impact, with Development and Mastery Readiness as well.

    `institutions_ready_for` applies the same rule in SQL; tests check they agree.
    """
    rows = [r for r in history if r.year <= year]
    s = summarise(rows, phase=phase, year=year)
    tfm, mn = _tfm_next(s), _mn_next(s)
    steps: list[str] = []
    reasons: list[str] = []
    if tfm is not None:
        if not s.new_to_tfm:
            steps.append(tfm)
            reached = s.primary_reached or (None if s.primary_withdrawn else s.secondary_reached)
            if reached:
                reasons.append(_move_on_reason(rows, reached, tfm))
            else:
                reasons.append(_repeat_reason(rows, tfm))
        elif tfm == S.DEVELOPMENT:
            steps += [S.DEVELOPMENT, S.MASTERY_READINESS]
            reasons.append(REASON_NEW)
        else:
            steps.append(tfm)
            reasons.append(REASON_NEW_SECONDARY)
    if mn is not None:
        mn_reason = (
            REASON_MASTERING_NUMBER
            if s.mn_reached
            else REASON_MASTERING_NUMBER_REPEAT.format(
                year=(_decisive(rows, mn, False) or rows[0]).year_label
            )
        )
        if s.mn_reached == S.EMBEDDING_THE_IMPACT:
            mn_reason = REASON_CONTINUE.format(stage=STAGE_LABELS[S.EMBEDDING_THE_IMPACT])
        if s.new_to_tfm:
            steps.insert(0, mn)
            reasons.insert(0, mn_reason)
        else:
            steps.append(mn)
            reasons.append(mn_reason)
    if not steps:
        return None
    return NextStep(
        stage=steps[0], also=tuple(steps[1:]), reason=reasons[0], reasons=tuple(reasons)
    )


@dataclass
class InstitutionJourney:
    institution: Institution
    year: int
    history: list[JourneyRow]
    current: CurrentStage | None
    stages: dict[str, CurrentStage]
    next_step: NextStep | None

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def next_year_label(self) -> str:
        return academic_year_label(self.year + 1)


def institution_journey(*, institution: Institution, year: int) -> InstitutionJourney:
    """Everything the institution page and the API show of a school's journey (one query)."""
    history = journey_history(institution)
    return InstitutionJourney(
        institution=institution,
        year=year,
        history=history,
        current=current_stage(history, year=year),
        stages=current_stages(history, year=year),
        next_step=recommended_next_step(history, phase=institution.phase, year=year),
    )


# --- The same rule in SQL, for a hub's schools --------------------------------------------------


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
    furthest stage withdrawn from is repeated (`_tfm_next` and `_mn_next`)."""
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


def parse_step(text: str) -> str:
    """A next step as the API and pages name it: the stage key, e.g. `embedding`."""
    key = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
    if key not in STEP_ORDER:
        raise ValueError(STEP_NOT_VALID.format(steps=", ".join(STEP_ORDER)))
    return key


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
        .select_related("activity__ncp", "activity__hub")
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
