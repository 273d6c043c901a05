"""The organisers' event pages, the Events page's links and the calendar page, in a real
browser through axe-core: no serious or critical problem, with or without errors on the
page, and what was typed kept after an error.

The live server runs on real time, so the events are a few weeks ahead of now.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from mathshubs.events import services
from mathshubs.events.models import CalendarFeed, EventFormat
from tests import factories as f
from tests.browser.conftest import assert_accessible, visible
from tests.browser.test_pages import sign_in


@pytest.fixture
def events(transactional_db, cast):
    cache.clear()
    soon = timezone.now().replace(hour=15, minute=0, second=0, microsecond=0)
    online = f.EventFactory(
        activity=cast.activity,
        title="Meeting 3",
        capacity=20,
        starts_at=soon + dt.timedelta(days=21),
    )
    services.registration_confirm(event=online, person=cast.pat.person)
    day = f.EventFactory(
        activity=cast.activity,
        title="Work Group day",
        format=EventFormat.FACE_TO_FACE,
        venue="North Primary",
        address="1 School Lane, Northtown",
        starts_at=soon + dt.timedelta(days=28),
    )
    return cast, online, day


def _check(page, path: str) -> None:
    page.goto(path)
    assert page.locator("h1").count() == 1, path
    assert_accessible(page)


def test_the_organiser_pages_are_accessible(page, live_server, events):
    cast, online, day = events
    sign_in(page, live_server, cast.harriet)
    for path in [
        reverse("events:create", args=[cast.activity.pk]),
        reverse("events:edit", args=[online.pk]),
        reverse("events:edit", args=[day.pk]),
        reverse("events:cancel_event", args=[online.pk]),
        reverse("events:invite", args=[online.pk]),
        reverse("events:join_links", args=[online.pk]),
        reverse("events:detail", args=[online.pk]),
        reverse("activities:detail", args=[cast.activity.pk]),
    ]:
        _check(page, path)
    # Their events, from the Events page's Organising tab.
    _check(page, reverse("events:list"))
    page.get_by_role("link", name="Organising").click()
    assert visible(page.get_by_role("link", name=online.title))
    assert_accessible(page)


def test_the_organiser_pages_with_errors_are_accessible_and_keep_what_was_typed(
    page, live_server, events
):
    cast, online, _ = events
    sign_in(page, live_server, cast.harriet)
    page.goto(reverse("events:create", args=[cast.activity.pk]))
    page.get_by_label("Start time").fill("4pm")
    page.get_by_role("button", name="Create event").click()
    assert visible(page.locator(".govuk-error-summary"))
    assert page.get_by_label("Start time").input_value() == "4pm"
    assert_accessible(page)

    page.goto(reverse("events:invite", args=[online.pk]))
    page.get_by_label("Email addresses").fill("ghost@nowhere.example")
    page.get_by_role("button", name="Invite", exact=True).click()
    assert "ghost@nowhere.example" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Email addresses").input_value() == "ghost@nowhere.example"
    assert_accessible(page)

    page.goto(reverse("events:join_links", args=[online.pk]))
    page.get_by_label("Join link of Pat Participant").fill("nope")
    page.get_by_role("button", name="Save the join link of Pat Participant").click()
    assert visible(page.locator(".govuk-error-summary"))
    assert page.get_by_label("Join link of Pat Participant").input_value() == "nope"
    assert_accessible(page)

    page.goto(reverse("events:cancel_event", args=[online.pk]))
    page.get_by_role("button", name="Cancel the event").click()
    assert visible(page.locator(".govuk-error-summary"))
    assert_accessible(page)


def test_a_cancelled_event_shows_its_reason_accessibly(page, live_server, events):
    cast, online, _ = events
    sign_in(page, live_server, cast.harriet)
    page.goto(reverse("events:cancel_event", args=[online.pk]))
    page.get_by_label("Why is the event cancelled?").fill("The room has flooded")
    page.get_by_role("button", name="Cancel the event").click()
    sign_in(page, live_server, cast.pat)
    page.goto(reverse("events:detail", args=[online.pk]))
    assert "This event has been cancelled" in page.locator("#event-cancelled").inner_text()
    assert "The room has flooded" in page.locator("#cancellation-reason").inner_text()
    assert_accessible(page)


def test_the_national_team_creates_a_national_event_from_the_events_page(page, live_server, events):
    cast, _, _ = events
    sign_in(page, live_server, cast.nadia)
    _check(page, reverse("events:list"))
    page.get_by_role("button", name="Create a national event").click()
    assert page.url.endswith(reverse("events:create_national"))
    assert_accessible(page)


def test_the_calendar_page_creates_then_revokes_an_address_accessibly(page, live_server, events):
    cast, _, _ = events
    sign_in(page, live_server, cast.pat)
    _check(page, reverse("events:list"))
    page.get_by_role("link", name="Add your events to your calendar").click()
    assert page.url.endswith(reverse("events:calendar"))
    assert "You do not have a calendar address" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Create calendar address").click()
    address = page.get_by_label("Calendar address").input_value()
    feed = CalendarFeed.objects.get(person=cast.pat.person)
    assert address.endswith(reverse("events:feed", args=[feed.token]))
    assert_accessible(page)

    page.get_by_role("button", name="Revoke").click()
    assert "Your calendar address has been revoked" in page.content()
    assert "You do not have a calendar address" in page.content()
    assert not CalendarFeed.objects.filter(person=cast.pat.person).exists()
    assert_accessible(page)
