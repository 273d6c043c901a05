"""The programme's rule for a school's recommended next step (`recommended_next_step`),
and everything a school's journey page shows (`institution_journey`). `sql` applies the
same rule in SQL to a hub's schools."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mathshubs.activities.journey.history import (
    CurrentStage,
    JourneyRow,
    current_stage,
    current_stages,
    journey_history,
)
from mathshubs.activities.journey.stages import (
    _TRACK_FIELDS,
    NEXT_STAGE,
    PRIMARY_START_PHASES,
    SECONDARY_START_PHASES,
    STAGE_LABELS,
    STEP_JOINS,
    S,
)
from mathshubs.activities.models import EnrolmentStatus
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Institution

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


@dataclass(frozen=True)
class JourneySummary:
    """What the next-step rule needs of a school's history up to a year: on each track,
    the furthest stage reached (an enrolment not withdrawn) and the furthest stage
    withdrawn from. The same fields are computed in SQL by `sql._summary_annotations`."""

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

    `sql.institutions_ready_for` applies the same rule in SQL; tests check they agree.
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
