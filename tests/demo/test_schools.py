"""The census adapter: phases, suppressed figures, state funding."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from mathshubs.demo.schools import SchoolRow, institution_from_row, phase_for, read_schools
from mathshubs.directory.models import Phase


def _row(**changes) -> SchoolRow:
    values = {
        "urn": 100000,
        "name": "The Aldgate School",
        "la_code": "201",
        "district_code": "E09000001",
        "region_name": "London",
        "phase_type_grouping": "State-funded primary",
        "establishment_type": "Voluntary aided school",
        "middle_school": "",
        "all_through_school": "",
        "postcode": "EC3A 5DE",
        "pupils": 271,
        "percent_fsm": Decimal("18.1"),
    }
    values.update(changes)
    return SchoolRow(**values)


def test_the_file_has_the_24442_schools_of_the_census():
    rows = list(read_schools())
    assert len(rows) == 24_442
    assert len({r.urn for r in rows}) == 24_442
    aldgate = next(r for r in rows if r.urn == 100000)
    assert aldgate == _row()


def test_suppressed_figures_become_blank():
    independent = next(r for r in read_schools() if r.urn == 100544)
    assert independent.percent_fsm is None
    assert independent.is_state_funded is False


def test_phases_follow_the_census_grouping_and_type():
    assert phase_for(_row()) == Phase.PRIMARY
    assert phase_for(_row(phase_type_grouping="State-funded nursery")) == Phase.EARLY_YEARS
    secondary = _row(phase_type_grouping="State-funded secondary")
    assert phase_for(secondary) == Phase.SECONDARY
    assert phase_for(
        _row(phase_type_grouping="State-funded secondary", all_through_school="Yes")
    ) == (Phase.ALL_THROUGH)
    assert (
        phase_for(
            _row(phase_type_grouping="State-funded primary", middle_school="Middle deemed primary")
        )
        == Phase.MIDDLE
    )
    assert (
        phase_for(
            _row(
                phase_type_grouping="State-funded secondary",
                establishment_type="Free schools 16 to 19",
            )
        )
        == Phase.POST16
    )
    assert phase_for(_row(phase_type_grouping="State-funded AP school")) == Phase.ALTERNATIVE
    assert phase_for(_row(phase_type_grouping="Non-maintained special school")) == Phase.SPECIAL
    assert (
        phase_for(
            _row(
                phase_type_grouping="Independent school",
                establishment_type="Other independent special school",
            )
        )
        == Phase.SPECIAL
    )
    assert phase_for(_row(phase_type_grouping="Independent school")) == Phase.OTHER


def test_independent_and_non_maintained_schools_are_not_state_funded():
    funded = Counter(r.is_state_funded for r in read_schools())
    assert funded == {True: 21_980, False: 2_462}


def test_a_row_becomes_an_unsaved_institution_with_its_figures():
    institution = institution_from_row(_row(), la_ids={"201": 5})
    assert institution.pk is None
    assert (institution.urn, institution.local_authority_id, institution.phase) == (
        100000,
        5,
        "primary",
    )
    assert (institution.pupils, institution.percent_disadvantaged) == (271, Decimal("18.1"))
    assert institution.postcode_key == "EC3A5DE"
    assert institution.search_name == "the aldgate school"
    assert institution.ofsted_rating == "" and institution.source == "spc"
