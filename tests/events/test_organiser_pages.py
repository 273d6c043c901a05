"""The organisers' pages: create and edit events (GOV.UK date input, times in London, errors
beside fields with what was typed kept), cancel one, invite, join links, the catering and
access list; who may open each (404 for strangers, 403 for those who see but do not
organise); the Events section of the activity page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import Event, EventFormat, EventKind, Invitation, Registration
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def session(cast):
    return f.EventFactory(activity=cast.activity, title="Meeting 3", capacity=20)


@pytest.fixture
def day_event(cast):
    start = dt.datetime(2024, 3, 7, 9, 30, tzinfo=LONDON)
    return f.EventFactory(
        activity=cast.activity,
        title="Work Group day",
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        address="1 School Lane, Northtown NT1 1AA",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=6),
    )


def confirm(event, user):
    return services.registration_confirm(event=event, person=user.person, now=BEFORE)


def url(name, *args):
    return reverse(f"events:{name}", args=args)


def form_data(**extra):
    return {
        "title": "Meeting 4",
        "description": "Bring a lesson plan.",
        "date_day": "14",
        "date_month": "3",
        "date_year": "2024",
        "start_time": "16:00",
        "end_time": "17:30",
        "format": "online",
        "meeting_url": "https://zoom.example/j/4",
        "capacity": "30",
        "minimum_minutes": "45",
        "contact_name": "Leo Lead",
        "contact_email": "leo@north.example",
        **extra,
    }


# -- creating ------------------------------------------------------------------------------


def test_a_lead_adds_an_event_to_his_activity_in_london_time(cast):
    response = client_for(cast.leo).post(url("create", cast.activity.pk), form_data())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url in (url("detail", event.pk), url("edit", event.pk))
    assert event.starts_at == dt.datetime(2024, 3, 14, 16, 0, tzinfo=LONDON)
    assert event.ends_at.astimezone(LONDON).strftime("%H:%M") == "17:30"
    assert (event.kind, event.hub, event.capacity, event.minimum_minutes) == (
        EventKind.SESSION,
        cast.north,
        30,
        45,
    )
    assert list(event.organisers.all()) == [cast.leo.person]


def test_summer_time_is_read_in_london(cast):
    client_for(cast.harriet).post(
        url("create", cast.activity.pk),
        form_data(date_day="4", date_month="7", start_time="9:30", end_time="12:00"),
    )
    assert Event.objects.get().starts_at == dt.datetime(2024, 7, 4, 8, 30, tzinfo=dt.UTC)


def test_errors_are_shown_beside_their_fields_with_what_was_typed_kept(cast):
    typed = form_data(
        date_day="31", date_month="2", start_time="4pm", end_time="", format="face_to_face"
    )
    response = client_for(cast.leo).post(url("create", cast.activity.pk), typed)
    html = response.content.decode()
    assert response.status_code == 200 and not Event.objects.exists()
    assert "There is a problem" in html
    assert "The date must be a real date" in html
    assert "Enter the time as hours and minutes on the 24-hour clock, like 16:00" in html
    assert "Enter the end time, like 17:30" in html
    assert 'value="4pm"' in html and 'value="31"' in html and 'value="Meeting 4"' in html


def test_a_services_refusal_lands_beside_its_field(cast):
    typed = form_data(format="face_to_face", end_time="15:00")
    html = client_for(cast.leo).post(url("create", cast.activity.pk), typed).content.decode()
    assert "The end time must be after the start time" in html
    assert 'id="id_end_time-error"' in html
    assert "Enter the venue of a face-to-face event" in html
    assert 'value="https://zoom.example/j/4"' in html
    assert not Event.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("pat", 403), ("sam", 404), ("simon", 404)])
def test_participants_and_other_hubs_cannot_add_events(cast, who, status):
    client = client_for(getattr(cast, who))
    assert client.get(url("create", cast.activity.pk)).status_code == status
    assert client.post(url("create", cast.activity.pk), form_data()).status_code == status
    assert not Event.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(cast, session):
    for page in (url("create", cast.activity.pk), url("edit", session.pk), url("create_national")):
        response = client_for(None).get(page)
        assert response.status_code == 302 and "next=" in response.url


def test_the_national_team_creates_a_national_workshop_by_the_projects_code(cast):
    data = form_data(kind="national_workshop", ncp=cast.mastery_readiness.code.lower())
    response = client_for(cast.nadia).post(url("create_national"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.hub, event.ncp, event.kind) == (None, cast.mastery_readiness, "national_workshop")


def test_a_national_workshop_without_a_known_project_is_refused(cast):
    client = client_for(cast.nadia)
    html = client.post(
        url("create_national"), form_data(kind="national_workshop", ncp="NCP99-99")
    ).content.decode()
    assert "There is no project with the code NCP99-99" in html
    html = client.post(url("create_national"), form_data(kind="national_workshop")).content
    assert b"A national workshop belongs to a project" in html
    assert not Event.objects.exists()


def test_a_residential_ends_on_another_day_and_its_edit_form_shows_that_day(cast):
    data = form_data(kind="residential", format="face_to_face", meeting_url="")
    data.update(venue="Conference centre", address="1 Lake Road, Windermere LA23 1AA")
    data.update(end_date_day="15", end_date_month="3", end_date_year="2024", end_time="13:00")
    client = client_for(cast.nadia)
    assert client.post(url("create_national"), data).status_code == 302
    event = Event.objects.get()
    assert event.ends_at == dt.datetime(2024, 3, 15, 13, 0, tzinfo=LONDON)
    html = client.get(url("edit", event.pk)).content.decode()
    assert "Thursday 14 March 2024, 4pm to Friday 15 March 2024, 1pm" in html
    assert '<details class="govuk-details" open>' in html and 'value="15"' in html


@pytest.mark.parametrize("who", ["harriet", "leo", "pat", "simon"])
def test_only_the_national_team_opens_the_national_event_form(cast, who):
    client = client_for(getattr(cast, who))
    assert client.get(url("create_national")).status_code == 403
    data = form_data(kind="webinar")
    assert client.post(url("create_national"), data).status_code == 403
    assert not Event.objects.exists()


# -- editing and cancelling ----------------------------------------------------------------


def test_the_edit_form_shows_the_event_in_london_time(cast, session):
    html = client_for(cast.harriet).get(url("edit", session.pk)).content.decode()
    assert 'value="16:00"' in html and 'value="17:30"' in html and 'value="7"' in html
    assert "Thursday 7 March 2024, 4pm to 5:30pm" in html


def test_a_new_time_is_saved_and_said(cast, session):
    data = form_data(title="Meeting 3", capacity="20", date_day="7", start_time="17:00")
    data.update(end_time="18:30", description="", meeting_url="", minimum_minutes="0")
    data.update(contact_name="", contact_email="")
    response = client_for(cast.leo).post(url("edit", session.pk), data, follow=True)
    html = response.content.decode()
    assert "Saved. Changed: Date and time: Thursday 7 March 2024, 5pm to 6:30pm" in html
    session.refresh_from_db()
    assert session.starts_at == dt.datetime(2024, 3, 7, 17, 0, tzinfo=LONDON)


def test_places_below_those_taken_are_refused_on_the_page(cast, session):
    confirm(session, cast.pat)
    confirm(session, cast.leo)
    data = form_data(title="Meeting 3", date_day="7", capacity="1")
    html = client_for(cast.harriet).post(url("edit", session.pk), data).content.decode()
    assert "2 places are already taken" in html and 'value="1"' in html
    session.refresh_from_db()
    assert session.capacity == 20


@pytest.mark.parametrize(
    ("who", "status"), [("pat", 403), ("nadia", 403), ("sam", 404), ("simon", 404)]
)
def test_no_one_but_organisers_opens_the_organisers_pages(cast, session, day_event, who, status):
    client = client_for(getattr(cast, who))
    for page in ("edit", "cancel_event", "invite", "join_links"):
        assert client.get(url(page, session.pk)).status_code == status, page
        assert client.post(url(page, session.pk), {"title": "x"}).status_code == status, page
    assert client.get(url("catering", day_event.pk)).status_code == status
    session.refresh_from_db()
    assert session.title == "Meeting 3" and session.cancelled_at is None


def test_a_lead_cannot_organise_another_hubs_events(cast):
    south = f.EventFactory(activity=f.ActivityFactory(hub=cast.south))
    client = client_for(cast.leo)
    for page in ("edit", "cancel_event", "invite", "join_links"):
        assert client.get(url(page, south.pk)).status_code == 404


@time_machine.travel(BEFORE, tick=False)
def test_cancelling_asks_for_a_reason_then_cancels(cast, session):
    client = client_for(cast.harriet)
    page = client.get(url("cancel_event", session.pk)).content.decode()
    assert "0 people have confirmed a place" in page
    html = client.post(url("cancel_event", session.pk), {"reason": ""}).content.decode()
    assert "Enter the reason for cancelling the event" in html
    response = client.post(url("cancel_event", session.pk), {"reason": "The room flooded"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.cancelled_at is not None
    assert session.cancellation_reason == "The room flooded"
    page = client.get(reverse("events:detail", args=[session.pk])).content.decode()
    assert "This event has been cancelled" in page
    assert "The room flooded" in page


def test_an_event_that_has_started_cannot_be_cancelled(cast, session):
    response = client_for(cast.leo).post(url("cancel_event", session.pk), {"reason": "Late"})
    assert "This event has already started" in response.content.decode()
    session.refresh_from_db()
    assert session.cancelled_at is None


# -- inviting ------------------------------------------------------------------------------


def test_inviting_by_typed_emails_says_how_many(cast, session):
    typed = "sam@south.example, SIMON@south.example\npat@north.example"
    response = client_for(cast.leo).post(
        url("invite", session.pk), {"send": "emails", "emails": typed}, follow=True
    )
    assert "Invited 2 people. 1 was already invited" in response.content.decode()
    assert Invitation.objects.filter(event=session).count() == 2


def test_unknown_emails_are_listed_and_what_was_typed_is_kept(cast, session):
    typed = "sam@south.example\nghost@nowhere.example\nwho@x.org"
    html = (
        client_for(cast.leo)
        .post(url("invite", session.pk), {"send": "emails", "emails": typed})
        .content.decode()
    )
    assert "No one in the directory has these emails: ghost@nowhere.example, who@x.org" in html
    assert "sam@south.example\nghost@nowhere.example\nwho@x.org</textarea>" in html
    assert not Invitation.objects.exists()


def test_inviting_by_csv_is_all_or_nothing(cast, session):
    client = client_for(cast.harriet)
    bad = SimpleUploadedFile("people.csv", b"Email\nsam@south.example\nghost@x.org\n")
    html = client.post(url("invite", session.pk), {"send": "file", "file": bad}).content.decode()
    assert "Line 3: no one in the directory has the email ghost@x.org" in html
    assert "Nothing was imported" in html and not Invitation.objects.exists()
    good = SimpleUploadedFile("people.csv", "\ufeffEmail address\nsam@south.example\n".encode())
    response = client.post(url("invite", session.pk), {"send": "file", "file": good}, follow=True)
    assert "Invited 1 person" in response.content.decode()


def test_an_empty_upload_is_explained(cast, session):
    client = client_for(cast.leo)
    html = client.post(url("invite", session.pk), {"send": "file"}).content.decode()
    assert "Choose a CSV file to upload" in html
    empty = SimpleUploadedFile("people.csv", b"")
    html = client.post(url("invite", session.pk), {"send": "file", "file": empty}).content
    assert b"The file is empty" in html


# -- join links ----------------------------------------------------------------------------


def test_join_links_list_the_people_who_confirmed_and_set_one(cast, session):
    confirm(session, cast.pat)
    client = client_for(cast.leo)
    html = client.get(url("join_links", session.pk)).content.decode()
    assert "Pat Participant" in html and "pat@north.example" in html
    link = "https://zoom.example/w/3?tk=pat"
    data = {"send": "row", "person": cast.pat.person.pk, "url": link}
    response = client.post(url("join_links", session.pk), data, follow=True)
    assert "Saved the join link of Pat Participant" in response.content.decode()
    assert Registration.objects.get(person=cast.pat.person).join_url == link


def test_a_bad_join_link_is_shown_on_its_row_as_typed(cast, session):
    confirm(session, cast.pat)
    data = {"send": "row", "person": cast.pat.person.pk, "url": "zoom.example/w/3"}
    html = client_for(cast.leo).post(url("join_links", session.pk), data).content.decode()
    assert "Enter a web address starting with https://" in html
    assert 'value="zoom.example/w/3"' in html


def test_join_links_import_from_zoom(cast, session):
    confirm(session, cast.pat)
    export = b"First Name,Last Name,Email,Join URL\nPat,P,pat@north.example,https://z.example/w/1\n"
    upload = SimpleUploadedFile("registrants.csv", export)
    response = client_for(cast.harriet).post(
        url("join_links", session.pk), {"send": "file", "file": upload}, follow=True
    )
    assert "Imported 1 join link" in response.content.decode()


def test_face_to_face_events_have_no_join_links_and_online_ones_no_catering_list(
    cast, session, day_event
):
    client = client_for(cast.leo)
    assert client.get(url("join_links", day_event.pk)).status_code == 404
    assert client.get(url("catering", session.pk)).status_code == 404


# -- the catering and access list ----------------------------------------------------------


def test_the_catering_list_gives_organisers_the_requirements_of_people_who_confirmed(
    cast, day_event
):
    confirm(day_event, cast.pat)
    services.requirements_save(
        event=day_event, person=cast.pat.person, dietary="Vegetarian", access="=1+1", other=""
    )
    for organiser in (cast.harriet, cast.leo):
        response = client_for(organiser).get(url("catering", day_event.pk))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        text = response.content.decode("utf-8-sig")
        assert text.splitlines() == [
            "Name,Institution,Dietary,Access,Other,Note",
            "Pat Participant,North Primary,Vegetarian,'=1+1,,",
        ]


def test_the_catering_list_notes_erased_requirements(cast, day_event):
    registration = confirm(day_event, cast.pat)
    Registration.objects.filter(pk=registration.pk).update(
        requirements_erased_at=dt.datetime(2024, 3, 22, 2, 0, tzinfo=LONDON)
    )
    text = client_for(cast.harriet).get(url("catering", day_event.pk)).content.decode("utf-8-sig")
    assert "Requirements erased on 22 March 2024, after the event" in text


def test_pat_never_gets_the_catering_list_even_with_a_place(cast, day_event):
    confirm(day_event, cast.pat)
    services.requirements_save(
        event=day_event, person=cast.pat.person, dietary="Vegan", access="", other=""
    )
    response = client_for(cast.pat).get(url("catering", day_event.pk))
    assert response.status_code == 403 and b"Vegan" not in response.content


# -- the Events section of the activity page -----------------------------------------------


def test_the_activity_page_lists_its_events_with_confirmed_places(cast, session):
    confirm(session, cast.pat)
    f.EventFactory(activity=cast.activity, title="Meeting 4", cancelled_at=BEFORE)
    html = client_for(cast.leo).get(reverse("activities:detail", args=[cast.activity.pk]))
    text = html.content.decode()
    assert "Meeting 3" in text and "1 of 20" in text and "Cancelled" in text
    assert "Thursday 7 March 2024, 4pm to 5:30pm" in text
    assert url("create", cast.activity.pk) in text


def test_only_organisers_see_add_an_event(cast, session):
    page = client_for(cast.pat).get(reverse("activities:detail", args=[cast.activity.pk]))
    assert "Meeting 3" in page.content.decode()
    assert url("create", cast.activity.pk) not in page.content.decode()
    staff = client_for(cast.harriet).get(reverse("activities:detail", args=[cast.activity.pk]))
    assert "Add an event" in staff.content.decode()


def test_the_activity_events_take_one_query_however_many(cast, django_assert_max_num_queries):
    client = client_for(cast.harriet)
    page = reverse("activities:detail", args=[cast.activity.pk])
    event = f.EventFactory(activity=cast.activity)
    confirm(event, cast.pat)
    client.get(page)
    with django_assert_max_num_queries(40) as few:
        client.get(page)
    for _ in range(6):
        confirm(f.EventFactory(activity=cast.activity), cast.pat)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(page).content.decode()
    assert html.count('govuk-table__cell--numeric">1</td>') == 7


def test_join_links_and_the_catering_list_take_a_fixed_number_of_queries(
    cast, session, day_event, django_assert_max_num_queries
):
    client = client_for(cast.leo)
    counts = {}
    for event, page in ((session, "join_links"), (day_event, "catering")):
        confirm(event, cast.pat)
        with django_assert_max_num_queries(30) as few:
            assert client.get(url(page, event.pk)).status_code == 200
        counts[page] = len(few.captured_queries)
    for _ in range(5):
        person = f.ParticipationFactory(activity=cast.activity).person
        for event in (session, day_event):
            services.registration_confirm(event=event, person=person, now=BEFORE)
    for event, page in ((session, "join_links"), (day_event, "catering")):
        with django_assert_max_num_queries(counts[page]):
            response = client.get(url(page, event.pk))
        assert response.content.count(b"Test Primary School") == 5
