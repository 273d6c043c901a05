"""Building templates: sections and questions in a draft, publishing, and a published
version that never changes (a new version is a copy to change)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mathshubs.evaluation.surveys import services
from mathshubs.evaluation.surveys.models import (
    QuestionKind,
    SurveyQuestion,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.selectors import ONLY_NATIONAL
from mathshubs.evaluation.surveys.services import QuestionSpec
from mathshubs.evaluation.surveys.services import builder as b
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast) -> TemplateVersion:
    template = services.template_create(by=cast.nadia, title="Participant survey")
    return template.versions.get()


def _single(text="What is your role?", **more) -> QuestionSpec:
    return QuestionSpec(text=text, kind=QuestionKind.SINGLE, options=["Teacher", "Leader"], **more)


def test_a_new_template_starts_with_an_empty_draft_version_1(cast, draft):
    assert (draft.number, draft.status) == (1, VersionStatus.DRAFT)
    assert draft.template.created_by == cast.nadia.person


def test_only_the_national_team_builds_templates(cast, draft):
    for user in (cast.harriet, cast.leo, cast.pat):
        with pytest.raises(PermissionDenied, match=ONLY_NATIONAL):
            services.template_create(by=user, title="Mine")
        with pytest.raises(PermissionDenied):
            services.section_add(version=draft, by=user, title="About you")


def test_sections_and_questions_are_added_in_order(cast, draft):
    first = services.section_add(version=draft, by=cast.nadia, title="About you")
    second = services.section_add(version=draft, by=cast.nadia, title="Confidence")
    assert (first.position, second.position) == (1, 2)
    one = services.question_add(section=first, by=cast.nadia, spec=_single())
    two = services.question_add(section=first, by=cast.nadia, spec=_single("Which phase?"))
    assert (one.position, two.position) == (1, 2)
    assert one.options == [
        {"value": "teacher", "label": "Teacher"},
        {"value": "leader", "label": "Leader"},
    ]


def test_a_likert_scale_gets_its_points_lowest_first(cast, draft):
    section = services.section_add(version=draft, by=cast.nadia, title="Confidence")
    spec = QuestionSpec(
        text="I am confident",
        kind=QuestionKind.LIKERT,
        options=sf.AGREE,
        repeated=True,
        item_key="confident",
    )
    question = services.question_add(section=section, by=cast.nadia, spec=spec)
    assert [o["value"] for o in question.options] == [1, 2, 3, 4, 5]
    assert question.options[0]["label"] == "Strongly disagree"


@pytest.mark.parametrize(
    ("spec", "field", "message"),
    [
        (QuestionSpec(text="", kind="single", options=["A", "B"]), "text", b.QUESTION_REQUIRED),
        (QuestionSpec(text="Q", kind="single", options=["A"]), "options", b.OPTIONS_TOO_FEW),
        (QuestionSpec(text="Q", kind="single", options=["A", "a"]), "options", "given twice"),
        (QuestionSpec(text="Q", kind="likert", options=["Only"]), "options", b.LIKERT_POINTS),
        (
            QuestionSpec(text="Q", kind="number", min_value=5, max_value=1),
            "max_value",
            b.BOUNDS_ORDER,
        ),
        (QuestionSpec(text="Q", kind="number", min_value=2**40), "min_value", b.BOUND_TOO_BIG),
        (QuestionSpec(text="Q", kind="text", repeated=True), "item_key", b.ITEM_KEY_REQUIRED),
        (QuestionSpec(text="Q", kind="text", item_key="Not A Key"), "item_key", b.ITEM_KEY_FORM),
        (QuestionSpec(text="Q", kind="odd"), "kind", b.KIND_REQUIRED),
    ],
)
def test_a_question_that_cannot_be_asked_is_refused_beside_its_field(
    cast, draft, spec, field, message
):
    section = services.section_add(version=draft, by=cast.nadia, title="About you")
    with pytest.raises(ValidationError) as error:
        services.question_add(section=section, by=cast.nadia, spec=spec)
    assert message in error.value.message_dict[field][0]
    assert not SurveyQuestion.objects.exists()


def test_two_questions_of_a_version_cannot_share_an_item_key(cast, draft):
    section = services.section_add(version=draft, by=cast.nadia, title="About you")
    services.question_add(section=section, by=cast.nadia, spec=_single(item_key="role"))
    with pytest.raises(ValidationError) as error:
        services.question_add(section=section, by=cast.nadia, spec=_single(item_key="role"))
    assert error.value.message_dict["item_key"] == [b.ITEM_KEY_TAKEN.format(key="role")]


def test_a_condition_must_be_on_an_answer_of_a_choice_question_in_an_earlier_section(cast, draft):
    first = services.section_add(version=draft, by=cast.nadia, title="About you")
    second = services.section_add(version=draft, by=cast.nadia, title="More")
    role = services.question_add(section=first, by=cast.nadia, spec=_single())
    same = _single("Why?", condition=(role.pk, "leader"))
    with pytest.raises(ValidationError) as error:
        services.question_add(section=first, by=cast.nadia, spec=same)
    assert error.value.message_dict["condition"] == [b.CONDITION_EARLIER]
    with pytest.raises(ValidationError) as error:
        services.question_add(
            section=second, by=cast.nadia, spec=_single("Why?", condition=(role.pk, "nobody"))
        )
    assert error.value.message_dict["condition"] == [b.CONDITION_NOT_OFFERED]
    shown = services.question_add(
        section=second, by=cast.nadia, spec=_single("Why?", condition=(role.pk, "leader"))
    )
    assert (shown.condition_question, shown.condition_operator, shown.condition_value) == (
        role,
        "equals",
        "leader",
    )


def test_a_question_others_depend_on_cannot_be_deleted_or_lose_that_answer(cast, draft):
    first = services.section_add(version=draft, by=cast.nadia, title="About you")
    second = services.section_add(version=draft, by=cast.nadia, title="More")
    role = services.question_add(section=first, by=cast.nadia, spec=_single())
    services.question_add(
        section=second, by=cast.nadia, spec=_single("Why?", condition=(role.pk, "leader"))
    )
    with pytest.raises(ValidationError, match="change its condition first"):
        services.question_delete(question=role, by=cast.nadia)
    with pytest.raises(ValidationError, match="change its condition first"):
        services.question_update(
            question=role,
            by=cast.nadia,
            spec=QuestionSpec(text="Role?", kind="single", options=["Teacher", "Head"]),
        )
    with pytest.raises(ValidationError, match="change its condition first"):
        services.section_delete(section=first, by=cast.nadia)
    with pytest.raises(ValidationError, match="would then come after it"):
        services.section_move(section=second, by=cast.nadia, up=True)


def test_renaming_an_answer_others_do_not_depend_on_keeps_the_other_values(cast, draft):
    section = services.section_add(version=draft, by=cast.nadia, title="About you")
    role = services.question_add(section=section, by=cast.nadia, spec=_single())
    services.question_update(
        question=role,
        by=cast.nadia,
        spec=QuestionSpec(text="Role?", kind="single", options=["Teacher", "Senior leader"]),
    )
    role.refresh_from_db()
    assert [o["value"] for o in role.options] == ["teacher", "senior-leader"]


def test_moving_and_deleting_keep_positions_in_order(cast, draft):
    sections = [services.section_add(version=draft, by=cast.nadia, title=t) for t in "ABC"]
    services.section_move(section=sections[2], by=cast.nadia, up=True)
    assert list(draft.sections.order_by("position").values_list("title", flat=True)) == list("ACB")
    services.section_move(section=sections[0], by=cast.nadia, up=True)  # already first
    services.section_delete(section=sections[0], by=cast.nadia)
    assert list(draft.sections.order_by("position").values_list("title", "position")) == [
        ("C", 1),
        ("B", 2),
    ]
    qs = [services.question_add(section=sections[1], by=cast.nadia, spec=_single(t)) for t in "XYZ"]
    services.question_move(question=qs[0], by=cast.nadia, up=False)
    services.question_delete(question=qs[2], by=cast.nadia)
    assert list(sections[1].questions.order_by("position").values_list("text", "position")) == [
        ("Y", 1),
        ("X", 2),
    ]


def test_a_version_with_an_empty_section_or_no_section_cannot_be_published(cast, draft):
    with pytest.raises(ValidationError, match=b.NOTHING_TO_PUBLISH):
        services.version_publish(version=draft, by=cast.nadia)
    services.section_add(version=draft, by=cast.nadia, title="About you")
    with pytest.raises(ValidationError, match="has no questions"):
        services.version_publish(version=draft, by=cast.nadia)


def test_a_published_version_never_changes(cast):
    q = sf.questionnaire()
    version = q.version
    refused = [
        lambda: services.section_add(version=version, by=cast.nadia, title="New"),
        lambda: services.section_update(section=q.about, by=cast.nadia, title="Renamed"),
        lambda: services.section_delete(section=q.more, by=cast.nadia),
        lambda: services.section_move(section=q.more, by=cast.nadia, up=True),
        lambda: services.question_add(section=q.about, by=cast.nadia, spec=_single()),
        lambda: services.question_update(question=q.role, by=cast.nadia, spec=_single("Changed")),
        lambda: services.question_delete(question=q.comments, by=cast.nadia),
        lambda: services.question_move(question=q.years, by=cast.nadia, up=True),
        lambda: services.version_publish(version=version, by=cast.nadia),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == [b.PUBLISHED_IS_FIXED]
    q.role.refresh_from_db()
    assert q.role.text == "What is your role?"
    assert version.sections.count() == 3


def test_a_new_version_is_a_draft_copy_with_its_conditions_and_item_keys(cast):
    q = sf.questionnaire()
    draft = services.version_new(version=q.version, by=cast.nadia)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    copied = {s.title: s for s in draft.sections.all()}
    assert list(copied) == ["About you", "Your confidence", "More about you"]
    other = copied["More about you"].questions.get(text="What is your other role?")
    assert other.condition_question.section == copied["About you"]
    assert other.condition_question.pk != q.role.pk
    assert copied["Your confidence"].questions.get(repeated=True).item_key == "confidence-fractions"
    # Changing the copy leaves the published version as it was.
    services.section_update(section=copied["About you"], by=cast.nadia, title="You")
    q.about.refresh_from_db()
    assert q.about.title == "About you"
    assert services.version_new(version=q.version, by=cast.nadia) == draft  # one draft at a time


def test_only_a_published_version_is_copied(cast, draft):
    with pytest.raises(ValidationError, match=b.ONLY_PUBLISHED_COPIED):
        services.version_new(version=draft, by=cast.nadia)


def test_a_template_deletes_with_its_versions_and_their_conditional_questions(cast):
    q = sf.questionnaire()
    q.version.template.delete()
    assert not SurveyQuestion.objects.exists()
