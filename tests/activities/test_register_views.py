"""The LLME register pages: a hub's community, an LLME's expertise and development programmes,
the national figures, and the summary on the hub page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from mathshubs.activities import register
from mathshubs.activities.models import DevelopmentProgramme, Expertise, LLMEExpertise
from mathshubs.directory.models import Role
from tests import factories as f
from tests.activities.test_journey_builders import lead, llme
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def _register(cast, user=None, query=""):
    url = reverse("journey:hub_llmes", args=[cast.north.slug]) + query
    return client_for(user or cast.harriet).get(url)


def _edit_url(cast, person=None):
    return reverse("journey:llme_edit", args=[cast.north.slug, (person or cast.leo.person).pk])


def _add_url(cast):
    return reverse("journey:programme_add", args=[cast.north.slug, cast.leo.person.pk])


# --- The register --------------------------------------------------------------------------------


def test_the_register_headline_shows_active_llmes_against_the_target(cast):
    html = _register(cast).content.decode()
    assert "Active LLMEs in 2023/24: 1 of the target of 50" in html
    assert "49 to go" in html
    assert "2 LLMEs in the community" in html


def test_hub_staff_see_roles_expertise_programmes_and_who_is_active(cast):
    LLMEExpertise.objects.create(person=cast.leo.person, element=Expertise.PEDAGOGY)
    DevelopmentProgramme.objects.create(
        person=cast.leo.person,
        programme="mastery_specialist",
        phase="primary",
        cohort="Primary cohort 9",
        started_year=2023,
    )
    html = _register(cast).content.decode()
    table = html.split('id="llmes"')[1]
    assert "Leo Lead" in table and "Work Group Lead" in table
    assert "Harriet Hub" in table and "Maths Hub Lead" in table
    assert "Leading maths pedagogy" in table
    assert "Mastery Specialist Programme, primary (Primary cohort 9): started 2023/24" in table
    assert table.count('govuk-tag--green">Active') == 1
    assert "Not active" in table
    assert _edit_url(cast) in table


def test_the_hubs_llmes_see_names_roles_and_who_is_active_only(cast):
    LLMEExpertise.objects.create(person=cast.leo.person, element=Expertise.PEDAGOGY)
    html = _register(cast, cast.leo).content.decode()
    assert "Leo Lead" in html and "Harriet Hub" in html
    assert "Expertise" not in html and "Leading maths pedagogy" not in html
    assert "Development programmes" not in html
    assert _edit_url(cast) not in html


def test_the_register_filters_active_and_inactive_llmes(cast):
    active = _register(cast, query="?active=yes").context["rows"]
    inactive = _register(cast, query="?active=no").context["rows"]
    assert [r.person.full_name for r in active] == ["Leo Lead"]
    assert [r.person.full_name for r in inactive] == ["Harriet Hub"]
    assert "1 inactive LLME in 2023/24" in _register(cast, query="?active=no").content.decode()


def test_the_register_shows_another_year(cast):
    llme(cast.north, year=2022, first_name="Olive", last_name="Older")
    rows = _register(cast, query="?year=2022-23").context["rows"]
    assert [r.person.full_name for r in rows] == ["Olive Older"]


def test_the_register_is_a_constant_number_of_queries(cast, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            person = llme(cast.north)
            lead(person, cast.north)
            LLMEExpertise.objects.create(person=person, element=Expertise.PEDAGOGY)
            DevelopmentProgramme.objects.create(
                person=person, programme="pd_lead", started_year=2022
            )

    build(2)
    client = client_for(cast.harriet)
    url = reverse("journey:hub_llmes", args=[cast.north.slug])
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    build(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 44


# --- Editing an LLME -----------------------------------------------------------------------------


def test_hub_staff_save_an_llmes_expertise(cast):
    client = client_for(cast.harriet)
    response = client.post(_edit_url(cast), {"elements": ["pedagogy", "school_development"]})
    assert response.status_code == 302 and response.url == _edit_url(cast)
    assert set(cast.leo.person.expertise.values_list("element", flat=True)) == {
        "pedagogy",
        "school_development",
    }
    html = client.get(_edit_url(cast)).content.decode()
    assert "Expertise saved for Leo Lead" in html
    assert 'value="pedagogy" checked' in html


def test_the_edit_page_lists_roles_and_programmes_with_change_links(cast):
    record = DevelopmentProgramme.objects.create(
        person=cast.leo.person, programme="pd_lead", started_year=2022
    )
    html = client_for(cast.nadia).get(_edit_url(cast)).content.decode()
    assert "Work Group Lead (2023/24)" in html
    assert "NCETM Professional Development Lead Programme" in html
    change = reverse("journey:programme_change", args=["north", cast.leo.person.pk, record.pk])
    assert change in html


def _programme_post(**changes):
    data = {
        "programme": "mastery_specialist",
        "phase": "primary",
        "cohort": "Primary cohort 9",
        "started_year": "2023",
        "completed_on_day": "",
        "completed_on_month": "",
        "completed_on_year": "",
        "accredited_on_day": "1",
        "accredited_on_month": "2",
        "accredited_on_year": "2024",
    }
    return {**data, **changes}


def test_a_refused_programme_shows_the_error_and_keeps_what_was_typed(cast):
    response = client_for(cast.harriet).post(_add_url(cast), _programme_post())
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert register.ACCREDITED_WITHOUT_COMPLETED in html
    assert 'href="#id_accredited_on_day"' in html
    assert 'value="Primary cohort 9"' in html
    assert 'name="accredited_on_month" type="text" inputmode="numeric" value="2"' in html
    assert not DevelopmentProgramme.objects.exists()


def test_a_date_that_is_not_real_is_refused_by_the_form(cast):
    post = _programme_post(completed_on_day="31", completed_on_month="2", completed_on_year="2024")
    html = client_for(cast.harriet).post(_add_url(cast), post).content.decode()
    assert "The date must be a real date" in html


def test_hub_staff_add_a_development_programme_for_their_hub(cast):
    post = _programme_post(
        completed_on_day="10",
        completed_on_month="1",
        completed_on_year="2024",
        accredited_on_day="",
        accredited_on_month="",
        accredited_on_year="",
    )
    response = client_for(cast.harriet).post(_add_url(cast), post)
    assert response.status_code == 302
    made = DevelopmentProgramme.objects.get()
    assert (made.person, made.hub, made.started_year) == (cast.leo.person, cast.north, 2023)
    assert made.completed_on == dt.date(2024, 1, 10)


def test_hub_staff_change_a_development_programme(cast):
    record = DevelopmentProgramme.objects.create(
        person=cast.leo.person, programme="pd_lead", started_year=2022, hub=cast.north
    )
    url = reverse("journey:programme_change", args=["north", cast.leo.person.pk, record.pk])
    page = client_for(cast.harriet).get(url).content.decode()
    assert 'value="pd_lead" checked' in page
    post = _programme_post(
        programme="pd_lead",
        phase="",
        cohort="",
        started_year="2022",
        completed_on_day="3",
        completed_on_month="7",
        completed_on_year="2023",
    )
    assert client_for(cast.harriet).post(url, post).status_code == 302
    record.refresh_from_db()
    assert (record.completed_on, record.accredited_on) == (dt.date(2023, 7, 3), dt.date(2024, 2, 1))


# --- The national page and the hub page ----------------------------------------------------------


def test_the_national_page_shows_the_national_count_and_every_hub(cast):
    lead(llme(cast.south), cast.south)
    DevelopmentProgramme.objects.create(
        person=cast.leo.person, programme="pd_lead", started_year=2023, hub=cast.north
    )
    html = client_for(cast.simon).get(reverse("journey:national_llmes")).content.decode()
    assert "Active LLMEs in 2023/24: 2 of the target of 2,000" in html
    assert "1,998 to go" in html
    assert "1 LLME started a development programme in 2023/24" in html
    table = html.split('id="hub-llmes"')[1]
    assert "North Test Maths Hub" in table and "South Test Maths Hub" in table


def test_the_national_page_is_a_constant_number_of_queries(cast, django_assert_max_num_queries):
    client = client_for(cast.nadia)
    url = reverse("journey:national_llmes")
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for _ in range(10):
        hub = f.HubFactory()
        lead(llme(hub), hub)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["counts"].hubs) == 12


def test_the_hub_page_shows_active_llmes_against_the_target_to_everyone(cast):
    url = reverse("directory:hub_detail", args=[cast.north.slug])
    html = client_for(None).get(url).content.decode()
    assert "Active LLMEs: 1 of the target of 50 in 2023/24" in html
    assert 'id="hub-llmes-link"' not in html


@pytest.mark.parametrize("who", ["nadia", "harriet", "leo"])
def test_the_hub_page_links_to_the_register_for_those_who_may_see_it(cast, who):
    url = reverse("directory:hub_detail", args=[cast.north.slug])
    assert 'id="hub-llmes-link"' in client_for(getattr(cast, who)).get(url).content.decode()


@pytest.mark.parametrize("who", ["pat", "sam", "simon"])
def test_the_hub_page_has_no_register_link_for_others(cast, who):
    url = reverse("directory:hub_detail", args=[cast.north.slug])
    assert 'id="hub-llmes-link"' not in client_for(getattr(cast, who)).get(url).content.decode()


def test_an_llme_role_in_the_hub_makes_the_register_visible(cast):
    f.RoleAssignmentFactory(
        person=cast.sam.person, role=Role.MASTERY_SPECIALIST, hub=cast.north, academic_year=None
    )
    assert _register(cast, cast.sam).status_code == 200


def test_the_register_links_to_the_national_figures_for_hub_staff_only(cast):
    assert 'id="national-llmes-link"' in _register(cast).content.decode()
    assert 'id="national-llmes-link"' not in _register(cast, cast.leo).content.decode()
