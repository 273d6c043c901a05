"""Event pages: calendar (ISSUE 5, part 9): an event's .ics file, the page where a person
creates or revokes their personal calendar address, and the feed at that address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from mathshubs.directory.rules import person_of
from mathshubs.events import ics, selectors
from mathshubs.events.emails import event_page_url, site_url
from mathshubs.events.models import CalendarFeed
from mathshubs.events.services.calendar import (
    FEED_PAST_DAYS,
    calendar_feed_create,
    calendar_feed_events,
    calendar_feed_revoke,
)
from mathshubs.uploads import content_download

FEED_CREATED = "Your calendar address has been created. Copy it into your calendar app."
FEED_REVOKED = "Your calendar address has been revoked. Calendars using it no longer update."
FEED_NOT_FOUND = "There is no calendar at this address. It may have been revoked."
NO_PERSON = "This account is not linked to a person in the directory, so it has no events."
FEED_NAME = "Maths Hubs events"


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    return content_download(body, filename=filename, content_type=ics.CONTENT_TYPE)


@login_required
@require_safe
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event's .ics, for anyone who may see the event (404 for anyone else)."""
    event = selectors.access_event(user=request.user, event_id=event_id)
    body = ics.event_ics(event, url=event_page_url(event), now=timezone.now())
    return _ics_response(body, f"event-{event.pk}.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest) -> HttpResponse:
    """Your calendar address: create it, copy it into a calendar app, revoke it."""
    person = person_of(request.user)
    if request.method == "POST":
        if person is None:
            return HttpResponseBadRequest(NO_PERSON)
        action = request.POST.get("action")
        if action == "create":
            calendar_feed_create(person=person)
            messages.success(request, FEED_CREATED)
        elif action == "revoke":
            calendar_feed_revoke(person=person)
            messages.success(request, FEED_REVOKED)
        else:
            return HttpResponseBadRequest("Choose to create or revoke your calendar address.")
        return redirect("events:calendar")
    feed = CalendarFeed.objects.filter(person=person).first() if person else None
    feed_url = site_url(reverse("events:feed", args=[feed.token])) if feed else ""
    context = {
        "person": person,
        "feed": feed,
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://", 1).replace(
            "http://", "webcal://", 1
        ),
        "past_days": FEED_PAST_DAYS,
    }
    return render(request, "events/calendar/calendar.html", context)


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's confirmed events as iCalendar, at their secret address: no sign-in
    (calendar apps cannot sign in), 404 for an unknown or revoked address."""
    now = timezone.now()
    events = calendar_feed_events(token=token, now=now)
    if events is None:
        raise Http404(FEED_NOT_FOUND)
    body = ics.calendar_ics(events, url_for=event_page_url, now=now, name=FEED_NAME)
    return _ics_response(body, "mathshubs-events.ics")


urlpatterns = [
    path("events/<id:event_id>/calendar.ics", event_ics, name="ics"),
    path("account/calendar/", calendar_page, name="calendar"),
    path("calendar/<slug:token>.ics", feed, name="feed"),
]
