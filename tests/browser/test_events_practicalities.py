"""The handbook's Practicalities chapter, word for word, in a real browser, for one online
and one face-to-face event, as a participant:

"To view the events that you are eligible to attend, click on Events at the top of home
page, or in the menu bar, and then select the 'Eligible' tab." Online: "As soon as you have
confirmed your place, the event will be updated to include a Connect button. At the time of
the event, you will need to: login to Axis; find the event in the Upcoming tab in the
Events section; click on the title of the event; select the Connect button."
Face to face: "Once you have confirmed your place, scroll to the foot of the event
description page to view the Requirements tab and provide your dietary, access or any
other requirements for the day." The Requirements tab says: 'If you have any requirements
for the event, please use the fields below and click "Save".'

The live server runs on real time, so the events are a few weeks ahead of now.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from mathshubs.events.models import EventFormat, Registration, RegistrationStatus
from tests import factories as f
from tests.browser.conftest import assert_accessible
from tests.browser.test_pages import shot
from tests.conftest import PASSWORD


@pytest.fixture
def events(transactional_db, cast, live_server):
    cache.clear()
    soon = timezone.now().replace(hour=15, minute=0, second=0, microsecond=0)
    cast.online = f.EventFactory(
        activity=cast.activity,
        title="Online Work Group meeting",
        starts_at=soon + dt.timedelta(days=21),
        # The meeting's own link: here a page of the live server, so the test can follow it.
        meeting_url=f"{live_server.url}/",
        contact_email="workgroup@north.example",
    )
    cast.face_to_face = f.EventFactory(
        activity=cast.activity,
        title="Work Group day at North Primary",
        format=EventFormat.FACE_TO_FACE,
        starts_at=soon + dt.timedelta(days=28),
        venue="North Primary",
        address="1 School Lane, Northtown",
    )
    return cast


def login(page, email: str) -> None:
    """If you have already set-up your Axis account, click on Login, enter your email
    address, and then you will then be able to login."""
    page.goto("/")
    page.get_by_role("button", name="Login").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your password")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_text("Welcome, Pat.")).to_be_visible()


def events_tab(page, tab: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    page.get_by_role("link", name=tab, exact=True).click()
    expect(page.get_by_role("link", name=tab, exact=True)).to_have_attribute("aria-current", "page")


def test_an_online_event_confirm_then_connect_from_the_upcoming_tab(page, events):
    event = events.online
    login(page, "pat@north.example")
    events_tab(page, "Eligible")
    expect(page.locator("#events")).to_contain_text("Online Work Group meeting")
    assert_accessible(page)
    shot(page, "events-eligible")

    page.get_by_role("link", name="Online Work Group meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Online Work Group meeting")
    expect(page.get_by_role("button", name="Connect")).to_have_count(0)
    expect(page.locator("#deadline")).to_contain_text("Confirm by")
    page.get_by_role("button", name="Confirm attendance").click()

    expect(page.get_by_text("You have confirmed your attendance").first).to_be_visible()
    expect(page.get_by_role("button", name="Connect")).to_be_visible()
    expect(page.locator("#do-not-share")).to_contain_text("Do not share your Connect link")
    expect(page.locator("#group-joining")).to_contain_text("workgroup@north.example")
    expect(page.get_by_role("tab", name="Documents")).to_be_visible()
    assert_accessible(page)
    shot(page, "event-online-confirmed")

    # At the time of the event: the Upcoming tab, the title, the Connect button.
    page.goto("/")
    events_tab(page, "Upcoming")
    expect(page.locator("#events")).to_contain_text("Online Work Group meeting")
    assert_accessible(page)
    page.get_by_role("link", name="Online Work Group meeting").click()
    page.get_by_role("button", name="Connect").click()
    page.wait_for_url(event.meeting_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Maths Hubs")
    registration = Registration.objects.get(event=event, person=events.pat.person)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.link_clicked_at is not None


def test_a_face_to_face_event_confirm_then_requirements_and_save(page, events):
    event = events.face_to_face
    login(page, "pat@north.example")
    events_tab(page, "Eligible")
    page.get_by_role("link", name="Work Group day at North Primary").click()
    expect(page.locator("#event-venue")).to_contain_text("North Primary")
    page.get_by_role("button", name="Confirm attendance").click()
    expect(page.get_by_text("You have confirmed your attendance").first).to_be_visible()
    expect(page.get_by_role("button", name="Connect")).to_have_count(0)

    # Scroll to the foot of the page: the Requirements tab.
    requirements_tab = page.get_by_role("tab", name="Requirements")
    requirements_tab.scroll_into_view_if_needed()
    requirements_tab.click()
    panel = page.locator("#requirements")
    expect(panel).to_contain_text(
        'If you have any requirements for the event, please use the fields below and click "Save".'
    )
    assert_accessible(page)
    page.get_by_label("Dietary requirements").fill("Vegetarian")
    page.get_by_label("Access requirements").fill("Step-free access to the room")
    page.get_by_label("Other requirements").fill("I need to leave at 3pm")
    panel.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Your requirements have been saved")).to_be_visible()
    expect(page.get_by_label("Dietary requirements")).to_have_value("Vegetarian")
    expect(page.get_by_label("Access requirements")).to_have_value("Step-free access to the room")
    assert_accessible(page)
    shot(page, "event-face-to-face-requirements")
    registration = Registration.objects.get(event=event, person=events.pat.person)
    assert registration.dietary_requirements == "Vegetarian"
    assert registration.other_requirements == "I need to leave at 3pm"

    events_tab(page, "Upcoming")
    expect(page.locator("#events")).to_contain_text("Work Group day at North Primary")


def test_the_organisers_view_of_the_tabs_is_accessible(page, live_server, events):
    from mathshubs.events import services
    from tests.browser.test_pages import sign_in

    event = events.face_to_face
    services.registration_confirm(event=event, person=events.pat.person)
    services.requirements_save(
        event=event, person=events.pat.person, dietary="Vegan", access="", other=""
    )
    sign_in(page, live_server, events.leo)
    page.goto(f"/events/{event.pk}/")
    expect(page.get_by_role("heading", name="Organise this event")).to_be_visible()
    page.get_by_role("tab", name="Requirements").click()
    expect(page.locator("#requirements-list")).to_contain_text("Vegan")
    assert_accessible(page)
    page.get_by_role("tab", name="Reports").click()
    expect(page.locator("#report-counts")).to_contain_text("Confirmed")
    page.get_by_role("tab", name="Comments").click()
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your comment")
    expect(page.get_by_role("tab", name="Comments")).to_have_attribute("aria-selected", "true")
    assert_accessible(page)
    shot(page, "event-organiser-comment-error")
