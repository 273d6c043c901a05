"""Every sensitive field, on every page, export and API answer that could carry it, for
every role: present exactly where its rule says, absent everywhere else (ISSUE 15).

Each field holds a marker nobody could type by chance. For each persona and each address
below the marker must appear exactly when the field's rule (the one predicate the
selectors, pages, exports and API all call) lets that persona read it, and the rule
itself must give the answer written here, so neither a page that forgets the rule nor a
rule that drifts from the programme's can pass.

- Requirements (dietary, access: sensitive personal data) of a hub event: the person
  themselves, the hub's staff, the activity's leads; never the national team, even when
  named as an organiser of that event (ADR 0009).
- Requirements of a national event: the person and the national team (its organisers).
- Why a school withdrew, why a person withdrew, which criteria a school met: the
  activity's organisers (its hub's staff, its leads, the national team); not the other
  schools' participants.
- A HAPPI section's draft, not yet submitted: the activity's leads who write it; the
  hub's staff and the national team read what is submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.activities.rules import can_view_activity_people
from mathshubs.dates import LONDON
from mathshubs.directory.rules import is_self
from mathshubs.evaluation.rules import can_write_happi
from mathshubs.evaluation.services import happi_create, section_save
from mathshubs.events.models import (
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.rules import can_view_event_requirements
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]
DAY = dt.datetime(2024, 3, 7, 9, 30, tzinfo=LONDON)


@dataclass
class Sensitive:
    field: str
    marker: str
    readers: set[str]  # the personas the programme's rule lets read it
    rule: Any  # (user) -> bool: the predicate the code applies
    addresses: list[str]


def _confirmed(event, person, **requirements) -> Registration:
    return Registration.objects.create(
        event=event,
        person=person,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=DAY - dt.timedelta(days=30),
        **requirements,
    )


@pytest.fixture
def fields(cast) -> list[Sensitive]:
    # A face-to-face session of Leo's Work Group that the national team created, so that
    # Nadia is one of its named organisers: she still must not read its requirements.
    hub_event = f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        starts_at=DAY,
        ends_at=DAY + dt.timedelta(hours=6),
        venue="North Primary",
        address="1 North Road",
    )
    hub_event.organisers.add(cast.nadia.person)
    _confirmed(hub_event, cast.pat.person, dietary_requirements="MARKER-HUB-DIET")
    _confirmed(hub_event, cast.leo.person, access_requirements="MARKER-HUB-ACCESS-LEO")
    national = f.EventFactory(
        activity=None,
        hub=None,
        kind=EventKind.NATIONAL_WORKSHOP,
        ncp=cast.mastery_readiness,
        format=EventFormat.FACE_TO_FACE,
        starts_at=DAY,
        ends_at=DAY + dt.timedelta(hours=6),
        venue="Birmingham",
        address="1 Centre Street",
    )
    national.organisers.add(cast.nadia.person)
    Invitation.objects.create(event=national, person=cast.pat.person)
    _confirmed(national, cast.pat.person, other_requirements="MARKER-NATIONAL-OTHER")

    cast.mastery_readiness.participant_criteria = [
        {"key": "ofsted", "label": "MARKER-CRITERIA", "essential": True}
    ]
    cast.mastery_readiness.save()
    cast.enrolment.criteria_met = ["ofsted"]
    cast.enrolment.save()
    gone = f.InstitutionFactory(name="Gone Primary", hub=cast.north)
    f.ActivitySchoolFactory(
        activity=cast.activity,
        institution=gone,
        status=EnrolmentStatus.WITHDRAWN,
        withdrawn_on=dt.date(2023, 11, 1),
        withdrawal_reason="MARKER-SCHOOL-REASON",
    )
    wendy = f.PersonFactory(first_name="Wendy", institution=cast.north_school)
    f.ParticipationFactory(
        activity=cast.activity,
        person=wendy,
        institution=cast.north_school,
        status=EnrolmentStatus.WITHDRAWN,
        withdrawn_on=dt.date(2023, 12, 1),
        withdrawal_reason="MARKER-PERSON-REASON",
    )

    def requirements_of(event, person):
        return lambda user: bool(is_self(user, person) or can_view_event_requirements(user, event))

    def organisers_of_activity(user):
        return bool(can_view_activity_people(user, cast.activity))

    event_addresses = [
        "/events/{id}/",
        "/events/{id}/requirements.csv",
        "/api/v1/events/{id}",
        "/api/v1/events/{id}/requirements",
        "/api/v1/events/{id}/attendance",
        "/events/?tab=upcoming",
        "/events/?tab=eligible",
        "/events/?tab=organising",
    ]
    activity = cast.activity.pk
    activity_addresses = [
        f"/activities/{activity}/",
        f"/api/v1/activities/{activity}",
        f"/api/v1/activities/{activity}/participants",
        f"/hubs/{cast.north.slug}/activities/2023-24/",
        f"/institutions/{gone.urn}/",
        f"/api/v1/institutions/{gone.urn}/journey",
        f"/hubs/{cast.north.slug}/journey/",
        f"/api/v1/hubs/{cast.north.slug}/journey",
    ]
    organisers = {"nadia", "harriet", "leo"}
    form = happi_create(activity=cast.activity, by=cast.leo)
    section_save(
        section=form.sections.get(kind="plan"),
        raw={"outcomes": [{"text": "MARKER-HAPPI-DRAFT", "evidence": "visits"}]},
        by=cast.leo,
    )
    happi_addresses = [
        f"/activities/{activity}/happi/",
        f"/activities/{activity}/happi/plan/",
        f"/api/v1/activities/{activity}/happi",
        "/happi/forms.csv?year=2023",
        "/api/v1/happi?year=2023",
    ]
    return [
        Sensitive(
            "a HAPPI draft not yet submitted",
            "MARKER-HAPPI-DRAFT",
            {"leo"},
            lambda user: bool(can_write_happi(user, cast.activity)),
            happi_addresses,
        ),
        Sensitive(
            "a hub event's requirements (Pat's)",
            "MARKER-HUB-DIET",
            {"harriet", "leo", "pat"},
            requirements_of(hub_event, cast.pat.person),
            [a.format(id=hub_event.pk) for a in event_addresses],
        ),
        Sensitive(
            "a hub event's requirements (Leo's, an organiser's own)",
            "MARKER-HUB-ACCESS-LEO",
            {"harriet", "leo"},
            requirements_of(hub_event, cast.leo.person),
            [a.format(id=hub_event.pk) for a in event_addresses],
        ),
        Sensitive(
            "a national event's requirements",
            "MARKER-NATIONAL-OTHER",
            {"nadia", "pat"},
            requirements_of(national, cast.pat.person),
            [a.format(id=national.pk) for a in event_addresses],
        ),
        Sensitive(
            "why a school withdrew",
            "MARKER-SCHOOL-REASON",
            organisers,
            organisers_of_activity,
            activity_addresses,
        ),
        Sensitive(
            "why a person withdrew",
            "MARKER-PERSON-REASON",
            organisers,
            organisers_of_activity,
            activity_addresses,
        ),
        Sensitive(
            "the criteria a school met",
            "MARKER-CRITERIA",
            organisers,
            organisers_of_activity,
            [*activity_addresses, f"/institutions/{cast.north_school.urn}/"],
        ),
    ]


def _text(response) -> str:
    return response.content.decode("utf-8", errors="replace")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_sensitive_field_reaches_exactly_the_people_its_rule_allows(cast, fields, persona):
    user = None if persona == "anonymous" else getattr(cast, persona)
    client = client_for(user)
    wrong = []
    for sensitive in fields:
        allowed = persona != "anonymous" and sensitive.rule(user)
        if allowed != (persona in sensitive.readers):
            wrong.append(f"the rule for {sensitive.field} says {allowed} for {persona}")
        seen_somewhere = False
        for address in sensitive.addresses:
            response = client.get(address)
            shown = sensitive.marker in _text(response)
            seen_somewhere |= shown
            if shown and not allowed:
                wrong.append(f"{persona} reads {sensitive.field} at {address}")
        if allowed and not seen_somewhere:
            wrong.append(f"{persona} may read {sensitive.field} but no address shows it")
    assert not wrong, "\n".join(wrong)
