"""grant_for reproduces the worked examples of the NCP handbook 2019/20, section J."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathshubs.grants.rules import (
    PARTICIPANTS_NOT_GIVEN,
    GrantInputError,
    format_amount,
    format_money,
    grant_for,
)
from mathshubs.grants.schema import Finances
from tests.grants.examples import (
    DEVELOPMENT_19_09,
    EXCHANGE,
    LEVEL_3_CO_FUNDED,
    LLME_COMMUNITY,
    MASTERY_READINESS_19_11,
    PD_LEAD_PROGRAMME,
)

D = Decimal


def itemised(breakdown) -> list[tuple[str, str, Decimal]]:
    return [(line.label, line.working, line.amount) for line in breakdown.lines]


@pytest.mark.parametrize(("schools", "total"), [(6, D("13150")), (7, D("14150")), (8, D("15150"))])
def test_mastery_readiness_19_11_is_14150_for_seven_schools_adjusted_by_1000(schools, total):
    breakdown = grant_for(finances=MASTERY_READINESS_19_11, schools=schools, model_size=7)
    assert breakdown.total == total
    assert not breakdown.warnings


def test_the_model_size_working_says_how_the_base_was_adjusted():
    def working(schools: int) -> str:
        return grant_for(finances=MASTERY_READINESS_19_11, schools=schools).lines[0].working

    assert working(7) == "£14,150 for 7 schools"
    assert working(8) == "£14,150 for 7 schools + 1 school × £1,000"
    assert working(5) == "£14,150 for 7 schools − 2 schools × £1,000"


def test_the_finance_notes_come_with_the_breakdown_as_not_calculated():
    breakdown = grant_for(finances=MASTERY_READINESS_19_11, schools=7)
    assert breakdown.notes == MASTERY_READINESS_19_11["notes"]


def test_development_19_09_is_17800_for_seven_schools_itemised_as_the_handbook_does():
    breakdown = grant_for(finances=DEVELOPMENT_19_09, schools=7)
    assert itemised(breakdown) == [
        ("Teacher Research Groups", "6 days × £350", D("2100.00")),
        ("School visits", "3 days × 7 schools × £350", D("7350.00")),
        ("Own school, personal and collaborative development", "6 days × £200", D("1200.00")),
        ("Release time for lead teachers", "7 schools × £1,000", D("7000.00")),
        ("Travel for school visits", "£150 for the activity", D("150.00")),
    ]
    assert breakdown.total == D("17800")
    assert [line.text for line in breakdown.lines][3] == (
        "Each Work Group school to receive £1000 towards release time for lead teachers"
    )


@pytest.mark.parametrize(
    ("schools", "total"), [(5, D("13700")), (6, D("15750")), (8, D("19850")), (9, D("21900"))]
)
def test_development_19_09_is_adjusted_by_2050_a_school(schools, total):
    assert grant_for(finances=DEVELOPMENT_19_09, schools=schools).total == total


def test_a_co_funded_level_3_work_group_is_4200_half_hub_half_amsp():
    breakdown = grant_for(finances=LEVEL_3_CO_FUNDED, schools=6)
    assert breakdown.total == D("4200")
    assert [(t.funder, t.funder_label, t.amount) for t in breakdown.totals_by_funder] == [
        ("hub_core_grant", "Maths Hub core grant", D("2100")),
        ("amsp", "Advanced Maths Support Programme (AMSP)", D("2100")),
    ]


@pytest.mark.parametrize(
    ("role", "total", "label"),
    [
        ("primary", D("8800"), "Primary exchange"),
        ("secondary_hosting", D("6000"), "Secondary exchange (hosting)"),
        ("secondary_non_hosting", D("3300"), "Secondary exchange (non-hosting)"),
    ],
)
def test_the_exchange_grant_depends_on_the_hubs_role(role, total, label):
    breakdown = grant_for(finances=EXCHANGE, schools=1, role=role)
    assert breakdown.total == total
    assert len(breakdown.lines) == 1
    assert breakdown.role_label == label
    assert breakdown.totals_by_funder[0].funder_label == "Department for Education"


def test_an_unknown_role_is_refused_with_the_list_of_roles():
    with pytest.raises(GrantInputError) as error:
        grant_for(finances=EXCHANGE, schools=1, role="hosting")
    message = str(error.value)
    assert "'hosting' is not a role" in message
    assert "secondary_hosting (Secondary exchange (hosting))" in message
    assert "primary (Primary exchange)" in message


def test_a_missing_role_is_refused_where_the_grant_depends_on_one():
    with pytest.raises(GrantInputError, match="depends on the hub's role: choose one of primary"):
        grant_for(finances=EXCHANGE, schools=1)


def test_a_role_is_refused_where_the_grant_has_none():
    with pytest.raises(GrantInputError, match="it has none"):
        grant_for(finances=LEVEL_3_CO_FUNDED, schools=1, role="primary")


def test_the_llme_community_grant_is_per_hub_and_not_part_of_an_activitys_total():
    breakdown = grant_for(finances=LLME_COMMUNITY, schools=0)
    assert breakdown.total == 0
    assert breakdown.lines == []
    assert [(line.amount, line.working) for line in breakdown.per_hub_lines] == [
        (D("3500.00"), "£3,500 once a year for the hub")
    ]


def test_per_participant_lines_count_the_participants_given():
    breakdown = grant_for(finances=PD_LEAD_PROGRAMME, schools=3, participants=4)
    assert itemised(breakdown) == [
        ("Release time for applicants", "4 participants × £800", D("3200.00"))
    ]
    assert breakdown.totals_by_funder[0].funder == "mhnf"


def test_per_participant_lines_count_none_with_a_warning_when_participants_are_not_given():
    breakdown = grant_for(finances=PD_LEAD_PROGRAMME, schools=3)
    assert breakdown.total == 0
    assert breakdown.warnings == [PARTICIPANTS_NOT_GIVEN]


def test_negative_counts_are_refused():
    with pytest.raises(GrantInputError, match="schools must be 0 or more"):
        grant_for(finances=DEVELOPMENT_19_09, schools=-1)
    with pytest.raises(GrantInputError, match="participants must be 0 or more"):
        grant_for(finances=PD_LEAD_PROGRAMME, schools=1, participants=-2)


def test_a_base_and_adjustment_grant_never_goes_below_zero():
    breakdown = grant_for(finances=MASTERY_READINESS_19_11, schools=0)
    assert breakdown.total == D("7150")
    small = {
        "rules": [{**MASTERY_READINESS_19_11["rules"][0], "base_amount": "2000", "base_schools": 5}]
    }
    breakdown = grant_for(finances=small, schools=1)
    assert breakdown.total == 0
    assert "below £0" in breakdown.warnings[0]


def test_a_base_built_on_another_size_than_the_projects_model_is_flagged():
    breakdown = grant_for(finances=MASTERY_READINESS_19_11, schools=7, model_size=6)
    assert breakdown.warnings == [
        "The grant's base of 7 schools is not the project's model of 6 schools: check the finances."
    ]


def test_fractional_days_and_pence_are_exact():
    finances = {
        "rules": [
            {"kind": "day_rate", "label": "Prep", "text": "t", "rate": "333.33", "days": "1.5"}
        ]
    }
    line = grant_for(finances=finances, schools=1).lines[0]
    assert line.working == "1.5 days × £333.33"
    assert line.amount == D("500.00")  # 499.995 rounded half up
    assert isinstance(line.amount, Decimal)


def test_a_project_with_no_rules_says_so():
    assert grant_for(finances={}, schools=3).warnings == [
        "No grant rules are recorded for this project."
    ]
    assert grant_for(finances={"notes": ["Venue costs"]}, schools=3).warnings == []


def test_finances_may_be_given_as_the_schema_object():
    finances = Finances.model_validate(MASTERY_READINESS_19_11)
    assert grant_for(finances=finances, schools=8).total == D("15150")


@pytest.mark.parametrize(
    ("amount", "text", "api"),
    [
        (D("14150"), "£14,150", "14150.00"),
        (D("14150.5"), "£14,150.50", "14150.50"),
        (D("0"), "£0", "0.00"),
        (D("999.999"), "£1,000", "1000.00"),
    ],
)
def test_money_is_shown_without_pence_when_whole(amount, text, api):
    assert format_money(amount) == text
    assert format_amount(amount) == api


# --- Properties ----------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
days = st.decimals(min_value=0, max_value=50, places=1, allow_nan=False)
funders = st.sampled_from(["hub_core_grant", "amsp", "mhnf", "dfe"])


def _base(kind: str, funder: str) -> dict:
    return {"kind": kind, "label": kind, "text": "rule", "funder": funder}


def _rule(draw) -> dict:
    kind = draw(
        st.sampled_from(["unit", "model_size", "per_school", "day_rate", "per_participant"])
    )
    rule = _base(kind, draw(funders))
    if kind in ("unit", "per_school", "per_participant"):
        rule["amount"] = draw(money)
    elif kind == "model_size":
        rule |= {
            "base_amount": draw(money),
            "base_schools": draw(st.integers(1, 12)),
            "per_school_above": draw(money),
            "per_school_below": draw(money),
        }
    else:
        fixed, per_school = draw(days), draw(days)
        rule |= {"rate": draw(money), "days": fixed, "days_per_school": per_school or D(1)}
    return rule


rule_lists = st.composite(lambda draw: [_rule(draw) for _ in range(draw(st.integers(0, 6)))])()


@given(rules=rule_lists, schools=st.integers(0, 40), participants=st.integers(0, 200))
def test_the_total_is_the_sum_of_the_lines_and_of_the_funder_totals(rules, schools, participants):
    breakdown = grant_for(finances={"rules": rules}, schools=schools, participants=participants)
    assert breakdown.total == sum((line.amount for line in breakdown.lines), D(0))
    assert breakdown.total == sum((t.amount for t in breakdown.totals_by_funder), D(0))
    assert len(breakdown.lines) == len(rules)
    assert all(line.amount >= 0 for line in breakdown.lines)


@given(
    base=st.integers(1, 12),
    base_amount=st.integers(20_000, 50_000),
    above=st.integers(0, 3000),
    below=st.integers(0, 1500),
    schools=st.integers(0, 30),
)
def test_a_model_size_total_is_linear_in_the_schools_on_each_side_of_the_base(
    base, base_amount, above, below, schools
):
    finances = {
        "rules": [
            {
                **_base("model_size", "hub_core_grant"),
                "base_amount": base_amount,
                "base_schools": base,
                "per_school_above": above,
                "per_school_below": below,
            }
        ]
    }

    def total(n: int) -> Decimal:
        return grant_for(finances=finances, schools=n).total

    slope = above if schools >= base else below
    assert total(schools + 1) - total(schools) == slope
    assert total(schools) == base_amount + (schools - base) * (above if schools > base else below)
