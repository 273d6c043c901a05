"""The fuzz run's world: the small demo, built once per session, a personal API token for
each signed-in identity, and real references for the path parameters (RECORDS).

Each test then runs in a transaction that is rolled back, so a fuzzed write (an erased
person, a cancelled event) never leaks into the next operation's run.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from mathshubs.accounts.models import User
from mathshubs.accounts.services import api_token_create
from mathshubs.activities.models import Activity, ActivitySchool, Participation
from mathshubs.catalogue.models import NCP
from mathshubs.collaboration.models import Comment, DocumentVersion, Thread
from mathshubs.demo.people import (
    DEMO_HUB_SLUG,
    HUB_EMAIL,
    LLME_EMAIL,
    NATIONAL_EMAIL,
    PARTICIPANT_EMAIL,
)
from mathshubs.directory.models import Hub, Institution
from mathshubs.evaluation.models import HappiSection, HappiVersion
from mathshubs.evaluation.surveys.models import SurveyCompletion, SurveySection
from mathshubs.events.models import Event
from mathshubs.reporting.definitions import DEFINITIONS

EMAILS = {
    "participant": PARTICIPANT_EMAIL,
    "llme": LLME_EMAIL,
    "hub": HUB_EMAIL,
    "national": NATIONAL_EMAIL,
}
TOKENS: dict[str, str] = {}
# Each record names objects that belong together (a space, one of its threads, one of
# that thread's comments), so an operation with several path parameters gets a real
# combination: the fuzz test offers it beside the generated values.
RECORDS: list[dict[str, Any]] = []


def _records(people: dict[str, User]) -> list[dict[str, Any]]:
    participant = people["participant"].person
    llme = people["llme"].person
    hub = Hub.objects.get(slug=DEMO_HUB_SLUG)
    other_hub = Hub.objects.exclude(pk=hub.pk).first()
    activities = [
        *Activity.objects.filter(participations__person=participant)[:1],
        *Activity.objects.filter(leads=llme)[:2],
        *Activity.objects.filter(hub=other_hub)[:1],
    ]
    records: list[dict[str, Any]] = []
    for activity in activities:
        records.append({"activity_id": activity.pk})
        for school in ActivitySchool.objects.filter(activity=activity)[:1]:
            records.append({"activity_id": activity.pk, "urn": school.institution.urn})
        for row in Participation.objects.filter(activity=activity)[:1]:
            records.append({"activity_id": activity.pk, "person_id": row.person_id})
        for lead in activity.leads.all()[:1]:
            records.append({"activity_id": activity.pk, "person_id": lead.pk})
        for section in HappiSection.objects.filter(form__activity=activity)[:3]:
            records.append({"activity_id": activity.pk, "kind": section.kind})
        for version in HappiVersion.objects.filter(section__form__activity=activity)[:2]:
            records.append(
                {"activity_id": activity.pk, "kind": version.section.kind, "number": version.number}
            )
    for done in SurveyCompletion.objects.filter(activity__in=activities)[:3]:
        for section in SurveySection.objects.filter(version__surveys=done.survey_id)[:1]:
            records.append(
                {
                    "survey_id": done.survey_id,
                    "activity_id": done.activity_id,
                    "section_id": section.pk,
                }
            )
    for event in [
        *Event.objects.filter(registrations__person=participant)[:2],
        *Event.objects.filter(hub=hub)[:2],
        *Event.objects.filter(hub=other_hub)[:1],
    ]:
        records.append({"event_id": event.pk})
    for comment in Comment.objects.filter(thread__space__hub=hub)[:2]:
        thread = comment.thread
        records.append(
            {"space_id": thread.space_id, "thread_id": thread.pk, "comment_id": comment.pk}
        )
    for thread in Thread.objects.exclude(space__hub=hub)[:1]:
        records.append({"space_id": thread.space_id, "thread_id": thread.pk})
    for version in DocumentVersion.objects.select_related("document")[:2]:
        document = version.document
        records.append(
            {"space_id": document.space_id, "document_id": document.pk, "number": version.number}
        )
    for ncp in NCP.objects.select_related("year").exclude(code="").order_by("-pk")[:2]:
        start = ncp.year.start_year
        for year in (f"{start}-{str(start + 1)[2:]}", f"{start}/{str(start + 1)[2:]}"):
            records.append({"year": year, "slug": ncp.slug, "code": ncp.code})
    for definition in DEFINITIONS[:3]:
        records.append({"key": definition.key, "year": "2022-23"})
    for ref in (hub.slug, str(hub.pk), other_hub.slug):
        records.append({"ref": ref, "hub": ref, "hub_ref": ref})
    for institution in Institution.objects.filter(hub=hub)[:2]:
        records.append({"urn": institution.urn})
    for user in people.values():
        records.append({"person_id": user.person_id})
    return records


def pytest_ignore_collect(collection_path, config):
    """Collected only when asked for (`pytest -m fuzz`, as `make fuzz` does): the module
    loads the API's document and builds a demo, which `make test` has no use for."""
    wanted = config.getoption("markexpr") or ""
    if collection_path.name == "test_api_fuzz.py" and (
        "fuzz" not in wanted or "not fuzz" in wanted
    ):
        return True
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        call_command("demo", scale="small", verbosity=0)
        people = {name: User.objects.get(email=email) for name, email in EMAILS.items()}
        for name, user in people.items():
            TOKENS[name] = api_token_create(user=user, name="fuzz").secret
        RECORDS[:] = _records(people)


@pytest.fixture(scope="session", autouse=True)
def _keep_the_test_connection():
    # The requests go straight to Django's WSGI handler, which closes the database
    # connection after each one; the test's transaction lives on that connection
    # (Django's own test client disconnects these for the same reason).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def pytest_terminal_summary(terminalreporter):
    from tests.fuzz.test_api_fuzz import EXAMPLES, IDENTITIES, SEED, TALLY

    ran = [
        report
        for key in ("passed", "failed")
        for report in terminalreporter.stats.get(key, [])
        if report.when == "call" and "test_api_fuzz" in report.nodeid
    ]
    if not ran:
        return
    failed = sum(1 for report in ran if report.failed)
    operations = {report.nodeid.split("[", 1)[1].rsplit("][", 1)[0] for report in ran}
    statuses = ", ".join(f"{TALLY[key]:,} {key}" for key in ("2xx", "3xx", "4xx", "5xx"))
    terminalreporter.write_sep("=", "API fuzzing")
    terminalreporter.write_line(
        f"{len(operations)} operations x {len(IDENTITIES)} identities: {len(ran)} runs, "
        f"up to {EXAMPLES} examples each (seed {SEED}); {TALLY['requests']:,} requests "
        f"({statuses}); {failed} runs failed"
    )
