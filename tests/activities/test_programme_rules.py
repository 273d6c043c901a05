"""The programme's rules for activities (activities/rules.py), one by one."""

from __future__ import annotations

import datetime as dt

import pytest

from mathshubs.activities.models import Activity, ActivityType
from mathshubs.activities.rules import (
    criteria_hint,
    criteria_missing,
    default_activity_title,
    enrolment_closes_on,
    lead_participant_warning,
    model_size_warning,
)
from mathshubs.catalogue.models import NCP
from mathshubs.directory.models import Hub
from tests.factories import MASTERY_READINESS_CRITERIA


def work_group(**ncp_fields) -> Activity:
    ncp = NCP(pk=1, **ncp_fields)
    return Activity(academic_year=2023, activity_type=ActivityType.WORK_GROUP, ncp=ncp)


@pytest.mark.parametrize("schools", [5, 6, 7, 8])
def test_model_size_warning_is_silent_within_the_model(schools):
    assert model_size_warning(work_group(model_min_schools=5, model_max_schools=8), schools) == ""


def test_model_size_warning_above_the_model():
    activity = work_group(model_min_schools=5, model_max_schools=8)
    assert model_size_warning(activity, 9) == (
        "This Work Group has 9 schools. The project's model is 5 to 8 schools."
    )


def test_model_size_warning_below_the_model_and_with_none():
    activity = work_group(model_min_schools=5, model_max_schools=8)
    assert model_size_warning(activity, 1) == (
        "This Work Group has 1 school. The project's model is 5 to 8 schools."
    )
    assert model_size_warning(activity, 0) == (
        "This Work Group has no schools. The project's model is 5 to 8 schools."
    )


def test_model_size_warning_for_a_fixed_size_model():
    activity = work_group(model_size=7)
    assert model_size_warning(activity, 7) == ""
    assert model_size_warning(activity, 6) == (
        "This Work Group has 6 schools. The project's model is 7 schools."
    )


def test_model_size_warning_with_only_a_minimum():
    assert model_size_warning(work_group(model_min_schools=4), 3) == (
        "This Work Group has 3 schools. The project's model is at least 4 schools."
    )


def test_no_model_size_warning_without_a_project_or_a_model():
    assert model_size_warning(Activity(activity_type=ActivityType.WORK_GROUP), 40) == ""
    assert model_size_warning(work_group(), 40) == ""


def test_lead_participant_warning_unless_two():
    assert lead_participant_warning("Hill Primary", 2) == ""
    assert lead_participant_warning("Hill Primary", 1) == (
        "Hill Primary has 1 lead participant. Schools typically have two."
    )
    assert lead_participant_warning("Hill Primary", 3) == (
        "Hill Primary has 3 lead participants. Schools typically have two."
    )
    assert lead_participant_warning("Hill Primary", 0) == (
        "Hill Primary has no lead participants. Schools typically have two."
    )


def test_enrolment_closes_at_the_end_of_the_autumn_term_except_for_targeted_support():
    assert enrolment_closes_on(work_group(joins_any_time=False)) == dt.date(2023, 12, 31)
    assert enrolment_closes_on(work_group(joins_any_time=True)) is None


def test_criteria_missing_names_the_essential_ones_and_counts_the_others():
    ncp = NCP(participant_criteria=MASTERY_READINESS_CRITERIA, criteria_minimum_other=1)
    assert criteria_missing(ncp, []) == (["Not previously in a TfM Work Group"], 1)
    assert criteria_missing(ncp, ["not_in_tfm"]) == ([], 1)
    assert criteria_missing(ncp, ["not_in_tfm", "poor_data"]) == ([], 0)
    assert criteria_missing(None, []) == ([], 0)


def test_criteria_hint_says_the_rule_in_words():
    ncp = NCP(participant_criteria=MASTERY_READINESS_CRITERIA, criteria_minimum_other=1)
    assert criteria_hint(ncp) == (
        "The school must meet every essential criterion and at least 1 of the others."
    )
    assert criteria_hint(NCP(participant_criteria=[])) == ""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mastery Readiness Work Groups", "Wigan Mastery Readiness Work Group"),
        ("Embedding the Impact Communities", "Wigan Embedding the Impact Community"),
        ("Mastering Number Programmes", "Wigan Mastering Number Programme"),
        ("Targeted Support in Maths", "Wigan Targeted Support in Maths"),
    ],
)
def test_default_activity_title_is_the_hub_and_the_project_in_the_singular(title, expected):
    assert default_activity_title(Hub(name="Wigan Maths Hub"), NCP(title=title)) == expected
