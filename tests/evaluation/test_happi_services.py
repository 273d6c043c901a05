"""The HAPPI form's life (ISSUE 10, part 1): created by the activity's leads, each section
saved as a draft, submitted as a kept version, returned with a comment or accepted by the
hub's staff; two versions compared in words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mathshubs.dates import LONDON
from mathshubs.evaluation import content, services
from mathshubs.evaluation.models import HappiForm, HappiVersion, SectionKind, SectionStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

PLAN = {
    "outcomes": [
        {
            "key": "n1",
            "source": "national",
            "category": "Professional learning",
            "national": "Deepen participants' understanding of Teaching for Mastery",
            "text": "Teachers in our six schools explain the five big ideas",
            "evidence": "Lesson visits in spring",
        },
        {
            "key": "",
            "source": "local",
            "text": "Fewer pupils anxious in maths",
            "evidence": "Pupil voice",
        },
    ],
    "methods": ["school_visits", "other"],
    "other_method": "Book looks",
}


def form_of(cast):
    return services.happi_create(activity=cast.activity, by=cast.leo)


def section(form, kind):
    return form.sections.get(kind=kind)


def submitted_plan(cast):
    form = form_of(cast)
    plan = section(form, SectionKind.PLAN)
    services.section_save(section=plan, raw=PLAN, by=cast.leo)
    services.section_submit(section=plan, by=cast.leo)
    return form, section(form, SectionKind.PLAN)


def test_the_activitys_lead_creates_the_form_with_three_sections_not_started(cast):
    form = form_of(cast)
    assert [(s.kind, s.status) for s in form.sections.order_by("pk")] == [
        ("plan", "not_started"),
        ("progress", "not_started"),
        ("impact", "not_started"),
    ]
    assert services.happi_create(activity=cast.activity, by=cast.leo) == form
    assert HappiForm.objects.count() == 1


@pytest.mark.parametrize("persona", ["harriet", "nadia", "pat", "sam", "simon"])
def test_nobody_but_the_activitys_leads_creates_or_writes_it(cast, persona):
    with pytest.raises(PermissionDenied, match=services.ONLY_LEADS_WRITE):
        services.happi_create(activity=cast.activity, by=getattr(cast, persona))
    plan = section(form_of(cast), SectionKind.PLAN)
    with pytest.raises(PermissionDenied):
        services.section_save(section=plan, raw=PLAN, by=getattr(cast, persona))


def test_a_draft_keeps_an_incomplete_plan_and_gives_each_outcome_a_key(cast):
    plan = section(form_of(cast), SectionKind.PLAN)
    saved = services.section_save(
        section=plan, raw={"outcomes": [{"text": "Half written"}]}, by=cast.leo
    )
    assert saved.status == SectionStatus.IN_PROGRESS
    assert saved.draft["outcomes"][0]["key"] == "o1"
    assert saved.draft["outcomes"][0]["text"] == "Half written"


def test_submitting_names_every_part_still_missing(cast):
    plan = section(form_of(cast), SectionKind.PLAN)
    services.section_save(section=plan, raw={"outcomes": [{"text": "Half written"}]}, by=cast.leo)
    with pytest.raises(ValidationError) as refused:
        services.section_submit(section=plan, by=cast.leo)
    assert refused.value.message_dict == {
        "o1-evidence": [content.OUTCOME_EVIDENCE_MISSING.format(n=1)],
        "methods": [content.NO_METHODS],
    }
    assert HappiVersion.objects.count() == 0


def test_a_submitted_plan_is_a_kept_version_with_the_sessions_of_the_moment(cast):
    f.EventFactory(
        activity=cast.activity,
        title="Session 1",
        starts_at=dt.datetime(2023, 10, 5, 16, tzinfo=LONDON),
    )
    _form, plan = submitted_plan(cast)
    assert plan.status == SectionStatus.SUBMITTED
    version = plan.versions.get()
    assert version.number == 1
    assert version.content["sessions"] == [{"title": "Session 1", "when": "5 October 2023"}]
    assert [o["text"] for o in version.content["outcomes"]] == [
        "Teachers in our six schools explain the five big ideas",
        "Fewer pupils anxious in maths",
    ]


def test_a_submitted_section_waits_for_the_review_before_it_changes(cast):
    _form, plan = submitted_plan(cast)
    with pytest.raises(ValidationError, match="waiting for the Maths Hub's review"):
        services.section_save(section=plan, raw=PLAN, by=cast.leo)


def test_hub_staff_return_it_with_a_comment_and_the_lead_submits_again(cast):
    _form, plan = submitted_plan(cast)
    with pytest.raises(ValidationError, match="Say what needs changing"):
        services.section_return(section=plan, by=cast.harriet, comment=" ")
    returned = services.section_return(
        section=plan, by=cast.harriet, comment="Make outcome 2 measurable"
    )
    assert returned.status == SectionStatus.RETURNED
    assert plan.versions.get().review == SectionStatus.RETURNED
    changed = {
        **PLAN,
        "outcomes": [
            *PLAN["outcomes"][:1],
            {
                **PLAN["outcomes"][1],
                "key": "o2",
                "text": "Half as many pupils anxious in maths by July",
            },
        ],
    }
    services.section_save(section=plan, raw=changed, by=cast.leo)
    assert plan.__class__.objects.get(pk=plan.pk).status == SectionStatus.RETURNED
    services.section_submit(section=plan, by=cast.leo)
    accepted = services.section_accept(section=plan, by=cast.harriet)
    assert accepted.status == SectionStatus.ACCEPTED
    assert list(plan.versions.values_list("number", "review")) == [(1, "returned"), (2, "accepted")]


@pytest.mark.parametrize("persona", ["leo", "nadia", "simon", "pat"])
def test_only_the_staff_of_the_activitys_hub_return_or_accept(cast, persona):
    _form, plan = submitted_plan(cast)
    with pytest.raises(PermissionDenied, match=services.ONLY_HUB_REVIEWS):
        services.section_accept(section=plan, by=getattr(cast, persona))


def test_only_a_submitted_section_is_reviewed(cast):
    plan = section(form_of(cast), SectionKind.PLAN)
    with pytest.raises(ValidationError, match=services.NOT_SUBMITTED):
        services.section_accept(section=plan, by=cast.harriet)


def test_progress_and_impact_wait_for_a_plan(cast):
    form = form_of(cast)
    progress = section(form, SectionKind.PROGRESS)
    services.section_save(
        section=progress,
        raw={"updates": [{"on": "2023-11-20", "text": "Session 1 went well", "outcomes": ["n1"]}]},
        by=cast.leo,
    )
    with pytest.raises(ValidationError, match="Submit the Plan section first"):
        services.section_submit(section=progress, by=cast.leo)


def test_impact_needs_evidence_for_every_planned_outcome(cast):
    form, _plan = submitted_plan(cast)
    impact = section(form, SectionKind.IMPACT)
    services.section_save(
        section=impact,
        raw={"evidence": {"n1": {"pupils": "", "practice": "Visits show it"}}},
        by=cast.leo,
    )
    with pytest.raises(ValidationError) as refused:
        services.section_submit(section=impact, by=cast.leo)
    assert refused.value.message_dict == {"o1-pupils": [content.EVIDENCE_MISSING.format(n=2)]}


def test_two_versions_compare_in_words(cast):
    form, plan = submitted_plan(cast)
    services.section_accept(section=plan, by=cast.harriet)
    newer = {
        **PLAN,
        "outcomes": [
            {**PLAN["outcomes"][0], "text": "Teachers explain the five big ideas to colleagues"},
        ],
        "methods": ["school_visits", "case_study"],
        "other_method": "",
    }
    services.section_save(section=plan, raw=newer, by=cast.leo)
    services.section_submit(section=plan, by=cast.leo)
    one, two = plan.versions.order_by("number")
    changes = content.compare(SectionKind.PLAN, one.content, two.content, plan.draft)
    assert changes == [
        "Changed outcome 1 (national outcome): from “Teachers in our six schools explain the "
        "five big ideas” to “Teachers explain the five big ideas to colleagues”",
        "Added data collection method: “Case study work”",
        "Removed outcome 2 (local outcome): “Fewer pupils anxious in maths”",
        "Removed how outcome 2 will be evidenced: “Pupil voice”",
        "Removed data collection method: “Other”",
        "Removed other data collection method: “Book looks”",
    ]
    assert content.compare(SectionKind.PLAN, two.content, two.content, plan.draft) == []


def test_a_text_over_5000_characters_is_refused_by_name_and_nothing_is_saved(cast):
    plan = section(form_of(cast), SectionKind.PLAN)
    with pytest.raises(ValidationError) as refused:
        services.section_save(section=plan, raw={"outcomes": [{"text": "x" * 5001}]}, by=cast.leo)
    assert refused.value.message_dict == {
        "o1-text": ["Outcome 1 must be 5,000 characters or fewer"]
    }
    plan.refresh_from_db()
    assert plan.status == SectionStatus.NOT_STARTED


def test_evidence_files_are_checked_by_size_and_kind(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form, _plan = submitted_plan(cast)
    impact = section(form, SectionKind.IMPACT)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7 evidence", content_type="application/pdf")
    added = services.attachment_add(
        section=impact, by=cast.leo, title="Report", file=pdf, outcome_key="n1"
    )
    assert (added.content_type, added.outcome_key) == ("application/pdf", "n1")
    program = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="do not match its name"):
        services.attachment_add(section=impact, by=cast.leo, title="Report", file=program)
    with pytest.raises(ValidationError, match="must be a PDF, Word"):
        services.attachment_add(
            section=impact, by=cast.leo, title="Run me", file=SimpleUploadedFile("x.exe", b"MZ")
        )
    with pytest.raises(ValidationError, match="Choose one of the plan's outcomes"):
        services.attachment_add(section=impact, by=cast.leo, title="R", file=pdf, outcome_key="zz")
    with pytest.raises(PermissionDenied):
        services.attachment_add(section=impact, by=cast.harriet, title="R", file=pdf)


def test_an_evidence_file_in_a_submitted_version_is_kept(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form, _plan = submitted_plan(cast)
    impact = section(form, SectionKind.IMPACT)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7 evidence")
    added = services.attachment_add(
        section=impact, by=cast.leo, title="Report", file=pdf, outcome_key="n1"
    )
    services.section_save(
        section=impact,
        raw={"evidence": {"n1": {"pupils": "Up"}, "o1": {"practice": "Better"}}},
        by=cast.leo,
    )
    version = services.section_submit(section=impact, by=cast.leo)
    assert version.content["attachments"] == [
        {"title": "Report", "name": "report.pdf", "outcome": "n1"}
    ]
    services.section_accept(section=impact, by=cast.harriet)
    with pytest.raises(ValidationError, match="part of a submitted version"):
        services.attachment_delete(attachment=added, by=cast.leo)
