"""The retention schedule (ISSUE 14, part 2; docs/privacy.md): for each kind of personal
data, with the clock frozen, the record just inside its period stays and the one just past
it goes. Kinds enforced by earlier tasks are tested through those tasks."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile

from mathshubs.accounts.models import CodePurpose, LoginFailure, User, VerificationCode
from mathshubs.dates import LONDON
from mathshubs.directory.models import Role
from mathshubs.evaluation.models import IdentifiedResponse, PseudonymousResponse
from mathshubs.evaluation.surveys.pseudonyms import pseudonym_of
from mathshubs.events.models import AttendanceImport, EventDocument, Registration
from mathshubs.events.tasks import requirements_erase
from mathshubs.ops.schedule import JOBS
from mathshubs.ops.tasks import sessions_clear
from mathshubs.privacy import retention, tasks
from mathshubs.privacy.models import Erasure
from mathshubs.reporting.models import ReportExport
from mathshubs.reporting.tasks import exports_erase
from tests import factories as f
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 9, 0, tzinfo=LONDON)
MINUTE = dt.timedelta(minutes=1)


def _cutoff(kind: str) -> dt.datetime:
    # In UTC, as the code counts: a period over the clock change is whole days of 24 hours.
    return NOW.astimezone(dt.UTC) - dt.timedelta(days=settings.RETENTION[kind])


def _at(moment: dt.datetime, make):
    with time_machine.travel(moment, tick=False):
        return make()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _inside_and_past(kind: str, make):
    """Two records of a kind: made just inside the period, and just past it."""
    cutoff = _cutoff(kind)
    return _at(cutoff + MINUTE, make), _at(cutoff - MINUTE, make)


def _code():
    return VerificationCode.objects.create(
        email="a@school.example",
        purpose=CodePurpose.CREATE_ACCOUNT,
        code_hash="0" * 64,
        expires_at=dt.datetime(2030, 1, 1, tzinfo=LONDON),
    )


def test_verification_codes(db):
    kept, gone = _inside_and_past("verification_codes", _code)
    with time_machine.travel(NOW, tick=False):
        assert retention.verification_codes_delete() == 1
    assert list(VerificationCode.objects.values_list("pk", flat=True)) == [kept.pk]


def test_login_failures(db):
    kept, gone = _inside_and_past(
        "login_failures", lambda: LoginFailure.objects.create(email="a@school.example")
    )
    with time_machine.travel(NOW, tick=False):
        assert retention.login_failures_delete() == 1
    assert list(LoginFailure.objects.values_list("pk", flat=True)) == [kept.pk]


def _registration_of_event_ending(ends_at: dt.datetime, **fields) -> Registration:
    event = f.EventFactory(starts_at=ends_at - dt.timedelta(hours=1), ends_at=ends_at)
    return Registration.objects.create(
        event=event, person=f.PersonFactory(), status="confirmed", **fields
    )


def test_join_link_clicks(db, frozen):
    cutoff = _cutoff("join_link_clicks")
    clicked = {"link_token": "t", "join_url": "https://zoom.example/j/1", "link_clicked_at": NOW}
    kept = _registration_of_event_ending(cutoff + MINUTE, **clicked)
    gone = _registration_of_event_ending(cutoff - MINUTE, **clicked)
    assert retention.join_link_clicks_erase() == 1
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.link_clicked_at is not None and kept.link_token == "t"
    assert (gone.link_clicked_at, gone.link_token, gone.join_url) == (None, "", "")


def test_event_documents(db, frozen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cutoff = _cutoff("event_documents")

    def document(ends_at):
        event = f.EventFactory(starts_at=ends_at - dt.timedelta(hours=1), ends_at=ends_at)
        upload = SimpleUploadedFile("agenda.txt", b"Agenda", content_type="text/plain")
        return EventDocument.objects.create(event=event, title="Agenda", file=upload)

    kept, gone = document(cutoff + MINUTE), document(cutoff - MINUTE)
    assert retention.event_documents_delete() == 1
    assert list(EventDocument.objects.values_list("pk", flat=True)) == [kept.pk]
    assert os.path.exists(kept.file.path) and not os.path.exists(gone.file.path)


def test_attendance_reports(db):
    event = f.EventFactory()
    unmatched = [{"name": "A Person", "email": "a@school.example", "minutes": 4}]
    kept, gone = _inside_and_past(
        "attendance_reports",
        lambda: AttendanceImport.objects.create(
            event=event, filename="r.csv", rows=3, matched=2, unmatched=unmatched
        ),
    )
    with time_machine.travel(NOW, tick=False):
        assert retention.attendance_reports_clear() == 1
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.unmatched == unmatched
    assert (gone.unmatched, gone.rows, gone.matched) == ([], 3, 2)


def test_survey_answers(cast, frozen):
    closes = _cutoff("survey_answers").date()  # just inside: closed on the cutoff's day
    q = sf.questionnaire()
    pat = cast.pat.person

    def surveys(closes_on, year):
        named = sf.SurveyFactory(
            version=q.version,
            pseudonymous=False,
            opens_on=closes_on,
            closes_on=closes_on,
            series=sf.SurveySeriesFactory(academic_year=year),
        )
        autumn = sf.SurveyFactory(
            version=q.version,
            opens_on=closes_on,
            closes_on=closes_on,
            audience="autumn",
            series=sf.SurveySeriesFactory(academic_year=year + 10),
        )
        summer = sf.SurveyFactory(
            version=q.version,
            opens_on=closes_on,
            closes_on=closes_on,
            audience="summer",
            series=autumn.series,
        )
        IdentifiedResponse.objects.create(survey=named, activity=cast.activity, person=pat)
        mine = pseudonym_of(series_secret=autumn.series.secret, person_id=pat.pk)
        for survey in (autumn, summer):
            PseudonymousResponse.objects.create(
                survey=survey, activity=cast.activity, pseudonym=mine
            )
        return named, autumn

    kept_named, kept_series = surveys(closes, 2023)
    gone_named, gone_series = surveys(closes - dt.timedelta(days=1), 2024)
    # A series whose autumn closed long ago but whose summer survey closed inside the
    # period waits for its summer survey: its answers must still match.
    waiting_autumn = sf.SurveyFactory(
        version=q.version,
        opens_on=closes - dt.timedelta(days=300),
        closes_on=closes - dt.timedelta(days=300),
        series=sf.SurveySeriesFactory(academic_year=2040),
    )
    sf.SurveyFactory(
        version=q.version,
        audience="summer",
        series=waiting_autumn.series,
        opens_on=closes,
        closes_on=closes,
    )
    waiting = PseudonymousResponse.objects.create(
        survey=waiting_autumn, activity=cast.activity, pseudonym="a" * 64
    )
    assert retention.survey_answers_deidentify() == 3
    assert IdentifiedResponse.objects.get(survey=kept_named).person == pat
    stub = IdentifiedResponse.objects.get(survey=gone_named).person
    assert stub != pat and stub.erasure.reason == "respondent"
    mine = pseudonym_of(series_secret=kept_series.series.secret, person_id=pat.pk)
    assert (
        PseudonymousResponse.objects.filter(
            survey__series=kept_series.series, pseudonym=mine
        ).count()
        == 2
    )
    rekeyed = set(
        PseudonymousResponse.objects.filter(survey__series=gone_series.series).values_list(
            "pseudonym", flat=True
        )
    )
    assert len(rekeyed) == 1 and rekeyed != {
        pseudonym_of(series_secret=gone_series.series.secret, person_id=pat.pk)
    }
    waiting.refresh_from_db()
    assert waiting.pseudonym == "a" * 64
    assert retention.survey_answers_deidentify() == 0  # a second run finds nothing


def test_survey_answers_of_a_series_with_an_identified_survey_stay_matched(cast, frozen):
    """An identified autumn survey and a pseudonymous summer one: results match the pair by
    recomputing the pseudonym of the identified answer's person, so the stub's pseudonym
    replaces the person's."""
    closed = _cutoff("survey_answers").date() - dt.timedelta(days=1)
    q = sf.questionnaire()
    series = sf.SurveySeriesFactory(academic_year=2023)
    autumn = sf.SurveyFactory(
        version=q.version, series=series, pseudonymous=False, opens_on=closed, closes_on=closed
    )
    summer = sf.SurveyFactory(
        version=q.version, series=series, audience="summer", opens_on=closed, closes_on=closed
    )
    pat = cast.pat.person
    IdentifiedResponse.objects.create(survey=autumn, activity=cast.activity, person=pat)
    mine = pseudonym_of(series_secret=series.secret, person_id=pat.pk)
    PseudonymousResponse.objects.create(survey=summer, activity=cast.activity, pseudonym=mine)
    PseudonymousResponse.objects.create(survey=summer, activity=cast.activity, pseudonym="b" * 64)
    retention.survey_answers_deidentify()
    stub = IdentifiedResponse.objects.get(survey=autumn).person
    assert stub != pat
    pseudonyms = set(PseudonymousResponse.objects.values_list("pseudonym", flat=True))
    assert pseudonym_of(series_secret=series.secret, person_id=stub.pk) in pseudonyms
    assert mine not in pseudonyms and "b" * 64 not in pseudonyms


def test_inactive_accounts(cast, frozen):
    cutoff = _cutoff("inactive_accounts")

    def user(last_login, **role):
        person = f.PersonFactory(institution=cast.south_school)
        if role:
            f.RoleAssignmentFactory(person=person, **role)
        account = f.UserFactory(person=person, last_login=last_login)
        User.objects.filter(pk=account.pk).update(date_joined=cutoff - dt.timedelta(days=400))
        return person

    kept = user(cutoff + MINUTE)
    gone = user(cutoff - MINUTE)
    national = user(cutoff - MINUTE, role=Role.NATIONAL_TEAM)  # an ongoing role
    recent = user(cutoff - MINUTE, role=Role.PARTICIPANT, hub=cast.south, academic_year=2025)
    never = user(None)  # made before the cutoff, never signed in
    assert retention.inactive_accounts_erase() == 2
    assert set(Erasure.objects.values_list("person_id", flat=True)) == {gone.pk, never.pk}
    for person in (kept, national, recent):
        person.refresh_from_db()
        assert person.first_name != "Erased"


def test_requirements_by_the_events_task(db, frozen):
    cutoff = _cutoff("requirements")
    kept = _registration_of_event_ending(cutoff + MINUTE, dietary_requirements="Vegan")
    gone = _registration_of_event_ending(cutoff - MINUTE, dietary_requirements="Vegan")
    requirements_erase.call()
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.dietary_requirements, gone.dietary_requirements) == ("Vegan", "")


def test_report_exports_by_the_reporting_task(cast, frozen):
    kept, gone = _inside_and_past(
        "report_exports", lambda: f.ReportExportFactory(requested_by=cast.nadia)
    )
    exports_erase.call()
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [kept.pk]


def test_sessions_by_the_ops_task(db, frozen):
    def session(expires):
        store = SessionStore()
        store["x"] = 1
        store.create()
        Session.objects.filter(pk=store.session_key).update(expire_date=expires)
        return store.session_key

    kept, _gone = session(NOW + MINUTE), session(NOW - MINUTE)
    sessions_clear.call()
    assert list(Session.objects.values_list("pk", flat=True)) == [kept]


def test_one_daily_task_enforces_every_kind_and_every_kind_is_scheduled(db, frozen):
    assert set(tasks.retention_enforce.call()) == set(retention.KINDS)
    scheduled = {job.task: job.every for job in JOBS}
    assert scheduled["mathshubs.privacy.tasks.retention_enforce"] == dt.timedelta(days=1)
    assert set(retention.KINDS_ELSEWHERE.values()) <= set(scheduled)


def test_every_kind_has_a_period_and_a_row_in_the_docs():
    kinds = set(retention.KINDS) | set(retention.KINDS_ELSEWHERE)
    # A session's period is SESSION_COOKIE_AGE, in seconds; every other kind's is in days.
    assert kinds - {"sessions"} == set(settings.RETENTION)
    docs = (Path(__file__).parents[2] / "docs" / "privacy.md").read_text()
    for kind in kinds:
        assert f"`{kind}`" in docs, f"docs/privacy.md has no row for {kind}"
