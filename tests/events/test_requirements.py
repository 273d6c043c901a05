"""Requirements (2023/24 handbook, Practicalities: the Requirements tab and its Save button):
face-to-face events only, after confirming, seen by the person, erased after the event."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.html import escape

from mathshubs.dates import LONDON
from mathshubs.events import services
from mathshubs.events.models import EventFormat, Invitation, Registration
from mathshubs.events.selectors import REQUIREMENTS_FORBIDDEN
from mathshubs.ops.schedule import schedule_tick
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 2, 1, 9, 0, tzinfo=LONDON)
DAY = dt.datetime(2024, 3, 7, 9, 30, tzinfo=LONDON)


@pytest.fixture
def day_event(cast):
    return f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        starts_at=DAY,
        ends_at=DAY + dt.timedelta(hours=6),
        venue="North Primary",
    )


def confirmed(event, person):
    return services.registration_confirm(event=event, person=person, now=BEFORE)


def save(event, person, **texts):
    values = {"dietary": "", "access": "", "other": "", **texts}
    return services.requirements_save(event=event, person=person, **values)


def test_a_confirmed_participant_saves_their_requirements(cast, day_event):
    confirmed(day_event, cast.pat.person)
    saved = save(day_event, cast.pat.person, dietary=" Vegetarian ", access="Step-free access")
    saved.refresh_from_db()
    assert (saved.dietary_requirements, saved.access_requirements) == (
        "Vegetarian",
        "Step-free access",
    )


def test_requirements_wait_for_a_confirmation(cast, day_event):
    with pytest.raises(ValidationError, match="Confirm your attendance first"):
        save(day_event, cast.pat.person, dietary="Vegan")


def test_online_events_ask_for_no_requirements(cast):
    online = f.EventFactory(activity=cast.activity)
    confirmed(online, cast.pat.person)
    with pytest.raises(ValidationError, match="face-to-face events only"):
        save(online, cast.pat.person, dietary="Vegan")


def test_by_api_a_person_saves_and_reads_only_their_own(cast, day_event):
    confirmed(day_event, cast.pat.person)
    confirmed(day_event, cast.leo.person)
    url = f"/api/v1/events/{day_event.pk}/requirements"
    saved = client_for(cast.pat).put(url, {"dietary": "Halal"}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["dietary"] == "Halal"
    assert client_for(cast.leo).get(url).json()["dietary"] == ""
    assert client_for(cast.sam).get(url).status_code == 404
    assert client_for(cast.sam).put(url, {}, content_type="application/json").status_code == 404


def test_requirements_are_erased_by_the_schedule_after_the_retention_days(
    cast, day_event, settings
):
    settings.REQUIREMENTS_RETENTION_DAYS = 14
    confirmed(day_event, cast.pat.person)
    save(day_event, cast.pat.person, dietary="Nut allergy", other="Arriving late")
    with time_machine.travel(DAY + dt.timedelta(days=14), tick=False):
        assert services.requirements_erase_due() == 0  # not yet: 14 days after the start
    with time_machine.travel(DAY + dt.timedelta(days=15), tick=False):
        assert "mathshubs.events.tasks.requirements_erase" in schedule_tick()
    row = Registration.objects.get(event=day_event, person=cast.pat.person)
    assert (row.dietary_requirements, row.other_requirements) == ("", "")
    assert row.requirements_erased_at is not None
    assert row.status == "confirmed"  # only the sensitive fields go


def test_the_national_team_never_reads_a_hub_events_requirements_even_as_its_organiser(
    cast, day_event
):
    # ISSUE 15: national@demo.test read them by page and CSV; ADR 0009 says never.
    day_event.organisers.add(cast.nadia.person)  # as when the national team created it
    confirmed(day_event, cast.pat.person)
    save(day_event, cast.pat.person, dietary="Coeliac", access="Hearing loop")
    nadia, harriet = client_for(cast.nadia), client_for(cast.harriet)
    page, csv = f"/events/{day_event.pk}/", f"/events/{day_event.pk}/requirements.csv"
    assert nadia.get(page).status_code == 200
    assert "Coeliac" not in nadia.get(page).content.decode()
    refused = nadia.get(csv)
    assert refused.status_code == 403 and "Coeliac" not in refused.content.decode()
    assert escape(REQUIREMENTS_FORBIDDEN) in refused.content.decode()
    api = nadia.get(f"/api/v1/events/{day_event.pk}/requirements")
    assert "Coeliac" not in api.content.decode()
    # The hub's staff, who organise the day, still have them everywhere.
    assert "Coeliac" in harriet.get(page).content.decode()
    assert "Coeliac" in harriet.get(csv).content.decode("utf-8-sig")


def test_the_national_team_reads_the_requirements_of_a_national_event(cast):
    national = f.EventFactory(
        activity=None,
        hub=None,
        format=EventFormat.FACE_TO_FACE,
        starts_at=DAY,
        ends_at=DAY + dt.timedelta(hours=6),
        venue="Birmingham",
    )
    Invitation.objects.create(event=national, person=cast.pat.person)
    confirmed(national, cast.pat.person)
    save(national, cast.pat.person, dietary="Vegan")
    csv = client_for(cast.nadia).get(f"/events/{national.pk}/requirements.csv")
    assert csv.status_code == 200 and "Vegan" in csv.content.decode("utf-8-sig")
    assert client_for(cast.harriet).get(f"/events/{national.pk}/requirements.csv").status_code in (
        403,
        404,
    )
