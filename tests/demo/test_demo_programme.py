"""The demo programme: catalogues, two years of activities, coherent journeys, the register."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    ActivityType,
    DevelopmentProgramme,
    EnrolmentStatus,
    LLMEExpertise,
    Participation,
)
from mathshubs.catalogue.models import NCP, AcademicYear, CatalogueStatus, JourneyStage
from mathshubs.demo import targets as t
from mathshubs.demo.builder import RECONSTRUCTED_SOURCE, demo_build
from mathshubs.demo.hubs import ILLUSTRATIVE, ILLUSTRATIVE_SOURCE, HubData
from mathshubs.demo.making import groups_of
from mathshubs.directory.models import LLME_ROLES, Institution, Phase, Role, RoleAssignment
from mathshubs.reporting.figures import SKTM_TITLE, national_figures

# Each journey stage's track and its place along it: a school never moves back.
STAGE_RANK = {
    JourneyStage.MASTERY_READINESS: ("primary", 0),
    JourneyStage.DEVELOPMENT: ("primary", 1),
    JourneyStage.EMBEDDING: ("primary", 2),
    JourneyStage.SUSTAINING: ("primary", 3),
    JourneyStage.SECONDARY_DEVELOPMENT: ("secondary", 0),
    JourneyStage.EMBEDDING_YEAR_SUPPORT: ("secondary", 1),
    JourneyStage.SECONDARY_EMBEDDING_SUSTAINING: ("secondary", 2),
    JourneyStage.MASTERING_NUMBER: ("number", 0),
    JourneyStage.EMBEDDING_THE_IMPACT: ("number", 1),
}


def _quiet(_line: str) -> None:
    pass


@pytest.fixture
def small(db):
    return demo_build(scale="small", seed=1, say=_quiet)


def _taking_part():
    return ActivitySchool.objects.exclude(status=EnrolmentStatus.WITHDRAWN)


def test_the_demo_loads_both_catalogues_and_reconstructs_2022_23_from_2023_24(small):
    years = {y.start_year: y for y in AcademicYear.objects.all()}
    assert set(years) == {2019, 2022, 2023}
    reconstructed = years[2022]
    assert reconstructed.status == CatalogueStatus.PUBLISHED
    assert reconstructed.source == RECONSTRUCTED_SOURCE
    assert reconstructed.copied_from == years[2023]
    assert reconstructed.ncps.count() == years[2023].ncps.count() == 35
    assert years[2019].ncps.count() == 25
    assert NCP.objects.filter(year=reconstructed, code="NCP22-07a").exists()


def test_both_years_have_activities_that_run_their_years_ncps(small):
    for year in t.YEARS:
        activities = Activity.objects.filter(academic_year=year)
        assert activities.count() > 30
        for activity in activities.exclude(ncp=None).select_related("ncp__year"):
            ncp = activity.ncp
            assert ncp.year.start_year == year
            assert activity.ncp_code == ncp.code
            assert activity.phase in ncp.phases
            assert activity.activity_type == (
                ActivityType.COMMUNITY if ncp.ncp_type == "community" else ncp.ncp_type
            )


def test_every_activity_has_schools_participants_and_one_or_two_leads(small):
    for activity in Activity.objects.prefetch_related("leads", "schools", "participations"):
        assert 1 <= len(activity.leads.all()) <= 2, activity
        assert activity.schools.all(), activity
        assert activity.participations.all(), activity


def test_2022_23_enrolments_are_completed_or_withdrawn_with_a_date_and_a_reason(small):
    last_year = ActivitySchool.objects.filter(activity__academic_year=2022)
    withdrawn = last_year.filter(status=EnrolmentStatus.WITHDRAWN)
    assert withdrawn.exists()
    assert last_year.filter(status=EnrolmentStatus.COMPLETED).count() > 10 * withdrawn.count()
    assert not last_year.filter(status=EnrolmentStatus.ENROLLED).exists()
    for enrolment in withdrawn:
        assert enrolment.withdrawal_reason and enrolment.withdrawn_on > enrolment.enrolled_on
    assert not last_year.filter(status=EnrolmentStatus.COMPLETED, completed_on=None).exists()


def test_2023_24_enrolments_are_under_way(small):
    statuses = set(
        ActivitySchool.objects.filter(activity__academic_year=2023).values_list("status", flat=True)
    )
    assert statuses == {EnrolmentStatus.ENROLLED}


def test_work_group_schools_send_two_lead_participants_who_work_there(small):
    work_groups = Activity.objects.filter(
        ncp__journey_stage__in=[JourneyStage.DEVELOPMENT, JourneyStage.SUSTAINING],
        activity_type=ActivityType.WORK_GROUP,
    )
    assert work_groups.exists()
    for enrolment in _taking_part().filter(activity__in=work_groups):
        pair = Participation.objects.filter(
            activity=enrolment.activity, institution=enrolment.institution
        ).select_related("person")
        assert len(pair) == 2
        assert all(p.is_lead_participant for p in pair)
        assert all(p.person.institution_id == enrolment.institution_id for p in pair)


def test_sktm_programmes_are_cohorts_of_individual_participants_from_enrolled_schools(small):
    cohorts = Activity.objects.filter(ncp__title__startswith=SKTM_TITLE)
    assert cohorts.filter(academic_year=2022).exists() and cohorts.filter(academic_year=2023)
    for cohort in cohorts.prefetch_related("participations", "schools"):
        assert cohort.activity_type == ActivityType.PROGRAMME
        schools = {s.institution_id for s in cohort.schools.all()}
        for taking_part in cohort.participations.all():
            assert not taking_part.is_lead_participant
            assert taking_part.institution_id in schools


def test_riwgs_are_local_activities_with_a_research_question(small):
    riwgs = Activity.objects.filter(is_riwg=True)
    assert riwgs.filter(academic_year=2022).exists()
    for riwg in riwgs:
        assert riwg.ncp is None and riwg.ncp_code == ""
        assert riwg.research_question.endswith("?")
        assert riwg.title.startswith("Research and Innovation Work Group")


def test_targeted_support_schools_join_activities_that_take_schools_at_any_time(small):
    support = Activity.objects.filter(activity_type=ActivityType.INTENSIVE_SUPPORT)
    assert support.exists()
    assert all(a.ncp.joins_any_time for a in support)


def test_itt_providers_and_colleges_are_illustrative_and_take_part(small):
    made_up = Institution.objects.filter(source=ILLUSTRATIVE_SOURCE)
    assert set(made_up.values_list("phase", flat=True)) == {Phase.ITT, Phase.POST16}
    assert all(name.endswith(ILLUSTRATIVE) for name in made_up.values_list("name", flat=True))
    assert not made_up.filter(phase=Phase.ITT, is_state_funded=True).exists()
    in_activities = _taking_part().filter(institution__in=made_up)
    assert in_activities.filter(institution__phase=Phase.ITT).exists()
    assert in_activities.filter(institution__phase=Phase.POST16).exists()


def test_every_lead_holds_an_llme_role_in_the_activitys_hub_and_year(small):
    held = set(
        RoleAssignment.objects.filter(role__in=LLME_ROLES).values_list(
            "person_id", "hub_id", "academic_year"
        )
    )
    through = Activity.leads.through.objects.values_list(
        "person_id", "activity__hub_id", "activity__academic_year"
    )
    assert through.exists()
    assert set(through) <= held


def test_every_participant_holds_the_participant_role_in_the_hub_and_year(small):
    held = set(
        RoleAssignment.objects.filter(role=Role.PARTICIPANT).values_list(
            "person_id", "hub_id", "academic_year"
        )
    )
    taking_part = set(
        Participation.objects.values_list(
            "person_id", "activity__hub_id", "activity__academic_year"
        )
    )
    assert taking_part <= held


@pytest.mark.parametrize("seed", [1, 2])
def test_no_school_moves_back_along_its_journey_from_2022_23_to_2023_24(db, seed):
    demo_build(scale="small", seed=seed, say=_quiet)
    stage: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    primary_stages: dict[tuple[int, int], set[str]] = defaultdict(set)
    for school, year, journey in _taking_part().values_list(
        "institution_id", "activity__academic_year", "activity__ncp__journey_stage"
    ):
        if journey in STAGE_RANK:
            track, rank = STAGE_RANK[journey]
            stage[(school, track)][year] = max(rank, stage[(school, track)].get(year, -1))
            if track == "primary":
                primary_stages[(school, year)].add(journey)
    both = {key: years for key, years in stage.items() if len(years) == 2}
    assert both, "some schools carry on from one year to the next"
    assert all(years[2023] >= years[2022] for years in both.values())
    assert sum(years[2023] > years[2022] for years in both.values()) > len(both) // 4
    assert all(len(stages) == 1 for stages in primary_stages.values())


def test_the_register_has_expertise_for_every_llme_and_programmes_started_each_year(small):
    llmes = set(
        RoleAssignment.objects.filter(
            role__in=LLME_ROLES - {Role.MATHS_HUB_LEAD, Role.ASSISTANT_MATHS_HUB_LEAD}
        ).values_list("person_id", flat=True)
    )
    assert set(LLMEExpertise.objects.values_list("person_id", flat=True)) >= llmes
    programmes = DevelopmentProgramme.objects.all()
    assert programmes.filter(started_year=2022).exists()
    assert programmes.filter(started_year=2023).exists()
    assert set(programmes.values_list("person_id", flat=True)) <= llmes
    assert not programmes.filter(accredited_on__isnull=False, completed_on=None).exists()
    assert not programmes.filter(hub=None).exists()


def test_every_national_figure_is_built_even_in_the_small_demo(small):
    assert small.figures == national_figures(2022)
    for figure in small.figures:
        assert figure.value > 0, figure.key


def test_the_fixed_hub_lead_has_a_realistic_plan_for_2023_24(small):
    plan = Activity.objects.filter(hub__slug="london-south-east-plus", academic_year=2023)
    kinds = set(plan.values_list("activity_type", flat=True))
    assert kinds == set(ActivityType.values)
    assert plan.filter(ncp__journey_stage=JourneyStage.MASTERY_READINESS).exists()
    assert plan.filter(is_riwg=True).exists()
    assert plan.values("ncp").distinct().count() >= 15


def _hubs(primary: list[int], secondary: list[int], llmes: int) -> list[HubData]:
    return [
        HubData(
            hub_id=i,
            slug=f"hub-{i}",
            primary=list(range(p)),
            secondary=list(range(s)),
            other=[],
            special=set(),
            early_years=set(),
            colleges=[],
            itt=[],
            state_funded=p + s,
            llmes=[None] * llmes,  # type: ignore[list-item]
        )
        for i, (p, s) in enumerate(zip(primary, secondary, strict=True))
    ]


def test_the_hubs_shares_add_up_to_the_national_targets():
    hubs = _hubs([3355] * 5, [663, 664, 664, 664, 664], 400)
    shares = t.hub_targets(2022, hubs, minimum_one=False)
    aim = t.TARGETS[2022]
    for key, n in aim.journey_new.items():
        assert sum(s.journey_new[key] for s in shares) == n
    for name in (
        "secondary_engaged",
        "post16_work_groups",
        "post16_institutions",
        "itt_providers",
        "sktm_participants",
        "riwgs",
        "riwg_schools",
        "active_llmes",
    ):
        assert sum(getattr(s, name) for s in shares) == getattr(aim, name), name


def test_a_sample_of_hubs_still_gets_one_of_each_rarer_activity():
    shares = t.hub_targets(2022, _hubs([70, 70], [15, 15], 5), minimum_one=True)
    assert all(s.riwgs >= 1 and s.post16_work_groups >= 1 and s.itt_providers >= 2 for s in shares)


def test_apportion_splits_a_total_exactly_in_proportion():
    assert t.apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(t.apportion(6868, [3, 5, 7, 11])) == 6868
    assert t.apportion(5, [0, 0]) == [0, 0]


def test_work_groups_keep_mostly_to_the_model_and_a_few_fall_outside_it():
    groups = groups_of(random.Random(3), list(range(7000)), (5, 8, 7))
    sizes = [len(g) for g in groups]
    assert sum(sizes) == 7000
    inside = sum(5 <= n <= 8 for n in sizes)
    assert inside / len(sizes) > 0.9
    assert inside < len(sizes)


def test_too_few_schools_for_a_group_still_make_one():
    assert groups_of(random.Random(1), [1, 2, 3], (5, 8, 7)) == [[1, 2, 3]]
    assert groups_of(random.Random(1), [], (5, 8, 7)) == []
