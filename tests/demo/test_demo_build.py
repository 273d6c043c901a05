"""The demo builder: deterministic from its seed, four working sign-ins, demo data only."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from mathshubs.accounts.models import User
from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    DevelopmentProgramme,
    EnrolmentStatus,
    LLMEExpertise,
    Participation,
)
from mathshubs.catalogue.models import NCP, AcademicYear
from mathshubs.demo import builder
from mathshubs.demo.builder import (
    DEMO_HUB_SLUG,
    DEMO_PASSWORD,
    HUB_EMAIL,
    LLME_EMAIL,
    NATIONAL_EMAIL,
    PARTICIPANT_EMAIL,
    demo_build,
)
from mathshubs.directory.models import (
    LLME_ROLES,
    Hub,
    Institution,
    Person,
    Role,
    RoleAssignment,
)
from mathshubs.events.models import Event
from mathshubs.reporting.figures import national_figures
from tests import factories as f

pytestmark = pytest.mark.django_db

SIGN_INS = [NATIONAL_EMAIL, HUB_EMAIL, LLME_EMAIL, PARTICIPANT_EMAIL]


def _quiet(_line: str) -> None:
    pass


def _snapshot() -> tuple[list[str], list[int], list[tuple[str, str]]]:
    return (
        sorted(Person.objects.values_list("email", flat=True)),
        sorted(Institution.objects.values_list("urn", flat=True)),
        sorted(Activity.objects.values_list("hub__slug", "title")),
    )


def test_the_small_demo_is_the_same_for_the_same_seed():
    demo_build(scale="small", seed=7, say=_quiet)
    first = _snapshot()
    demo_build(scale="small", seed=7, say=_quiet)
    assert _snapshot() == first
    demo_build(scale="small", seed=8, say=_quiet)
    assert _snapshot()[0] != first[0]


def test_the_small_demo_is_a_few_hubs_of_real_schools_and_invented_people():
    report = demo_build(scale="small", seed=1, say=_quiet)
    assert Hub.objects.count() == 40
    served = set(Institution.objects.values_list("hub__slug", flat=True))
    assert served == {DEMO_HUB_SLUG, "cambridge", "north-mids"}
    census = Institution.objects.filter(source="spc")
    assert 250 <= census.count() <= 300
    assert 300 <= Person.objects.count() <= 2000
    assert report.counts["directory_person"] == Person.objects.count()
    assert set(Institution.objects.values_list("source", flat=True)) == {"spc", "demo"}


def test_every_demo_person_is_marked_demo_and_emails_are_unique():
    demo_build(scale="small", seed=1, say=_quiet)
    emails = list(Person.objects.values_list("email", flat=True))
    assert len(emails) == len({e.lower() for e in emails})
    assert not Person.objects.filter(is_demo=False).exists()
    assert all(e.endswith(".demo.test") or e in SIGN_INS for e in emails)


@pytest.mark.parametrize("email", SIGN_INS)
def test_each_demo_sign_in_can_log_in_with_the_demo_password(email):
    demo_build(scale="small", seed=1, say=_quiet)
    assert Client().login(email=email, password=DEMO_PASSWORD)
    assert not Client().login(email=email, password="wrong-password")


def test_the_demo_sign_ins_hold_the_roles_they_are_meant_to_show():
    demo_build(scale="small", seed=1, say=_quiet)
    hub = Hub.objects.get(slug=DEMO_HUB_SLUG)
    people = {u.email: u.person for u in User.objects.select_related("person")}
    assert set(people) == set(SIGN_INS)
    assert RoleAssignment.objects.filter(
        person=people[NATIONAL_EMAIL], role=Role.NATIONAL_TEAM, hub=None
    ).exists()
    assert RoleAssignment.objects.filter(
        person=people[HUB_EMAIL], role=Role.MATHS_HUB_LEAD, hub=hub
    ).exists()
    llme = people[LLME_EMAIL]
    assert RoleAssignment.objects.filter(person=llme, role__in=LLME_ROLES, hub=hub).exists()
    led = Activity.objects.filter(leads=llme, academic_year=2023)
    assert led.count() >= 2 and set(led.values_list("hub", flat=True)) == {hub.pk}
    assert ActivitySchool.objects.filter(activity__in=led, status=EnrolmentStatus.ENROLLED).exists()
    assert Participation.objects.filter(
        person=people[PARTICIPANT_EMAIL], activity__in=led, is_lead_participant=True
    ).exists()
    assert people[PARTICIPANT_EMAIL].institution.hub_id == hub.pk


def test_a_rebuild_replaces_the_previous_demo():
    demo_build(scale="small", seed=1, say=_quiet)
    counts = builder.table_counts()
    demo_build(scale="small", seed=1, say=_quiet)
    assert builder.table_counts() == counts


def test_the_demo_command_refuses_a_database_with_real_people():
    real = f.PersonFactory(email="real.person@school.example")
    with pytest.raises(CommandError) as caught:
        call_command("demo", "--scale", "small")
    assert str(caught.value) == builder.REFUSE_REAL_DATA
    assert Person.objects.filter(pk=real.pk).exists()


def test_the_demo_command_prints_the_counts_the_figures_and_the_sign_ins(capsys):
    call_command("demo", "--scale", "small", "--seed", "3")
    out = capsys.readouterr().out
    assert "directory_institution" in out and "directory_person" in out
    assert "activities_activityschool" in out and "catalogue_ncp" in out
    assert "Demo 2022/23" in out and "Report 2022/23" in out
    for figure in national_figures(2022):
        assert figure.label in out
    assert "6,868" in out and "over 1,500" in out
    for email in SIGN_INS:
        assert email in out
    assert DEMO_PASSWORD in out


def test_people_are_deleted_with_one_plain_delete_only_once_nothing_points_at_them():
    demo_build(scale="small", seed=1, say=_quiet)
    assert builder._unreferenced(Person) is False  # roles, participations, accounts, register
    Participation.objects.all().delete()
    Activity.objects.all().delete()
    User.objects.all().delete()
    RoleAssignment.objects.all().delete()
    LLMEExpertise.objects.all().delete()
    assert builder._unreferenced(Person) is False  # development programmes still
    DevelopmentProgramme.objects.all().delete()
    assert builder._unreferenced(Person) is False  # national events' registrations still
    Event.objects.all().delete()
    assert builder._unreferenced(Person) is True


def test_the_wipe_deletes_the_programme_and_the_catalogues_but_keeps_a_superuser():
    demo_build(scale="small", seed=1, say=_quiet)
    admin = User.objects.create_superuser(email="admin@example.org", password="x-long-pass")
    builder.demo_wipe()
    for model in (
        Activity,
        ActivitySchool,
        Participation,
        LLMEExpertise,
        DevelopmentProgramme,
        NCP,
        AcademicYear,
        Person,
        Institution,
    ):
        assert not model.objects.exists(), model
    assert User.objects.filter(pk=admin.pk).exists()
