"""The national team names a project's Project Leads, who then read its activities' HAPPI
forms in every hub (and write and review nothing)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.evaluation import services
from mathshubs.evaluation.models import ProjectLead
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.test_happi_services import submitted_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(cast):
    person = f.PersonFactory(first_name="Priya", last_name="Project", email="priya@ncetm.example")
    from tests.conftest import _user

    return _user(person)


def test_the_national_team_names_a_project_lead_who_then_reads_the_form(cast, lead):
    submitted_plan(cast)
    url = reverse("evaluation:project_leads", args=[cast.mastery_readiness.code])
    happi = reverse("evaluation:happi", args=[cast.activity.pk])
    assert client_for(lead).get(happi).status_code == 404
    response = client_for(cast.nadia).post(url, {"email": "Priya@NCETM.example"})
    assert response.status_code == 302
    assert ProjectLead.objects.filter(ncp=cast.mastery_readiness, person=lead.person).exists()
    assert client_for(lead).get(happi).status_code == 200
    plan = client_for(lead).get(reverse("evaluation:section", args=[cast.activity.pk, "plan"]))
    assert "Save and submit" not in plan.content.decode() and "Accept" not in plan.content.decode()
    assert (
        client_for(lead)
        .post(reverse("evaluation:review", args=[cast.activity.pk, "plan"]), {"action": "accept"})
        .status_code
        == 403
    )


def test_an_unknown_email_or_a_second_naming_is_refused_by_name_keeping_the_email(cast, lead):
    url = reverse("evaluation:project_leads", args=[cast.mastery_readiness.code])
    nadia = client_for(cast.nadia)
    page = nadia.post(url, {"email": "nobody@nowhere.example"}).content.decode()
    assert "No one with that email is in the directory" in page
    assert 'value="nobody@nowhere.example"' in page
    nadia.post(url, {"email": lead.person.email})
    again = nadia.post(url, {"email": lead.person.email}).content.decode()
    assert "Priya Project is already a Project Lead of" in again


@pytest.mark.parametrize("persona", ["harriet", "leo", "pat", "simon"])
def test_only_the_national_team_names_or_removes_them(cast, lead, persona):
    url = reverse("evaluation:project_leads", args=[cast.mastery_readiness.code])
    client = client_for(getattr(cast, persona))
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": lead.person.email}).status_code == 403
    services.project_lead_add(ncp=cast.mastery_readiness, person=lead.person, by=cast.nadia)
    remove = reverse(
        "evaluation:project_lead_remove", args=[cast.mastery_readiness.code, lead.person.pk]
    )
    assert client.post(remove).status_code == 403
    assert ProjectLead.objects.count() == 1
    client_for(cast.nadia).post(remove)
    assert ProjectLead.objects.count() == 0


def test_the_project_page_links_to_its_project_leads_for_the_national_team_only(cast):
    url = reverse("catalogue:ncp", args=[cast.mastery_readiness.code])
    assert 'id="project-leads-link"' in client_for(cast.nadia).get(url).content.decode()
    assert 'id="project-leads-link"' not in client_for(cast.harriet).get(url).content.decode()
