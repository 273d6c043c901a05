"""The participant's Events pages and the event page with its tabs (2023/24 handbook,
Practicalities), and attempts to break every rule about who sees and does what."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import (
    EventComment,
    EventDocument,
    EventFormat,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.services import discussion
from mathshubs.events.views import participant as views
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)
AFTER_DEADLINE = dt.datetime(2024, 3, 6, 9, 0, tzinfo=LONDON)
THURSDAY = dt.datetime(2024, 3, 7, 16, 0, tzinfo=LONDON)
LIST = reverse("events:list")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _february():
    with time_machine.travel(BEFORE, tick=False):
        yield


def detail(event):
    return reverse("events:detail", args=[event.pk])


def html(response) -> str:
    return response.content.decode()


def confirm(user, event):
    return services.registration_confirm(event=event, person=user.person)


def face_to_face(cast, **extra):
    # Face to face: ten working days before Thursday 7 March 2024 is Thursday 22 February.
    return f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        title="Work Group day",
        venue="North Primary",
        address="1 School Lane\nNorthtown",
        **extra,
    )


def other_participant(cast, first="Olive", last="Other"):
    person = f.PersonFactory(first_name=first, last_name=last, institution=cast.north_school)
    f.ParticipationFactory(activity=cast.activity, person=person, institution=cast.north_school)
    return person


# --- The Events page -----------------------------------------------------------------------


def test_the_eligible_tab_lists_the_event_with_its_date_format_hub_and_deadline(cast):
    event = f.EventFactory(activity=cast.activity, title="Session 1")
    page = html(client_for(cast.pat).get(LIST + "?tab=eligible"))
    assert f'href="{detail(event)}">Session 1</a>' in page
    assert "Thursday 7 March 2024, 4pm to 5:30pm" in page
    assert "Online" in page and "North Test Maths Hub" in page
    assert "Tuesday 5 March 2024 at 23:59" in page
    assert 'href="?tab=eligible" aria-current="page">Eligible</a>' in page


def test_the_events_page_opens_on_the_eligible_tab(cast):
    f.EventFactory(activity=cast.activity, title="Session 1")
    page = html(client_for(cast.pat).get(LIST))
    assert 'aria-current="page">Eligible</a>' in page
    assert "Session 1" in page


def test_a_confirmed_event_moves_to_the_upcoming_tab(cast):
    event = f.EventFactory(activity=cast.activity, title="Session 1")
    confirm(cast.pat, event)
    client = client_for(cast.pat)
    assert "Session 1" not in html(client.get(LIST + "?tab=eligible"))
    upcoming = html(client.get(LIST + "?tab=upcoming"))
    assert "Session 1" in upcoming
    assert 'aria-current="page">Upcoming</a>' in upcoming
    assert "Confirm by" not in upcoming


def test_a_national_event_says_national_and_past_events_are_in_the_past_tab(cast):
    f.EventFactory(
        activity=None,
        ncp=cast.mastery_readiness,
        kind="national_workshop",
        title="National workshop 1",
    )
    f.EventFactory(
        activity=cast.activity,
        title="Autumn session",
        starts_at=dt.datetime(2024, 1, 11, 16, 0, tzinfo=LONDON),
    )
    leo = client_for(cast.leo)
    eligible = html(leo.get(LIST))
    assert "National workshop 1" in eligible and "National" in eligible
    assert "Autumn session" in html(leo.get(LIST + "?tab=past"))


def test_each_tab_says_plainly_when_it_is_empty(cast):
    client = client_for(cast.sam)
    for tab, words in views.EMPTY_TABS.items():
        if tab == "organising":  # organisers only: Leo, who leads an activity
            client = client_for(cast.leo)
        assert words in html(client.get(f"{LIST}?tab={tab}"))


def test_an_unknown_tab_falls_back_to_eligible(cast):
    assert 'aria-current="page">Eligible</a>' in html(client_for(cast.pat).get(LIST + "?tab=x"))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("tab", ["eligible", "upcoming", "past"])
def test_the_events_page_takes_the_same_number_of_queries_for_3_or_30_events(cast, tab):
    client = client_for(cast.pat)
    when = {"past": dt.datetime(2024, 1, 11, 16, 0, tzinfo=LONDON)}.get(tab, THURSDAY)

    def add(count):
        for _ in range(count):
            event = f.EventFactory(activity=cast.activity, starts_at=when)
            if tab == "upcoming":
                Registration.objects.create(
                    event=event, person=cast.pat.person, status=RegistrationStatus.CONFIRMED
                )

    add(3)
    client.get(LIST)  # warm the session
    few = _queries(client, f"{LIST}?tab={tab}")
    add(27)
    assert _queries(client, f"{LIST}?tab={tab}") == few


def test_the_national_team_gets_a_create_a_national_event_button_and_no_one_else(cast):
    button = f'href="{reverse("events:create_national")}"'
    assert "Create a national event" in html(client_for(cast.nadia).get(LIST))
    assert button in html(client_for(cast.nadia).get(LIST))
    for who in ("pat", "harriet", "leo", "sam"):
        page = html(client_for(getattr(cast, who)).get(LIST))
        assert "Create a national event" not in page
        assert button not in page


@pytest.mark.parametrize("who", ["pat", "nadia", "harriet"])
def test_everyone_signed_in_gets_the_link_to_add_their_events_to_their_calendar(cast, who):
    page = html(client_for(getattr(cast, who)).get(LIST))
    assert "Add your events to your calendar" in page
    assert f'href="{reverse("events:calendar")}"' in page


def test_the_events_page_of_the_national_team_takes_the_same_queries_for_3_or_30_events(cast):
    client = client_for(cast.nadia)
    nadia = cast.nadia.person

    def add(count):
        for _ in range(count):
            event = f.EventFactory(activity=cast.activity, starts_at=THURSDAY)
            Invitation.objects.create(event=event, person=nadia)

    add(3)
    client.get(LIST)  # warm the session
    few = _queries(client, LIST)
    add(27)
    assert _queries(client, LIST) == few
    assert "Create a national event" in html(client.get(LIST))


def test_the_events_page_shows_fifty_events_a_page(cast):
    for _ in range(51):
        f.EventFactory(activity=cast.activity)
    client = client_for(cast.pat)
    assert html(client.get(LIST)).count("govuk-table__row") == 51  # header and 50
    assert html(client.get(LIST + "?page=2")).count("govuk-table__row") == 2


def test_the_menu_and_the_home_page_link_to_events(cast):
    client = client_for(cast.pat)
    home = html(client.get("/"))
    assert f'href="{LIST}">Events</a>' in home
    assert 'id="home-events"' in home
    assert (
        'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Events'
        in html(client.get(LIST))
    )
    assert f'href="{LIST}"' not in html(client_for(None).get("/"))


# --- The event page ------------------------------------------------------------------------


def test_strangers_get_404_on_the_event_and_anonymous_people_are_sent_to_login(cast):
    event = f.EventFactory(activity=cast.activity)
    assert client_for(cast.sam).get(detail(event)).status_code == 404
    assert client_for(cast.simon).get(detail(event)).status_code == 404
    assert client_for(None).get(detail(event)).status_code == 302
    for name in ("confirm", "cancel", "waiting_join", "requirements", "comment_add"):
        url = reverse(f"events:{name}", args=[event.pk])
        assert client_for(cast.sam).post(url).status_code == 404, name
    assert not Registration.objects.filter(event=event).exists()


def test_the_event_page_shows_the_facts_and_the_confirm_by_deadline(cast):
    event = face_to_face(cast, capacity=20, description="Bring your planning.")
    page = html(client_for(cast.pat).get(detail(event)))
    assert "Thursday 7 March 2024, 4pm to 5:30pm" in page
    assert "Face to face" in page
    assert "North Primary<br>1 School Lane<br>Northtown" in page
    assert "Bring your planning." in page
    assert "20 places, 20 left" in page
    # Ten working days before Thursday 7 March 2024.
    assert "Confirm by Thursday 22 February 2024 at 23:59" in page
    assert ">Confirm attendance</button>" in page
    assert "Cancel attendance" not in page


def test_confirming_shows_a_success_banner_and_the_connect_button_for_online_events(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    client = client_for(cast.pat)
    before = html(client.get(detail(event)))
    assert "Connect" not in before and "/events/connect/" not in before
    response = client.post(reverse("events:confirm", args=[event.pk]), follow=True)
    page = html(response)
    assert views.CONFIRMED in page and "govuk-notification-banner--success" in page
    token = Registration.objects.get(event=event, person=cast.pat.person).link_token
    assert f'href="{reverse("events:connect", args=[token])}"' in page
    assert ">Connect</a>" in page
    assert "Do not share your Connect link" in page
    assert "If you are joining as a group on one link or one computer" in page
    assert ">Cancel attendance</a>" in page
    assert ">Confirm attendance</button>" not in page


def test_the_group_advice_names_the_event_or_hub_contact(cast):
    event = f.EventFactory(activity=cast.activity, contact_email="wg@north.example")
    confirm(cast.pat, event)
    page = html(client_for(cast.pat).get(detail(event)))
    assert "mailto:wg@north.example" in page
    assert "so that everyone is marked as having attended" in page


def test_face_to_face_events_have_no_connect_button(cast):
    event = face_to_face(cast)
    confirm(cast.pat, event)
    page = html(client_for(cast.pat).get(detail(event)))
    assert ">Connect</a>" not in page


def test_cancelling_asks_first_then_cancels(cast):
    event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, event)
    client = client_for(cast.pat)
    url = reverse("events:cancel", args=[event.pk])
    ask = html(client.get(url))
    assert "Are you sure you want to cancel your attendance?" in ask
    assert ">Cancel attendance</button>" in ask
    assert Registration.objects.get(event=event).status == RegistrationStatus.CONFIRMED
    page = html(client.post(url, follow=True))
    assert views.CANCELLED in page
    assert Registration.objects.get(event=event).status == RegistrationStatus.CANCELLED
    assert ">Confirm attendance</button>" in page


def test_staff_who_are_not_invited_see_no_confirm_button(cast):
    event = f.EventFactory(activity=cast.activity)
    page = html(client_for(cast.harriet).get(detail(event)))
    assert ">Confirm attendance</button>" not in page
    assert "Organise this event" in page


def test_a_cancelled_event_says_so_and_offers_no_buttons(cast):
    event = f.EventFactory(
        activity=cast.activity, cancelled_at=BEFORE, meeting_url="https://z.example/"
    )
    confirm_event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, confirm_event)
    Registration.objects.filter(event=confirm_event).update(event=event)
    page = html(client_for(cast.pat).get(detail(event)))
    assert "This event has been cancelled" in page
    assert 'id="cancellation-reason"' not in page  # no reason recorded
    for button in ("Confirm attendance", "Cancel attendance", ">Connect<", "waiting list"):
        assert button not in page


def test_a_cancelled_event_shows_why_it_was_cancelled(cast):
    event = f.EventFactory(
        activity=cast.activity, cancelled_at=BEFORE, cancellation_reason="The lead is ill"
    )
    page = html(client_for(cast.pat).get(detail(event)))
    assert "This event has been cancelled" in page
    assert "Why it was cancelled" in page
    assert "The lead is ill" in page


# --- Deadlines -----------------------------------------------------------------------------


def test_after_the_deadline_the_page_says_when_it_was_and_whom_to_contact(cast):
    event = f.EventFactory(activity=cast.activity, contact_email="wg@north.example")
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        page = html(client_for(cast.pat).get(detail(event)))
    expected = services.DEADLINE_PASSED.format(
        action="confirm", deadline="Tuesday 5 March 2024 at 23:59", contact="wg@north.example"
    )
    assert expected in page
    assert ">Confirm attendance</button>" not in page


def test_the_deadline_contact_falls_back_to_the_hub(cast):
    cast.north.email = "north@hub.example"
    cast.north.save()
    event = f.EventFactory(activity=cast.activity)
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        page = html(client_for(cast.pat).get(detail(event)))
    assert "Contact north@hub.example if you still need to confirm." in page


def test_confirming_after_the_deadline_is_refused_with_the_message(cast):
    event = f.EventFactory(activity=cast.activity, contact_email="wg@north.example")
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        response = client_for(cast.pat).post(
            reverse("events:confirm", args=[event.pk]), follow=True
        )
    assert "The deadline to confirm was Tuesday 5 March 2024 at 23:59" in html(response)
    assert views.CONFIRMED not in html(response)
    assert not Registration.objects.filter(status=RegistrationStatus.CONFIRMED).exists()


def test_cancelling_after_the_deadline_is_refused_and_connect_still_shows(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    confirm(cast.pat, event)
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        client = client_for(cast.pat)  # signed in on the day: sessions expire
        page = html(client.get(detail(event)))
        assert "The deadline to cancel was Tuesday 5 March 2024 at 23:59" in page
        assert ">Cancel attendance</a>" not in page
        assert ">Connect</a>" in page
        refused = html(client.post(reverse("events:cancel", args=[event.pk]), follow=True))
    assert "The deadline to cancel was Tuesday 5 March 2024 at 23:59" in refused
    assert Registration.objects.get(event=event).status == RegistrationStatus.CONFIRMED


# --- A full event and the waiting list -----------------------------------------------------


def test_a_full_event_offers_the_waiting_list(cast):
    event = f.EventFactory(activity=cast.activity, capacity=1)
    services.registration_confirm(event=event, person=other_participant(cast))
    page = html(client_for(cast.pat).get(detail(event)))
    assert "This event is full" in page
    assert "1 place, none left" in page
    assert ">Join the waiting list</button>" in page
    assert ">Confirm attendance</button>" not in page


def test_confirming_a_full_event_is_refused_and_points_to_the_waiting_list(cast):
    event = f.EventFactory(activity=cast.activity, capacity=1)
    client = client_for(cast.pat)
    page_open = client.get(detail(event))  # the button was there when the page was read
    assert ">Confirm attendance</button>" in html(page_open)
    services.registration_confirm(event=event, person=other_participant(cast))
    page = html(client.post(reverse("events:confirm", args=[event.pk]), follow=True))
    assert services.EVENT_FULL in page
    assert ">Join the waiting list</button>" in page


def test_joining_and_leaving_the_waiting_list(cast):
    event = f.EventFactory(activity=cast.activity, capacity=1)
    services.registration_confirm(event=event, person=other_participant(cast))
    client = client_for(cast.pat)
    page = html(client.post(reverse("events:waiting_join", args=[event.pk]), follow=True))
    assert views.WAITING_JOINED in page
    assert Registration.objects.get(person=cast.pat.person).status == RegistrationStatus.WAITING
    assert ">Leave the waiting list</button>" in page
    assert ">Join the waiting list</button>" not in page
    page = html(client.post(reverse("events:waiting_leave", args=[event.pk]), follow=True))
    assert views.WAITING_LEFT in page


def test_an_offered_place_is_held_and_can_be_confirmed(cast):
    event = f.EventFactory(activity=cast.activity, capacity=1)
    Registration.objects.create(
        event=event, person=cast.pat.person, status=RegistrationStatus.OFFERED, offered_at=BEFORE
    )
    client = client_for(cast.pat)
    page = html(client.get(detail(event)))
    assert "A place has become free for you: confirm by Tuesday 5 March 2024 at 23:59" in page
    assert ">Confirm attendance</button>" in page
    assert "This event is full" not in page
    assert views.CONFIRMED in html(
        client.post(reverse("events:confirm", args=[event.pk]), follow=True)
    )


# --- Tabs ----------------------------------------------------------------------------------


def test_the_tabs_open_only_once_confirmed(cast):
    event = face_to_face(cast)
    client = client_for(cast.pat)
    before = html(client.get(detail(event)))
    assert 'class="govuk-tabs"' not in before and 'id="participants"' not in before
    confirm(cast.pat, event)
    after = html(client.get(detail(event)))
    for key, label in [
        ("documents", "Documents"),
        ("comments", "Comments"),
        ("requirements", "Requirements"),
        ("participants", "Participants"),
        ("contact", "Contact"),
    ]:
        assert f'href="#{key}">{label}</a>' in after
        assert f'id="{key}"' in after
    assert 'href="#reports"' not in after and 'id="reports"' not in after


def test_an_online_event_has_no_requirements_tab(cast):
    event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, event)
    page = html(client_for(cast.pat).get(detail(event)))
    assert 'href="#requirements"' not in page
    assert 'href="#documents"' in page


def test_the_participants_tab_lists_names_and_institutions_without_requirements(cast):
    event = face_to_face(cast)
    olive = other_participant(cast)
    confirm(cast.pat, event)
    services.registration_confirm(event=event, person=olive)
    services.requirements_save(
        event=event, person=olive, dietary="Nut allergy", access="Step-free", other="Prayer room"
    )
    page = html(client_for(cast.pat).get(detail(event)))
    assert "Olive Other" in page and "North Primary" in page
    for secret in ("Nut allergy", "Step-free", "Prayer room"):
        assert secret not in page


def test_organisers_see_everyones_requirements_and_nobody_else_does(cast):
    event = face_to_face(cast)
    olive = other_participant(cast)
    services.registration_confirm(event=event, person=olive)
    services.requirements_save(
        event=event, person=olive, dietary="Nut allergy", access="", other=""
    )
    for organiser in (cast.leo, cast.harriet):
        page = html(client_for(organiser).get(detail(event)))
        assert "Nut allergy" in page and "Olive Other" in page
        assert "1 of 1 confirmed attendee gave requirements" in page
    confirm(cast.pat, event)
    for outsider in (cast.pat, cast.nadia):
        assert "Nut allergy" not in html(client_for(outsider).get(detail(event)))


def test_saving_requirements_keeps_them_and_shows_them_back(cast):
    event = face_to_face(cast)
    confirm(cast.pat, event)
    client = client_for(cast.pat)
    page = html(client.get(detail(event)))
    assert (
        'If you have any requirements for the event, please use the fields below and click "Save".'
        in page
    )
    url = reverse("events:requirements", args=[event.pk])
    assert f'action="{url}#requirements"' in page
    data = {
        "dietary_requirements": "Vegetarian",
        "access_requirements": "",
        "other_requirements": "Leave at 3pm",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.endswith("#requirements")
    registration = Registration.objects.get(event=event, person=cast.pat.person)
    assert registration.dietary_requirements == "Vegetarian"
    page = html(client.get(detail(event)))
    assert views.REQUIREMENTS_SAVED in page
    assert ">Vegetarian</textarea>" in page and ">Leave at 3pm</textarea>" in page


def test_requirements_too_long_are_refused_and_what_was_typed_is_kept(cast):
    event = face_to_face(cast)
    confirm(cast.pat, event)
    data = {
        "dietary_requirements": "x" * 2001,
        "access_requirements": "Ramp",
        "other_requirements": "",
    }
    response = client_for(cast.pat).post(reverse("events:requirements", args=[event.pk]), data)
    page = html(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Dietary requirements must be 2,000 characters or fewer" in page
    assert ">Ramp</textarea>" in page
    assert Registration.objects.get(event=event).access_requirements == ""


def test_requirements_before_confirming_are_refused(cast):
    event = face_to_face(cast)
    data = {"dietary_requirements": "Vegan", "access_requirements": "", "other_requirements": ""}
    response = client_for(cast.pat).post(reverse("events:requirements", args=[event.pk]), data)
    assert services.REQUIREMENTS_AFTER_CONFIRMING in html(response)
    assert not Registration.objects.filter(dietary_requirements="Vegan").exists()


def test_reports_are_for_organisers_and_the_national_team_only(cast):
    event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, event)
    other = other_participant(cast)
    services.registration_confirm(event=event, person=other)
    services.registration_cancel(event=event, person=other)
    assert 'id="reports"' not in html(client_for(cast.pat).get(detail(event)))
    for user in (cast.leo, cast.harriet, cast.nadia):
        page = html(client_for(user).get(detail(event)))
        assert 'id="reports"' in page, user.email
        counts = page.split('id="report-counts"')[1].split("</dl>")[0]
        # Eligible: Pat, Olive and Leo (the lead); one confirmed, one cancelled.
        for label, number in [("Eligible", 3), ("Confirmed", 1), ("Cancelled", 1), ("Attended", 0)]:
            assert f'{label}</dt><dd class="govuk-summary-list__value">{number}</dd>' in counts
    # The national team reads a hub event's reports, but not its attendees or documents.
    nadia = html(client_for(cast.nadia).get(detail(event)))
    assert 'id="participants"' not in nadia and 'id="documents"' not in nadia


def test_the_reports_counts_are_one_query(cast, django_assert_num_queries):
    from mathshubs.events.selectors import event_counts

    event = f.EventFactory(activity=cast.activity)
    for _ in range(5):
        services.registration_confirm(event=event, person=other_participant(cast))
    with django_assert_num_queries(1):
        counts = event_counts(event)
    assert counts["confirmed"] == 5 and counts["eligible"] == 7


def test_the_contact_tab_names_the_event_contact_or_the_hub(cast):
    event = f.EventFactory(
        activity=cast.activity, contact_name="Wendy Group", contact_email="wg@north.example"
    )
    confirm(cast.pat, event)
    page = html(client_for(cast.pat).get(detail(event)))
    assert 'Wendy Group at <a class="govuk-link" href="mailto:wg@north.example">' in page
    cast.north.email = "north@hub.example"
    cast.north.save()
    plain = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, plain)
    assert "mailto:north@hub.example" in html(client_for(cast.pat).get(detail(plain)))


def test_organisers_get_the_organise_section_and_participants_do_not(cast):
    event = f.EventFactory(activity=cast.activity)
    assert "Organise this event" in html(client_for(cast.leo).get(detail(event)))
    confirm(cast.pat, event)
    assert "Organise this event" not in html(client_for(cast.pat).get(detail(event)))


# --- Documents -----------------------------------------------------------------------------


def _upload(cast, event, content=b"%PDF-1.4 agenda", name="agenda.pdf"):
    return discussion.document_upload(
        event=event, by=cast.leo, title="Agenda", file=SimpleUploadedFile(name, content)
    )


def test_a_participant_cannot_upload_documents(cast):
    event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, event)
    client = client_for(cast.pat)
    url = reverse("events:document_upload", args=[event.pk])
    assert client.get(url).status_code == 404
    upload = {"title": "Mine", "file": SimpleUploadedFile("x.txt", b"hello")}
    assert client.post(url, upload).status_code == 404
    assert not EventDocument.objects.exists()
    assert "Add a document" not in html(client.get(detail(event)))


def test_an_organiser_uploads_and_a_confirmed_attendee_downloads(cast):
    event = f.EventFactory(activity=cast.activity)
    client = client_for(cast.leo)
    url = reverse("events:document_upload", args=[event.pk])
    response = client.post(
        url, {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", b"%PDF")}
    )
    assert response.status_code == 302 and response.url.endswith("#documents")
    document = EventDocument.objects.get()
    assert document.size == 4 and document.uploaded_by == cast.leo.person
    confirm(cast.pat, event)
    pat = client_for(cast.pat)
    assert "Agenda" in html(pat.get(detail(event)))
    download = pat.get(reverse("events:document_download", args=[event.pk, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF"
    assert "attachment" in download["Content-Disposition"]


def test_an_upload_without_a_title_or_file_says_what_is_missing_and_keeps_the_title(cast):
    event = f.EventFactory(activity=cast.activity)
    url = reverse("events:document_upload", args=[event.pk])
    page = html(client_for(cast.leo).post(url, {"title": "Agenda"}))
    assert "There is a problem" in page and "Choose a file to upload" in page
    assert 'value="Agenda"' in page
    page = html(
        client_for(cast.leo).post(url, {"title": "", "file": SimpleUploadedFile("a.txt", b"x")})
    )
    assert "Enter a title for the document" in page


def test_nobody_downloads_a_document_of_an_event_they_may_not_see(cast):
    event = f.EventFactory(activity=cast.activity)
    document = _upload(cast, event)
    url = reverse("events:document_download", args=[event.pk, document.pk])
    assert client_for(cast.sam).get(url).status_code == 404
    assert client_for(cast.simon).get(url).status_code == 404
    assert client_for(cast.pat).get(url).status_code == 404  # not confirmed yet
    assert client_for(None).get(url).status_code == 302


def test_a_forged_document_id_or_another_events_document_is_404(cast):
    event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, event)
    elsewhere = f.EventFactory(activity=f.ActivityFactory(hub=cast.south))
    theirs = EventDocument.objects.create(
        event=elsewhere, title="South secret", file=SimpleUploadedFile("s.txt", b"secret")
    )
    client = client_for(cast.pat)
    assert (
        client.get(reverse("events:document_download", args=[event.pk, theirs.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("events:document_download", args=[event.pk, 999999])).status_code == 404
    )


def test_an_organiser_removes_a_document(cast):
    event = f.EventFactory(activity=cast.activity)
    document = _upload(cast, event)
    url = reverse("events:document_delete", args=[event.pk, document.pk])
    confirm(cast.pat, event)
    assert client_for(cast.pat).post(url).status_code == 404
    assert EventDocument.objects.exists()
    page = html(client_for(cast.leo).post(url, follow=True))
    assert views.DOCUMENT_REMOVED in page
    assert not EventDocument.objects.exists()


# --- Comments ------------------------------------------------------------------------------


def test_attendees_comment_and_see_the_thread_with_names_and_times(cast):
    event = f.EventFactory(activity=cast.activity)
    confirm(cast.pat, event)
    client = client_for(cast.pat)
    response = client.post(
        reverse("events:comment_add", args=[event.pk]), {"body": "See you there"}
    )
    assert response.status_code == 302 and response.url.endswith("#comments")
    page = html(client_for(cast.leo).get(detail(event)))
    assert "See you there" in page
    assert "<strong>Pat Participant</strong>, 1 February 2024 at 9am" in page


def test_an_empty_comment_is_refused_and_nobody_unconfirmed_can_comment(cast):
    event = f.EventFactory(activity=cast.activity)
    url = reverse("events:comment_add", args=[event.pk])
    assert client_for(cast.pat).post(url, {"body": "Hello"}).status_code == 404
    confirm(cast.pat, event)
    page = html(client_for(cast.pat).post(url, {"body": "   "}))
    assert "Enter your comment" in page
    assert not EventComment.objects.exists()


# --- Connect -------------------------------------------------------------------------------


def _connect(registration):
    return reverse("events:connect", args=[registration.link_token])


def test_connect_records_the_click_and_goes_to_the_persons_own_link(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    registration = confirm(cast.pat, event)
    response = client_for(cast.pat).get(_connect(registration))
    assert response.status_code == 302 and response.url == "https://zoom.example/j/1"
    registration.refresh_from_db()
    assert registration.link_clicked_at == BEFORE
    Registration.objects.filter(pk=registration.pk).update(join_url="https://zoom.example/w/pat")
    assert client_for(cast.pat).get(_connect(registration)).url == "https://zoom.example/w/pat"


def test_connect_with_someone_elses_token_or_a_wrong_one_is_404(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    registration = confirm(cast.pat, event)
    for user in (cast.leo, cast.harriet, cast.nadia, cast.sam):
        assert client_for(user).get(_connect(registration)).status_code == 404
    assert client_for(cast.pat).get(reverse("events:connect", args=["wrong"])).status_code == 404
    assert client_for(None).get(_connect(registration)).status_code == 302
    registration.refresh_from_db()
    assert registration.link_clicked_at is None


def test_connect_stops_working_once_cancelled(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    registration = confirm(cast.pat, event)
    services.registration_cancel(event=event, person=cast.pat.person)
    assert client_for(cast.pat).get(_connect(registration)).status_code == 404


def test_connect_before_the_link_is_ready_says_so_and_whom_to_contact(cast):
    event = f.EventFactory(activity=cast.activity, contact_email="wg@north.example")
    registration = confirm(cast.pat, event)
    response = client_for(cast.pat).get(_connect(registration))
    page = html(response)
    assert response.status_code == 200
    assert "Your join link is not ready yet" in page and "mailto:wg@north.example" in page
    registration.refresh_from_db()
    assert registration.link_clicked_at is None


# --- Links to the other parts of the portal ------------------------------------------------


def test_confirmed_people_get_the_calendar_file_link_and_others_do_not(cast):
    event = f.EventFactory(activity=cast.activity)
    ics = reverse("events:ics", args=[event.pk])
    assert f'href="{ics}"' not in html(client_for(cast.pat).get(detail(event)))
    confirm(cast.pat, event)
    page = html(client_for(cast.pat).get(detail(event)))
    assert f'href="{ics}" id="ics-link">Download to your calendar (.ics)</a>' in page


@pytest.mark.parametrize(
    ("event_format", "shown", "hidden"),
    [
        (EventFormat.ONLINE, ["join_links", "attendance_import"], ["catering"]),
        (EventFormat.FACE_TO_FACE, ["catering"], ["join_links", "attendance_import"]),
    ],
)
def test_organisers_get_the_links_that_fit_the_events_format(cast, event_format, shown, hidden):
    event = f.EventFactory(activity=cast.activity, format=event_format)
    page = html(client_for(cast.leo).get(detail(event)))
    organise = page.split('id="organise"')[1].split("</ul>")[0]
    for name in ["edit", "invite", "register", "cancel_event", *shown]:
        assert f'href="{reverse(f"events:{name}", args=[event.pk])}"' in organise, name
    for name in hidden:
        assert reverse(f"events:{name}", args=[event.pk]) not in organise, name


def test_the_event_page_takes_a_bounded_number_of_queries_however_many_attendees(cast):
    event = face_to_face(cast)
    confirm(cast.pat, event)
    client = client_for(cast.leo)
    client.get(detail(event))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail(event)).status_code == 200
        return len(queries)

    few = count()
    for n in range(15):
        person = other_participant(cast, first=f"P{n}")
        services.registration_confirm(event=event, person=person)
        services.requirements_save(event=event, person=person, dietary="Vegan", access="", other="")
        discussion.comment_add(event=event, by=cast.leo, body=f"Note {n}")
    _upload(cast, event)
    assert count() == few


def test_after_the_event_the_page_says_it_took_place_without_buttons(cast):
    event = f.EventFactory(activity=cast.activity, meeting_url="https://zoom.example/j/1")
    confirm(cast.pat, event)
    with time_machine.travel(dt.datetime(2024, 3, 8, 9, 0, tzinfo=LONDON), tick=False):
        page = html(client_for(cast.pat).get(detail(event)))
    assert "This event took place on Thursday 7 March 2024. You confirmed your attendance." in page
    assert ">Connect</a>" not in page and "The deadline to" not in page
    assert 'href="#documents"' in page  # the tabs stay: documents and comments after the day
