"""The audit trail (ADR 0016): each change to a record that matters leaves a row with who,
when and what changed; the national team reads them all, hub staff their hub's, nobody
else any."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from mathshubs.activities.models import ActivitySchool, Participation
from mathshubs.audit.kinds import KINDS
from mathshubs.audit.rules import CHANGES_FORBIDDEN
from mathshubs.audit.selectors import HUB_NOT_FOUND, SYSTEM
from mathshubs.catalogue.models import AcademicYear, CatalogueStatus
from mathshubs.dates import LONDON
from mathshubs.directory.models import Role, RoleAssignment
from mathshubs.evaluation.models import SectionKind
from mathshubs.evaluation.services import happi_create, section_save
from mathshubs.events import services as events
from mathshubs.events.models import EventFormat
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
# 10:15 in London on 7 June 2027 (summer time): 09:15 UTC, after the cast was made.
CHANGED_AT = dt.datetime(2027, 6, 7, 9, 15, tzinfo=dt.UTC)
BEFORE_SESSION = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)


def _change_pat_email(cast, by) -> None:
    url = reverse("directory:person_email", args=[cast.pat.person.pk])
    with time_machine.travel(CHANGED_AT, tick=False):
        response = client_for(by).post(url, {"email": "pat.new@north.example"})
    assert response.status_code == 302


def _kinds(changes) -> set[str]:
    return {change["kind"] for change in changes}


def _api(user, **query):
    return client_for(user).get(reverse("api:change_list"), query)


def test_an_email_changed_on_the_person_page_shows_who_when_and_old_to_new(cast):
    _change_pat_email(cast, cast.harriet)

    page = client_for(cast.nadia).get(reverse("audit:changes")).content.decode()
    assert "Harriet Hub" in page
    assert "7 June 2027, 10:15" in page  # Europe/London
    assert "Main contact email" in page
    assert "pat@north.example" in page and "pat.new@north.example" in page

    history = client_for(cast.harriet).get(
        reverse("audit:person_changes", args=[cast.pat.person.pk])
    )
    text = history.content.decode()
    assert history.status_code == 200
    assert "Harriet Hub" in text and "7 June 2027, 10:15" in text
    assert "pat@north.example" in text and "pat.new@north.example" in text

    (row,) = [
        c for c in _api(cast.nadia, kind="person").json()["items"] if c["action"] == "Changed"
    ]
    assert row["who"] == "Harriet Hub"
    assert row["when"].startswith("2027-06-07T09:15")
    assert row["changes"] == [
        {"field": "Main contact email", "old": "pat@north.example", "new": "pat.new@north.example"}
    ]


def test_the_person_page_links_to_their_history_for_those_allowed(cast):
    url = reverse("directory:person_detail", args=[cast.pat.person.pk])
    link = reverse("audit:person_changes", args=[cast.pat.person.pk])
    assert link in client_for(cast.harriet).get(url).content.decode()
    assert link not in client_for(cast.leo).get(url).content.decode()
    assert link not in client_for(cast.pat).get(url).content.decode()


def test_a_role_change_leaves_a_row_made_by_the_system(cast):
    role = RoleAssignment.objects.create(
        person=cast.pat.person, role=Role.WORK_GROUP_LEAD, hub=cast.north, academic_year=2023
    )
    role.academic_year = 2022
    role.save()
    role_id = role.pk
    role.delete()
    rows = [c for c in _api(cast.harriet, kind="role").json()["items"] if c["record_id"] == role_id]
    assert [r["action"] for r in rows] == ["Deleted", "Changed", "Created"]
    assert {r["who"] for r in rows} == {SYSTEM}
    assert rows[1]["changes"] == [{"field": "Academic year", "old": "2023/24", "new": "2022/23"}]
    assert rows[0]["record"] == "Role of Pat Participant"


def test_an_enrolment_and_a_withdrawal_leave_rows_for_the_school_and_its_participants(cast):
    school = f.InstitutionFactory(name="Another North Primary", hub=cast.north)
    client = client_for(cast.harriet)
    base = f"/api/v1/activities/{cast.activity.pk}"
    with time_machine.travel(dt.datetime(2023, 10, 2, 9, 0, tzinfo=LONDON), tick=False):
        enrolled = client.post(
            f"{base}/participants",
            {"school": {"urn": school.urn, "criteria_met": ["not_in_tfm", "ofsted_ri"]}},
            content_type="application/json",
        )
        assert enrolled.status_code == 201, enrolled.content
        f.ParticipationFactory(activity=cast.activity, person=cast.sam.person, institution=school)
        withdrawn = client.post(
            f"{base}/schools/{school.urn}/withdraw",
            {"reason": "Closing"},
            content_type="application/json",
        )
        assert withdrawn.status_code == 200, withdrawn.content
    enrolment = ActivitySchool.objects.get(institution=school)
    items = _api(cast.harriet).json()["items"]
    school_rows = [c for c in items if c["kind"] == "school" and c["record_id"] == enrolment.pk]
    assert [r["action"] for r in school_rows] == ["Changed", "Created"]
    assert {r["who"] for r in school_rows} == {"Harriet Hub"}
    assert {"field": "Status", "old": "Enrolled", "new": "Withdrawn"} in school_rows[0]["changes"]
    participation = Participation.objects.get(person=cast.sam.person)
    withdrawn_row = [
        c for c in items if c["kind"] == "participation" and c["record_id"] == participation.pk
    ][0]
    assert withdrawn_row["who"] == "Harriet Hub"
    assert {"field": "Status", "old": "Enrolled", "new": "Withdrawn"} in withdrawn_row["changes"]


def test_a_registration_confirmed_and_cancelled_leaves_rows(cast):
    session = f.EventFactory(activity=cast.activity)
    events.registration_confirm(event=session, person=cast.pat.person, now=BEFORE_SESSION)
    events.registration_cancel(event=session, person=cast.pat.person, now=BEFORE_SESSION)
    rows = _api(cast.harriet, kind="registration").json()["items"]
    assert [r["action"] for r in rows] == ["Changed", "Created"]
    assert rows[0]["record"] == f"Pat Participant for {session.title}"
    assert {"field": "Status", "old": "Confirmed", "new": "Cancelled"} in rows[0]["changes"]


def test_a_grant_role_change_leaves_a_row_for_the_activity(cast):
    cast.activity.grant_role = "hosting"
    cast.activity.save()
    (row,) = [
        c for c in _api(cast.nadia, kind="activity").json()["items"] if c["action"] == "Changed"
    ]
    assert row["changes"] == [
        {"field": "The hub's role in the project (grant)", "old": "(blank)", "new": "hosting"}
    ]


def test_a_happi_form_created_and_started_leaves_rows_but_a_draft_resaved_does_not(cast):
    form = happi_create(activity=cast.activity, by=cast.leo)
    plan = form.sections.get(kind=SectionKind.PLAN)
    section_save(section=plan, raw={}, by=cast.leo)
    section_save(section=plan, raw={}, by=cast.leo)
    rows = _api(cast.harriet, kind="happi").json()["items"]
    assert len(rows) == 4  # three sections created, the plan started once
    started = rows[0]
    assert started["who"] == "Leo Lead"
    assert started["changes"] == [{"field": "Status", "old": "Not started", "new": "In progress"}]
    assert started["record"] == f"HAPPI form, Plan section: {cast.activity.title}"


def test_hub_staff_of_another_hub_never_see_a_hubs_changes(cast):
    _change_pat_email(cast, cast.harriet)
    session = f.EventFactory(activity=cast.activity)
    events.registration_confirm(event=session, person=cast.pat.person, now=BEFORE_SESSION)
    happi_create(activity=cast.activity, by=cast.leo)
    cast.activity.grant_role = "hosting"
    cast.activity.save()

    page = client_for(cast.simon).get(reverse("audit:changes"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "pat.new@north.example" not in text and "Pat Participant" not in text
    assert cast.activity.title not in text
    south_items = _api(cast.simon).json()["items"]
    assert south_items  # the South hub's own people and roles, and nothing of the North's
    assert not [c for c in south_items if "Pat" in c["record"] or "North" in c["record"]]
    assert not _kinds(south_items) & {"registration", "happi", "activity", "school"}
    assert _api(cast.simon, hub="north").status_code == 404
    assert _api(cast.simon, person=cast.pat.person.pk).status_code == 404
    other = client_for(cast.simon).get(reverse("audit:person_changes", args=[cast.pat.person.pk]))
    assert other.status_code == 404
    # The North hub's staff and the national team do see them.
    assert "pat.new@north.example" in client_for(cast.harriet).get("/changes/").content.decode()
    assert _kinds(_api(cast.nadia, hub="north").json()["items"]) >= {"registration", "happi"}


def test_catalogue_years_are_national_and_hub_staff_read_them(cast):
    year = AcademicYear.objects.create(start_year=2030, status=CatalogueStatus.DRAFT)
    year.status = CatalogueStatus.PUBLISHED
    year.save()
    for user in (cast.nadia, cast.harriet, cast.simon):
        rows = _api(user, kind="catalogue_year").json()["items"]
        assert rows[0]["changes"] == [{"field": "Status", "old": "Draft", "new": "Published"}]
        assert rows[0]["record"] == "Catalogue 2030/31"
    assert _api(cast.nadia, kind="catalogue_year", hub="north").json()["total"] == 0


@pytest.mark.parametrize("persona", ["pat", "leo", "sam"])
def test_participants_and_llmes_are_refused(cast, persona):
    user = getattr(cast, persona)
    page = client_for(user).get(reverse("audit:changes"))
    assert page.status_code == 403
    response = _api(user)
    assert response.status_code == 403
    assert response.json()["message"] == CHANGES_FORBIDDEN
    history = client_for(user).get(reverse("audit:person_changes", args=[cast.pat.person.pk]))
    assert history.status_code == 404


def test_anonymous_visitors_sign_in_first(cast):
    response = client_for(None).get(reverse("audit:changes"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert _api(None).status_code == 401


def test_an_unknown_kind_is_refused_by_the_api(cast):
    response = _api(cast.nadia, kind="passwords")
    assert response.status_code == 422
    assert response.json()["message"].startswith("Choose a kind of record from:")


def test_the_changes_link_is_in_the_navigation_of_those_allowed(cast):
    link = f'href="{reverse("audit:changes")}"'
    assert link in client_for(cast.nadia).get("/").content.decode()
    assert link in client_for(cast.simon).get("/").content.decode()
    assert link not in client_for(cast.leo).get("/").content.decode()
    assert link not in client_for(cast.pat).get("/").content.decode()


REQUIREMENT = "MARKER-PEANUT-ALLERGY-WHEELCHAIR"


def test_requirements_never_reach_any_history_table(cast):
    day = dt.datetime(2024, 6, 20, 9, 30, tzinfo=LONDON)
    event = f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        starts_at=day,
        ends_at=day + dt.timedelta(hours=6),
        venue="North Primary",
    )
    now = day - dt.timedelta(days=30)
    events.registration_confirm(event=event, person=cast.pat.person, now=now)
    with time_machine.travel(now, tick=False):
        events.requirements_save(
            event=event,
            person=cast.pat.person,
            dietary=REQUIREMENT,
            access=REQUIREMENT,
            other=REQUIREMENT,
        )
    events.registration_cancel(event=event, person=cast.pat.person, now=now)
    events.registration_confirm(event=event, person=cast.pat.person, now=now)

    history_models = list(apps.get_app_config("audit").get_models())
    assert {KINDS[k].history for k in KINDS} <= set(history_models)
    for model in history_models:
        names = {fld.name for fld in model._meta.fields}
        assert not {n for n in names if "requirement" in n}, model
        for row in model.objects.values():
            assert REQUIREMENT not in repr(row), model
    # The registration's history holds its confirmations and its cancellation.
    assert _api(cast.nadia, kind="registration").json()["total"] == 3


def test_the_changes_page_costs_the_same_queries_however_many_rows(
    cast, django_assert_max_num_queries
):
    for n in range(12):
        school = f.InstitutionFactory(name=f"School {n}", hub=cast.north)
        f.ActivitySchoolFactory(activity=cast.activity, institution=school)
        role = RoleAssignment.objects.create(
            person=cast.pat.person, role=Role.PARTICIPANT, hub=cast.north, academic_year=2000 + n
        )
        role.delete()
        session = f.EventFactory(activity=cast.activity)
        events.registration_confirm(event=session, person=cast.pat.person, now=BEFORE_SESSION)
    _change_pat_email(cast, cast.harriet)
    happi_create(activity=cast.activity, by=cast.leo)
    client = client_for(cast.nadia)
    # session, user, roles, programme year, nav; count, page; per kind on the page: rows,
    # the rows before them, and the linked records named in a change.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("audit:changes"))
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-table__row"') == 51


def test_the_national_team_filters_by_hub_and_by_kind_on_the_page(cast):
    _change_pat_email(cast, cast.harriet)
    sam = cast.sam.person
    RoleAssignment.objects.create(person=sam, role=Role.COHORT_LEAD, hub=cast.south)
    client = client_for(cast.nadia)
    north = client.get(reverse("audit:changes"), {"hub": "north"}).content.decode()
    assert "pat.new@north.example" in north and "Role of Sam South" not in north
    south = client.get(reverse("audit:changes"), {"hub": "south", "kind": "role"}).content
    assert "Role of Sam South" in south.decode() and b"pat.new@north.example" not in south


def test_an_erasure_leaves_no_trace_of_the_person_in_any_history_table(cast):
    from mathshubs.privacy.services import person_erase

    _change_pat_email(cast, cast.harriet)
    person_erase(person=cast.pat.person, by=cast.nadia.person)
    for model in apps.get_app_config("audit").get_models():
        for row in model.objects.values():
            assert "pat@north.example" not in repr(row), model
            assert "pat.new@north.example" not in repr(row), model
            assert "Participant" not in repr(row), model


@pytest.mark.parametrize("ref", ["9" * 30, "-1", "no such hub"])
def test_a_hub_filter_that_names_no_hub_is_not_found(cast, ref):
    response = _api(cast.nadia, hub=ref)
    assert response.status_code == 404
    assert response.json()["message"] == HUB_NOT_FOUND


@pytest.mark.parametrize("ref", ["\x00", "north\x00"])
def test_a_hub_filter_with_a_nul_character_is_refused_before_any_lookup(cast, ref):
    # The API refuses a NUL anywhere in a query (PostgreSQL cannot store one).
    assert _api(cast.nadia, hub=ref).status_code == 422


def test_a_change_made_with_a_personal_api_token_names_its_owner(cast):
    from mathshubs.accounts.services import api_token_create

    token = api_token_create(user=cast.harriet, name="audit").secret
    school = f.InstitutionFactory(name="Token Primary", hub=cast.north)
    with time_machine.travel(dt.datetime(2023, 10, 2, 9, 0, tzinfo=LONDON), tick=False):
        response = client_for(None).post(
            f"/api/v1/activities/{cast.activity.pk}/participants",
            {"school": {"urn": school.urn, "criteria_met": ["not_in_tfm", "ofsted_ri"]}},
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 201, response.content
    items = _api(cast.nadia, kind="school").json()["items"]
    (row,) = [c for c in items if c["record"].startswith("Token Primary")]
    assert row["who"] == "Harriet Hub"


def _forget_history(record) -> None:
    """As for a record made before the trail existed (or by the demo's bulk inserts)."""
    record.history.all().delete()


def test_the_first_change_to_a_record_made_before_the_trail_shows_its_old_value(cast):
    _forget_history(cast.pat.person)
    _change_pat_email(cast, cast.harriet)

    items = _api(cast.nadia, kind="person").json()["items"]
    pats = [c for c in items if c["record_id"] == cast.pat.person.pk]
    # One row, the change; the row of how it stood before is not a change of its own.
    assert [c["action"] for c in pats] == ["Changed"]
    assert pats[0]["changes"] == [
        {"field": "Main contact email", "old": "pat@north.example", "new": "pat.new@north.example"}
    ]


def test_a_saved_record_the_trail_never_saw_also_shows_old_to_new(cast):
    role = cast.pat.person.roles.get()
    _forget_history(role)
    role.academic_year = 2022
    role.save()

    (row,) = [c for c in _api(cast.nadia, kind="role").json()["items"] if c["record_id"] == role.pk]
    assert row["action"] == "Changed"
    assert row["changes"] == [{"field": "Academic year", "old": "2023/24", "new": "2022/23"}]
