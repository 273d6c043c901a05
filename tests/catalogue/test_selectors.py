"""Catalogue selectors: years and codes as people write them, grouping, finance words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mathshubs.catalogue.selectors import (
    days_text,
    find_ncp,
    group_by_phase,
    group_by_type,
    ordinal,
    parse_year_text,
    rule_summary,
    text_blocks,
)
from mathshubs.grants.schema import Finances
from tests import factories as f
from tests.catalogue.builders import codes, mixed_year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2023-24", 2023),
        ("2023/24", 2023),
        ("2023", 2023),
        (" 2019 / 20 ", 2019),
        ("2099-00", 2099),
    ],
)
def test_parse_year_text_reads_a_year_however_it_is_written(text, year):
    assert parse_year_text(text) == year


@pytest.mark.parametrize("text", ["2023-25", "23-24", "twenty", "", "2023-24-25"])
def test_parse_year_text_refuses_anything_else(text):
    assert parse_year_text(text) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["NCP23-07a", "ncp 23-07a", "NCP23-7a", "ncp23-7A", " NCP 23-07a "]
)
def test_find_ncp_by_any_spelling_of_its_code(text):
    f.NCPFactory(number=7, suffix="a")
    assert find_ncp(text).code == "NCP23-07a"


@pytest.mark.django_db
def test_find_ncp_answers_none_for_an_unknown_or_malformed_code():
    assert find_ncp("NCP23-99") is None
    assert find_ncp("hello") is None


@pytest.mark.django_db
def test_group_by_type_keeps_the_handbooks_order_and_leaves_out_empty_types():
    year = mixed_year()
    groups = group_by_type(list(year.ncps.order_by("number", "suffix")))
    assert [g.heading for g in groups] == [
        "Work Groups",
        "Programmes",
        "Communities",
        "Intensive Support",
    ]
    assert codes(groups[0].ncps) == ["NCP23-07a", "NCP23-12", "NCP23-19"]


@pytest.mark.django_db
def test_group_by_phase_lists_an_ncp_under_each_of_its_phases():
    year = mixed_year()
    phases = group_by_phase(list(year.ncps.order_by("number", "suffix")))
    assert [(p.heading, p.count) for p in phases] == [("Primary", 5), ("Secondary", 4)]


def _rule(**rule):
    return Finances.model_validate({"rules": [{"label": "x", "text": "t", **rule}]}).rules[0]


@pytest.mark.parametrize(
    ("rule", "ncp_type", "words"),
    [
        ({"kind": "unit", "amount": 4200}, "work_group", "£4,200 per Work Group"),
        ({"kind": "unit", "amount": 3500}, "programme", "£3,500 per programme"),
        (
            {
                "kind": "model_size",
                "base_amount": 14150,
                "base_schools": 7,
                "per_school_above": 1000,
                "per_school_below": 1000,
            },
            "work_group",
            "£14,150 for 7 schools, ±£1,000 a school",
        ),
        (
            {
                "kind": "model_size",
                "base_amount": 17800,
                "base_schools": 7,
                "per_school_above": 2050,
                "per_school_below": 1000,
            },
            "work_group",
            "£17,800 for 7 schools, plus £2,050 for each school above and minus £1,000 "
            "for each school below",
        ),
        ({"kind": "per_school", "amount": 1000}, "work_group", "£1,000 per school"),
        ({"kind": "day_rate", "rate": 350, "days": 6}, "work_group", "6 days × £350"),
        ({"kind": "day_rate", "rate": 350, "days": 1}, "work_group", "1 day × £350"),
        (
            {"kind": "day_rate", "rate": 350, "days_per_school": 3},
            "work_group",
            "3 days per school × £350",
        ),
        (
            {"kind": "day_rate", "rate": 400, "days": 2, "days_per_school": 0.5},
            "work_group",
            "(2 days + 0.5 days per school) × £400",
        ),
        ({"kind": "per_participant", "amount": 800}, "programme", "£800 per participant"),
        ({"kind": "per_hub", "amount": 3500}, "llme_community", "£3,500 per hub a year"),
    ],
)
def test_rule_summary_says_what_a_rule_pays_in_words(rule, ncp_type, words):
    assert rule_summary(_rule(**rule), ncp_type) == words


def test_text_blocks_turn_handbook_bullets_into_lists():
    text = "The focus:\n· Leadership\n· Classroom culture\n\nAfter the list.\n- Dash item"
    blocks = text_blocks(text)
    assert [(b.text, b.items) for b in blocks] == [
        ("The focus:", []),
        ("", ["Leadership", "Classroom culture"]),
        ("After the list.", []),
        ("", ["Dash item"]),
    ]


def test_ordinals_and_days():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert (days_text(Decimal("30.0")), days_text(Decimal("2.5")), days_text(Decimal("1"))) == (
        "30 days",
        "2.5 days",
        "1 day",
    )
    assert days_text(None) == ""
