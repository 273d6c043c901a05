"""Zebedee Quixotic: a participant of Leo's Work Group in the North hub with a little of
everything the platform holds about a person, under names nobody else has, so a search
of every table for them means something."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mathshubs.accounts.models import CodePurpose, LoginFailure, User, VerificationCode
from mathshubs.accounts.services import api_token_create
from mathshubs.collaboration import documents, services
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import Frequency, NotificationSetting, SpaceKind
from mathshubs.dates import LONDON
from mathshubs.directory.models import EmailChange, Role
from mathshubs.evaluation.models import (
    HappiAttachment,
    IdentifiedResponse,
    PseudonymousResponse,
    SurveyCompletion,
)
from mathshubs.evaluation.services import happi_create
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.events.models import (
    AttendanceImport,
    CalendarFeed,
    EventComment,
    EventDocument,
    EventFormat,
    Registration,
    RegistrationStatus,
)
from tests import factories as f
from tests.conftest import PASSWORD
from tests.evaluation.surveys import factories as sf

FIRST, LAST = "Zebedee", "Quixotic"
EMAIL = "zebedee.quixotic@north.example"
OLD_EMAIL = "zq.formerly@north.example"
WORDS = [FIRST, LAST, "zebedee.quixotic", "zq.formerly"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@dataclass
class Held:
    person: Any
    user: User
    token: str
    event: Any
    registration: Registration
    space: Any
    files: list[str]
    client: Client


def _upload(name: str, body: bytes = b"a,b\n1,2\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="text/csv")


@pytest.fixture
def zeb(cast) -> Held:
    person = f.PersonFactory(
        first_name=FIRST, last_name=LAST, email=EMAIL, institution=cast.north_school
    )
    f.RoleAssignmentFactory(
        person=person, role=Role.PARTICIPANT, hub=cast.north, academic_year=2023
    )
    f.ParticipationFactory(activity=cast.activity, person=person, institution=cast.north_school)
    user = User(email=EMAIL, person=person)
    user.set_password(PASSWORD)
    user.save()
    EmailChange.objects.create(person=person, old_email=OLD_EMAIL, new_email=EMAIL)
    token = api_token_create(user=user, name="My spreadsheet").secret
    VerificationCode.objects.create(
        email=EMAIL,
        purpose=CodePurpose.RESET_PASSWORD,
        code_hash="0" * 64,
        expires_at=dt.datetime(2030, 1, 1, tzinfo=LONDON),
    )
    LoginFailure.objects.create(email=EMAIL)

    event = f.EventFactory(
        activity=cast.activity,
        format=EventFormat.FACE_TO_FACE,
        contact_name=f"{FIRST} {LAST}",
        contact_email=EMAIL,
    )
    registration = Registration.objects.create(
        event=event,
        person=person,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=event.starts_at - dt.timedelta(days=20),
        dietary_requirements="No nuts for Zebedee",
        access_requirements="Step-free access",
        link_token="tok-zebedee",
        attended=True,
        minutes_attended=85,
        attendance_source="report",
    )
    EventComment.objects.create(event=event, author=person, body="Zebedee will bring biscuits")
    event_doc = EventDocument.objects.create(
        event=event, title="My notes", file=_upload("zq-notes.csv"), uploaded_by=person
    )
    CalendarFeed.objects.create(person=person, token="feed-token-zebedee")
    AttendanceImport.objects.create(
        event=event,
        filename="report.csv",
        rows=2,
        matched=1,
        unmatched=[
            {"name": "Zebedee Q", "email": EMAIL, "minutes": 3},
            {"name": "Someone Else", "email": "else@x.example", "minutes": 5},
        ],
    )

    questionnaire = sf.questionnaire()
    identified = sf.SurveyFactory(version=questionnaire.version, pseudonymous=False, title="Named")
    IdentifiedResponse.objects.create(
        survey=identified,
        activity=cast.activity,
        person=person,
        answers={"q1": "yes", "q2": "Zebedee Quixotic found it useful"},
        submitted=True,
        submitted_at=dt.datetime(2023, 10, 5, 10, 0, tzinfo=LONDON),
    )
    SurveyCompletion.objects.create(
        survey=identified, activity=cast.activity, person=person, submitted_on=dt.date(2023, 10, 5)
    )
    pseudonymous = sf.SurveyFactory(
        version=questionnaire.version, title="Unnamed", audience="summer", series=identified.series
    )
    PseudonymousResponse.objects.create(
        survey=pseudonymous,
        activity=cast.activity,
        pseudonym=pseudonym_of(series_secret=identified.series.secret, person_id=person.pk),
        answers={"q1": "no"},
        submitted=True,
    )

    form = happi_create(activity=cast.activity, by=cast.leo)
    attachment = HappiAttachment.objects.create(
        section=form.sections.first(),
        title="Evidence",
        file=_upload("zq-evidence.csv"),
        uploaded_by=person,
    )

    space = next(s for s in spaces_for(cast.leo, 2023) if s.kind == SpaceKind.ACTIVITY)
    thread = services.thread_post(
        user=user, space=space, title="Zebedee's question", text="Hello from Zebedee"
    )
    services.comment_post(user=user, thread=thread, text="Thanks, Zebedee Quixotic here")
    services.comment_post(user=cast.leo, thread=thread, text="Welcome @Zebedee Quixotic")
    document = documents.document_upload(
        user=user, space=space, title="Shared plan", upload=_upload("zq-plan.csv")
    )
    documents.version_upload(user=cast.leo, document=document, upload=_upload("leo-plan.csv"))
    NotificationSetting.objects.create(person=person, space=None, frequency=Frequency.EACH)

    version = document.versions.get(number=1)
    client = Client()
    client.force_login(user)
    return Held(
        person=person,
        user=user,
        token=token,
        event=event,
        registration=registration,
        space=space,
        files=[event_doc.file.path, attachment.file.path, version.file.path],
        client=client,
    )
