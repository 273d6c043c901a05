"""The annual report's national figures, counted from activities, enrolments and people."""

from __future__ import annotations

import pytest

from mathshubs.activities.models import ActivityType, DevelopmentProgramme, EnrolmentStatus
from mathshubs.directory.models import Phase
from mathshubs.reporting.figures import SKTM_TITLE, figures_table, national_figures
from tests import factories as f

pytestmark = pytest.mark.django_db


def _figures(year: int = 2022) -> dict[str, float]:
    return {figure.key: figure.value for figure in national_figures(year)}


def _ncp(year: int = 2022, **fields):
    return f.NCPFactory(year=f.AcademicYearFactory(start_year=year), **fields)


def _activity(ncp=None, *, year: int = 2022, **fields):
    return f.ActivityFactory(ncp=ncp, academic_year=year, **fields)


def _enrol(activity, institution=None, *, status=EnrolmentStatus.COMPLETED):
    institution = institution or f.InstitutionFactory()
    f.ActivitySchoolFactory(activity=activity, institution=institution, status=status)
    return institution


def test_a_school_in_two_primary_tfm_work_groups_counts_once():
    development = _activity(_ncp(journey_stage="development"))
    sustaining = _activity(_ncp(journey_stage="sustaining"))
    school = _enrol(development)
    _enrol(sustaining, school)
    _enrol(sustaining)
    figures = _figures()
    assert figures["primary_tfm"] == 2
    assert figures["development"] == 1
    assert figures["sustaining"] == 2


def test_each_primary_stage_counts_the_schools_in_its_work_groups():
    for stage, schools in (
        ("mastery_readiness", 1),
        ("development", 2),
        ("embedding", 3),
        ("sustaining", 4),
    ):
        activity = _activity(_ncp(journey_stage=stage))
        for _ in range(schools):
            _enrol(activity)
    figures = _figures()
    stages = ("mastery_readiness", "development", "embedding", "sustaining")
    assert [figures[s] for s in stages] == [1, 2, 3, 4]
    assert figures["primary_tfm"] == 10


def test_a_withdrawn_school_is_not_counted_but_an_enrolled_one_is():
    activity = _activity(_ncp(journey_stage="embedding"))
    _enrol(activity, status=EnrolmentStatus.WITHDRAWN)
    _enrol(activity, status=EnrolmentStatus.ENROLLED)
    _enrol(activity, status=EnrolmentStatus.COMPLETED)
    assert _figures()["primary_tfm"] == 2


def test_only_the_asked_year_is_counted():
    _enrol(_activity(_ncp(2023, journey_stage="sustaining"), year=2023))
    _enrol(_activity(_ncp(2022, journey_stage="sustaining"), year=2022))
    assert _figures(2022)["primary_tfm"] == 1
    assert _figures(2023)["primary_tfm"] == 1
    assert _figures(2021)["primary_tfm"] == 0


def test_mastering_number_counts_both_its_stages_once_per_school():
    first = _activity(_ncp(journey_stage="mastering_number"))
    community = _activity(_ncp(journey_stage="embedding_the_impact"))
    school = _enrol(first)
    _enrol(community, school)
    _enrol(community)
    assert _figures()["mastering_number"] == 2


def test_engaged_is_the_share_of_state_funded_schools_with_an_enrolment():
    activity = _activity()
    engaged = [_enrol(activity) for _ in range(3)]
    _enrol(activity, status=EnrolmentStatus.WITHDRAWN)  # state-funded, not engaged
    f.InstitutionFactory.create_batch(4)  # state-funded, not engaged
    _enrol(activity, f.InstitutionFactory(is_state_funded=False))  # independent: left out
    _enrol(activity, f.InstitutionFactory(phase=Phase.ITT, is_state_funded=True))  # not a school
    assert len(engaged) == 3
    assert _figures()["engaged"] == pytest.approx(100 * 3 / 8)


def test_engaged_with_no_schools_at_all_is_zero():
    assert _figures()["engaged"] == 0


def test_secondary_schools_are_counted_by_phase_and_by_stage():
    development = _activity(_ncp(journey_stage="secondary_development", phases=["secondary"]))
    sustaining = _activity(
        _ncp(journey_stage="secondary_embedding_sustaining", phases=["secondary"])
    )
    continuity = _activity(_ncp(phases=["primary", "secondary"]))
    secondary = _enrol(development, f.InstitutionFactory(phase=Phase.SECONDARY))
    _enrol(continuity, secondary)
    _enrol(sustaining, f.InstitutionFactory(phase=Phase.ALL_THROUGH))
    _enrol(continuity, f.InstitutionFactory(phase=Phase.SECONDARY))
    _enrol(continuity, f.InstitutionFactory(phase=Phase.PRIMARY))
    _enrol(development, f.InstitutionFactory(phase=Phase.PRIMARY))  # not a secondary school
    figures = _figures()
    assert figures["secondary_engaged"] == 3
    assert figures["secondary_development"] == 1
    assert figures["secondary_sustaining"] == 1
    assert figures["secondary_embedding_year_support"] == 0


def test_active_llmes_are_distinct_people_leading_an_activity_that_year():
    leo, lea, old = f.PersonFactory.create_batch(3)
    _activity().leads.add(leo, lea)
    _activity().leads.add(leo)
    _activity(year=2021).leads.add(old)
    _activity()  # no leads
    assert _figures()["active_llmes"] == 2


def test_llmes_starting_development_programmes_are_counted_by_start_year():
    starter, other, earlier = f.PersonFactory.create_batch(3)
    for person, programme, year in (
        (starter, "mastery_specialist", 2022),
        (starter, "pd_lead", 2022),
        (other, "pd_lead", 2022),
        (earlier, "pd_lead", 2021),
    ):
        DevelopmentProgramme.objects.create(person=person, programme=programme, started_year=year)
    assert _figures()["llmes_starting_programmes"] == 2


def test_sktm_participants_are_distinct_people_in_sktm_programmes_only():
    sktm = _ncp(title=f"{SKTM_TITLE}: Primary Teachers Programme", ncp_type="programme")
    sktm_ta = _ncp(title=f"{SKTM_TITLE}: Primary Teaching Assistants Programme")
    other = _ncp(title="Mastery Readiness Work Groups")
    cohorts = [_activity(sktm), _activity(sktm), _activity(sktm_ta), _activity(other)]
    twice, once, left, elsewhere = f.PersonFactory.create_batch(4)
    f.ParticipationFactory(activity=cohorts[0], person=twice)
    f.ParticipationFactory(activity=cohorts[2], person=twice)
    f.ParticipationFactory(activity=cohorts[1], person=once)
    f.ParticipationFactory(activity=cohorts[1], person=left, status=EnrolmentStatus.WITHDRAWN)
    f.ParticipationFactory(activity=cohorts[3], person=elsewhere)
    assert _figures()["sktm_participants"] == 2


def test_itt_providers_are_itt_institutions_in_any_activity():
    community = _activity(_ncp(phases=["primary", "secondary"]))
    provider = _enrol(community, f.InstitutionFactory(phase=Phase.ITT, is_state_funded=False))
    _enrol(_activity(), provider)
    _enrol(community, f.InstitutionFactory(phase=Phase.ITT), status=EnrolmentStatus.WITHDRAWN)
    _enrol(community)
    assert _figures()["itt_providers"] == 1


def test_post16_institutions_are_those_in_post16_only_projects():
    core_maths = _activity(_ncp(phases=["post16"]))
    low_attainers = _activity(_ncp(phases=["secondary", "post16"]))
    college = _enrol(core_maths, f.InstitutionFactory(phase=Phase.POST16))
    _enrol(_activity(_ncp(phases=["post16"])), college)
    _enrol(core_maths, f.InstitutionFactory(phase=Phase.SECONDARY))  # a sixth form counts
    _enrol(low_attainers, f.InstitutionFactory(phase=Phase.POST16))  # cross-phase: left out
    assert _figures()["post16_institutions"] == 2


def test_riwgs_and_their_schools_are_counted():
    riwgs = [
        _activity(is_riwg=True, research_question="How does oracy help?", activity_type=kind)
        for kind in (ActivityType.WORK_GROUP, ActivityType.WORK_GROUP)
    ]
    shared = _enrol(riwgs[0])
    _enrol(riwgs[1], shared)
    _enrol(riwgs[1])
    _enrol(_activity())  # not an RIWG
    _activity(year=2021, is_riwg=True)
    figures = _figures()
    assert figures["riwgs"] == 2
    assert figures["riwg_schools"] == 2


@pytest.mark.parametrize("schools", [3, 30])
def test_the_figures_take_a_handful_of_queries_however_many_schools(
    schools, django_assert_num_queries
):
    activity = _activity(_ncp(journey_stage="development"))
    for _ in range(schools):
        _enrol(activity)
    # One per kind of row the report's figures count (6: enrolments, participations,
    # leads, activities, programmes, events), the schools of the share, the post-16
    # projects.
    with django_assert_num_queries(8):
        national_figures(2022)


def test_each_figure_stands_beside_the_reports_value():
    figures = {figure.key: figure for figure in national_figures(2022)}
    assert figures["engaged"].report_text == "56%"
    assert figures["primary_tfm"].report == 6868
    assert figures["mastering_number"].report_text == "c. 7,000"
    assert figures["secondary_development"].report == 265
    assert figures["secondary_sustaining"].report == 700
    assert figures["active_llmes"].report_text == "over 1,500"
    assert figures["riwg_schools"].report == 1069
    assert figures["development"].report is None and figures["development"].is_part


def test_the_table_has_a_line_per_figure_with_both_values():
    figures = national_figures(2022)
    lines = figures_table(figures, year_label="Demo 2022/23")
    assert "Demo 2022/23" in lines[0] and "Report 2022/23" in lines[0]
    assert len(lines) == len(figures) + 2
    assert any("Schools in primary Teaching for Mastery Work Groups" in x for x in lines)
    assert any(x.rstrip().endswith("6,868") for x in lines)


def test_a_figure_knows_its_difference_from_the_report():
    figure = next(f for f in national_figures(2022) if f.key == "primary_tfm")
    assert figure.difference == -1.0
    assert next(f for f in national_figures(2022) if f.key == "development").difference is None
