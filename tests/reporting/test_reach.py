"""Reach by free-school-meals quintile and by local authority, counted by hand.

Ten schools served by one hub, with 1%, 2% ... 10% of pupils eligible for free school
meals, and an eleventh whose percentage is not known; an ITT provider with 50%. Engaged
in 2022/23: the 1%, 2%, 9% and 10% schools and the one not known; the 3% school only in
2023/24, the 4% school withdrawn.

England's cuts fall after every second school (2%, 4%, 6%, 8%), so by hand:
quintile 1 (1-2%): 2 of 2; quintile 2 (3-4%): 0 of 2; quintiles 3 and 4: 0 of 2;
quintile 5 (9-10%): 2 of 2; not known: 1 of 1. The ITT provider is in none.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.directory.models import Phase
from mathshubs.reporting.counting import ENGLAND, Scope
from mathshubs.reporting.reach import by_fsm_quintile, by_local_authority, fsm_cuts
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools():
    hub = f.HubFactory(name="Quint Maths Hub")
    east, west = (
        f.LocalAuthorityFactory(name="Eastshire"),
        f.LocalAuthorityFactory(name="Westshire"),
    )
    made = {}
    for percent in range(1, 11):
        made[percent] = f.InstitutionFactory(
            hub=hub,
            percent_disadvantaged=Decimal(percent),
            local_authority=east if percent <= 5 else west,
        )
    made[None] = f.InstitutionFactory(hub=hub, percent_disadvantaged=None, local_authority=east)
    itt = f.InstitutionFactory(hub=hub, phase=Phase.ITT, percent_disadvantaged=Decimal(50))
    this_year = f.ActivityFactory(hub=hub, academic_year=2022)
    for key in (1, 2, 9, 10, None):
        f.ActivitySchoolFactory(activity=this_year, institution=made[key])
    f.ActivitySchoolFactory(activity=this_year, institution=itt)
    f.ActivitySchoolFactory(
        activity=this_year, institution=made[4], status=EnrolmentStatus.WITHDRAWN
    )
    f.ActivitySchoolFactory(
        activity=f.ActivityFactory(hub=hub, academic_year=2023), institution=made[3]
    )
    return hub


def test_englands_cuts_fall_between_equal_fifths(schools):
    assert fsm_cuts() == [Decimal(2), Decimal(4), Decimal(6), Decimal(8)]


def test_each_quintile_counts_its_schools_and_those_engaged(schools):
    rows = by_fsm_quintile(ENGLAND, 2022)
    assert [(r.share.count, r.share.of) for r in rows] == [
        (2, 2),
        (0, 2),
        (0, 2),
        (0, 2),
        (2, 2),
        (1, 1),
    ]
    assert rows[0].label == "Quintile 1 (fewest eligible): 0 to 2.0%"
    assert rows[-1].label == "Not known"
    hub = Scope("hub", "Quint", (schools.pk,))
    assert [r.share.count for r in by_fsm_quintile(hub, 2022)] == [2, 0, 0, 0, 2, 1]
    assert [r.share.count for r in by_fsm_quintile(hub, 2023)] == [0, 1, 0, 0, 0, 0]


def test_each_local_authority_counts_its_schools_and_those_engaged(schools):
    found = {r.label: (r.share.count, r.share.of) for r in by_local_authority(ENGLAND, 2022)}
    # Eastshire: 1-5% and the one not known (1, 2 and not known engaged); Westshire 6-10%.
    assert found["Eastshire"] == (3, 6) and found["Westshire"] == (2, 5)
