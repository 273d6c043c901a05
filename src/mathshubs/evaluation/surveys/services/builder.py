"""Building survey templates (the national team's): a template, its versions, their
sections and questions.

A published version never changes: every write below locks the version's row and refuses
unless it is a draft, so an edit and a publication never cross. A change to a published
version is made in a new draft (`version_new`: a copy of it), which is then published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import Truncator, slugify

from mathshubs.bounds import MAX_INT
from mathshubs.directory.rules import person_of
from mathshubs.evaluation.surveys.models import (
    CHOICE_KINDS,
    ConditionOperator,
    QuestionKind,
    SurveyQuestion,
    SurveySection,
    SurveyTemplate,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.selectors import must_build

PUBLISHED_IS_FIXED = (
    "This version is published, so it cannot change: people answer it as it is. Make a new "
    "version to change it"
)
ONLY_PUBLISHED_COPIED = "Only a published version can be copied into a new version"
TITLE_REQUIRED = "Enter a title"
TITLE_TOO_LONG = "The title must be 255 characters or fewer"
SECTION_TITLE_REQUIRED = "Enter the section's title"
QUESTION_REQUIRED = "Enter the question"
QUESTION_TOO_LONG = "The question must be 500 characters or fewer"
KIND_REQUIRED = "Choose the kind of question"
OPTIONS_TOO_FEW = "Give at least two answers to choose from, one a line"
OPTIONS_TOO_MANY = "Give at most 30 answers to choose from"
OPTION_TWICE = "Each answer must be different: “{label}” is given twice"
OPTION_TOO_LONG = "Each answer must be 200 characters or fewer"
LIKERT_POINTS = "Give a label for each point of the scale, lowest first, one a line: 2 to 11 points"
BOUND_TOO_BIG = "The number must be between -2,147,483,647 and 2,147,483,647"
BOUNDS_ORDER = "The smallest number allowed must not be more than the largest"
ITEM_KEY_REQUIRED = (
    "Give a repeated item a key, like confidence-fractions, so that its autumn and summer "
    "answers can be matched"
)
ITEM_KEY_FORM = "The key must use only lower-case letters, numbers and hyphens, like confidence-1"
ITEM_KEY_TAKEN = "Another question of this version has the key “{key}”: keys must be different"
CONDITION_EARLIER = (
    "A question can depend only on a choice or Likert question in an earlier section"
)
CONDITION_NOT_OFFERED = "Choose one of the answers to the question it depends on"
DEPENDED_ON = (
    "“{question}” is shown only after an answer to this question: change its condition first"
)
MOVE_BREAKS_CONDITION = (
    "“{question}” depends on a question that would then come after it: change its condition first"
)
NOTHING_TO_PUBLISH = "Add at least one section with a question before publishing"
EMPTY_SECTION = "The section “{title}” has no questions: add one or delete the section"
LIKERT_DEFAULT = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
]
ITEM_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _short(text: str) -> str:
    return Truncator(text).chars(60)


def _locked_draft(version: TemplateVersion) -> TemplateVersion:
    """The version's row, locked until the transaction ends; refused unless a draft."""
    locked = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise ValidationError(PUBLISHED_IS_FIXED, code="published")
    return locked


def _title(text: str, required: str = TITLE_REQUIRED, field: str = "title") -> str:
    title = (text or "").strip()
    if not title:
        raise ValidationError({field: required})
    if len(title) > 255:
        raise ValidationError({field: TITLE_TOO_LONG})
    return title


def template_create(*, by: Any, title: str, description: str = "") -> SurveyTemplate:
    """A new template with its first version, an empty draft."""
    must_build(by)
    title = _title(title)
    with transaction.atomic():
        template = SurveyTemplate.objects.create(
            title=title, description=(description or "").strip(), created_by=person_of(by)
        )
        TemplateVersion.objects.create(template=template, number=1)
    return template


# --- Sections ----------------------------------------------------------------------------


def section_add(*, version: TemplateVersion, by: Any, title: str, intro: str = "") -> SurveySection:
    must_build(by)
    title = _title(title, SECTION_TITLE_REQUIRED)
    with transaction.atomic():
        version = _locked_draft(version)
        last = version.sections.aggregate(last=Max("position"))["last"] or 0
        return SurveySection.objects.create(
            version=version, position=last + 1, title=title, intro=(intro or "").strip()
        )


def section_update(
    *, section: SurveySection, by: Any, title: str, intro: str = ""
) -> SurveySection:
    must_build(by)
    title = _title(title, SECTION_TITLE_REQUIRED)
    with transaction.atomic():
        _locked_draft(section.version)
        section.title, section.intro = title, (intro or "").strip()
        section.save(update_fields=["title", "intro"])
    return section


def section_delete(*, section: SurveySection, by: Any) -> None:
    """Delete a section and its questions, unless a later question depends on one."""
    must_build(by)
    with transaction.atomic():
        version = _locked_draft(section.version)
        dependant = (
            SurveyQuestion.objects.filter(condition_question__section=section)
            .exclude(section=section)
            .first()
        )
        if dependant is not None:
            raise ValidationError(DEPENDED_ON.format(question=_short(dependant.text)))
        section.questions.all().delete()
        position = section.position
        section.delete()
        version.sections.filter(position__gt=position).update(position=F("position") - 1)


def _depends_on(earlier: SurveySection, later: SurveySection) -> SurveyQuestion | None:
    """A question of `earlier` whose condition is on a question of `later`."""
    return SurveyQuestion.objects.filter(section=earlier, condition_question__section=later).first()


def section_move(*, section: SurveySection, by: Any, up: bool) -> None:
    """Swap a section with the one before (up) or after it; nothing at either end. Refused
    when a question would then come before the question it depends on."""
    must_build(by)
    with transaction.atomic():
        version = _locked_draft(section.version)
        section = SurveySection.objects.get(pk=section.pk)
        target = section.position - 1 if up else section.position + 1
        other = version.sections.filter(position=target).first()
        if other is None:
            return
        earlier, later = (section, other) if up else (other, section)
        dependant = _depends_on(earlier, later)
        if dependant is not None:
            raise ValidationError(MOVE_BREAKS_CONDITION.format(question=_short(dependant.text)))
        other.position, section.position = section.position, other.position
        SurveySection.objects.bulk_update([section, other], ["position"])


# --- Questions ---------------------------------------------------------------------------


@dataclass
class QuestionSpec:
    """What the builder gives for a question. `options`: the answers' labels, one each
    (a Likert scale's points lowest first); `condition`: (question id, answer value) of
    a choice or Likert question in an earlier section, or None."""

    text: str
    kind: str
    hint: str = ""
    required: bool = True
    options: list[str] = field(default_factory=list)
    min_value: int | None = None
    max_value: int | None = None
    repeated: bool = False
    item_key: str = ""
    condition: tuple[int, str] | None = None


def _options(spec: QuestionSpec, old: list[dict]) -> list[dict[str, Any]]:
    labels = [label.strip() for label in spec.options if label and label.strip()]
    if spec.kind == QuestionKind.LIKERT:
        if not 2 <= len(labels) <= 11:
            raise ValidationError({"options": LIKERT_POINTS})
    elif len(labels) < 2:
        raise ValidationError({"options": OPTIONS_TOO_FEW})
    if len(labels) > 30:
        raise ValidationError({"options": OPTIONS_TOO_MANY})
    seen: set[str] = set()
    for label in labels:
        if len(label) > 200:
            raise ValidationError({"options": OPTION_TOO_LONG})
        if label.lower() in seen:
            raise ValidationError({"options": OPTION_TWICE.format(label=_short(label))})
        seen.add(label.lower())
    if spec.kind == QuestionKind.LIKERT:
        return [{"value": point, "label": label} for point, label in enumerate(labels, 1)]
    # A label kept keeps its value, so a condition on it (and matching) still holds.
    kept = {str(option["label"]).lower(): str(option["value"]) for option in old}
    values: set[str] = set()
    made = []
    for label in labels:
        value = kept.get(label.lower()) or slugify(label)[:50] or "answer"
        base, n = value, 2
        while value in values:
            value, n = f"{base[:46]}-{n}", n + 1
        values.add(value)
        made.append({"value": value, "label": label})
    return made


def _bound(value: int | None) -> int | None:
    if value is not None and not -MAX_INT <= value <= MAX_INT:
        raise ValidationError(BOUND_TOO_BIG)
    return value


def _condition(
    spec: QuestionSpec, section: SurveySection
) -> tuple[SurveyQuestion | None, str, str]:
    if spec.condition is None:
        return None, "", ""
    question_id, value = spec.condition
    on = (
        SurveyQuestion.objects.filter(
            pk=question_id,
            section__version_id=section.version_id,
            section__position__lt=section.position,
            kind__in=CHOICE_KINDS,
        )
        .select_related("section")
        .first()
    )
    if on is None:
        raise ValidationError({"condition": CONDITION_EARLIER})
    if str(value) not in {str(option["value"]) for option in on.options}:
        raise ValidationError({"condition": CONDITION_NOT_OFFERED})
    operator = (
        ConditionOperator.CONTAINS if on.kind == QuestionKind.MULTIPLE else ConditionOperator.EQUALS
    )
    return on, operator, str(value)


def _values(
    spec: QuestionSpec, section: SurveySection, question: SurveyQuestion | None
) -> dict[str, Any]:
    """The question's fields from `spec`, checked; errors keyed by the form's fields."""
    errors: dict[str, str] = {}
    text = (spec.text or "").strip()
    if not text:
        errors["text"] = QUESTION_REQUIRED
    elif len(text) > 500:
        errors["text"] = QUESTION_TOO_LONG
    if spec.kind not in QuestionKind.values:
        errors["kind"] = KIND_REQUIRED
    values: dict[str, Any] = {
        "text": text,
        "hint": (spec.hint or "").strip(),
        "kind": spec.kind,
        "required": bool(spec.required),
        "options": [],
        "min_value": None,
        "max_value": None,
        "repeated": bool(spec.repeated),
        "item_key": (spec.item_key or "").strip(),
    }
    old_options = question.options if question is not None else []
    steps = []
    if spec.kind in CHOICE_KINDS:
        steps.append(("options", lambda: values.update(options=_options(spec, old_options))))
    if spec.kind == QuestionKind.NUMBER:
        steps.append(("min_value", lambda: values.update(min_value=_bound(spec.min_value))))
        steps.append(("max_value", lambda: values.update(max_value=_bound(spec.max_value))))
    for name, step in steps:
        try:
            step()
        except ValidationError as error:
            errors[name] = error.messages[0]
    low, high = values["min_value"], values["max_value"]
    if low is not None and high is not None and low > high and "max_value" not in errors:
        errors["max_value"] = BOUNDS_ORDER
    key = values["item_key"]
    if values["repeated"] and not key:
        errors["item_key"] = ITEM_KEY_REQUIRED
    elif key and (len(key) > 60 or not ITEM_KEY.match(key)):
        errors["item_key"] = ITEM_KEY_FORM
    elif key:
        taken = SurveyQuestion.objects.filter(section__version_id=section.version_id, item_key=key)
        if question is not None:
            taken = taken.exclude(pk=question.pk)
        if taken.exists():
            errors["item_key"] = ITEM_KEY_TAKEN.format(key=key)
    try:
        on, operator, value = _condition(spec, section)
    except ValidationError as error:
        errors["condition"] = error.messages[0]
    else:
        values.update(condition_question=on, condition_operator=operator, condition_value=value)
    if errors:
        raise ValidationError(errors)
    return values


def _dependants_still_hold(question: SurveyQuestion, values: dict[str, Any]) -> None:
    """A question that others depend on keeps the answers they depend on, and its kind."""
    kept = {str(option["value"]) for option in values["options"]}
    for dependant in question.dependants.all():
        if values["kind"] not in CHOICE_KINDS or dependant.condition_value not in kept:
            message = DEPENDED_ON.format(question=_short(dependant.text))
            raise ValidationError({"options" if values["options"] else "kind": message})


def question_add(*, section: SurveySection, by: Any, spec: QuestionSpec) -> SurveyQuestion:
    must_build(by)
    with transaction.atomic():
        _locked_draft(section.version)
        values = _values(spec, section, None)
        last = section.questions.aggregate(last=Max("position"))["last"] or 0
        return SurveyQuestion.objects.create(section=section, position=last + 1, **values)


def question_update(*, question: SurveyQuestion, by: Any, spec: QuestionSpec) -> SurveyQuestion:
    must_build(by)
    with transaction.atomic():
        _locked_draft(question.section.version)
        values = _values(spec, question.section, question)
        _dependants_still_hold(question, values)
        for name, value in values.items():
            setattr(question, name, value)
        question.save()
    return question


def question_delete(*, question: SurveyQuestion, by: Any) -> None:
    must_build(by)
    with transaction.atomic():
        _locked_draft(question.section.version)
        dependant = question.dependants.first()
        if dependant is not None:
            raise ValidationError(DEPENDED_ON.format(question=_short(dependant.text)))
        position, section = question.position, question.section
        question.delete()
        section.questions.filter(position__gt=position).update(position=F("position") - 1)


def question_move(*, question: SurveyQuestion, by: Any, up: bool) -> None:
    """Swap a question with the one before (up) or after it in its section."""
    must_build(by)
    with transaction.atomic():
        _locked_draft(question.section.version)
        question = SurveyQuestion.objects.get(pk=question.pk)
        target = question.position - 1 if up else question.position + 1
        other = SurveyQuestion.objects.filter(
            section_id=question.section_id, position=target
        ).first()
        if other is None:
            return
        other.position, question.position = question.position, other.position
        SurveyQuestion.objects.bulk_update([question, other], ["position"])


# --- Versions ----------------------------------------------------------------------------


def version_publish(*, version: TemplateVersion, by: Any) -> TemplateVersion:
    """Publish a draft that has a question in every section; from then on it is fixed."""
    must_build(by)
    with transaction.atomic():
        locked = _locked_draft(version)
        sections = list(locked.sections.order_by("position").values_list("title", "questions"))
        if not sections:
            raise ValidationError(NOTHING_TO_PUBLISH)
        empty = next((title for title, question in sections if question is None), None)
        if empty is not None:
            raise ValidationError(EMPTY_SECTION.format(title=_short(empty)))
        locked.status = VersionStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = person_of(by)
        locked.save(update_fields=["status", "published_at", "published_by"])
    return locked


def version_new(*, version: TemplateVersion, by: Any) -> TemplateVersion:
    """A new draft version of the template, a copy of the published `version` (its
    sections, questions, options, conditions, item keys). While the template has a draft,
    that draft is returned instead: there is one draft at a time."""
    must_build(by)
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(ONLY_PUBLISHED_COPIED)
    template = version.template
    draft = template.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    try:
        with transaction.atomic():
            SurveyTemplate.objects.select_for_update().get(pk=template.pk)
            number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            draft = TemplateVersion.objects.create(template=template, number=number)
            _copy(version, draft)
    except IntegrityError:  # a simultaneous click made the draft
        return template.versions.get(status=VersionStatus.DRAFT)
    return draft


def _copy(source: TemplateVersion, draft: TemplateVersion) -> None:
    sections = list(source.sections.order_by("position", "pk"))
    copies = SurveySection.objects.bulk_create(
        SurveySection(version=draft, position=s.position, title=s.title, intro=s.intro)
        for s in sections
    )
    section_of = {old.pk: new for old, new in zip(sections, copies, strict=True)}
    question_of: dict[int, SurveyQuestion] = {}
    questions = SurveyQuestion.objects.filter(section__version=source).order_by(
        "section__position", "position", "pk"
    )
    # Section by section: a condition is always on an earlier section, already copied.
    for question in questions:
        old_pk = question.pk
        question.pk = None
        question.section = section_of[question.section_id]
        if question.condition_question_id is not None:
            question.condition_question = question_of[question.condition_question_id]
        question.save(force_insert=True)
        question_of[old_pk] = question


LIKERT_TEXT = "\n".join(LIKERT_DEFAULT)
