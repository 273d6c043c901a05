"""The HAPPI pages, reached as the 2023/24 handbook says: Hub Activities → the activity →
"Plan, Progress, and Impact form" → a button that creates the form, then edits it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from mathshubs.evaluation import content, services
from mathshubs.evaluation.models import HappiForm, SectionKind, SectionStatus
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.test_happi_services import PLAN, submitted_plan

pytestmark = pytest.mark.django_db

OUTCOMES = [
    {"category": "Professional learning", "items": ["Deepen understanding of TfM"]},
    {"category": "Practice development", "items": ["Improve lesson design"]},
]


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def national_outcomes(cast):
    cast.mastery_readiness.outcomes = OUTCOMES
    cast.mastery_readiness.save()


def test_the_lead_follows_the_handbooks_path_and_creates_the_form(cast, national_outcomes):
    leo = client_for(cast.leo)
    assert "Hub Activities" in text(leo.get("/"))
    activity_page = text(leo.get(reverse("activities:detail", args=[cast.activity.pk])))
    happi_url = reverse("evaluation:happi", args=[cast.activity.pk])
    assert f'href="{happi_url}">Plan, Progress, and Impact form</a>' in activity_page
    assert "Create the form" in text(leo.get(happi_url))
    created = leo.post(reverse("evaluation:happi_create", args=[cast.activity.pk]))
    assert created.url == reverse("evaluation:section", args=[cast.activity.pk, "plan"])
    page = text(leo.get(happi_url))
    assert "Edit the form" in page and "Create the form" not in page
    assert page.count("Not started") == 3


def test_the_plan_offers_the_national_outcomes_by_category(cast, national_outcomes):
    services.happi_create(activity=cast.activity, by=cast.leo)
    page = text(
        client_for(cast.leo).get(reverse("evaluation:section", args=[cast.activity.pk, "plan"]))
    )
    assert "Professional learning" in page and "Deepen understanding of TfM" in page
    assert "Practice development" in page and "Improve lesson design" in page
    assert escape(content.METHODS["school_visits"]) in page


def post_plan(cast, action, **fields):
    url = reverse("evaluation:section", args=[cast.activity.pk, "plan"])
    return client_for(cast.leo).post(url, {"action": action, **fields})


def test_saving_a_draft_keeps_the_chosen_and_tailored_outcomes(cast, national_outcomes):
    services.happi_create(activity=cast.activity, by=cast.leo)
    response = post_plan(
        cast,
        "save",
        **{"n2-chosen": "1", "n2-text": "Plan lessons in small steps", "n2-evidence": ""},
        **{"new-text": "Pupils talk about maths", "new-evidence": "Pupil voice"},
    )
    assert response.status_code == 302
    plan = HappiForm.objects.get().sections.get(kind="plan")
    assert plan.status == SectionStatus.IN_PROGRESS
    assert [(o["key"], o["source"], o["text"]) for o in plan.draft["outcomes"]] == [
        ("n2", "national", "Plan lessons in small steps"),
        ("o1", "local", "Pupils talk about maths"),
    ]
    assert plan.draft["outcomes"][0]["national"] == "Improve lesson design"


def test_submitting_an_incomplete_plan_lists_what_is_missing_and_keeps_what_was_typed(
    cast, national_outcomes
):
    services.happi_create(activity=cast.activity, by=cast.leo)
    response = post_plan(
        cast, "submit", **{"n1-chosen": "1", "n1-text": "Our words", "n1-evidence": ""}
    )
    page = text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert f'href="#n1-evidence">{content.OUTCOME_EVIDENCE_MISSING.format(n=1)}' in page
    assert f'href="#methods">{content.NO_METHODS}' in page
    assert ">Our words</textarea>" in page
    assert HappiForm.objects.get().sections.get(kind="plan").status == SectionStatus.IN_PROGRESS


def test_a_date_that_is_not_real_keeps_the_whole_update_typed(cast):
    submitted_plan(cast)
    url = reverse("evaluation:section", args=[cast.activity.pk, "progress"])
    response = client_for(cast.leo).post(
        url,
        {
            "action": "save",
            "new-day": "31",
            "new-month": "2",
            "new-year": "2024",
            "new-text": "Second session: bar models",
            "new-outcomes": ["n1"],
        },
    )
    page = text(response)
    assert "The date of update 1 must be a real date" in page
    assert 'value="31"' in page and "Second session: bar models</textarea>" in page
    assert HappiForm.objects.get().sections.get(kind="progress").draft == {"updates": []}


def test_hub_staff_read_the_submission_and_return_it_with_a_comment(cast):
    submitted_plan(cast)
    harriet = client_for(cast.harriet)
    url = reverse("evaluation:section", args=[cast.activity.pk, "plan"])
    page = text(harriet.get(url))
    assert "Teachers in our six schools explain the five big ideas" in page
    assert "Return to the leads" in page and "Save and submit" not in page
    review = reverse("evaluation:review", args=[cast.activity.pk, "plan"])
    refused = text(harriet.post(review, {"action": "return", "comment": ""}))
    assert services.COMMENT_REQUIRED in refused
    harriet.post(review, {"action": "return", "comment": "Add a pupil outcome"})
    lead_page = text(client_for(cast.leo).get(url))
    assert "Add a pupil outcome" in lead_page and "Save and submit" in lead_page


@pytest.mark.parametrize("persona", ["nadia", "leo"])
def test_the_national_team_and_the_lead_cannot_review(cast, persona):
    submitted_plan(cast)
    review = reverse("evaluation:review", args=[cast.activity.pk, "plan"])
    response = client_for(getattr(cast, persona)).post(review, {"action": "accept"})
    assert response.status_code == 403
    assert HappiForm.objects.get().sections.get(kind="plan").status == SectionStatus.SUBMITTED


@pytest.mark.parametrize("persona", ["pat", "sam", "simon"])
def test_a_participant_and_another_hub_never_learn_the_form_exists(cast, persona):
    submitted_plan(cast)
    client = client_for(getattr(cast, persona))
    for url in [
        reverse("evaluation:happi", args=[cast.activity.pk]),
        reverse("evaluation:section", args=[cast.activity.pk, "plan"]),
        reverse("evaluation:version", args=[cast.activity.pk, "plan", 1]),
        reverse("evaluation:compare", args=[cast.activity.pk, "plan"]),
    ]:
        assert client.get(url).status_code == 404, url
    activity_page = text(client.get(reverse("activities:detail", args=[cast.activity.pk])))
    assert "Plan, Progress, and Impact form" not in activity_page


def test_the_compare_page_says_what_changed_between_two_versions(cast):
    _form, plan = submitted_plan(cast)
    services.section_accept(section=plan, by=cast.harriet)
    services.section_save(
        section=plan, raw={**PLAN, "other_method": "Book looks each term"}, by=cast.leo
    )
    services.section_submit(section=plan, by=cast.leo)
    url = reverse("evaluation:compare", args=[cast.activity.pk, "plan"]) + "?from=1&to=2"
    page = text(client_for(cast.nadia).get(url))
    assert (
        "Changed other data collection method: from “Book looks” to “Book looks each term”" in page
    )


def test_evidence_files_download_only_for_the_forms_readers(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form, _plan = submitted_plan(cast)
    impact = form.sections.get(kind=SectionKind.IMPACT)
    pdf = SimpleUploadedFile("visit-notes.pdf", b"%PDF-1.7 notes")
    added = services.attachment_add(section=impact, by=cast.leo, title="Visit notes", file=pdf)
    url = reverse("evaluation:attachment_download", args=[cast.activity.pk, added.pk])
    for persona, status in [
        ("leo", 200),
        ("harriet", 200),
        ("nadia", 200),
        ("pat", 404),
        ("simon", 404),
    ]:
        response = client_for(getattr(cast, persona)).get(url)
        assert response.status_code == status, persona
    response = client_for(cast.harriet).get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_upload_of_the_wrong_kind_is_refused_beside_the_field_keeping_the_title(
    cast, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    submitted_plan(cast)
    url = reverse("evaluation:attachment_upload", args=[cast.activity.pk])
    bad = SimpleUploadedFile("notes.pdf", b"not really a pdf")
    page = text(client_for(cast.leo).post(url, {"title": "Notes from visits", "file": bad}))
    assert 'href="#file">The file' in page and 'value="Notes from visits"' in page


def test_a_project_whose_catalogue_lists_no_outcomes_offers_its_latest_earlier_ones(cast):
    # The 2023/24 handbook lists no outcomes; 2019/20's entry of the same project does.
    earlier = f.NCPFactory(
        year=f.AcademicYearFactory(start_year=2019),
        number=11,
        title=cast.mastery_readiness.title,
        outcomes=OUTCOMES,
    )
    services.happi_create(activity=cast.activity, by=cast.leo)
    url = reverse("evaluation:section", args=[cast.activity.pk, "plan"])
    page = text(client_for(cast.leo).get(url))
    assert "Improve lesson design" in page
    assert f"These are its outcomes in the 2019/20 catalogue ({earlier.code})" in page
