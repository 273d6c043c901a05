"""The national figures of the Maths Hubs annual report, computed for an academic year.

`national_figures(2022)` gives each figure of the 2022/23 annual report
(`shared/reference/annual-report-2022-23.md`) beside the report's own value. Every
figure is a database aggregate: a handful of queries whatever the size of the data.

How each is counted (a school counts once however many activities it is in; an
enrolment or participation that was withdrawn does not count):

- schools engaged: state-funded institutions (ITT providers excluded) with an
  enrolment in any activity of the year, as a percentage of all of them;
- primary Teaching for Mastery: schools in activities whose NCP is at the
  Mastery Readiness, Development, Embedding or Sustaining stage, and by stage;
- Mastering Number: NCP stage Mastering Number or Embedding the Impact;
- secondary schools engaged: secondary and all-through schools in any activity;
  at Development: NCP stage Secondary Development; Sustaining: NCP stage
  Secondary Embedding and Sustaining (the report's "sustaining a mastery
  approach"); Embedding Year Support is shown too, with no report value;
- active LLMEs: distinct people leading at least one activity of the year;
- LLMEs starting development programmes: distinct people with a development
  programme started that year;
- SKTM participants: distinct people in activities of NCPs whose title starts
  "Specialist Knowledge for Teaching Mathematics";
- ITT providers: distinct ITT-phase institutions in any activity;
- post-16 institutions: distinct institutions in activities of NCPs for post-16
  and neither primary nor secondary (Core Maths, A level, post-16 GCSE);
- RIWGs: activities marked as Research and Innovation Work Groups, and the
  distinct schools in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    DevelopmentProgramme,
    EnrolmentStatus,
    Participation,
)
from mathshubs.catalogue.models import NCP, JourneyStage, NCPPhase
from mathshubs.directory.models import Institution, Phase

SKTM_TITLE = "Specialist Knowledge for Teaching Mathematics"
SECONDARY_PHASES = (Phase.SECONDARY, Phase.ALL_THROUGH)
PRIMARY_TFM_STAGES = (
    JourneyStage.MASTERY_READINESS,
    JourneyStage.DEVELOPMENT,
    JourneyStage.EMBEDDING,
    JourneyStage.SUSTAINING,
)
MASTERING_NUMBER_STAGES = (JourneyStage.MASTERING_NUMBER, JourneyStage.EMBEDDING_THE_IMPACT)
SECONDARY_STAGES = {
    "secondary_development": (JourneyStage.SECONDARY_DEVELOPMENT,),
    "secondary_embedding_year_support": (JourneyStage.EMBEDDING_YEAR_SUPPORT,),
    "secondary_sustaining": (JourneyStage.SECONDARY_EMBEDDING_SUSTAINING,),
}


@dataclass(frozen=True)
class Figure:
    """One figure: the platform's value for the year beside the 2022/23 report's."""

    key: str
    label: str
    value: float
    report: float | None
    report_text: str
    is_percent: bool = False
    is_part: bool = False  # a breakdown of the figure above it

    @property
    def shown(self) -> str:
        return f"{self.value:.1f}%" if self.is_percent else f"{int(self.value):,}"

    @property
    def difference(self) -> float | None:
        """The value's difference from the report's, as a fraction of the report's."""
        if not self.report:
            return None
        return (self.value - self.report) / self.report


def _post16_only_ncp_ids(year: int) -> list[int]:
    """NCPs of the year for post-16 and neither primary nor secondary (phases are JSON)."""
    return [
        pk
        for pk, phases in NCP.objects.filter(year__start_year=year).values_list("id", "phases")
        if NCPPhase.POST_16 in phases
        and NCPPhase.PRIMARY not in phases
        and NCPPhase.SECONDARY not in phases
    ]


def _distinct_institutions(**conditions: Q) -> dict[str, Count]:
    return {
        key: Count("institution", distinct=True, filter=condition)
        for key, condition in conditions.items()
    }


def national_figures(year: int) -> list[Figure]:
    """The annual report's national figures for the academic year starting in `year`."""
    enrolments = ActivitySchool.objects.filter(activity__academic_year=year).exclude(
        status=EnrolmentStatus.WITHDRAWN
    )
    schools = Q(is_state_funded=True) & ~Q(phase=Phase.ITT)
    total = Institution.objects.filter(schools).count()
    stage = "activity__ncp__journey_stage"
    secondary = Q(institution__phase__in=SECONDARY_PHASES)
    counted = enrolments.aggregate(
        **_distinct_institutions(
            engaged=Q(institution__is_state_funded=True) & ~Q(institution__phase=Phase.ITT),
            primary_tfm=Q(**{f"{stage}__in": PRIMARY_TFM_STAGES}),
            **{s.value: Q(**{stage: s}) for s in PRIMARY_TFM_STAGES},
            mastering_number=Q(**{f"{stage}__in": MASTERING_NUMBER_STAGES}),
            secondary_engaged=secondary,
            **{
                key: secondary & Q(**{f"{stage}__in": stages})
                for key, stages in SECONDARY_STAGES.items()
            },
            itt=Q(institution__phase=Phase.ITT),
            post16=Q(activity__ncp_id__in=_post16_only_ncp_ids(year)),
            riwg_schools=Q(activity__is_riwg=True),
        )
    )
    activities = Activity.objects.filter(academic_year=year).aggregate(
        active_llmes=Count("leads", distinct=True),
        riwgs=Count("id", distinct=True, filter=Q(is_riwg=True)),
    )
    sktm = (
        Participation.objects.filter(
            activity__academic_year=year, activity__ncp__title__startswith=SKTM_TITLE
        )
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .aggregate(people=Count("person", distinct=True))
    )
    starting = DevelopmentProgramme.objects.filter(started_year=year).aggregate(
        people=Count("person", distinct=True)
    )
    percent = 100 * counted["engaged"] / total if total else 0.0

    def part(key: str, label: str, report: float | None = None, text: str = "") -> Figure:
        return Figure(key, label, counted[key], report, text, is_part=True)

    return [
        Figure(
            "engaged",
            "Schools in England engaged with their Maths Hub",
            percent,
            56,
            "56%",
            is_percent=True,
        ),
        Figure(
            "primary_tfm",
            "Schools in primary Teaching for Mastery Work Groups",
            counted["primary_tfm"],
            6868,
            "6,868",
        ),
        part("mastery_readiness", "at Mastery Readiness"),
        part("development", "at Development"),
        part("embedding", "at Embedding"),
        part("sustaining", "at Sustaining"),
        Figure(
            "mastering_number",
            "Schools in the Mastering Number Programme",
            counted["mastering_number"],
            7000,
            "c. 7,000",
        ),
        Figure(
            "secondary_engaged",
            "Secondary schools engaged",
            counted["secondary_engaged"],
            1959,
            "1,959",
        ),
        part("secondary_development", "at Development", 265, "265"),
        part("secondary_embedding_year_support", "at Embedding Year Support"),
        part("secondary_sustaining", "Sustaining (Embedding and Sustaining)", 700, "700"),
        Figure(
            "active_llmes",
            "Active LLMEs (leading at least one activity)",
            activities["active_llmes"],
            1500,
            "over 1,500",
        ),
        Figure(
            "llmes_starting_programmes",
            "LLMEs starting development programmes",
            starting["people"],
            622,
            "622",
        ),
        Figure(
            "sktm_participants", "Participants in SKTM programmes", sktm["people"], 5134, "5,134"
        ),
        Figure(
            "itt_providers", "ITT providers in Maths Hubs activities", counted["itt"], 159, "159"
        ),
        Figure(
            "post16_institutions",
            "Post-16 institutions in post-16 activities",
            counted["post16"],
            114,
            "114",
        ),
        Figure("riwgs", "Research and Innovation Work Groups", activities["riwgs"], 121, "121"),
        Figure(
            "riwg_schools",
            "Schools in Research and Innovation Work Groups",
            counted["riwg_schools"],
            1069,
            "1,069",
        ),
    ]


def figures_table(figures: list[Figure], *, year_label: str) -> list[str]:
    """The figures as lines of a plain-text table: figure | demo | annual report 2022/23."""
    width = max(len(f.label) + (2 if f.is_part else 0) for f in figures)
    head = f"{'Figure':<{width}}  {year_label:>12}  {'Report 2022/23':>14}"
    lines = [head, "-" * len(head)]
    for figure in figures:
        label = f"  {figure.label}" if figure.is_part else figure.label
        lines.append(f"{label:<{width}}  {figure.shown:>12}  {figure.report_text or '-':>14}")
    return lines
