"""The Teaching for Mastery journey rule: history, current stage and the recommended next step
(`journey.recommended_next_step`, DOMAIN.md "The Teaching for Mastery (TfM) journey")."""

from __future__ import annotations

import pytest

from mathshubs.activities import journey
from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from mathshubs.directory.models import Phase
from tests import factories as f
from tests.activities.test_journey_builders import enrol, school

S = JourneyStage
DONE, IN, OUT = EnrolmentStatus.COMPLETED, EnrolmentStatus.ENROLLED, EnrolmentStatus.WITHDRAWN


@pytest.fixture
def hub(db):
    return f.HubFactory(name="East Test Maths Hub", slug="east")


def step_after(institution, year: int = 2023) -> journey.NextStep | None:
    return journey.institution_journey(institution=institution, year=year).next_step


# --- Primary ---------------------------------------------------------------------------------


def test_a_school_new_to_tfm_is_recommended_development_or_mastery_readiness(hub):
    step = step_after(school(hub))
    assert step.stage == S.DEVELOPMENT
    assert step.also == (S.MASTERY_READINESS,)
    assert step.reason == journey.REASON_NEW


def test_a_school_that_completed_mastery_readiness_is_ready_for_development(hub):
    s = school(hub)
    enrol(s, S.MASTERY_READINESS, 2022, DONE)
    step = step_after(s)
    assert (step.stage, step.also) == (S.DEVELOPMENT, ())
    assert step.reason == "Mastery Readiness completed in 2022/23: next comes Development"


def test_a_school_in_development_now_is_recommended_embedding_next_year(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2023, IN)
    step = step_after(s, 2023)
    assert step.stage == S.EMBEDDING
    assert step.reason == "Development in progress in 2023/24: next comes Embedding"


def test_a_school_that_completed_development_is_ready_for_embedding(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2022, DONE)
    assert step_after(s).stage == S.EMBEDDING


def test_a_school_that_completed_embedding_is_ready_for_sustaining(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2021, DONE)
    enrol(s, S.EMBEDDING, 2022, DONE)
    assert step_after(s).stage == S.SUSTAINING


def test_a_school_in_sustaining_continues_in_sustaining(hub):
    s = school(hub)
    enrol(s, S.SUSTAINING, 2023, IN)
    step = step_after(s)
    assert step.stage == S.SUSTAINING
    assert step.reason == journey.REASON_CONTINUE.format(stage="Sustaining")


def test_a_school_that_withdrew_from_development_repeats_it(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2023, OUT)
    step = step_after(s)
    assert (step.stage, step.also) == (S.DEVELOPMENT, ())
    assert step.reason == journey.REASON_REPEAT.format(stage="Development", year="2023/24")


def test_a_school_that_withdrew_from_embedding_after_development_repeats_embedding(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2022, DONE)
    enrol(s, S.EMBEDDING, 2023, OUT)
    assert step_after(s).stage == S.EMBEDDING
    # ... and its current stage is still Development, from 2022/23.
    current = journey.institution_journey(institution=s, year=2023).current
    assert (current.stage, current.year) == (S.DEVELOPMENT, 2022)


def test_a_school_that_withdrew_from_mastery_readiness_repeats_it(hub):
    s = school(hub)
    enrol(s, S.MASTERY_READINESS, 2023, OUT)
    step = step_after(s)
    assert (step.stage, step.also) == (S.MASTERY_READINESS, ())


def test_a_school_that_withdrew_and_came_back_in_another_activity_has_moved_on(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2023, OUT)
    enrol(s, S.DEVELOPMENT, 2023, DONE)
    history = journey.journey_history(s)
    assert [(r.stage, r.status) for r in history] == [(S.DEVELOPMENT, DONE)]
    assert step_after(s).stage == S.EMBEDDING


def test_the_next_step_after_a_year_ignores_later_enrolments(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2022, DONE)
    enrol(s, S.EMBEDDING, 2023, IN)
    assert step_after(s, 2022).stage == S.EMBEDDING
    assert step_after(s, 2023).stage == S.SUSTAINING
    assert step_after(s, 2021).stage == S.DEVELOPMENT  # before any: new to TfM


# --- Secondary ---------------------------------------------------------------------------------


def test_a_secondary_school_new_to_tfm_starts_at_secondary_development(hub):
    step = step_after(school(hub, phase=Phase.SECONDARY))
    assert (step.stage, step.also) == (S.SECONDARY_DEVELOPMENT, ())
    assert step.reason == journey.REASON_NEW_SECONDARY


def test_a_secondary_school_after_development_is_ready_for_embedding_year_support(hub):
    s = school(hub, phase=Phase.SECONDARY)
    enrol(s, S.SECONDARY_DEVELOPMENT, 2022, DONE)
    assert step_after(s).stage == S.EMBEDDING_YEAR_SUPPORT


def test_a_secondary_school_after_embedding_year_support_is_ready_for_embedding_and_sustaining(
    hub,
):
    s = school(hub, phase=Phase.SECONDARY)
    enrol(s, S.SECONDARY_DEVELOPMENT, 2021, DONE)
    enrol(s, S.EMBEDDING_YEAR_SUPPORT, 2022, DONE)
    assert step_after(s).stage == S.SECONDARY_EMBEDDING_SUSTAINING


def test_a_secondary_school_in_embedding_and_sustaining_continues_there(hub):
    s = school(hub, phase=Phase.SECONDARY)
    enrol(s, S.SECONDARY_EMBEDDING_SUSTAINING, 2022, DONE)
    assert step_after(s).stage == S.SECONDARY_EMBEDDING_SUSTAINING


def test_an_all_through_school_new_to_tfm_starts_at_secondary_development(hub):
    assert step_after(school(hub, phase=Phase.ALL_THROUGH)).stage == S.SECONDARY_DEVELOPMENT


# --- Mastering Number ------------------------------------------------------------------------


def test_a_school_after_mastering_number_joins_embedding_the_impact_and_the_tfm_journey(hub):
    s = school(hub)
    enrol(s, S.MASTERING_NUMBER, 2022, DONE)
    step = step_after(s)
    assert step.stage == S.EMBEDDING_THE_IMPACT
    assert step.also == (S.DEVELOPMENT, S.MASTERY_READINESS)
    assert step.reasons == (journey.REASON_MASTERING_NUMBER, journey.REASON_NEW)


def test_a_school_in_embedding_the_impact_continues_there(hub):
    s = school(hub)
    enrol(s, S.MASTERING_NUMBER, 2021, DONE)
    enrol(s, S.EMBEDDING_THE_IMPACT, 2022, DONE)
    assert step_after(s).stage == S.EMBEDDING_THE_IMPACT


def test_a_school_in_mastering_number_and_the_tfm_journey_is_recommended_its_tfm_step_first(hub):
    s = school(hub)
    enrol(s, S.EMBEDDING, 2023, IN)
    enrol(s, S.MASTERING_NUMBER, 2023, IN)
    step = step_after(s)
    assert step.steps == (S.SUSTAINING, S.EMBEDDING_THE_IMPACT)


def test_a_school_that_withdrew_from_mastering_number_repeats_it(hub):
    s = school(hub)
    enrol(s, S.MASTERING_NUMBER, 2023, OUT)
    step = step_after(s)
    assert step.steps == (S.MASTERING_NUMBER, S.DEVELOPMENT, S.MASTERY_READINESS)
    assert step.reason == journey.REASON_MASTERING_NUMBER_REPEAT.format(year="2023/24")


@pytest.mark.parametrize("phase", [Phase.POST16, Phase.ITT, Phase.EARLY_YEARS, Phase.OTHER])
def test_a_college_or_itt_provider_has_no_journey_step(hub, phase):
    assert step_after(school(hub, phase=phase)) is None


# --- Current stage ---------------------------------------------------------------------------


def test_the_current_stage_is_the_latest_years_stage_not_withdrawn(hub):
    s = school(hub)
    enrol(s, S.MASTERY_READINESS, 2021, DONE)
    enrol(s, S.DEVELOPMENT, 2022, DONE)
    enrol(s, S.EMBEDDING, 2023, IN)
    current = journey.institution_journey(institution=s, year=2023).current
    assert (current.stage, current.year, current.status_label) == (S.EMBEDDING, 2023, "In progress")
    assert journey.institution_journey(institution=s, year=2022).current.stage == S.DEVELOPMENT


def test_sustaining_is_permanent_year_on_year(hub):
    s = school(hub)
    enrol(s, S.SUSTAINING, 2021, DONE)
    enrol(s, S.MASTERY_READINESS, 2023, IN)  # a mistake, or a new head: it changes nothing
    found = journey.institution_journey(institution=s, year=2023)
    assert found.current.stage == S.SUSTAINING
    assert found.next_step.stage == S.SUSTAINING


def test_a_school_with_no_journey_has_no_current_stage(hub):
    assert journey.institution_journey(institution=school(hub), year=2023).current is None


def test_mastering_number_is_shown_beside_the_tfm_stage(hub):
    s = school(hub)
    enrol(s, S.DEVELOPMENT, 2022, DONE)
    enrol(s, S.MASTERING_NUMBER, 2023, IN)
    found = journey.institution_journey(institution=s, year=2023)
    assert found.current.stage == S.DEVELOPMENT
    assert found.stages["mastering_number"].stage == S.MASTERING_NUMBER


def test_the_history_has_one_row_per_year_and_stage_latest_first(hub):
    s = school(hub)
    enrol(s, S.MASTERY_READINESS, 2022, DONE)
    enrol(s, S.DEVELOPMENT, 2023, IN)
    enrol(s, S.MASTERING_NUMBER, 2023, OUT)
    rows = journey.journey_history(s)
    assert [(r.year_label, r.stage_label, r.status_label) for r in rows] == [
        ("2023/24", "Development", "In progress"),
        ("2023/24", "Mastering Number", "Withdrawn"),
        ("2022/23", "Mastery Readiness", "Completed"),
    ]
    assert rows[0].hub_name == "East Test Maths Hub"


def test_activities_off_the_journey_are_not_in_the_history(hub):
    s = school(hub)
    f.ActivitySchoolFactory(institution=s, activity=f.ActivityFactory(hub=hub))
    assert journey.journey_history(s) == []
