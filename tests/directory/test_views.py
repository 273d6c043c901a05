"""The directory pages (ISSUE 3, item 8): what they show, and how many queries they take."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mathshubs.dates import current_academic_year
from mathshubs.directory.forms import FIND_HUB_EMPTY, NEW_EMAIL_EMPTY
from mathshubs.directory.models import AreaConfidence, HubName, Phase, Role
from mathshubs.directory.services import EMAIL_HELD_BY_ANOTHER
from tests import factories as f
from tests.conftest import client_for


def h1s(html: str) -> list[str]:
    return re.findall(r"<h1[ >]", html)


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert len(h1s(html)) == 1, "every page has exactly one h1"
    return html


# --- Find your hub --------------------------------------------------------------------------


def test_find_your_hub_shows_one_search_box(db, client):
    html = body(client.get(reverse("directory:find_hub")))
    assert "School name, URN, postcode or local authority" in html
    assert 'name="q"' in html
    assert "There is a problem" not in html


def test_an_empty_search_gets_a_govuk_error_summary_linking_to_the_box(db, client):
    html = body(client.get(reverse("directory:find_hub"), {"q": "  "}))
    assert "There is a problem" in html
    assert f'<a href="#id_q">{FIND_HUB_EMPTY}</a>' in html
    assert "govuk-input--error" in html
    assert "<title>Error: " in html


def test_a_school_found_by_urn_shows_its_hubs_contact_details(cast, client):
    hub = cast.north
    hub.phone, hub.website, hub.contact_is_demo = "0161 000 0000", "https://north.example", True
    hub.region = "North West"
    hub.save()
    html = body(client.get(reverse("directory:find_hub"), {"q": str(cast.north_school.urn)}))
    for expected in (
        hub.name,
        hub.email,
        "0161 000 0000",
        "https://north.example",
        "North West",
        "North Primary",
        "Demo contact details",
    ):
        assert expected in html


def test_a_school_found_by_name_shows_what_matched(cast, client):
    html = body(client.get(reverse("directory:find_hub"), {"q": "South Primary"}))
    assert "South Test Maths Hub" in html
    assert reverse("directory:institution_detail", args=[cast.south_school.urn]) in html


def test_a_local_authority_finds_its_hub(cast, client):
    html = body(client.get(reverse("directory:find_hub"), {"q": "Southshire"}))
    assert "South Test Maths Hub" in html


@pytest.mark.parametrize("query", ["zzzz qqqq xxxx", "ZZ99 9ZZ", "0", "%%%", "<script>", "9" * 40])
# Each of these matches nothing in the cast's directory.
def test_unknown_input_gets_a_helpful_message_never_an_error(cast, client, query):
    html = body(client.get(reverse("directory:find_hub"), {"q": query}))
    assert f"No results for ‘{query}’".replace("<", "&lt;").replace(">", "&gt;") in html
    assert 'id="find-hub-message"' in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]


def test_a_too_long_search_is_an_error_not_a_crash(db, client):
    html = body(client.get(reverse("directory:find_hub"), {"q": "a" * 101}))
    assert "There is a problem" in html


# --- Hubs -----------------------------------------------------------------------------------


def test_the_hubs_list_groups_hubs_by_region_with_area_and_active_llmes(db, client):
    year = current_academic_year()
    north = f.HubFactory(name="Alpha Maths Hub", region="North East")
    south = f.HubFactory(
        name="Beta Maths Hub", region="South West", area_confidence=AreaConfidence.LOW
    )
    f.HubAreaFactory(
        hub=north, local_authority=f.LocalAuthorityFactory(code="390", name="Gateshead")
    )
    f.HubAreaFactory(
        hub=north, local_authority=f.LocalAuthorityFactory(code="391", name="Newcastle")
    )
    lead_a, lead_b, old_lead = f.PersonFactory(), f.PersonFactory(), f.PersonFactory()
    south_lead, outsider = f.PersonFactory(), f.PersonFactory()
    # The hub's LLME community: people with an LLME role there (the LLME register's rule).
    for person, hub in ((lead_a, north), (lead_b, north), (old_lead, north), (south_lead, south)):
        f.RoleAssignmentFactory(person=person, role=Role.WORK_GROUP_LEAD, hub=hub)
    a1 = f.ActivityFactory(hub=north, academic_year=year)
    a2 = f.ActivityFactory(hub=north, academic_year=year)
    last_year = f.ActivityFactory(hub=north, academic_year=year - 1)
    a1.leads.add(lead_a, lead_b)
    a2.leads.add(lead_a)  # leading two activities counts once
    last_year.leads.add(old_lead)  # not active this year
    f.ActivityFactory(hub=south, academic_year=year).leads.add(south_lead)
    a2.leads.add(outsider)  # leads, but is not an LLME of the hub: not in its count
    html = body(client.get(reverse("directory:hub_list")))
    assert html.index("North East") < html.index("Alpha Maths Hub") < html.index("South West")
    assert "Gateshead, Newcastle" in html
    row = html.split("Alpha Maths Hub", 1)[1].split("</tr>")[0]
    assert re.search(r">\s*2\s*</td>", row)
    beta_row = html.split("Beta Maths Hub", 1)[1].split("</tr>")[0]
    assert "Illustrative" in beta_row
    assert re.search(r">\s*1\s*</td>", beta_row)


def test_the_hubs_list_takes_a_fixed_number_of_queries_for_40_hubs(
    db, client, django_assert_max_num_queries
):
    year = current_academic_year()
    for n in range(40):
        hub = f.HubFactory(region=f"Region {n % 9}")
        f.HubAreaFactory(hub=hub)
        f.HubAreaFactory(hub=hub)
        f.ActivityFactory(hub=hub, academic_year=year).leads.add(f.PersonFactory())
    with django_assert_max_num_queries(4):
        html = body(client.get(reverse("directory:hub_list")))
    assert html.count('href="/hubs/test-') == 40


def test_a_hub_page_shows_its_team_area_and_active_llmes_against_the_target(db, client):
    year = current_academic_year()
    hub = f.HubFactory(name="Gamma Maths Hub", region="London", contact_is_demo=True)
    HubName.objects.create(hub=hub, name="Old Gamma")
    lancs = f.LocalAuthorityFactory(code="888", name="Lancashire")
    f.HubAreaFactory(
        hub=hub, local_authority=lancs, district_code="E07000117", district_name="Burnley"
    )
    f.HubAreaFactory(
        hub=hub,
        local_authority=f.LocalAuthorityFactory(code="889", name="Blackpool"),
        is_illustrative=True,
    )

    def role(first, last, role, academic_year=year, on_hub=hub):
        person = f.PersonFactory(first_name=first, last_name=last)
        f.RoleAssignmentFactory(person=person, role=role, hub=on_hub, academic_year=academic_year)
        return person

    role("Mary", "Lead", Role.MATHS_HUB_LEAD)
    role("Alan", "Assistant", Role.ASSISTANT_MATHS_HUB_LEAD)
    role("Ada", "Assistant", Role.ASSISTANT_MATHS_HUB_LEAD)
    role("Sue", "Link", Role.SENIOR_LEADERSHIP_LINK, academic_year=None)
    role("Pam", "Manager", Role.PROJECT_MANAGER)
    role("Fred", "Finance", Role.FINANCE_ADMINISTRATOR)
    role("Bob", "Board", Role.STRATEGIC_BOARD_MEMBER)
    role("Old", "Lead", Role.MATHS_HUB_LEAD, academic_year=year - 1)
    role("Other", "Hub", Role.MATHS_HUB_LEAD, on_hub=f.HubFactory())
    f.ActivityFactory(hub=hub, academic_year=year).leads.add(
        role("Wendy", "Lead", Role.WORK_GROUP_LEAD), role("Colin", "Lead", Role.COHORT_LEAD)
    )

    html = body(client.get(reverse("directory:hub_detail", args=[hub.slug])))
    for expected in (
        "Gamma Maths Hub",
        "London",
        "Old Gamma",
        "Not known (demo data)",
        "Demo contact details",
        "Lancashire",
        "Burnley district",
        "Blackpool",
        "Illustrative",
        "Mary Lead",
        "Ada Assistant",
        "Alan Assistant",
        "Sue Link",
        "Pam Manager",
        "Fred Finance",
        "Bob Board",
        "Active LLMEs: 2 of the target of 50",
    ):
        assert expected in html, expected
    assert "Old Lead" not in html
    assert "Other Hub" not in html
    # Leadership names are public; their emails are not.
    assert "@school.example" not in html


def test_a_hub_page_takes_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    hub = f.HubFactory()
    for _ in range(10):
        f.HubAreaFactory(hub=hub)
        f.RoleAssignmentFactory(role=Role.STRATEGIC_BOARD_MEMBER, hub=hub)
    with django_assert_max_num_queries(9):
        body(client.get(reverse("directory:hub_detail", args=[hub.slug])))


def test_an_unknown_hub_is_404(db, client):
    assert client.get("/hubs/no-such-hub/").status_code == 404


# --- Institutions ---------------------------------------------------------------------------


def test_institution_search_finds_by_name_and_urn_and_filters(cast, client):
    other = f.InstitutionFactory(
        name="North Secondary Academy",
        phase=Phase.SECONDARY,
        local_authority=cast.north_school.local_authority,
        hub=cast.north,
    )
    url = reverse("directory:institution_list")
    html = body(client.get(url, {"q": "north"}))
    assert "North Primary" in html and "North Secondary Academy" in html
    assert "South Primary" not in html
    html = body(client.get(url, {"q": str(other.urn)}))
    assert "North Secondary Academy" in html and "North Primary" not in html
    html = body(client.get(url, {"phase": "secondary"}))
    assert "North Secondary Academy" in html and "North Primary" not in html
    html = body(client.get(url, {"hub": "south"}))
    assert "South Primary" in html and "North Primary" not in html
    html = body(client.get(url, {"la": "southshire"}))
    assert "South Primary" in html and "North Primary" not in html
    html = body(client.get(url, {"la": "301"}))
    assert "North Primary" in html and "South Primary" not in html


def test_institution_search_keeps_filters_across_pages_of_50(
    db, client, django_assert_max_num_queries
):
    hub = f.HubFactory(slug="paged")
    f.InstitutionFactory.create_batch(120, hub=hub)
    with django_assert_max_num_queries(5):
        html = body(client.get(reverse("directory:institution_list"), {"hub": "paged"}))
    assert html.count('href="/institutions/9') == 50
    assert "govuk-pagination" in html
    assert "hub=paged&amp;page=2" in html
    html = body(client.get(reverse("directory:institution_list"), {"hub": "paged", "page": "3"}))
    assert html.count('href="/institutions/9') == 20
    assert "page 3 of 3" in html


def test_a_nonsense_page_number_shows_a_page_not_an_error(db, client):
    assert client.get(reverse("directory:institution_list"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("directory:institution_list"), {"page": "99999"}).status_code == 200


def test_an_institution_page_shows_every_field(cast, client):
    school = cast.north_school
    school.pupils, school.percent_disadvantaged, school.status = 1234, "23.4", "Open"
    school.postcode, school.establishment_type = "NN1 1AA", "Academy converter"
    school.save()
    html = body(client.get(reverse("directory:institution_detail", args=[school.urn])))
    for expected in (
        str(school.urn),
        "North Primary",
        "Academy converter",
        "Primary",
        "Northshire",
        "NN1 1AA",
        "Open",
        "1,234",
        "23.4%",
        "Not held",
        "North Test Maths Hub",
    ):
        assert expected in html, expected
    assert "Set by the national team" not in html
    assert "Choose the serving hub" not in html


def test_an_overridden_hub_says_it_was_set_by_the_national_team(cast, client):
    school = cast.north_school
    school.hub_override, school.hub, school.ofsted_rating = cast.south, cast.south, "Good"
    school.save()
    html = body(client.get(reverse("directory:institution_detail", args=[school.urn])))
    assert "Set by the national team" in html and "South Test Maths Hub" in html
    assert "Good" in html and "Not held" not in html


def test_the_national_team_sets_and_clears_the_hub_override_on_the_page(cast):
    client = client_for(cast.nadia)
    url = reverse("directory:institution_detail", args=[cast.north_school.urn])
    assert "Choose the serving hub" in body(client.get(url))
    response = client.post(url, {"hub": "south"}, follow=True)
    assert "Serving hub saved" in body(response)
    cast.north_school.refresh_from_db()
    assert cast.north_school.hub_override == cast.south
    assert "Set by the national team on" in body(response)
    assert "(Nadia National)" in body(response)
    assert "(Nadia National)" not in body(client_for(cast.harriet).get(url))
    client.post(url, {"hub": ""})
    cast.north_school.refresh_from_db()
    assert (cast.north_school.hub_override, cast.north_school.hub) == (None, cast.north)


def test_an_unknown_urn_is_404(db, client):
    assert client.get("/institutions/12345678/").status_code == 404
    assert client.get("/institutions/abc/").status_code == 404


# --- People ---------------------------------------------------------------------------------


def test_the_people_list_shows_name_institution_and_roles_in_few_queries(
    cast, django_assert_max_num_queries
):
    for _ in range(30):
        person = f.PersonFactory(institution=cast.north_school)
        f.RoleAssignmentFactory(
            person=person, role=Role.PARTICIPANT, hub=cast.north, academic_year=2023
        )
    client = client_for(cast.harriet)
    client.get(reverse("directory:person_list"))  # warm the session
    with django_assert_max_num_queries(10):
        html = body(client.get(reverse("directory:person_list")))
    assert "Pat Participant" in html and "North Primary" in html
    assert "Participant, North Test Maths Hub, 2023/24" in html
    assert "Sam South" not in html


def test_the_people_list_filters_by_name_and_hub(cast):
    client = client_for(cast.nadia)
    html = body(client.get(reverse("directory:person_list"), {"q": "pat"}))
    assert "Pat Participant" in html and "Leo Lead" not in html
    html = body(client.get(reverse("directory:person_list"), {"hub": "south"}))
    assert "Sam South" in html and "Pat Participant" not in html


def test_a_person_page_shows_email_roles_and_the_email_history_to_hub_staff(cast):
    client = client_for(cast.harriet)
    client.post(
        reverse("directory:person_email", args=[cast.pat.person.pk]),
        {"email": "pat.b@north.example"},
    )
    html = body(client.get(reverse("directory:person_detail", args=[cast.pat.person.pk])))
    for expected in (
        "Pat Participant",
        "pat.b@north.example",
        "North Primary",
        "Participant",
        "2023/24",
        "Email changes",
        "Harriet Hub",
        "pat@north.example",
    ):
        assert expected in html, expected
    assert reverse("directory:person_email", args=[cast.pat.person.pk]) in html


def test_a_person_page_hides_the_email_history_from_those_who_cannot_change_it(cast):
    html = body(
        client_for(cast.leo).get(reverse("directory:person_detail", args=[cast.pat.person.pk]))
    )
    assert "Pat Participant" in html
    assert "Email changes" not in html
    assert reverse("directory:person_email", args=[cast.pat.person.pk]) not in html


def test_the_change_email_form_keeps_what_was_typed_and_says_what_is_wrong(cast):
    url = reverse("directory:person_email", args=[cast.pat.person.pk])
    client = client_for(cast.harriet)
    html = body(client.post(url, {"email": "LEO@north.example"}))
    assert "There is a problem" in html
    assert EMAIL_HELD_BY_ANOTHER.replace("'", "&#x27;") in html
    assert 'value="LEO@north.example"' in html
    html = body(client.post(url, {"email": ""}))
    assert f'<a href="#id_email">{NEW_EMAIL_EMPTY}</a>' in html


def test_the_home_page_links_to_people_only_for_those_who_may_list_them(cast):
    people = f'href="{reverse("directory:person_list")}"'
    assert people in body(client_for(cast.harriet).get("/"))
    assert people not in body(client_for(cast.pat).get("/"))
    html = body(client_for(None).get("/"))
    assert reverse("directory:hub_list") in html and people not in html


def test_several_schools_show_the_best_match_in_full_and_the_others_in_a_table(cast, client):
    html = body(client.get(reverse("directory:find_hub"), {"q": "Primary"}))
    assert "Best match for ‘Primary’" in html
    assert html.count('<h3 class="govuk-summary-card__title">') == 1
    others = html.split('id="other-matches"', 1)[1]
    assert "Primary" in others and "Test Maths Hub" in others


def test_a_split_local_authority_shows_every_hub_serving_it_in_full(cast, client):
    la = cast.north_school.local_authority
    f.HubAreaFactory(
        hub=cast.south,
        local_authority=la,
        district_code="E07000001",
        district_name="Southern District",
    )
    html = body(client.get(reverse("directory:find_hub"), {"q": la.name}))
    assert "Maths Hubs for ‘Northshire’" in html
    assert html.count('<h3 class="govuk-summary-card__title">') == 2


@pytest.mark.parametrize("query", ["¹", "٣٣٣٣٣٣", "１２３４５６"])
def test_digits_from_other_scripts_are_not_taken_for_a_urn(cast, client, query):
    assert client.get(reverse("directory:find_hub"), {"q": query}).status_code == 200
    assert client.get("/api/v1/find-hub", {"q": query}).status_code == 200
    assert client.get("/api/v1/institutions", {"q": query}).status_code == 200
    assert client.get(f"/api/v1/hubs/{query}").status_code == 404
    assert client.get(f"/api/v1/institutions/{query}").status_code == 404
