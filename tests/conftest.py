"""The cast: a small set of named personas in distinct roles and hubs.

- Nadia: national team
- Harriet: hub staff (Maths Hub Lead) of the North hub
- Leo: LLME, leads a Work Group in the North hub
- Pat: participant in Leo's Work Group (a school in the North hub)
- Sam: participant in the South hub, in nobody's activity Leo leads
- Simon: hub staff of the South hub

Leo's Work Group runs `mastery_readiness` (NCP23-08, a 2023/24 catalogue entry with a
model of 5 to 8 schools and a model-size grant); North Primary is enrolled in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from mathshubs.accounts.models import User
from mathshubs.directory.models import Role
from tests import factories as f

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_cache(settings):
    # The shared cache is a database table (tests/ops/test_cache.py); each test gets an
    # empty in-memory one instead, so rate-limit counters never leak between tests.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@dataclass
class Cast:
    north: object
    south: object
    north_school: object
    south_school: object
    nadia: User
    harriet: User
    leo: User
    pat: User
    sam: User
    simon: User
    activity: object
    mastery_readiness: object
    enrolment: object


def _user(person) -> User:
    user = User(email=person.email.lower(), person=person)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def cast(db) -> Cast:
    north = f.HubFactory(name="North Test Maths Hub", slug="north")
    south = f.HubFactory(name="South Test Maths Hub", slug="south")
    north_la = f.LocalAuthorityFactory(code="301", name="Northshire")
    south_la = f.LocalAuthorityFactory(code="302", name="Southshire")
    f.HubAreaFactory(hub=north, local_authority=north_la)
    f.HubAreaFactory(hub=south, local_authority=south_la)
    north_school = f.InstitutionFactory(name="North Primary", local_authority=north_la, hub=north)
    south_school = f.InstitutionFactory(name="South Primary", local_authority=south_la, hub=south)

    def person(first, last, email, school, role, hub):
        p = f.PersonFactory(first_name=first, last_name=last, email=email, institution=school)
        f.RoleAssignmentFactory(person=p, role=role, hub=hub, academic_year=2023 if hub else None)
        return p

    nadia = person("Nadia", "National", "nadia@national.example", None, Role.NATIONAL_TEAM, None)
    harriet = person(
        "Harriet", "Hub", "harriet@north.example", north_school, Role.MATHS_HUB_LEAD, north
    )
    leo = person("Leo", "Lead", "leo@north.example", north_school, Role.WORK_GROUP_LEAD, north)
    pat = person("Pat", "Participant", "pat@north.example", north_school, Role.PARTICIPANT, north)
    sam = person("Sam", "South", "sam@south.example", south_school, Role.PARTICIPANT, south)
    simon = person(
        "Simon", "Staff", "simon@south.example", south_school, Role.PROJECT_MANAGER, south
    )
    mastery_readiness = f.NCPFactory(
        number=8, title="Mastery Readiness Work Groups", journey_stage="mastery_readiness"
    )
    activity = f.ActivityFactory(
        hub=north,
        title="North Mastery Readiness Work Group",
        ncp=mastery_readiness,
        ncp_code=mastery_readiness.code,
        phase="primary",
    )
    activity.leads.add(leo)
    enrolment = f.ActivitySchoolFactory(activity=activity, institution=north_school)
    f.ParticipationFactory(
        activity=activity, person=pat, institution=north_school, is_lead_participant=True
    )
    return Cast(
        north=north,
        south=south,
        north_school=north_school,
        south_school=south_school,
        nadia=_user(nadia),
        harriet=_user(harriet),
        leo=_user(leo),
        pat=_user(pat),
        sam=_user(sam),
        simon=_user(simon),
        activity=activity,
        mastery_readiness=mastery_readiness,
        enrolment=enrolment,
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
