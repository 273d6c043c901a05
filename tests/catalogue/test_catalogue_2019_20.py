"""The 2019/20 catalogue file holds the 25 projects of the NCP handbook 2019/20 with their
sections A to K (ISSUE 4, items 1 and 3; shared/reference/ncp-handbook-2019-20.txt).

Most tests read the file through the schema alone; the grants are summed here from the
rule data, and again through the grant calculator, so a wrong amount in the file and a
wrong calculator cannot hide each other.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mathshubs.catalogue.importers import catalogue_load
from mathshubs.catalogue.models import NCP
from mathshubs.catalogue.schema import CatalogueFile, NCPEntry
from mathshubs.grants.rules import grant_for
from mathshubs.grants.schema import Finances

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "catalogues" / "2019-20.yaml"
HANDBOOK = ROOT.parent / "shared" / "reference" / "ncp-handbook-2019-20.txt"  # outside the repo
D = Decimal
ALL_PHASES = ["early_years", "primary", "secondary", "post16"]
READY = "For WGLs who have already run Mastery Readiness Work Groups"
NEW = "For WGLs who are new to leading Mastery Readiness"

# Each template's header, typed from the handbook: Type, Phase, Required participation.
HANDBOOK_HEADERS = {
    "NCP19-01": ("programme", ["primary"], True),
    "NCP19-02": ("programme_cohort", ["primary", "secondary"], True),
    "NCP19-03": ("programme", ["secondary"], True),
    "NCP19-04": ("programme", ["secondary"], True),
    "NCP19-05": ("programme_cohort", ALL_PHASES, False),
    "NCP19-06": ("programme_cohort", ALL_PHASES, False),
    "NCP19-07": ("llme_community", ALL_PHASES, True),
    "NCP19-08": ("work_group", ["early_years"], False),
    "NCP19-09": ("work_group", ["primary"], True),
    "NCP19-10": ("work_group", ["primary"], True),
    "NCP19-11": ("work_group", ["primary"], True),
    "NCP19-12": ("work_group", ["primary"], False),
    "NCP19-13": ("work_group", ["primary"], False),
    "NCP19-14": ("work_group", ["primary"], False),
    "NCP19-15": ("work_group", ["secondary"], True),
    "NCP19-16": ("work_group", ["secondary"], False),
    "NCP19-17": ("work_group", ["secondary"], False),
    "NCP19-18": ("work_group", ["primary", "secondary"], False),
    "NCP19-19": ("work_group", ["secondary"], False),
    "NCP19-20": ("work_group", ["post16"], False),
    "NCP19-21": ("work_group", ["post16"], False),
    "NCP19-22": ("work_group", ["post16"], False),
    "NCP19-23": ("work_group", ["post16"], False),
    "NCP19-24": ("programme_cohort", ["early_years", "primary"], False),
    "NCP19-25": ("work_group", ALL_PHASES, True),
}
JOURNEY = {
    "NCP19-09": "development",
    "NCP19-10": "embedding",
    "NCP19-11": "mastery_readiness",
    "NCP19-15": "secondary_development",
    "NCP19-16": "embedding_year_support",
}


@pytest.fixture(scope="module")
def catalogue() -> CatalogueFile:
    return CatalogueFile.model_validate(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def by_code(catalogue) -> dict[str, NCPEntry]:
    return {entry.code: entry for entry in catalogue.ncps}


def summed(finances: Finances, schools: int, role: str = "", participants: int = 0):
    """The handbook's sums, done by hand from the rule data: (lines, total, by funder)."""
    lines = []
    for rule in finances.rules:
        if rule.roles and role not in rule.roles:
            continue
        if rule.kind == "unit":
            amount = rule.amount
        elif rule.kind == "model_size":
            above = max(schools - rule.base_schools, 0)
            below = max(rule.base_schools - schools, 0)
            amount = (
                rule.base_amount + above * rule.per_school_above - below * rule.per_school_below
            )
        elif rule.kind == "per_school":
            amount = schools * rule.amount
        elif rule.kind == "day_rate":
            amount = (rule.days + rule.days_per_school * schools) * rule.rate
        elif rule.kind == "per_participant":
            amount = participants * rule.amount
        else:  # per_hub: once a year for the hub, not part of an activity
            continue
        lines.append((rule.label, rule.funder, amount))
    by_funder: dict[str, Decimal] = {}
    for _, funder, amount in lines:
        by_funder[funder] = by_funder.get(funder, D(0)) + amount
    return lines, sum((amount for *_, amount in lines), D(0)), by_funder


def test_the_file_lists_the_25_projects_of_the_handbook_in_order(catalogue):
    assert catalogue.year == "2019/20"
    assert [entry.code for entry in catalogue.ncps] == [f"NCP19-{n:02d}" for n in range(1, 26)]


@pytest.mark.parametrize(("code", "header"), HANDBOOK_HEADERS.items())
def test_each_project_has_the_type_phases_and_participation_of_its_template(by_code, code, header):
    entry = by_code[code]
    assert (entry.type, entry.phases, entry.required) == header
    assert entry.title


@pytest.mark.parametrize("code", HANDBOOK_HEADERS)
def test_each_project_keeps_its_sections_a_to_k(by_code, code):
    entry = by_code[code]
    sections = {
        "A": entry.summary,
        "B": entry.purpose,
        "C": entry.outcomes,
        "D": entry.model,
        "F": entry.lead_requirements,
        "G": entry.participant_criteria_text,
        "H": entry.participation_target,
        "I": entry.national_schedule or entry.national_schedule_notes,
        "J": entry.finances.rules or entry.finances.notes,
        "K": entry.evaluation,
    }
    assert [letter for letter, value in sections.items() if not value] == []


def test_texts_are_cleaned_of_the_pdf_extraction(catalogue):
    text = CATALOGUE.read_text(encoding="utf-8")
    assert "·" not in text and "[bookmark" not in text and "[image" not in text
    assert "NCP 19-10" not in " ".join(entry.title for entry in catalogue.ncps)


def test_the_two_secondary_mastery_specialist_cohorts_share_one_template(by_code):
    cohort3, cohort4 = by_code["NCP19-03"], by_code["NCP19-04"]
    assert cohort3.title.endswith("(Cohort 3)") and cohort4.title.endswith("(Cohort 4)")
    assert cohort3.summary == cohort4.summary and cohort3.finances == cohort4.finances


def test_every_finance_rule_quotes_the_handbook(catalogue):
    if not HANDBOOK.exists():
        pytest.skip(f"the handbook's text is not at {HANDBOOK}")

    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("·", " ")).strip()

    handbook = flat(HANDBOOK.read_text(encoding="utf-8"))
    unquoted = [
        (entry.code, rule.label)
        for entry in catalogue.ncps
        for rule in entry.finances.rules
        for part in rule.text.split(" … ")  # an ellipsis leaves out lines between
        if flat(part) not in handbook
    ]
    assert unquoted == []


def test_only_the_teaching_for_mastery_journey_projects_have_a_stage(catalogue):
    stages = {entry.code: entry.journey_stage for entry in catalogue.ncps if entry.journey_stage}
    assert stages == JOURNEY


def test_no_2019_20_project_lets_schools_join_at_any_time(catalogue):
    assert not any(entry.joins_any_time for entry in catalogue.ncps)


# --- NCP 19-11 Mastery Readiness ----------------------------------------------------------


def test_mastery_readiness_criteria_are_the_essential_one_and_at_least_one_of_seven(by_code):
    readiness = by_code["NCP19-11"]
    essential = [c.key for c in readiness.participant_criteria if c.essential]
    others = [c for c in readiness.participant_criteria if not c.essential]
    assert essential == ["not_in_tfm"]
    assert len(others) == 7
    assert readiness.criteria_minimum_other == 1
    assert others[0].label.startswith("Has been judged at RI or Inadequate")


def test_mastery_readiness_model_is_five_to_eight_schools_around_seven(by_code):
    readiness = by_code["NCP19-11"]
    assert (readiness.model_min_schools, readiness.model_size, readiness.model_max_schools) == (
        5,
        7,
        8,
    )
    assert readiness.recommended_lead_days == 30
    assert readiness.participation_target_schools == 266


def test_mastery_readiness_schedule_has_a_table_for_experienced_and_for_new_leads(by_code):
    schedule = by_code["NCP19-11"].national_schedule
    assert list(dict.fromkeys(row.group for row in schedule)) == [READY, NEW]
    ready = [row for row in schedule if row.group == READY]
    new = [row for row in schedule if row.group == NEW]
    assert (ready[0].event, ready[0].timing, ready[0].location) == (
        "National Workshop 1 (1 day)",
        "Early October",
        "Birmingham",
    )
    assert (new[0].event, new[-1].event) == ("Residential (2 days)", "Support visit from NCETM")
    assert (len(ready), len(new)) == (7, 7)


# --- Section J: the handbook's worked examples, summed from the rule data ----------------


@pytest.mark.parametrize(("schools", "total"), [(6, D(13150)), (7, D(14150)), (8, D(15150))])
def test_ncp_19_11_is_14150_for_seven_schools_adjusted_by_1000_a_school(by_code, schools, total):
    finances = by_code["NCP19-11"].finances
    assert summed(finances, schools)[1] == total
    assert grant_for(finances=finances, schools=schools).total == total


def test_ncp_19_09_is_17800_for_seven_schools_itemised_as_the_handbook_does(by_code):
    finances = by_code["NCP19-09"].finances
    lines, total, _ = summed(finances, 7)
    assert [amount for *_, amount in lines] == [D(2100), D(7350), D(1200), D(7000), D(150)]
    assert total == D(17800)
    breakdown = grant_for(finances=finances, schools=7)
    assert [line.amount for line in breakdown.lines] == [amount for *_, amount in lines]
    assert breakdown.total == D(17800)


@pytest.mark.parametrize("schools", [5, 6, 8])
def test_ncp_19_09_is_adjusted_by_2050_a_school(by_code, schools):
    finances = by_code["NCP19-09"].finances
    expected = D(17800) + (schools - 7) * D(2050)
    assert summed(finances, schools)[1] == expected
    assert grant_for(finances=finances, schools=schools).total == expected


@pytest.mark.parametrize("code", ["NCP19-21", "NCP19-22", "NCP19-23"])
def test_a_co_funded_level_3_work_group_is_2100_hub_plus_2100_amsp(by_code, code):
    finances = by_code[code].finances
    _, total, by_funder = summed(finances, 5)
    assert total == D(4200)
    assert by_funder == {"hub_core_grant": D(2100), "amsp": D(2100)}
    breakdown = grant_for(finances=finances, schools=5)
    assert [(t.funder, t.amount) for t in breakdown.totals_by_funder] == [
        ("hub_core_grant", D(2100)),
        ("amsp", D(2100)),
    ]


@pytest.mark.parametrize(
    ("role", "total"),
    [("primary", D(8800)), ("secondary_hosting", D(6000)), ("secondary_non_hosting", D(3300))],
)
def test_the_exchange_grant_depends_on_the_hubs_role(by_code, role, total):
    finances = by_code["NCP19-02"].finances
    assert [r.key for r in finances.roles] == [
        "primary",
        "secondary_hosting",
        "secondary_non_hosting",
    ]
    _, summed_total, by_funder = summed(finances, 0, role=role)
    assert summed_total == total and by_funder == {"dfe": total}
    assert grant_for(finances=finances, schools=0, role=role).total == total


def test_the_llme_community_grant_is_3500_once_a_year_per_hub(by_code):
    finances = by_code["NCP19-07"].finances
    assert [(r.kind, r.amount) for r in finances.rules] == [("per_hub", D(3500))]
    breakdown = grant_for(finances=finances, schools=0)
    assert breakdown.total == 0
    assert [line.amount for line in breakdown.per_hub_lines] == [D(3500)]


@pytest.mark.parametrize(("code", "amount"), [("NCP19-05", D(800)), ("NCP19-06", D(800))])
def test_sponsored_applicants_bring_800_of_release_time_each(by_code, code, amount):
    finances = by_code[code].finances
    assert summed(finances, 0, participants=3)[1] == 3 * amount
    assert grant_for(finances=finances, schools=0, participants=3).total == 3 * amount


def test_a_secondary_development_work_group_of_two_schools_is_9250(by_code):
    finances = by_code["NCP19-15"].finances
    assert summed(finances, 2)[1] == D(9250)
    assert grant_for(finances=finances, schools=2).total == D(9250)


@pytest.mark.parametrize(
    ("code", "amount"),
    [
        ("NCP19-10", D(3500)),
        ("NCP19-12", D(4200)),
        ("NCP19-13", D(4200)),
        ("NCP19-14", D(4200)),
        ("NCP19-16", D(3500)),
        ("NCP19-17", D(4200)),
        ("NCP19-18", D(4200)),
        ("NCP19-19", D(4200)),
        ("NCP19-20", D(4200)),
        ("NCP19-24", D(3500)),
        ("NCP19-25", D(4200)),
    ],
)
def test_unit_grants_are_the_handbooks_amount_whatever_the_size(by_code, code, amount):
    finances = by_code[code].finances
    assert {summed(finances, schools)[1] for schools in (1, 5, 9)} == {amount}
    assert grant_for(finances=finances, schools=5).total == amount


@pytest.mark.parametrize("code", ["NCP19-01", "NCP19-08"])
def test_finances_no_rule_can_express_stay_as_notes(by_code, code):
    finances = by_code[code].finances
    assert finances.rules == [] and finances.notes


def test_mhnf_day_rates_without_a_number_of_days_are_notes_not_rules(by_code):
    finances = by_code["NCP19-06"].finances
    assert [r.kind for r in finances.rules] == ["per_participant"]
    assert any("£400 per day" in note and "£350 per day" in note for note in finances.notes)


# --- Loading -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_importer_loads_the_25_projects():
    year = catalogue_load(CATALOGUE)
    assert year.start_year == 2019
    assert year.ncps.count() == 25
    readiness = NCP.objects.get(code="NCP19-11")
    assert readiness.journey_stage == "mastery_readiness"
    assert readiness.criteria_minimum_other == 1
    assert readiness.finances["rules"][0]["kind"] == "model_size"
    assert NCP.objects.get(code="NCP19-04").title.endswith("(Cohort 4)")
