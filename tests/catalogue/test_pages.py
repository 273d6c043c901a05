"""The catalogue pages: the years, one year by phase and type, one NCP with every section."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from mathshubs.catalogue import forms, selectors
from mathshubs.catalogue.models import NCP, AcademicYear
from mathshubs.catalogue.services import catalogue_export_yaml
from tests import factories as f
from tests.catalogue.builders import draft_year, handbook_2019, mixed_year
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _headings(response, level: str) -> list[str]:
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    found = re.findall(rf"<{level}[^>]*>(.*?)</{level}>", html, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip() for h in found]


def _year_page(query: str = "", client: Client | None = None):
    return (client or Client()).get(reverse("catalogue:year", args=["2023-24"]) + query)


# --- The years ---------------------------------------------------------------------------


def test_the_index_lists_the_years_latest_first_with_links(db):
    f.NCPFactory(year=f.AcademicYearFactory(start_year=2019), number=11)
    mixed_year()
    response = Client().get(reverse("catalogue:index"))
    text = _text(response)
    assert text.index("2023/24 catalogue") < text.index("2019/20 catalogue")
    assert reverse("catalogue:year", args=["2019-20"]) in response.content.decode()
    assert "Copy to draft" not in text


def test_copy_is_offered_only_where_the_next_year_is_missing_and_publish_for_drafts(cast):
    f.NCPFactory(year=f.AcademicYearFactory(start_year=2022), number=11)
    draft_year()
    html = client_for(cast.nadia).get(reverse("catalogue:index")).content.decode()
    # 2022/23 already has a next year (2023/24); 2024/25 is a draft.
    assert reverse("catalogue:copy", args=["2022-23"]) not in html
    assert reverse("catalogue:copy", args=["2023-24"]) not in html  # 2024/25 exists
    assert reverse("catalogue:publish", args=["2024-25"]) in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_copying_a_year_drafts_the_next_one(cast):
    client = client_for(cast.nadia)
    assert reverse("catalogue:copy", args=["2023-24"]) in client.get("/catalogue/").content.decode()

    response = client.post(reverse("catalogue:copy", args=["2023-24"]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("catalogue:year", args=["2024-25"])
    year = AcademicYear.objects.get(start_year=2024)
    assert (year.status, year.copied_from.start_year) == ("draft", 2023)
    assert NCP.objects.filter(code="NCP24-08").exists()
    assert "2024/25 is drafted from 2023/24" in _text(response)
    assert "is a draft: only the national team can see it" in _text(response)


def test_copying_into_a_year_that_has_projects_shows_why_it_was_refused(cast):
    draft_year()
    response = client_for(cast.nadia).post(reverse("catalogue:copy", args=["2023-24"]), follow=True)
    assert "2024/25 already has 1 project" in _text(response)


def test_publishing_a_draft_makes_it_visible_to_everyone(cast):
    draft_year()
    client_for(cast.nadia).post(reverse("catalogue:publish", args=["2024-25"]))
    assert _year_page(client=Client()).status_code == 200
    assert Client().get(reverse("catalogue:year", args=["2024-25"])).status_code == 200


def test_copy_and_publish_need_a_csrf_token(cast):
    draft_year()
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.nadia)
    assert client.post(reverse("catalogue:publish", args=["2024-25"])).status_code == 403
    assert AcademicYear.objects.get(start_year=2024).status == "draft"


# --- One year ------------------------------------------------------------------------------


def test_a_year_groups_its_projects_by_phase_then_type_in_the_handbooks_order(db):
    mixed_year()
    response = _year_page()
    assert _headings(response, "h2") == ["Primary", "Secondary"]
    assert _headings(response, "h3") == [
        "Work Groups",
        "Programmes",
        "Communities",
        "Intensive Support",
        "Work Groups",
        "Communities",
        "Intensive Support",
    ]


def test_within_a_type_projects_are_ordered_by_number_and_suffix(db):
    mixed_year()
    text = _text(_year_page("?phase=primary&type=work_group"))
    assert text.index("NCP23-07a") < text.index("NCP23-19")


def test_an_ncp_under_several_phases_appears_under_each(db):
    mixed_year()
    assert _text(_year_page()).count("Years 5-8 Continuity Work Groups") == 2
    secondary = _year_page("?phase=secondary")
    assert _headings(secondary, "h2") == ["Secondary"]
    assert "Years 5-8 Continuity Work Groups" in _text(secondary)
    assert "Mastering Number Work Groups" not in _text(secondary)


def test_the_type_and_required_filters_narrow_the_list(db):
    mixed_year()
    text = _text(_year_page("?type=community"))
    assert "ITT Partnerships Communities" in text and "SKTM" not in text
    required = _text(_year_page("?required=no"))
    assert "SKTM Primary Teachers Programme" in required
    assert "Mastering Number Work Groups" not in required
    assert "Targeted Support in Maths" not in required  # not stated is neither yes nor no
    assert "2 projects match your filters." in required


def test_a_bad_filter_value_is_ignored_with_a_message(db):
    mixed_year()
    response = _year_page("?phase=tertiary&type=community")
    assert response.status_code == 200
    text = _text(response)
    assert forms.FILTER_IGNORED.format(label="phase", value="tertiary").replace("'", "&#x27;") in (
        response.content.decode()
    )
    assert "ITT Partnerships Communities" in text  # the good filter still applies


def test_no_match_says_what_to_do(db):
    mixed_year()
    text = _text(_year_page("?phase=post16"))
    assert "No projects match these filters" in text


def test_an_unknown_or_malformed_year_is_not_found(db):
    mixed_year()
    for year in ("2030-31", "2023-25", "twenty"):
        assert Client().get(reverse("catalogue:year", args=[year])).status_code == 404


def test_a_year_written_another_way_redirects_to_its_address(db):
    mixed_year()
    response = Client().get(reverse("catalogue:year", args=["2023"]) + "?phase=primary")
    assert response.status_code == 301
    assert response["Location"] == "/catalogue/2023-24/?phase=primary"


def test_the_year_page_makes_the_same_few_queries_however_many_projects(
    db, django_assert_max_num_queries
):
    year = mixed_year()
    f.NCPFactory.create_batch(30, year=year)
    with django_assert_max_num_queries(4):
        assert _year_page().status_code == 200


def test_a_year_can_be_downloaded_as_its_catalogue_file(db):
    year = mixed_year()
    response = Client().get(reverse("catalogue:year_yaml", args=["2023-24"]))
    assert response["Content-Type"].startswith("application/yaml")
    assert 'filename="2023-24.yaml"' in response["Content-Disposition"]
    assert response.content.decode() == catalogue_export_yaml(year)


# --- One project ---------------------------------------------------------------------------


@pytest.fixture
def ncp_19_11(db):
    handbook_2019()
    return Client().get(reverse("catalogue:ncp", args=["NCP19-11"]))


def test_an_ncp_page_shows_every_section_in_the_handbooks_order(ncp_19_11):
    assert _headings(ncp_19_11, "h1") == ["Mastery Readiness Work Groups"]
    sections = [h for h in _headings(ncp_19_11, "h2") if h != "Contents"]
    assert sections[:10] == [
        "Summary",
        "Purpose",
        "Outcomes",
        "Model",
        "Leads",
        "Participants",
        "Participation target",
        "National workshops, webinars and online communities",
        "Finances",
        "What an activity of this size would get",  # the grants part's planner
    ]
    assert sections[-1] == "Evaluation"


def test_an_ncp_page_lists_outcomes_by_category(ncp_19_11):
    headings = _headings(ncp_19_11, "h3")
    assert headings[:4] == [
        "Professional learning",
        "Practice development",
        "Whole school/departmental policies and approaches",
        "Pupil outcomes",
    ]


def test_an_ncp_page_shows_the_model_and_lead_days(ncp_19_11):
    text = _text(ncp_19_11)
    assert "Schools in each activity 5 to 8" in text
    assert "Model size 7 schools" in text
    assert "Recommended lead time: 30 days." in text


def test_an_ncp_page_shows_the_participant_criteria_as_a_checklist(ncp_19_11):
    text = _text(ncp_19_11)
    assert "Have not been part of a TfM Work Group previously Essential" in text
    assert "And at least 1 of the following:" in text


def test_an_ncp_page_shows_one_schedule_table_per_group(ncp_19_11):
    html = ncp_19_11.content.decode()
    captions = re.findall(r'<caption class="govuk-table__caption[^"]*">(.*?)</caption>', html)
    assert captions[:2] == [
        "For WGLs who have already run Mastery Readiness Work Groups",
        "For WGLs who are new to leading Mastery Readiness",
    ]


def test_an_ncp_page_says_what_each_finance_rule_pays_and_who_funds_it(ncp_19_11):
    text = _text(ncp_19_11)
    assert "Pays £14,150 for 7 schools, ±£1,000 a school" in text
    assert "Funded by Maths Hub core grant" in text
    assert "There is a grant of £14,150 based upon a seven" in text  # the handbook's words
    assert "Not calculated" in text
    assert "Costs for travel to the national residential training" in text


def test_co_funded_rules_name_each_funder(db):
    handbook_2019()
    text = _text(Client().get(reverse("catalogue:ncp", args=["NCP19-22"])))
    assert "Pays £2,100 per Work Group Funded by Maths Hub core grant" in text
    assert "Pays £2,100 per Work Group Funded by Advanced Maths Support Programme (AMSP)" in text


def test_itemised_day_rates_and_per_school_payments_are_in_words(db):
    handbook_2019()
    text = _text(Client().get(reverse("catalogue:ncp", args=["NCP19-09"])))
    assert "Pays 6 days × £350" in text
    assert "Pays 3 days per school × £350" in text
    assert "Pays £1,000 per school" in text


def test_a_project_listed_by_title_only_says_so_and_shows_no_empty_sections(db):
    year = f.AcademicYearFactory(start_year=2023, source="2023/24 Maths Hubs Handbook")
    f.NCPFactory(
        year=year,
        number=26,
        title="SKTM Primary Teachers Programme",
        model="",
        model_min_schools=None,
        model_max_schools=None,
        model_size=None,
        participant_criteria=[],
        finances={},
    )
    response = Client().get(reverse("catalogue:ncp", args=["NCP23-26"]))
    text = _text(response)
    assert (
        "2023/24 Maths Hubs Handbook lists this project by its title, phases and type only" in text
    )
    assert _headings(response, "h2") == []
    assert "Finances" not in text


@pytest.mark.parametrize("spelling", ["ncp 19-11", "ncp19-11", "NCP 19-11", "NCP19-11 "])
def test_other_spellings_of_a_code_redirect_to_its_page(db, spelling):
    handbook_2019()
    response = Client().get(reverse("catalogue:ncp", args=[spelling]))
    assert response.status_code == 301
    assert response["Location"] == "/catalogue/ncp/NCP19-11/"


def test_a_code_with_a_one_digit_number_redirects_to_the_two_digit_one(cast):
    f.NCPFactory(number=7, suffix="a")
    response = Client().get("/catalogue/ncp/NCP23-7a/")
    assert response["Location"] == "/catalogue/ncp/NCP23-07a/"


def test_an_unknown_code_is_not_found(db):
    assert Client().get(reverse("catalogue:ncp", args=["NCP99-01"])).status_code == 404
    assert Client().get(reverse("catalogue:ncp", args=["hello"])).status_code == 404


def test_the_page_keeps_the_hooks_for_running_a_project_and_its_grant(ncp_19_11):
    template_names = [t.name for t in ncp_19_11.templates]
    assert "activities/_ncp_actions.html" in template_names
    assert "grants/_ncp_grant.html" in template_names


def test_the_catalogue_is_in_everyones_navigation(cast):
    for user in (None, cast.pat, cast.nadia):
        nav = client_for(user).get("/").context["nav_items"]
        assert {"text": "Catalogue", "href": "/catalogue/", "active": False} in nav


def test_selectors_year_slug_is_the_address_form(db):
    assert selectors.year_slug(2023) == "2023-24"


def test_illustrative_finances_carry_a_warning_above_the_rules(db):
    from tests.grants.examples import MASTERY_READINESS_19_11

    note = "Illustrative: the 2023/24 handbook publishes no finances."
    ncp = f.NCPFactory(finances={**MASTERY_READINESS_19_11, "notes": [note, "Travel: MHNF."]})
    html = client_for(None).get(reverse("catalogue:ncp", args=[ncp.code])).content.decode()
    finances = html.split('id="finances"', 1)[1]
    warning = finances.split('id="finances-illustrative"', 1)[1].split("</div>", 1)[0]
    assert note in warning and "Travel: MHNF." not in warning
    assert "Travel: MHNF." in finances.split('id="finances-notes"', 1)[1]
