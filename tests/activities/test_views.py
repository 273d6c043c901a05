"""The activity pages: planning, the activity page, and every form keeping what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from mathshubs.activities.models import Activity, ActivitySchool, EnrolmentStatus
from mathshubs.activities.selectors import NO_PERSON_WITH_EMAIL
from mathshubs.activities.services import activities as act_svc
from mathshubs.activities.services import schools as school_svc
from mathshubs.activities.services._common import REASON_REQUIRED
from mathshubs.catalogue.models import CatalogueStatus
from mathshubs.directory.models import Role
from tests import factories as f
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_autumn_2023")]


@pytest.fixture
def _autumn_2023():
    with time_machine.travel(dt.datetime(2023, 10, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


def page(user, name, *args, query="") -> str:
    response = client_for(user).get(reverse(name, args=args) + query)
    assert response.status_code == 200
    return response.content.decode()


def post(user, name, *args, data=None):
    return client_for(user).post(reverse(name, args=args), data or {})


def errors_of(html: str) -> str:
    return html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]


# --- Lists ---------------------------------------------------------------------------------------


def test_hub_staff_see_their_activities_with_counts_of_schools_and_participants(cast):
    html = page(cast.harriet, "activities:list")
    table = html.split('id="activities"', 1)[1]
    assert "North Mastery Readiness Work Group" in table
    assert "<th" in table and "Schools" in table and "Participants" in table


def test_a_participant_sees_their_activity_without_counts(cast):
    table = page(cast.pat, "activities:list").split('id="activities"', 1)[1]
    assert "North Mastery Readiness Work Group" in table and "Participants" not in table


def test_the_list_shows_the_programme_year_and_another_year_on_request(cast):
    f.ActivityFactory(hub=cast.north, academic_year=2022, title="Old Work Group")
    assert "Old Work Group" not in page(cast.harriet, "activities:list")
    assert "Old Work Group" in page(cast.harriet, "activities:list", query="?year=2022")


def test_the_year_filter_starts_on_the_year_shown(cast):
    html = page(cast.harriet, "activities:list")
    assert '<option value="2023" selected>2023/24</option>' in html


def test_the_national_team_filters_by_hub(cast):
    f.ActivityFactory(hub=cast.south, title="South Work Group")
    html = page(cast.nadia, "activities:list", query="?hub=south")
    assert "South Work Group" in html and "North Mastery Readiness Work Group" not in html


def test_the_list_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for _ in range(30):
        activity = f.ActivityFactory(hub=cast.north)
        f.ActivitySchoolFactory.create_batch(2, activity=activity)
        f.ParticipationFactory(activity=activity)
    client = client_for(cast.nadia)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("activities:list"))
    assert response.content.decode().count('href="/activities/') >= 31


def test_the_hub_plan_groups_activities_by_type_and_offers_planning_to_staff(cast):
    f.ActivityFactory(hub=cast.north, title="North SKTM", activity_type="programme")
    f.AcademicYearFactory(start_year=2023)
    html = page(cast.harriet, "activities:hub_year", "north", 2023)
    assert html.index("Work Groups") < html.index("Programmes")
    assert "Create a local activity" in html and "Run a project from the catalogue" in html
    assert 'href="/catalogue/2023-24/"' in html


def test_the_hub_plan_shows_a_lead_only_what_they_see_and_no_planning(cast):
    f.ActivityFactory(hub=cast.north, title="North SKTM", activity_type="programme")
    html = page(cast.leo, "activities:hub_year", "north", 2023)
    assert "North Mastery Readiness Work Group" in html and "North SKTM" not in html
    assert "Create a local activity" not in html


def test_the_hub_plan_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for _ in range(20):
        f.ActivitySchoolFactory(activity=f.ActivityFactory(hub=cast.north))
    client = client_for(cast.harriet)
    with django_assert_max_num_queries(10):
        client.get(reverse("activities:hub_year", args=["north", 2023]))


def test_the_hub_page_links_to_its_activities_for_its_staff_only(cast):
    assert 'id="hub-activities"' in page(cast.harriet, "directory:hub_detail", "north")
    assert 'id="hub-activities"' not in page(cast.simon, "directory:hub_detail", "north")
    response = client_for(cast.harriet).get(reverse("activities:hub_current", args=["north"]))
    assert response.url == reverse("activities:hub_year", args=["north", 2023])


def test_the_run_this_project_button_shows_for_planners_on_published_years(cast):
    request = RequestFactory().get("/")
    ncp = cast.mastery_readiness

    def button(user) -> bool:
        request.user = user
        html = render_to_string("activities/_ncp_actions.html", {"ncp": ncp}, request=request)
        return "Run this project" in html

    assert button(cast.harriet) and button(cast.nadia) and button(cast.simon)
    assert not button(cast.leo) and not button(cast.pat)
    ncp.year.status = CatalogueStatus.DRAFT
    assert not button(cast.harriet)


# --- Planning -------------------------------------------------------------------------------------


def test_hub_staff_run_a_project_for_their_hub_and_land_on_the_activity(cast):
    response = post(cast.harriet, "activities:run_ncp", "ncp23-08", data={"hub": "north"})
    activity = Activity.objects.get(title="North Test Mastery Readiness Work Group")
    assert response.url == reverse("activities:detail", args=[activity.pk])
    assert activity.hub == cast.north and activity.academic_year == 2023


def test_staff_of_one_hub_are_not_asked_which_hub(cast):
    html = page(cast.simon, "activities:run_ncp", "NCP23-08")
    assert 'type="hidden" name="hub" value="south"' in html
    post(cast.simon, "activities:run_ncp", "NCP23-08", data={"hub": "north"})
    assert not Activity.objects.filter(hub=cast.north, created_by=cast.simon.person).exists()


def test_the_national_team_chooses_the_hub_and_a_typed_title_is_kept_on_error(cast):
    response = post(cast.nadia, "activities:run_ncp", "NCP23-08", data={"title": "Pilot MR"})
    html = response.content.decode()
    assert response.status_code == 200 and "Choose the Maths Hub" in errors_of(html)
    assert 'value="Pilot MR"' in html


def test_a_draft_catalogue_project_cannot_be_run_from_its_page(cast):
    draft = f.NCPFactory(year=f.AcademicYearFactory(start_year=2024, status=CatalogueStatus.DRAFT))
    # Hub staff cannot see a draft catalogue at all; the national team sees it, not a form.
    assert (
        client_for(cast.harriet).get(reverse("activities:run_ncp", args=[draft.code])).status_code
        == 404
    )
    html = page(cast.nadia, "activities:run_ncp", draft.code)
    assert 'id="draft"' in html and "<form" not in html.split('id="main-content"', 1)[1]
    post(cast.harriet, "activities:run_ncp", draft.code, data={"hub": "north"})
    post(cast.nadia, "activities:run_ncp", draft.code, data={"hub": "north"})
    assert not Activity.objects.filter(ncp=draft).exists()


def test_a_local_activity_form_keeps_what_was_typed_and_names_the_problem(cast):
    data = {"hub": "north", "year": "2023", "title": "Fluency RIWG", "is_riwg": "on"}
    html = post(cast.harriet, "activities:create_local", data=data).content.decode()
    assert act_svc.RESEARCH_QUESTION_REQUIRED in errors_of(html)
    assert 'value="Fluency RIWG"' in html
    assert 'name="is_riwg" type="checkbox" value="on" checked' in html


def test_a_local_activity_is_created(cast):
    data = {
        "hub": "north",
        "year": "2023",
        "title": "Fluency RIWG",
        "is_riwg": "on",
        "research_question": "Does retrieval practice help?",
    }
    response = post(cast.harriet, "activities:create_local", data=data)
    activity = Activity.objects.get(title="Fluency RIWG")
    assert response.url == reverse("activities:detail", args=[activity.pk]) and activity.is_riwg


def test_an_empty_local_activity_form_shows_errors(cast):
    html = post(cast.harriet, "activities:create_local").content.decode()
    assert "Choose the academic year" in errors_of(html)


# --- The activity page ----------------------------------------------------------------------------


def test_the_activity_page_warns_about_the_model_size_and_lead_participants(cast):
    html = page(cast.harriet, "activities:detail", cast.activity.pk)
    assert "This Work Group has 1 school. The project&#x27;s model is 5 to 8 schools." in html
    assert "North Primary has 1 lead participant. Schools typically have two." in html
    assert "Schools can join until 31 December 2023" in html


def test_a_participant_sees_only_their_own_row(cast):
    f.ParticipationFactory(activity=cast.activity, institution=cast.north_school)
    other = cast.activity.participations.exclude(person=cast.pat.person).get().person
    html = page(cast.pat, "activities:detail", cast.activity.pk)
    assert "Pat Participant" in html and escape(other.full_name) not in html
    assert "Your participation" in html and "Enrol a school" not in html


def test_a_lead_sees_every_participant_but_no_management_links(cast):
    f.ParticipationFactory(activity=cast.activity, institution=cast.north_school)
    other = cast.activity.participations.exclude(person=cast.pat.person).get().person
    html = page(cast.leo, "activities:detail", cast.activity.pk)
    assert "Pat Participant" in html and escape(other.full_name) in html
    assert "Enrol a school" not in html and "Add a lead" not in html and "Withdraw" not in html


def test_the_grant_shows_to_hub_staff_only(cast):
    assert 'id="activity-grant-heading"' in page(
        cast.harriet, "activities:detail", cast.activity.pk
    )
    assert 'id="activity-grant-heading"' not in page(
        cast.leo, "activities:detail", cast.activity.pk
    )


def test_the_activity_page_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for _ in range(8):
        enrolment = f.ActivitySchoolFactory(activity=cast.activity)
        f.ParticipationFactory.create_batch(
            2, activity=cast.activity, institution=enrolment.institution, is_lead_participant=True
        )
    client = client_for(cast.harriet)
    # 14, and 1 or 2 for whether the reader leads it (the evaluation links' rules).
    with django_assert_max_num_queries(16):
        client.get(reverse("activities:detail", args=[cast.activity.pk]))


# --- Forms on an activity ------------------------------------------------------------------------

CRITERIA = ["not_in_tfm", "ofsted_ri"]


def test_enrolling_a_school_by_urn_with_its_criteria(cast):
    hill = f.InstitutionFactory(name="Hill Primary", hub=cast.north)
    data = {"institution": str(hill.urn), "on_day": "10", "on_month": "10", "on_year": "2023"}
    response = post(
        cast.harriet,
        "activities:enrol_school",
        cast.activity.pk,
        data={**data, "criteria_met": CRITERIA},
    )
    assert response.status_code == 302
    assert ActivitySchool.objects.get(institution=hill).criteria_met == CRITERIA


def test_enrolling_by_exact_name_and_the_form_keeps_what_was_typed_on_error(cast):
    f.InstitutionFactory(name="Hill Primary", hub=cast.north)
    data = {
        "institution": "hill primary",
        "on_day": "10",
        "on_month": "10",
        "on_year": "2023",
        "criteria_met": ["ofsted_ri"],
    }
    html = post(
        cast.harriet, "activities:enrol_school", cast.activity.pk, data=data
    ).content.decode()
    assert "must meet the essential criterion" in errors_of(html)
    assert 'value="hill primary"' in html and 'value="ofsted_ri" checked' in html
    assert 'name="on_day" type="text" inputmode="numeric" value="10"' in html
    data["criteria_met"] = CRITERIA
    assert (
        post(cast.harriet, "activities:enrol_school", cast.activity.pk, data=data).status_code
        == 302
    )


def test_the_enrolment_form_shows_the_checklist_and_the_window(cast):
    html = page(cast.harriet, "activities:enrol_school", cast.activity.pk)
    assert "Not previously in a TfM Work Group (essential)" in html
    assert "Targeted Support is the exception" in html
    assert "at least 1 of the others" in html


def test_an_impossible_date_is_refused_with_the_design_systems_words(cast):
    data = {"institution": "1", "on_day": "31", "on_month": "2", "on_year": "2023"}
    html = post(
        cast.harriet, "activities:enrol_school", cast.activity.pk, data=data
    ).content.decode()
    assert "The date must be a real date" in errors_of(html)
    assert 'href="#id_on_day"' in errors_of(html)


def test_withdrawing_a_school_needs_a_reason_and_keeps_the_date_typed(cast):
    url_args = (cast.activity.pk, cast.north_school.urn)
    data = {"on_day": "9", "on_month": "10", "on_year": "2023", "reason": ""}
    html = post(cast.harriet, "activities:withdraw_school", *url_args, data=data).content.decode()
    assert REASON_REQUIRED in errors_of(html)
    assert 'value="9"' in html
    data["reason"] = "Ofsted inspection this term"
    assert post(cast.harriet, "activities:withdraw_school", *url_args, data=data).status_code == 302
    cast.enrolment.refresh_from_db()
    assert cast.enrolment.status == EnrolmentStatus.WITHDRAWN
    assert cast.enrolment.withdrawal_reason == "Ofsted inspection this term"


def test_completing_a_school_and_the_activity(cast):
    data = {"on_day": "10", "on_month": "10", "on_year": "2023"}
    other = f.ActivitySchoolFactory(activity=cast.activity)
    post(
        cast.harriet,
        "activities:complete_school",
        cast.activity.pk,
        other.institution.urn,
        data=data,
    )
    other.refresh_from_db()
    assert other.status == EnrolmentStatus.COMPLETED
    assert (
        post(cast.harriet, "activities:complete_activity", cast.activity.pk, data=data).status_code
        == 302
    )
    cast.enrolment.refresh_from_db()
    assert cast.enrolment.status == EnrolmentStatus.COMPLETED
    html = post(
        cast.harriet, "activities:complete_activity", cast.activity.pk, data=data
    ).content.decode()
    assert school_svc.NO_SCHOOLS_TO_COMPLETE in errors_of(html)


def test_adding_a_participant_by_an_unknown_email_says_who_to_ask_and_keeps_it(cast):
    data = {"email": "newteacher@north.example", "institution": str(cast.north_school.urn)}
    html = post(
        cast.harriet, "activities:add_participant", cast.activity.pk, data=data
    ).content.decode()
    assert escape(NO_PERSON_WITH_EMAIL) in errors_of(html)
    assert 'value="newteacher@north.example"' in html


def test_adding_a_participant_for_an_enrolled_school(cast):
    teacher = f.PersonFactory(email="t2@north.example", institution=cast.north_school)
    data = {
        "email": "T2@north.example",
        "institution": str(cast.north_school.urn),
        "is_lead_participant": "on",
    }
    assert (
        post(cast.harriet, "activities:add_participant", cast.activity.pk, data=data).status_code
        == 302
    )
    assert cast.activity.participations.get(person=teacher).is_lead_participant
    html = page(cast.harriet, "activities:detail", cast.activity.pk)
    assert "North Primary has 1 lead participant" not in html


def test_withdrawing_a_participant(cast):
    data = {"on_day": "10", "on_month": "10", "on_year": "2023", "reason": "Moved school"}
    url_args = (cast.activity.pk, cast.pat.person.pk)
    assert (
        post(cast.harriet, "activities:withdraw_participant", *url_args, data=data).status_code
        == 302
    )
    assert cast.activity.participations.get(person=cast.pat.person).status == "withdrawn"


def test_adding_a_lead_who_is_not_an_llme_names_the_problem(cast):
    sam = cast.sam.person
    html = post(
        cast.harriet, "activities:add_lead", cast.activity.pk, data={"email": sam.email}
    ).content.decode()
    message = act_svc.LEAD_NOT_LLME.format(
        name="Sam South", hub="North Test Maths Hub", year="2023/24"
    )
    assert message in errors_of(html)


def test_adding_and_removing_a_lead(cast):
    mia = f.PersonFactory(email="mia@north.example")
    f.RoleAssignmentFactory(
        person=mia, role=Role.MASTERY_SPECIALIST, hub=cast.north, academic_year=2023
    )
    post(cast.harriet, "activities:add_lead", cast.activity.pk, data={"email": "mia@north.example"})
    assert cast.activity.leads.filter(pk=mia.pk).exists()
    post(cast.harriet, "activities:remove_lead", cast.activity.pk, mia.pk)
    assert not cast.activity.leads.filter(pk=mia.pk).exists()


def test_forms_need_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.harriet)
    url = reverse("activities:add_lead", args=[cast.activity.pk])
    assert client.post(url, {"email": "leo@north.example"}).status_code == 403


def test_a_year_far_outside_the_programme_is_not_found(cast):
    response = client_for(cast.harriet).get("/hubs/north/activities/0000-01/")
    assert response.status_code == 404


def test_the_activity_page_warns_once_when_the_activity_is_outside_its_model(cast):
    html = page(cast.harriet, "activities:detail", cast.activity.pk)
    assert html.count("The project&#x27;s model is 5 to 8 schools.") == 1


def test_the_withdraw_page_of_a_person_whose_id_cannot_exist_is_not_found(cast):
    url = f"/activities/{cast.activity.pk}/participants/{10**20}/withdraw/"
    assert client_for(cast.harriet).get(url).status_code == 404
    assert client_for(cast.harriet).post(url, {"reason": "Moved"}).status_code == 404


def test_a_participant_never_reads_why_another_school_withdrew(cast):
    # ISSUE 15: the activity page showed it to everyone; the API already hid it.
    f.ActivitySchoolFactory(
        activity=cast.activity,
        status=EnrolmentStatus.WITHDRAWN,
        withdrawn_on=dt.date(2023, 11, 1),
        withdrawal_reason="Headteacher left",
    )
    page = f"/activities/{cast.activity.pk}/"
    api = f"/api/v1/activities/{cast.activity.pk}"
    for reader, shown in [(cast.pat, False), (cast.harriet, True), (cast.leo, True)]:
        client = client_for(reader)
        assert ("Headteacher left" in client.get(page).content.decode()) is shown
        assert ("Headteacher left" in client.get(api).content.decode()) is shown
    # The date stays for everyone: only the reason is the organisers'.
    assert "Withdrawn 1 November 2023" in " ".join(
        client_for(cast.pat).get(page).content.decode().split()
    )
