"""The 2023/24 catalogue file reproduces the 2023/24 handbook's lists of projects
(ISSUE 4, item 1; shared/reference/llme-handbook-2023-24.md, "Professional development
opportunities")."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mathshubs.catalogue.importers import catalogue_load
from mathshubs.catalogue.models import NCP
from mathshubs.catalogue.schema import CatalogueFile
from mathshubs.grants.rules import grant_for

CATALOGUES = Path(__file__).resolve().parents[2] / "catalogues"
CATALOGUE = CATALOGUES / "2023-24.yaml"

# Typed from the handbook, phase by phase, heading by heading, in its order.
HANDBOOK_LISTS = {
    "primary": {
        "work_group": [
            "NCP23-06",
            "NCP23-07a",
            "NCP23-08",
            "NCP23-09",
            "NCP23-10",
            "NCP23-11",
            "NCP23-19",
        ],
        "programme": [
            "NCP23-01",
            "NCP23-04",
            "NCP23-05",
            "NCP23-25",
            "NCP23-26",
            "NCP23-27",
            "NCP23-28a",
            "NCP23-28b",
        ],
        "community": ["NCP23-07b", "NCP23-09s", "NCP23-31"],
        "intensive_support": ["NCP23-33"],
    },
    "secondary": {
        "work_group": ["NCP23-12", "NCP23-13", "NCP23-14", "NCP23-19", "NCP23-20"],
        "programme": [
            "NCP23-02",
            "NCP23-03",
            "NCP23-04",
            "NCP23-05",
            "NCP23-29a",
            "NCP23-29b",
            "NCP23-30",
            "NCP23-32",
        ],
        "community": ["NCP23-09s", "NCP23-15", "NCP23-16", "NCP23-31"],
        "intensive_support": ["NCP23-33"],
    },
    "post16": {
        "work_group": ["NCP23-20", "NCP23-23", "NCP23-24"],
        "programme": ["NCP23-04", "NCP23-05", "NCP23-21", "NCP23-22"],
    },
}

# Phases a project has beyond the handbook's three lists, and why.
EXTRA_PHASES = {
    "NCP23-25": ["early_years"],  # SKTM: Early Years Teachers Programme
    "NCP23-09s": ["special"],  # Special Schools Teaching for Mastery Development
}

JOURNEY_STAGES = {
    "NCP23-06": "mastering_number",
    "NCP23-07a": "mastering_number",
    "NCP23-07b": "embedding_the_impact",
    "NCP23-08": "mastery_readiness",
    "NCP23-09": "development",
    "NCP23-09s": "development",
    "NCP23-10": "embedding",
    "NCP23-11": "sustaining",
    "NCP23-12": "secondary_development",
    "NCP23-13": "embedding_year_support",
    "NCP23-14": "secondary_embedding_sustaining",
}

ILLUSTRATIVE = "Illustrative: the 2023/24 handbook publishes no finances."
NO_FINANCES = "The 2023/24 handbook publishes no finances for this project."


@pytest.fixture(scope="module")
def catalogue() -> CatalogueFile:
    with CATALOGUE.open(encoding="utf-8") as handle:
        return CatalogueFile.model_validate(yaml.safe_load(handle))


@pytest.fixture(scope="module")
def by_code(catalogue):
    return {entry.code: entry for entry in catalogue.ncps}


@pytest.fixture(scope="module")
def catalogue_2019_20() -> dict:
    with (CATALOGUES / "2019-20.yaml").open(encoding="utf-8") as handle:
        loaded = CatalogueFile.model_validate(yaml.safe_load(handle))
    return {entry.code: entry for entry in loaded.ncps}


def test_the_file_is_the_2023_24_catalogue(catalogue):
    assert catalogue.start_year == 2023
    assert catalogue.status == "published"


def test_it_keeps_the_handbooks_35_codes_though_the_text_says_33_projects(catalogue):
    assert len(catalogue.ncps) == 35


def test_the_codes_run_from_01_to_33_without_17_or_18_with_the_suffixed_pairs(by_code):
    plain = {f"NCP23-{n:02d}" for n in range(1, 34)} - {
        "NCP23-07",
        "NCP23-17",
        "NCP23-18",
        "NCP23-28",
        "NCP23-29",
    }
    suffixed = {"NCP23-07a", "NCP23-07b", "NCP23-09s", "NCP23-28a", "NCP23-28b"}
    suffixed |= {"NCP23-29a", "NCP23-29b"}

    assert set(by_code) == plain | suffixed
    assert {"NCP23-09", "NCP23-09s"} <= set(by_code)


def test_the_file_lists_projects_in_code_order(catalogue):
    def order(code: str) -> tuple[int, str]:
        return int(code[6:8]), code[8:]

    codes = [entry.code for entry in catalogue.ncps]
    assert codes == sorted(codes, key=order)


@pytest.mark.parametrize("phase", sorted(HANDBOOK_LISTS))
def test_each_phase_lists_the_handbooks_projects_under_the_handbooks_headings(catalogue, phase):
    listed: dict[str, list[str]] = {}
    for entry in catalogue.ncps:
        if phase in entry.phases:
            listed.setdefault(entry.type, []).append(entry.code)

    assert listed == HANDBOOK_LISTS[phase]


def test_a_project_listed_under_several_phases_is_one_entry_with_those_phases(by_code):
    expected: dict[str, set[str]] = {}
    for phase, headings in HANDBOOK_LISTS.items():
        for codes in headings.values():
            for code in codes:
                expected.setdefault(code, set()).add(phase)
    for code, extra in EXTRA_PHASES.items():
        expected[code] |= set(extra)

    assert {code: set(entry.phases) for code, entry in by_code.items()} == expected


def test_no_project_is_listed_under_different_headings_in_different_phases():
    headings: dict[str, set[str]] = {}
    for phase_headings in HANDBOOK_LISTS.values():
        for heading, codes in phase_headings.items():
            for code in codes:
                headings.setdefault(code, set()).add(heading)

    assert all(len(found) == 1 for found in headings.values())


def test_years_5_to_8_continuity_is_one_project_in_primary_and_secondary(by_code):
    continuity = by_code["NCP23-19"]

    assert continuity.title == "Years 5-8 Continuity Work Groups"
    assert continuity.phases == ["primary", "secondary"]
    assert continuity.type == "work_group"


def test_the_special_schools_communities_are_for_special_schools_too(by_code):
    assert by_code["NCP23-09s"].phases == ["primary", "secondary", "special"]


def test_the_early_years_sktm_programme_is_for_early_years_and_primary(by_code):
    assert by_code["NCP23-25"].phases == ["early_years", "primary"]


def test_titles_are_the_handbooks(by_code):
    assert by_code["NCP23-07a"].title == "Mastering Number at Reception and KS1 Work Groups"
    assert by_code["NCP23-20"].title == (
        "Cross Phase – Supporting Low Attainers to Achieve a L2 Qualification in Mathematics"
    )
    assert by_code["NCP23-28b"].title == (
        "Specialist Knowledge for Teaching Mathematics: Primary Early Career Teachers – "
        "Phase 2 Programme"
    )
    assert by_code["NCP23-33"].title == "Targeted Support in Maths"


def test_targeted_support_is_the_only_project_schools_join_at_any_time(by_code):
    joins_any_time = [code for code, entry in by_code.items() if entry.joins_any_time]

    assert joins_any_time == ["NCP23-33"]
    assert by_code["NCP23-33"].type == "intensive_support"


def test_teaching_for_mastery_projects_carry_their_journey_stage(by_code):
    stages = {code: entry.journey_stage for code, entry in by_code.items() if entry.journey_stage}

    assert stages == JOURNEY_STAGES


def test_mastery_readiness_asks_for_the_essential_criterion_and_one_other(by_code):
    readiness = by_code["NCP23-08"]
    essential = [c.key for c in readiness.participant_criteria if c.essential]
    others = [c.key for c in readiness.participant_criteria if not c.essential]

    assert essential == ["not_in_tfm"]
    assert others == [
        "ofsted_ri",
        "poor_data",
        "la_identified",
        "low_social_mobility",
        "leadership_support",
        "staff_turnover",
        "other_reason",
    ]
    assert readiness.criteria_minimum_other == 1
    assert "NCP 19-11, section G" in readiness.participant_criteria_text


def test_mastery_readiness_runs_five_to_eight_schools_around_a_model_of_seven(by_code):
    readiness = by_code["NCP23-08"]

    assert (readiness.model_min_schools, readiness.model_max_schools) == (5, 8)
    assert readiness.model_size == 7
    assert "2019/20 handbook" in readiness.model


def test_no_project_says_it_is_required_as_the_handbook_never_does(catalogue):
    assert all(entry.required is None for entry in catalogue.ncps)


def test_every_project_says_something_about_its_finances(catalogue):
    empty = [e.code for e in catalogue.ncps if not (e.finances.rules or e.finances.notes)]

    assert empty == []


def test_every_project_with_finance_rules_marks_them_illustrative(catalogue):
    for entry in catalogue.ncps:
        if entry.finances.rules:
            assert entry.finances.notes[0].startswith(ILLUSTRATIVE), entry.code
            assert "repeat the 2019/20 rules for NCP 19-" in entry.finances.notes[0]


def test_projects_without_a_2019_20_equivalent_say_no_finances_are_published(catalogue):
    for entry in catalogue.ncps:
        if not entry.finances.notes[0].startswith(ILLUSTRATIVE):
            assert entry.finances.rules == [], entry.code
            assert entry.finances.notes == [NO_FINANCES], entry.code


SKTM_PROGRAMMES = ["NCP23-22", "NCP23-25", "NCP23-26", "NCP23-27", "NCP23-28a", "NCP23-28b"]
SKTM_PROGRAMMES += ["NCP23-29a", "NCP23-29b", "NCP23-30", "NCP23-32"]

# The 2019/20 project each illustrative note names: "... rules for NCP 19-03 and 19-04 ...".
EQUIVALENT = re.compile(r"for NCP 19-(\d{2})")
EQUIVALENTS = {
    "NCP23-01": "NCP19-01",
    "NCP23-02": "NCP19-03",
    "NCP23-03": "NCP19-03",
    "NCP23-04": "NCP19-05",
    "NCP23-08": "NCP19-11",
    "NCP23-09": "NCP19-09",
    "NCP23-10": "NCP19-10",
    "NCP23-12": "NCP19-15",
    "NCP23-13": "NCP19-16",
    "NCP23-19": "NCP19-18",
    "NCP23-20": "NCP19-20",
    "NCP23-23": "NCP19-21",
    "NCP23-24": "NCP19-23",
    **dict.fromkeys(SKTM_PROGRAMMES, "NCP19-24"),
}


def test_illustrative_finances_name_the_chosen_2019_20_equivalents(catalogue):
    named = {}
    for entry in catalogue.ncps:
        match = EQUIVALENT.search(entry.finances.notes[0])
        if entry.finances.notes[0].startswith(ILLUSTRATIVE) and match:
            named[entry.code] = f"NCP19-{match.group(1)}"

    assert named == EQUIVALENTS


def test_illustrative_rules_are_exactly_the_2019_20_equivalents_rules(by_code, catalogue_2019_20):
    for code, equivalent in EQUIVALENTS.items():
        ours = [rule.model_dump() for rule in by_code[code].finances.rules]
        theirs = [rule.model_dump() for rule in catalogue_2019_20[equivalent].finances.rules]
        assert ours == theirs, code


def test_illustrative_grants_repeat_the_2019_20_worked_examples(by_code):
    def total(code: str, schools: int) -> Decimal:
        return grant_for(finances=by_code[code].finances, schools=schools).total

    assert total("NCP23-08", 6) == Decimal("13150")
    assert total("NCP23-08", 8) == Decimal("15150")
    assert total("NCP23-09", 7) == Decimal("17800")
    assert total("NCP23-09", 8) - total("NCP23-09", 7) == Decimal("2050")
    assert total("NCP23-12", 2) == Decimal("9250")


def test_level_3_work_groups_are_co_funded_by_the_hub_and_the_amsp(by_code):
    for code in ("NCP23-23", "NCP23-24"):
        breakdown = grant_for(finances=by_code[code].finances, schools=6)
        funders = {t.funder: t.amount for t in breakdown.totals_by_funder}

        assert funders == {"hub_core_grant": Decimal("2100"), "amsp": Decimal("2100")}


@pytest.mark.django_db
def test_the_importer_loads_the_35_projects():
    year = catalogue_load(CATALOGUE)

    assert year.start_year == 2023
    assert year.ncps.count() == 35
    continuity = NCP.objects.get(code="NCP23-19")
    assert continuity.phases == ["primary", "secondary"]
    assert (continuity.number, continuity.suffix) == (19, "")
    assert NCP.objects.get(code="NCP23-09s").suffix == "s"
    assert NCP.objects.get(code="NCP23-33").joins_any_time
    readiness = NCP.objects.get(code="NCP23-08")
    assert readiness.criteria_minimum_other == 1
    assert readiness.finances["rules"][0]["kind"] == "model_size"
