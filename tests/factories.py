"""Factories for volume; the named personas in conftest.py for roles."""

from __future__ import annotations

import datetime

import factory

from mathshubs.accounts.models import User
from mathshubs.activities.models import Activity, ActivitySchool, ActivityType, Participation
from mathshubs.catalogue.models import NCP, AcademicYear, NCPType
from mathshubs.dates import LONDON
from mathshubs.directory.models import (
    Hub,
    HubArea,
    Institution,
    LocalAuthority,
    Person,
    Phase,
    RoleAssignment,
)
from mathshubs.events.models import Event, EventFormat
from mathshubs.reporting.models import ExportKind, ExportStatus, ReportExport


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{800 + n % 199:03d}")
    name = factory.Sequence(lambda n: f"Authority {n}")
    region_name = "North West"


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Test {n} Maths Hub")
    slug = factory.Sequence(lambda n: f"test-{n}")
    region = "North West"
    email = factory.Sequence(lambda n: f"hub{n}@hub.example")


class HubAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubArea

    hub = factory.SubFactory(HubFactory)
    local_authority = factory.SubFactory(LocalAuthorityFactory)


def norfolk_split(*, norfolk, angles, cambridge) -> None:
    """Norfolk as the programme splits it (shared/data/HUBS.md): King's Lynn and West
    Norfolk to the Cambridge hub, Breckland and Norwich to Angles."""
    for code, name in (("E07000143", "Breckland"), ("E07000148", "Norwich")):
        HubAreaFactory(hub=angles, local_authority=norfolk, district_code=code, district_name=name)
    HubAreaFactory(
        hub=cambridge,
        local_authority=norfolk,
        district_code="E07000146",
        district_name="King's Lynn and West Norfolk",
    )


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    urn = factory.Sequence(lambda n: 900000 + n)
    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    search_name = factory.LazyAttribute(lambda o: o.name.lower())
    phase = Phase.PRIMARY
    establishment_type = "Community school"
    postcode = "M1 1AA"
    postcode_key = "M11AA"
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.Sequence(lambda n: f"person{n}@school.example")
    institution = factory.SubFactory(InstitutionFactory)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    role = "participant"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    person = factory.SubFactory(PersonFactory)
    email = factory.LazyAttribute(lambda o: o.person.email.lower())
    password = factory.django.Password("correct-horse-battery")


MASTERY_READINESS_CRITERIA = [
    {"key": "not_in_tfm", "label": "Not previously in a TfM Work Group", "essential": True},
    {"key": "ofsted_ri", "label": "Latest Ofsted judgement RI or Inadequate", "essential": False},
    {"key": "poor_data", "label": "Poor maths progress or attainment", "essential": False},
    {"key": "la_identified", "label": "Identified by the local authority", "essential": False},
]


class AcademicYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ("start_year",)

    start_year = 2023
    source = "Test catalogue"


class NCPFactory(factory.django.DjangoModelFactory):
    """Mastery Readiness-like by default: a model of 5 to 8 schools, a model-size grant."""

    class Meta:
        model = NCP

    year = factory.SubFactory(AcademicYearFactory)
    number = factory.Sequence(lambda n: 40 + n % 50)
    suffix = ""
    code = factory.LazyAttribute(
        lambda o: f"NCP{o.year.start_year % 100:02d}-{o.number:02d}{o.suffix}"
    )
    title = factory.Sequence(lambda n: f"Test Project {n} Work Groups")
    phases = factory.LazyFunction(lambda: ["primary"])
    ncp_type = NCPType.WORK_GROUP
    required = True
    model = "A minimum of five and a maximum of eight schools."
    model_min_schools = 5
    model_max_schools = 8
    model_size = 7
    participant_criteria = factory.LazyFunction(lambda: list(MASTERY_READINESS_CRITERIA))
    criteria_minimum_other = 1
    finances = factory.LazyFunction(
        lambda: {
            "roles": [],
            "rules": [
                {
                    "kind": "model_size",
                    "label": "Work Group grant",
                    "text": "GBP 14,150 for seven schools, adjusted by GBP 1,000 a school.",
                    "funder": "hub_core_grant",
                    "roles": [],
                    "base_amount": "14150",
                    "base_schools": 7,
                    "per_school_above": "1000",
                    "per_school_below": "1000",
                }
            ],
            "notes": [],
        }
    )


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    hub = factory.SubFactory(HubFactory)
    academic_year = 2023
    title = factory.Sequence(lambda n: f"Mastery Readiness Work Group {n}")
    activity_type = ActivityType.WORK_GROUP


class ActivitySchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivitySchool

    activity = factory.SubFactory(ActivityFactory)
    institution = factory.SubFactory(InstitutionFactory)
    enrolled_on = datetime.date(2023, 9, 15)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)
    institution = factory.LazyAttribute(lambda o: o.person.institution)


class EventFactory(factory.django.DjangoModelFactory):
    """An online Work Group session on Thursday 7 March 2024, 16:00 to 17:30 in London."""

    class Meta:
        model = Event

    activity = factory.SubFactory(ActivityFactory)
    hub = factory.LazyAttribute(lambda o: o.activity.hub if o.activity else None)
    title = factory.Sequence(lambda n: f"Work Group meeting {n}")
    starts_at = datetime.datetime(2024, 3, 7, 16, 0, tzinfo=LONDON)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))
    format = EventFormat.ONLINE


class ReportExportFactory(factory.django.DjangoModelFactory):
    """The national report's PDF for England, 2023/24, part-way through being made."""

    class Meta:
        model = ReportExport

    requested_by = factory.SubFactory(UserFactory)
    kind = ExportKind.REPORT_PDF
    academic_year = 2023
    scope_label = "England"
    status = ExportStatus.RUNNING
    steps = 4
    stage = "Counting the figures"
