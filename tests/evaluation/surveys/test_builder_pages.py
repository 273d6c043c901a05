"""The national team's pages: templates, a version with its sections and questions,
publishing, a new version, running a survey; refused (403) to everyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mathshubs.evaluation.surveys.models import (
    Survey,
    SurveyQuestion,
    SurveySection,
    SurveyTemplate,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.services.builder import PUBLISHED_IS_FIXED
from tests.conftest import client_for
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


def _draft():
    return sf.TemplateVersionFactory(status=VersionStatus.DRAFT, published_at=None)


def test_a_template_is_created_and_its_draft_is_built_section_by_question(cast):
    client = client_for(cast.nadia)
    made = client.post(
        reverse("evaluation:survey_template_create"), {"title": "Participant survey"}
    )
    version = TemplateVersion.objects.get(template__title="Participant survey")
    assert made["Location"] == reverse("evaluation:survey_version", args=[version.pk])
    client.post(reverse("evaluation:survey_section_add", args=[version.pk]), {"title": "About you"})
    section = SurveySection.objects.get(version=version)
    added = client.post(
        reverse("evaluation:survey_question_add", args=[section.pk]),
        {
            "text": "How confident are you?",
            "kind": "likert",
            "required": "yes",
            "options": "Not at all\nA little\nVery",
            "repeated": "on",
            "item_key": "confidence",
            "condition": "always",
        },
    )
    assert added.status_code == 302
    question = SurveyQuestion.objects.get(section=section)
    assert (question.kind, question.repeated, len(question.options)) == ("likert", True, 3)
    page = client.get(reverse("evaluation:survey_version", args=[version.pk])).content.decode()
    assert "How confident are you?" in page and "confidence" in page
    client.post(reverse("evaluation:survey_version_publish", args=[version.pk]))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_a_question_form_with_errors_keeps_what_was_typed_in_an_error_summary(cast):
    section = sf.SurveySectionFactory(version=_draft())
    page = client_for(cast.nadia).post(
        reverse("evaluation:survey_question_add", args=[section.pk]),
        {
            "text": "Which phase?",
            "kind": "single",
            "required": "yes",
            "options": "Primary",
            "condition": "always",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and "govuk-error-summary" in html
    assert "Give at least two answers to choose from" in html
    assert 'value="Which phase?"' in html and ">Primary</textarea>" in html
    assert not SurveyQuestion.objects.exists()


def test_a_published_versions_edit_pages_send_back_with_the_reason_and_change_nothing(cast, q):
    client = client_for(cast.nadia)
    version_page = reverse("evaluation:survey_version", args=[q.version.pk])
    attempts = [
        ("get", reverse("evaluation:survey_section_add", args=[q.version.pk]), {}),
        ("post", reverse("evaluation:survey_section_add", args=[q.version.pk]), {"title": "New"}),
        (
            "post",
            reverse("evaluation:survey_section_edit", args=[q.about.pk]),
            {"title": "Renamed"},
        ),
        ("post", reverse("evaluation:survey_section_delete", args=[q.more.pk]), {}),
        (
            "post",
            reverse("evaluation:survey_question_edit", args=[q.role.pk]),
            {"text": "Changed", "kind": "text", "required": "yes", "condition": "always"},
        ),
        ("post", reverse("evaluation:survey_question_delete", args=[q.comments.pk]), {}),
        (
            "post",
            reverse("evaluation:survey_question_add", args=[q.about.pk]),
            {"text": "More", "kind": "text", "required": "yes", "condition": "always"},
        ),
        (
            "post",
            reverse("evaluation:survey_question_move", args=[q.years.pk]),
            {"direction": "up"},
        ),
        ("post", reverse("evaluation:survey_section_move", args=[q.more.pk]), {"direction": "up"}),
        ("post", reverse("evaluation:survey_version_publish", args=[q.version.pk]), {}),
    ]
    for method, url, data in attempts:
        answer = getattr(client, method)(url, data, follow=True)
        assert answer.redirect_chain[-1][0] == version_page, url
        assert PUBLISHED_IS_FIXED in answer.content.decode(), url
    q.role.refresh_from_db()
    assert q.role.text == "What is your role?" and q.version.sections.count() == 3
    assert list(q.version.sections.values_list("title", flat=True)) == [
        "About you",
        "Your confidence",
        "More about you",
    ]


def test_make_a_new_version_opens_its_draft(cast, q):
    answer = client_for(cast.nadia).post(
        reverse("evaluation:survey_version_new", args=[q.version.pk])
    )
    draft = TemplateVersion.objects.get(status=VersionStatus.DRAFT)
    assert answer["Location"] == reverse("evaluation:survey_version", args=[draft.pk])
    assert draft.sections.count() == 3


def test_a_survey_is_run_from_the_form(cast, q):
    client = client_for(cast.nadia)
    form = client.get(reverse("evaluation:survey_create")).content.decode()
    assert f'value="{q.version.pk}"' in form
    answer = client.post(
        reverse("evaluation:survey_create"),
        {
            "version": q.version.pk,
            "audience": "autumn",
            "academic_year": "2023",
            "ncp": cast.mastery_readiness.code,
            "opens_on_day": "2",
            "opens_on_month": "10",
            "opens_on_year": "2023",
            "closes_on_day": "20",
            "closes_on_month": "10",
            "closes_on_year": "2023",
            "pseudonymous": "yes",
            "title": "",
        },
    )
    assert answer["Location"] == reverse("evaluation:survey_list")
    survey = Survey.objects.get()
    assert survey.series.ncp == cast.mastery_readiness and survey.pseudonymous
    listing = client.get(reverse("evaluation:survey_list")).content.decode()
    assert "NCP23-08" in listing and "2023/24" in listing and "Pseudonymous" in listing


def test_the_survey_form_keeps_what_was_typed_beside_the_errors(cast, q):
    answer = client_for(cast.nadia).post(
        reverse("evaluation:survey_create"),
        {
            "version": q.version.pk,
            "audience": "summer",
            "academic_year": "2023",
            "opens_on_day": "31",
            "opens_on_month": "2",
            "opens_on_year": "2024",
            "pseudonymous": "yes",
        },
    )
    html = answer.content.decode()
    assert "The date must be a real date" in html and "Enter the date" in html
    assert 'value="31"' in html and not Survey.objects.exists()


NATIONAL_PAGES = [
    ("evaluation:survey_template_list", lambda q: []),
    ("evaluation:survey_template_create", lambda q: []),
    ("evaluation:survey_list", lambda q: []),
    ("evaluation:survey_create", lambda q: []),
    ("evaluation:survey_version", lambda q: [q.version.pk]),
    ("evaluation:survey_version_publish", lambda q: [q.version.pk]),
    ("evaluation:survey_section_add", lambda q: [q.version.pk]),
    ("evaluation:survey_section_edit", lambda q: [q.about.pk]),
    ("evaluation:survey_section_delete", lambda q: [q.about.pk]),
    ("evaluation:survey_question_add", lambda q: [q.about.pk]),
    ("evaluation:survey_question_edit", lambda q: [q.role.pk]),
    ("evaluation:survey_question_delete", lambda q: [q.role.pk]),
]
POST_ONLY = [
    ("evaluation:survey_version_new", lambda q: [q.version.pk]),
    ("evaluation:survey_section_move", lambda q: [q.about.pk]),
    ("evaluation:survey_question_move", lambda q: [q.role.pk]),
]


@pytest.mark.parametrize("persona", ["pat", "leo", "harriet", "simon"])
def test_a_national_team_page_is_refused_to_everyone_else(cast, q, persona):
    client = client_for(getattr(cast, persona))
    for name, args in NATIONAL_PAGES:
        url = reverse(name, args=args(q))
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Mine"}).status_code == 403, url
    for name, args in POST_ONLY:
        assert client.post(reverse(name, args=args(q))).status_code == 403
    assert SurveyTemplate.objects.count() == 1 and not Survey.objects.exists()
    assert TemplateVersion.objects.count() == 1


def test_the_template_list_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for _ in range(5):
        sf.questionnaire()
    client = client_for(cast.nadia)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("evaluation:survey_template_list")).status_code == 200
