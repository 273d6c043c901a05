"""A hub's journey lists: `institutions_ready_for` applies the next-step rule in SQL and agrees
with `recommended_next_step`; stage counts; a constant number of queries."""

from __future__ import annotations

import itertools

import pytest

from mathshubs.activities import journey
from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import JourneyStage
from mathshubs.directory.models import Phase
from tests import factories as f
from tests.activities.test_journey_builders import enrol, school

S = JourneyStage
DONE, IN, OUT = EnrolmentStatus.COMPLETED, EnrolmentStatus.ENROLLED, EnrolmentStatus.WITHDRAWN

# Histories as (stage, year, status) lists: every transition of the rule, and a few odd ones.
HISTORIES = [
    [],
    [(S.MASTERY_READINESS, 2022, DONE)],
    [(S.MASTERY_READINESS, 2023, IN)],
    [(S.MASTERY_READINESS, 2023, OUT)],
    [(S.DEVELOPMENT, 2022, DONE)],
    [(S.DEVELOPMENT, 2023, IN)],
    [(S.DEVELOPMENT, 2023, OUT)],
    [(S.MASTERY_READINESS, 2022, DONE), (S.DEVELOPMENT, 2023, OUT)],
    [(S.DEVELOPMENT, 2022, DONE), (S.EMBEDDING, 2023, IN)],
    [(S.DEVELOPMENT, 2022, DONE), (S.EMBEDDING, 2023, OUT)],
    [(S.EMBEDDING, 2022, DONE)],
    [(S.SUSTAINING, 2021, DONE)],
    [(S.SUSTAINING, 2021, DONE), (S.MASTERY_READINESS, 2023, IN)],
    [(S.MASTERING_NUMBER, 2022, DONE)],
    [(S.MASTERING_NUMBER, 2023, OUT)],
    [(S.MASTERING_NUMBER, 2022, DONE), (S.EMBEDDING_THE_IMPACT, 2023, IN)],
    [(S.EMBEDDING, 2023, IN), (S.MASTERING_NUMBER, 2023, IN)],
    [(S.DEVELOPMENT, 2024, IN)],  # after the year asked about: ignored
]
SECONDARY_HISTORIES = [
    [],
    [(S.SECONDARY_DEVELOPMENT, 2022, DONE)],
    [(S.SECONDARY_DEVELOPMENT, 2023, OUT)],
    [(S.SECONDARY_DEVELOPMENT, 2021, DONE), (S.EMBEDDING_YEAR_SUPPORT, 2022, DONE)],
    [(S.EMBEDDING_YEAR_SUPPORT, 2023, IN)],
    [(S.SECONDARY_EMBEDDING_SUSTAINING, 2022, DONE)],
]


@pytest.fixture
def east(db):
    return f.HubFactory(name="East Test Maths Hub", slug="east")


def _schools(hub):
    made = []
    for i, history in enumerate(HISTORIES):
        s = school(hub, name=f"Primary {i:02d}")
        for stage, year, status in history:
            enrol(s, stage, year, status)
        made.append(s)
    for i, history in enumerate(SECONDARY_HISTORIES):
        s = school(hub, name=f"Secondary {i:02d}", phase=Phase.SECONDARY)
        for stage, year, status in history:
            enrol(s, stage, year, status)
        made.append(s)
    made.append(school(hub, name="A College", phase=Phase.POST16))
    return made


@pytest.mark.parametrize("year", [2022, 2023])
def test_institutions_ready_for_agrees_with_the_rule_for_every_step(east, year):
    schools = _schools(east)
    expected = {step: set() for step in journey.STEP_ORDER}
    for s in schools:
        found = journey.institution_journey(institution=s, year=year).next_step
        for step in found.steps if found else ():
            expected[step].add(s.urn)
    for step in journey.STEP_ORDER:
        listed = journey.institutions_ready_for(hub=east, next_step=step, year=year)
        assert {s.urn for s in listed} == expected[step], step


def test_the_ready_list_counts_only_the_hubs_open_schools(east):
    west = f.HubFactory(slug="west")
    ours = enrol(school(east), S.DEVELOPMENT, 2022, DONE).institution
    enrol(school(west), S.DEVELOPMENT, 2022, DONE)
    enrol(school(east, is_open=False), S.DEVELOPMENT, 2022, DONE)
    listed = journey.institutions_ready_for(hub=east, next_step=S.EMBEDDING, year=2023)
    assert list(listed) == [ours]


def test_the_ready_list_puts_schools_engaged_most_recently_first(east):
    never = school(east, name="Aardvark Primary")
    earlier = school(east, name="Beech Primary")
    enrol(earlier, S.MASTERING_NUMBER, 2021, DONE)
    latest = school(east, name="Cedar Primary")
    enrol(latest, S.MASTERING_NUMBER, 2023, IN)
    listed = journey.institutions_ready_for(hub=east, next_step=S.DEVELOPMENT, year=2023)
    assert list(listed) == [latest, earlier, never]
    assert [s.last_year for s in listed] == [2023, 2021, None]


def test_the_ready_list_is_one_query_however_many_schools(east, django_assert_num_queries):
    for i, stage in zip(range(30), itertools.cycle(journey.PRIMARY_TRACK), strict=False):
        enrol(school(east), stage, 2022 + i % 2, DONE)
    with django_assert_num_queries(1):
        listed = list(journey.institutions_ready_for(hub=east, next_step=S.EMBEDDING, year=2023))
    assert listed


def test_ready_rows_give_the_current_stage_and_latest_activity_in_one_query(
    east, django_assert_num_queries
):
    schools = [school(east) for _ in range(5)]
    for s in schools:
        enrol(s, S.DEVELOPMENT, 2022, DONE)
        enrol(s, S.EMBEDDING, 2023, IN)
    with django_assert_num_queries(1):
        rows = journey.ready_rows(schools, year=2023)
    assert {r.current.stage for r in rows} == {S.EMBEDDING}
    assert {r.last_activity_year for r in rows} == {"2023/24"}


def test_stage_counts_count_each_school_once_by_its_best_status(east, django_assert_num_queries):
    a, b, c = school(east), school(east), school(east)
    enrol(a, S.DEVELOPMENT, 2023, DONE)
    enrol(a, S.DEVELOPMENT, 2023, OUT)  # withdrew from one, completed another
    enrol(b, S.DEVELOPMENT, 2023, IN)
    enrol(c, S.DEVELOPMENT, 2023, OUT)
    enrol(c, S.SUSTAINING, 2022, DONE)  # another year: not counted in 2023/24
    enrol(school(f.HubFactory()), S.DEVELOPMENT, 2023, IN)  # another hub's school
    with django_assert_num_queries(2):
        counts = {c.stage: c for c in journey.hub_stage_counts(hub=east, year=2023)}
    dev = counts[S.DEVELOPMENT]
    assert (dev.completed, dev.in_progress, dev.withdrawn, dev.schools) == (1, 1, 1, 2)
    assert counts[S.SUSTAINING].schools == 0
    # Ready next year: a and b for Embedding; c repeats Development (it withdrew) - but it
    # reached Sustaining in 2022/23, which is permanent.
    assert counts[S.EMBEDDING].ready == 2
    assert counts[S.SUSTAINING].ready == 1
    assert [c.stage for c in counts.values()] == list(journey.STEP_ORDER)


def test_a_next_step_is_named_by_its_stage_key():
    assert journey.parse_step("Embedding-year-support") == S.EMBEDDING_YEAR_SUPPORT
    with pytest.raises(ValueError, match="Choose a next step"):
        journey.parse_step("lunch")
