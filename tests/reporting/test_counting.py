"""The figures for England, a region and a hub, on a small dataset counted by hand, and
the drill-down of every figure as long as the figure.

The dataset (2022/23 unless said):

- hubs: Alpha and Beta in the North West region, Gamma in London;
- schools Alpha serves: A1, A2, A3 (primary), A4 (secondary); Beta serves B1; Gamma G1;
  the ITT provider T1 (served by Alpha);
- Alpha's Development Work Group: A1, A2, B1 (B1 is Beta's school, in Alpha's activity),
  A3 withdrawn; Alpha's Sustaining Work Group: A1 again, T1;
- Gamma's secondary Development activity (a RIWG): A4 (Alpha's school, in Gamma's
  activity);
- in 2023/24, Alpha's Development Work Group: A1 only.

By hand, 2022/23:
- engaged, England: A1, A2, B1, A4 of the 6 schools (T1 is not a school): 4 of 6;
  Alpha serves A1-A4: A1, A2, A4 engaged, 3 of 4; Beta: B1, 1 of 1; Gamma: G1, 0 of 1;
  the North West region (Alpha, Beta): 4 of 5;
- primary TfM, England: A1, A2, B1 (A1 once): 3; Alpha delivered the same 3; Gamma 0;
- development: 3; sustaining: A1: 1; ITT providers: T1: 1;
- secondary engaged and at Development, England: A4: 1; Alpha 0 (A4 is in Gamma's
  activity), Gamma 1;
- RIWGs: 1 (Gamma's), RIWG schools: 1;
- active LLMEs: Lee leads both of Alpha's, Gwen Gamma's: 2 in England, 1 in Alpha.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.dates import LONDON
from mathshubs.directory.models import Phase
from mathshubs.events.models import EventKind, Registration, RegistrationStatus
from mathshubs.reporting.counting import ENGLAND, Scope, drilldown, figure_values
from mathshubs.reporting.definitions import DEFINITIONS
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    alpha = f.HubFactory(name="Alpha Maths Hub", region="North West")
    beta = f.HubFactory(name="Beta Maths Hub", region="North West")
    gamma = f.HubFactory(name="Gamma Maths Hub", region="London")

    def school(name, hub, phase=Phase.PRIMARY):
        return f.InstitutionFactory(name=name, hub=hub, phase=phase)

    a1, a2, a3 = school("A1", alpha), school("A2", alpha), school("A3", alpha)
    a4 = school("A4", alpha, Phase.SECONDARY)
    b1, g1 = school("B1", beta), school("G1", gamma)
    t1 = school("T1", alpha, Phase.ITT)
    years = {y: f.AcademicYearFactory(start_year=y) for y in (2022, 2023)}

    def ncp(stage, year=2022):
        return f.NCPFactory(year=years[year], journey_stage=stage)

    lee = f.PersonFactory(last_name="Lee", institution=a1)
    gwen = f.PersonFactory(last_name="Gwen", institution=g1)

    def activity(hub, project, lead, year=2022, **fields):
        made = f.ActivityFactory(hub=hub, ncp=project, academic_year=year, **fields)
        made.leads.add(lead)
        return made

    def enrol(where, *schools, status=EnrolmentStatus.ENROLLED):
        for one in schools:
            f.ActivitySchoolFactory(activity=where, institution=one, status=status)

    development = activity(alpha, ncp("development"), lee)
    enrol(development, a1, a2, b1)
    enrol(development, a3, status=EnrolmentStatus.WITHDRAWN)
    sustaining = activity(alpha, ncp("sustaining"), lee)
    enrol(sustaining, a1, t1)
    riwg = activity(gamma, ncp("secondary_development"), gwen, is_riwg=True)
    enrol(riwg, a4)
    enrol(activity(alpha, ncp("development", 2023), lee, year=2023), a1)
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "development": development}


def _place(*, event, status, attended):
    return Registration.objects.create(
        event=event, person=f.PersonFactory(), status=status, attended=attended
    )


def _hub(hub) -> Scope:
    return Scope("hub", hub.name, (hub.pk,), str(hub.pk))


def _values(scope, year=2022) -> dict[str, tuple[int, int | None]]:
    return {k: (v.count, v.of) for k, v in figure_values(scope)[year].items()}


def test_england_counts_each_school_once_and_leaves_out_withdrawals_and_itt(world):
    found = _values(ENGLAND)
    assert found["engaged"] == (4, 6)
    assert found["primary_tfm"] == (3, None)
    assert found["development"] == (3, None)
    assert found["sustaining"] == (1, None)
    assert found["itt_providers"] == (1, None)
    assert found["secondary_engaged"] == found["secondary_development"] == (1, None)
    assert found["riwgs"] == found["riwg_schools"] == (1, None)
    assert found["active_llmes"] == (2, None)
    assert _values(ENGLAND, 2023)["primary_tfm"] == (1, None)


def test_a_hub_is_the_schools_it_serves_for_the_share_and_its_activities_for_the_rest(world):
    alpha = _values(_hub(world["alpha"]))
    assert alpha["engaged"] == (3, 4)  # A1, A2 and A4 (in Gamma's activity) of A1-A4
    assert alpha["primary_tfm"] == (3, None)  # A1, A2 and Beta's B1, in Alpha's Work Group
    assert alpha["secondary_engaged"] == (0, None)
    assert alpha["active_llmes"] == (1, None)
    assert _values(_hub(world["beta"]))["engaged"] == (1, 1)
    gamma = _values(_hub(world["gamma"]))
    assert gamma["engaged"] == (0, 1)
    assert gamma["secondary_development"] == gamma["riwgs"] == (1, None)


def test_a_region_is_its_hubs_together(world):
    north_west = Scope("region", "North West", (world["alpha"].pk, world["beta"].pk))
    found = _values(north_west)
    assert found["engaged"] == (4, 5)
    assert found["primary_tfm"] == (3, None)


def test_every_drilldown_is_as_long_as_its_figure(world):
    _place(
        event=f.EventFactory(activity=world["development"]),
        status=RegistrationStatus.CONFIRMED,
        attended=True,
    )
    f.EventFactory(
        activity=None,
        hub=None,
        kind=EventKind.NETWORK_EVENT,
        starts_at=dt.datetime(2022, 11, 1, 10, tzinfo=LONDON),
    )
    scopes = [ENGLAND, _hub(world["alpha"]), _hub(world["gamma"])]
    for scope in scopes:
        values = figure_values(scope)
        for year in (2022, 2023):
            for definition in (d for d in DEFINITIONS if d.drillable):
                value = values.get(year, {}).get(definition.key)
                rows = drilldown(definition, scope, year).count()
                assert rows == (value.count if value else 0), (scope.label, definition.key)


def test_an_event_counts_in_the_academic_year_it_starts_in_london(world):
    for starts in (
        dt.datetime(2022, 9, 1, 0, 30, tzinfo=LONDON),  # 31 August 23:30 UTC: 2022/23
        dt.datetime(2023, 8, 31, 23, 30, tzinfo=LONDON),  # still 2022/23
        dt.datetime(2023, 9, 1, 9, tzinfo=LONDON),  # 2023/24
    ):
        f.EventFactory(activity=None, hub=None, kind=EventKind.NETWORK_EVENT, starts_at=starts)
    f.EventFactory(
        activity=None,
        hub=None,
        kind=EventKind.NETWORK_EVENT,
        starts_at=dt.datetime(2022, 10, 1, 9, tzinfo=LONDON),
        cancelled_at=dt.datetime(2022, 9, 20, tzinfo=LONDON),
    )
    values = figure_values(ENGLAND)
    assert values[2022]["network_events"].count == 2
    assert values[2023]["network_events"].count == 1


def test_the_attendance_share_is_of_confirmed_places_with_attendance_recorded(world):
    event = f.EventFactory(activity=world["development"])
    for attended in (True, True, False, None):
        _place(event=event, status=RegistrationStatus.CONFIRMED, attended=attended)
    _place(event=event, status=RegistrationStatus.CANCELLED, attended=None)
    value = figure_values(_hub(world["alpha"]))[2023]["attendance"]
    assert (value.count, value.of, value.shown) == (2, 3, "66.7%")
    assert figure_values(_hub(world["gamma"])).get(2023, {}).get("attendance") in (
        None,
        type(value)(0, 0),
    )


def test_the_share_engaged_by_hub_counts_the_schools_each_serves(world):
    from mathshubs.reporting.counting import engaged_by_hub

    found = {name: (v.count, v.of) for name, v in engaged_by_hub(2022)}
    assert found == {"Alpha Maths Hub": (3, 4), "Beta Maths Hub": (1, 1), "Gamma Maths Hub": (0, 1)}
    # The hubs' engaged schools add up to England's.
    assert sum(c for c, _ in found.values()) == figure_values(ENGLAND)[2022]["engaged"].count
    north_west = (world["alpha"].pk, world["beta"].pk)
    assert [name for name, _ in engaged_by_hub(2022, north_west)] == [
        "Alpha Maths Hub",
        "Beta Maths Hub",
    ]
