"""The demo's HAPPI forms (ISSUE 10, part 7): every state, versions behind every submitted
section, and something to do for each sign-in."""

from __future__ import annotations

import pytest

from mathshubs.activities.models import Activity
from mathshubs.demo.builder import HUB_EMAIL, LLME_EMAIL, demo_build
from mathshubs.directory.models import Person
from mathshubs.evaluation import content
from mathshubs.evaluation.models import HappiForm, HappiSection, HappiVersion, SectionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(db):
    return demo_build(scale="small", seed=1, say=lambda _line: None)


def test_the_demo_has_forms_in_every_state_with_their_versions(small):
    statuses = set(HappiSection.objects.values_list("status", flat=True))
    assert statuses == set(SectionStatus.values)
    assert Activity.objects.exclude(happi__isnull=False).exists()  # some not created yet
    for section in HappiSection.objects.filter(
        status__in=[SectionStatus.SUBMITTED, SectionStatus.RETURNED, SectionStatus.ACCEPTED]
    ).prefetch_related("versions")[:300]:
        versions = list(section.versions.all())
        assert versions, section
        assert versions[-1].review == ("" if section.status == "submitted" else section.status)
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))


def test_every_submitted_plan_could_have_been_submitted(small):
    for version in HappiVersion.objects.filter(section__kind="plan").select_related("section")[
        :300
    ]:
        assert content.problems("plan", version.content, {}) == {}


def test_the_demo_llme_has_a_plan_waiting_one_returned_and_a_form_to_create(small):
    llme = Person.objects.get(email=LLME_EMAIL)
    led = Activity.objects.filter(leads=llme, academic_year=2023).order_by("pk")
    plans = list(
        HappiSection.objects.filter(form__activity__in=led, kind="plan").values_list(
            "status", flat=True
        )
    )
    assert "submitted" in plans and "returned" in plans
    assert led.count() > HappiForm.objects.filter(activity__in=led).count()
    hub_lead = Person.objects.get(email=HUB_EMAIL)
    reviewed = HappiVersion.objects.filter(section__form__activity__in=led, review="returned")
    assert set(reviewed.values_list("reviewed_by", flat=True)) == {hub_lead.pk}
