"""One definition per figure of the programme's national reporting (ISSUE 11).

Each figure is a class whose docstring is its definition, as the figure's page shows
it: the annual report's sentence it reproduces (`shared/reference/annual-report-2022-23.md`)
and how the platform counts it. The counting itself lives in `counting.py`, from the
figure's `source` (what rows are counted) and `condition` (which of them); the same
condition gives the figure's value and its drill-down, so a drill-down lists exactly as
many schools, people, activities or events as the figure says.

Rules shared by every figure:

- a year is an academic year (2022 is 2022/23); an activity belongs to the year it runs in;
- a school or person counts once however many activities of the year they are in;
- a withdrawn enrolment or participation does not count;
- "schools" are state-funded institutions other than initial teacher training (ITT)
  providers, as in the report's "Schools in England".

Where a figure is read for a region or a hub, `place` says which rows are theirs:
`"delivered"`, the activities (or events) that hub runs; `"served"`, the schools that
hub serves (the serving hub of each school, from its area or the national team's override).
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

from django.db.models import Q

from mathshubs.catalogue.models import NCP, JourneyStage, NCPPhase
from mathshubs.directory.models import Phase

SKTM_TITLE = "Specialist Knowledge for Teaching Mathematics"
SECONDARY_PHASES = (Phase.SECONDARY, Phase.ALL_THROUGH)
PRIMARY_TFM_STAGES = (
    JourneyStage.MASTERY_READINESS,
    JourneyStage.DEVELOPMENT,
    JourneyStage.EMBEDDING,
    JourneyStage.SUSTAINING,
)
MASTERING_NUMBER_STAGES = (JourneyStage.MASTERING_NUMBER, JourneyStage.EMBEDDING_THE_IMPACT)
SCHOOLS = Q(institution__is_state_funded=True) & ~Q(institution__phase=Phase.ITT)
_STAGE = "activity__ncp__journey_stage"
_SECONDARY = Q(institution__phase__in=SECONDARY_PHASES)


def post16_only_ncp_ids() -> list[int]:
    """Projects, of every year, for post-16 and for neither primary nor secondary: one
    query (phases are a JSON list, which SQLite cannot search inside)."""
    return [
        pk
        for pk, phases in NCP.objects.values_list("id", "phases")
        if NCPPhase.POST_16 in phases
        and NCPPhase.PRIMARY not in phases
        and NCPPhase.SECONDARY not in phases
    ]


class Definition:
    """A figure. Subclasses set the attributes; the docstring is the definition."""

    key: ClassVar[str]
    label: ClassVar[str]
    section: ClassVar[str]  # the annual report's section, or "Beyond the report"
    # What is counted: "schools", "people", "activities" or "events".
    unit: ClassVar[str]
    # Rows counted (counting.SOURCES): enrolments, participations, leads, activities,
    # programmes, events, registrations.
    source: ClassVar[str]
    place: ClassVar[str] = "delivered"
    report: ClassVar[float | None] = None  # the 2022/23 report's value
    report_text: ClassVar[str] = ""  # as the report writes it ("c. 7,000")
    parent: ClassVar[str | None] = None  # a breakdown of this figure
    # A share: the figure is the count of `condition` over the count of `of`.
    share_of: ClassVar[str | None] = None
    # Whether the national team may see the people behind it (not who completed a
    # survey: that is for the activity's leads and hub staff).
    names_for_national: ClassVar[bool] = True
    # Whether anyone may be named behind it (pseudonymous answers: no one).
    drillable: ClassVar[bool] = True
    # Whether the dashboard counts it (a figure that takes a second to work out the first
    # time is on its own page only, so the dashboard stays fast with nothing cached).
    on_dashboard: ClassVar[bool] = True

    @classmethod
    def condition(cls) -> Q:
        return Q()

    @classmethod
    def counted_elsewhere(cls, scope: Any, years: Any) -> dict[int, Any]:
        """{year: Value} for a figure not counted from `counting.SOURCES`."""
        raise NotImplementedError

    @classmethod
    def definition(cls) -> str:
        return inspect.getdoc(cls) or ""

    @classmethod
    def is_share(cls) -> bool:
        return cls.share_of is not None


# --- Welcome -------------------------------------------------------------------------------


class Engaged(Definition):
    """ "56% Schools in England engaged with their Maths Hub in 2022/23" (Welcome).

    The share of schools (state-funded, ITT providers excluded) with an enrolment that was
    not withdrawn in any activity of the year, of all such schools. For a hub or a region,
    the schools it serves: a school engaged with another hub's activity counts for the hub
    that serves it, so the hubs' schools add up to England's."""

    key = "engaged"
    label = "Schools engaged with their Maths Hub"
    section = "Welcome"
    unit = "schools"
    source = "enrolments"
    place = "served"
    report = 56
    report_text = "56%"
    share_of = "schools"

    @classmethod
    def condition(cls) -> Q:
        return SCHOOLS


# --- Primary -------------------------------------------------------------------------------


class PrimaryTfM(Definition):
    """ "Teaching for Mastery Work Groups, led locally by Mastery Specialists, attracted
    participation from 6,868 schools this year" (Primary).

    Schools enrolled (not withdrawn) in an activity of a project at the Mastery Readiness,
    Development, Embedding or Sustaining stage of the primary Teaching for Mastery journey.
    A school in two such Work Groups counts once; an ITT provider in one is not a
    school."""

    key = "primary_tfm"
    label = "Schools in primary Teaching for Mastery Work Groups"
    section = "Primary"
    unit = "schools"
    source = "enrolments"
    report = 6868
    report_text = "6,868"

    @classmethod
    def condition(cls) -> Q:
        return SCHOOLS & Q(**{f"{_STAGE}__in": PRIMARY_TFM_STAGES})


def _stage_figure(stage: JourneyStage) -> type[Definition]:
    class Stage(Definition):
        key = stage.value
        label = f"at {stage.label}"
        section = "Primary"
        unit = "schools"
        source = "enrolments"
        parent = "primary_tfm"

        @classmethod
        def condition(cls) -> Q:
            return SCHOOLS & Q(**{_STAGE: stage})

    Stage.__name__ = Stage.__qualname__ = "".join(stage.label.split())
    Stage.__doc__ = (
        '"Number of primary schools engaged in the stages of the Teaching for Mastery '
        'Programme" (Primary, chart).\n\n'
        f"Schools enrolled (not withdrawn) in an activity of a project at the {stage.label} "
        "stage (ITT providers are not schools). A school in Work Groups of two stages in one "
        "year counts in each."
    )
    return Stage


MasteryReadiness, Development, Embedding, Sustaining = (
    _stage_figure(stage) for stage in PRIMARY_TFM_STAGES
)


class MasteringNumber(Definition):
    """ "c. 7,000 Schools engaged in the Mastering Number Programme" (Primary).

    Schools (ITT providers are not) enrolled, not withdrawn, in an activity of a Mastering
    Number project, or of the Embedding the Impact communities that schools join after
    it ("those in their second
    year and beyond forming communities")."""

    key = "mastering_number"
    label = "Schools in the Mastering Number Programme"
    section = "Primary"
    unit = "schools"
    source = "enrolments"
    report = 7000
    report_text = "c. 7,000"

    @classmethod
    def condition(cls) -> Q:
        return SCHOOLS & Q(**{f"{_STAGE}__in": MASTERING_NUMBER_STAGES})


# --- Secondary -----------------------------------------------------------------------------


class SecondaryEngaged(Definition):
    """ "The number of secondary schools participating in Work Groups and programmes with
    their local Maths Hub continues to grow, with 1,959 schools actively engaged in
    2022/23" (Secondary).

    Secondary and all-through schools enrolled (not withdrawn) in any activity of the
    year."""

    key = "secondary_engaged"
    label = "Secondary schools engaged"
    section = "Secondary"
    unit = "schools"
    source = "enrolments"
    report = 1959
    report_text = "1,959"

    @classmethod
    def condition(cls) -> Q:
        return _SECONDARY


class SecondaryDevelopment(Definition):
    """ "Of the secondary schools engaged with teaching for mastery, 265 were working at the
    Development stage" (Secondary).

    Secondary and all-through schools enrolled (not withdrawn) in an activity of a project
    at the Secondary Development stage."""

    key = "secondary_development"
    label = "at Development"
    section = "Secondary"
    unit = "schools"
    source = "enrolments"
    parent = "secondary_engaged"
    report = 265
    report_text = "265"

    @classmethod
    def condition(cls) -> Q:
        return _SECONDARY & Q(**{_STAGE: JourneyStage.SECONDARY_DEVELOPMENT})


class SecondaryEmbeddingYearSupport(Definition):
    """Secondary schools in Embedding Year Support (the report gives no figure; shown for
    the whole journey).

    Secondary and all-through schools enrolled (not withdrawn) in an activity of a project
    at the Embedding Year Support stage."""

    key = "secondary_embedding_year_support"
    label = "at Embedding Year Support"
    section = "Secondary"
    unit = "schools"
    source = "enrolments"
    parent = "secondary_engaged"

    @classmethod
    def condition(cls) -> Q:
        return _SECONDARY & Q(**{_STAGE: JourneyStage.EMBEDDING_YEAR_SUPPORT})


class SecondarySustaining(Definition):
    """ "... and 700 were sustaining a mastery approach within their departments during the
    academic year" (Secondary).

    Secondary and all-through schools enrolled (not withdrawn) in an activity of a project
    at the Secondary Embedding and Sustaining stage."""

    key = "secondary_sustaining"
    label = "Sustaining (Embedding and Sustaining)"
    section = "Secondary"
    unit = "schools"
    source = "enrolments"
    parent = "secondary_engaged"
    report = 700
    report_text = "700"

    @classmethod
    def condition(cls) -> Q:
        return _SECONDARY & Q(**{_STAGE: JourneyStage.SECONDARY_EMBEDDING_SUSTAINING})


# --- LLMEs ---------------------------------------------------------------------------------


class ActiveLLMEs(Definition):
    """ "In 2022/23, there were over 1,500 active LLMEs leading Maths Hubs activity,
    including Work Groups, programmes and communities" (LLMEs).

    People leading at least one activity of the year, counted once however many they
    lead."""

    key = "active_llmes"
    label = "Active LLMEs (leading at least one activity)"
    section = "LLMEs"
    unit = "people"
    source = "leads"
    report = 1500
    report_text = "over 1,500"


class LLMEsStartingProgrammes(Definition):
    """ "622 LLMEs starting development programmes in 2022/23" (LLMEs).

    People with a development programme (School Development Lead, Professional
    Development Lead, Mastery Specialist) started in the year, counted once. For a hub, the
    programmes it recorded."""

    key = "llmes_starting_programmes"
    label = "LLMEs starting development programmes"
    section = "LLMEs"
    unit = "people"
    source = "programmes"
    report = 622
    report_text = "622"


# --- SKTM, post-16, ITT ----------------------------------------------------------------------


class SKTMParticipants(Definition):
    """ "5,134 Participants engaged in SKTM programmes in 2022/23" (SKTM).

    People taking part (not withdrawn) in an activity of a project whose title starts
    "Specialist Knowledge for Teaching Mathematics", counted once."""

    key = "sktm_participants"
    label = "Participants in SKTM programmes"
    section = "SKTM"
    unit = "people"
    source = "participations"
    report = 5134
    report_text = "5,134"

    @classmethod
    def condition(cls) -> Q:
        return Q(activity__ncp__title__startswith=SKTM_TITLE)


class Post16Institutions(Definition):
    """ "In 2022/23, 114 schools, colleges and other post-16 institutions took part in
    professional development with their local Maths Hubs to support students engaged in A
    level, Core Maths and GCSE resit" (Post-16).

    Institutions enrolled (not withdrawn) in an activity of a project for post-16 and for
    neither primary nor secondary (Core Maths, A level, post-16 GCSE)."""

    key = "post16_institutions"
    label = "Post-16 institutions in post-16 activities"
    section = "Post-16"
    unit = "schools"
    source = "enrolments"
    report = 114
    report_text = "114"

    @classmethod
    def condition(cls) -> Q:
        return Q(activity__ncp_id__in=post16_only_ncp_ids())


class ITTProviders(Definition):
    """ "159 ITT providers involved in Maths Hubs Work Groups" (SKTM).

    Initial teacher training providers enrolled (not withdrawn) in any activity of the
    year. They are never counted among the schools of the engagement share."""

    key = "itt_providers"
    label = "ITT providers in Maths Hubs activities"
    section = "SKTM"
    unit = "schools"
    source = "enrolments"
    report = 159
    report_text = "159"

    @classmethod
    def condition(cls) -> Q:
        return Q(institution__phase=Phase.ITT)


# --- RIWGs and the network ---------------------------------------------------------------------


class RIWGs(Definition):
    """ "121 Research and Innovation Work Groups" (RIWGs).

    Activities of the year marked as Research and Innovation Work Groups."""

    key = "riwgs"
    label = "Research and Innovation Work Groups"
    section = "RIWGs"
    unit = "activities"
    source = "activities"
    report = 121
    report_text = "121"

    @classmethod
    def condition(cls) -> Q:
        return Q(is_riwg=True)


class RIWGSchools(Definition):
    """ "1,069 Schools participating in RIWGs" (RIWGs).

    Schools and other institutions enrolled (not withdrawn) in a Research and Innovation
    Work Group of the year, counted once."""

    key = "riwg_schools"
    label = "Schools in Research and Innovation Work Groups"
    section = "RIWGs"
    unit = "schools"
    source = "enrolments"
    parent = "riwgs"
    report = 1069
    report_text = "1,069"

    @classmethod
    def condition(cls) -> Q:
        return Q(activity__is_riwg=True)


class NetworkEvents(Definition):
    """ "483 National and regional Maths Hubs Network events in 2022/23" (Maths Hub
    Leadership).

    Events starting in the year that belong to no hub activity and no single hub (national
    workshops, webinars, residentials, network events), not cancelled. A hub's figure is
    nil by this definition: these events are the network's, not one hub's."""

    key = "network_events"
    label = "National and regional Maths Hubs Network events"
    section = "Maths Hub Leadership"
    unit = "events"
    source = "events"
    report = 483
    report_text = "483"

    @classmethod
    def condition(cls) -> Q:
        return Q(activity__isnull=True, hub__isnull=True, cancelled_at__isnull=True)


# --- Beyond the report ---------------------------------------------------------------------


class Attendance(Definition):
    """Beyond the report: how many confirmed places were attended.

    Of the confirmed places of the year's events whose attendance has been recorded (the
    register or a videoconference report), the share attended. The drill-down lists the
    places attended. For a hub, the events it runs (its activities' sessions and its own
    events)."""

    key = "attendance"
    label = "Confirmed places attended"
    section = "Beyond the report"
    unit = "places"
    source = "registrations"
    share_of = "recorded_places"

    @classmethod
    def condition(cls) -> Q:
        return Q(attended=True)


def _completion(audience: str, label: str, sentence: str) -> type[Definition]:
    class Completion(Definition):
        key = f"{audience}_completion"
        section = "Beyond the report"
        unit = "completions"
        source = "completions"
        share_of = f"{audience}_expected"
        names_for_national = False

        @classmethod
        def condition(cls) -> Q:
            return Q(survey__audience=audience, survey__series__ncp__isnull=True)

    Completion.label = label
    Completion.__name__ = Completion.__qualname__ = f"{audience.title()}Completion"
    Completion.__doc__ = (
        f"Beyond the report: {sentence}\n\n"
        "Of the current participants (not withdrawn) of the year's activities, the share "
        f"who completed the {audience} participant survey run for every activity, counted "
        "as the evaluation pages count it: a completion counts for the activity it "
        "answered about, by someone still taking part in it. Years with no such survey "
        "have no figure. Who completed a survey is for the activity's leads and its hub's "
        "staff: the national team sees the figure, not the names behind it."
    )
    return Completion


AutumnCompletion = _completion(
    "autumn",
    "Autumn participant survey completion",
    'the handbook asks for "a 100% completion rate in participant national surveys"; '
    "the autumn survey is the national baseline.",
)
SummerCompletion = _completion(
    "summer",
    "Summer participant survey completion",
    'the handbook asks for "a 100% completion rate in participant national surveys"; '
    "the summer survey measures the year's impact against the autumn baseline.",
)


class MatchedRise(Definition):
    """Beyond the report: "Autumn survey results provide a national evaluation baseline"
    (2023/24 handbook); the summer survey measures the change over the year.

    Of the answers to repeated items (a Likert scale or a number asked in both surveys)
    given by the participants matched between the autumn and summer surveys run for
    every activity (the same person in the same activity), the share that rose. Counted
    once the summer survey has closed. A value from fewer than 5 matched participants,
    or one the evaluation's suppression hides, is shown as "fewer than 5"; a region's
    when any of its hubs' is. The answers are pseudonymous: no one is named behind it."""

    key = "matched_rise"
    label = "Matched answers that rose from autumn to summer"
    section = "Beyond the report"
    unit = "answers"
    source = "comparison"
    share_of = "matched_answers"
    drillable = False
    on_dashboard = False

    @classmethod
    def counted_elsewhere(cls, scope: Any, years: Any) -> dict[int, Any]:
        from mathshubs.reporting.change import matched_rise

        return matched_rise(scope, years)


DEFINITIONS: tuple[type[Definition], ...] = (
    Engaged,
    PrimaryTfM,
    MasteryReadiness,
    Development,
    Embedding,
    Sustaining,
    MasteringNumber,
    SecondaryEngaged,
    SecondaryDevelopment,
    SecondaryEmbeddingYearSupport,
    SecondarySustaining,
    ActiveLLMEs,
    LLMEsStartingProgrammes,
    SKTMParticipants,
    Post16Institutions,
    ITTProviders,
    RIWGs,
    RIWGSchools,
    NetworkEvents,
    Attendance,
    AutumnCompletion,
    SummerCompletion,
    MatchedRise,
)
BY_KEY: dict[str, type[Definition]] = {d.key: d for d in DEFINITIONS}
