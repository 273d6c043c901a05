"""A school's journey from its enrolments: its history (one row per year and stage) and
its current stage in a year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from mathshubs.activities.journey.stages import (
    JOURNEY_STAGES,
    MASTERING_NUMBER_TRACK,
    PERMANENT_STAGES,
    STAGE_LABELS,
    TFM_STAGES,
)
from mathshubs.activities.models import ActivitySchool, EnrolmentStatus
from mathshubs.catalogue.models import NCP
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Institution

STATUS_LABELS: dict[str, str] = {
    EnrolmentStatus.ENROLLED: "In progress",
    EnrolmentStatus.COMPLETED: "Completed",
    EnrolmentStatus.WITHDRAWN: "Withdrawn",
}
# When a school has several enrolments at one stage in one year, the best one stands for it.
_STATUS_WEIGHT: dict[str, int] = {EnrolmentStatus.COMPLETED: 2, EnrolmentStatus.ENROLLED: 1}


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
    stage_name: str = ""  # as that year's menu named the stage ("Secondary Sustaining")

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def stage_label(self) -> str:
        return self.stage_name or STAGE_LABELS.get(self.stage, self.stage)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def counts(self) -> bool:
        """A withdrawn enrolment does not take a school to a stage."""
        return self.status != EnrolmentStatus.WITHDRAWN


def _stage_name(ncp: NCP | None) -> str:
    """The stage as its year's menu named it."""
    return ncp.stage.name if ncp is not None and ncp.stage is not None else ""


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
            stage_name=_stage_name(e.activity.ncp),
        )
        for (year, stage), e in best.items()
    ]
    order = {stage: i for i, stage in enumerate(JOURNEY_STAGES)}
    return sorted(rows, key=lambda r: (-r.year, order[r.stage]))


def _journey_enrolments() -> QuerySet[ActivitySchool]:
    return ActivitySchool.objects.filter(
        activity__ncp__journey_stage__in=JOURNEY_STAGES
    ).select_related("activity__ncp__stage", "activity__hub")


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
