"""Forms of the surveys' pages. They parse what was typed; the services check the rules
and write, and their errors land beside the field of the same name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms

from mathshubs.activities.forms import DateField
from mathshubs.bounds import MAX_INT
from mathshubs.catalogue.models import NCP
from mathshubs.dates import academic_year_label
from mathshubs.evaluation.surveys.models import (
    CHOICE_KINDS,
    Audience,
    QuestionKind,
    SurveyQuestion,
    SurveySection,
    TemplateVersion,
)
from mathshubs.evaluation.surveys.rules import question_is_shown
from mathshubs.evaluation.surveys.services import QuestionSpec

TITLE_REQUIRED = "Enter a title"
NUMBER_NOT_WHOLE = "Enter a whole number, like 10"
VERSION_REQUIRED = "Choose the template version to run"
AUDIENCE_REQUIRED = "Choose who the survey is for"
YEAR_REQUIRED = "Choose the academic year"
NCP_REQUIRED = "Choose a project, or every activity of the year"
PSEUDONYMOUS_REQUIRED = "Choose whether answers are pseudonymous or identified"
CONDITION_REQUIRED = "Choose when the question is shown"
YES_NO = [("yes", "Yes"), ("no", "No")]
ALWAYS = "always"


class TemplateForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=255, error_messages={"required": TITLE_REQUIRED}
    )
    description = forms.CharField(label="Description (optional)", required=False)


class SectionForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=255, error_messages={"required": TITLE_REQUIRED}
    )
    intro = forms.CharField(label="Introduction (optional)", required=False)


class BoundNumberField(forms.CharField):
    """A whole number typed in a text box, or None. One too long for any bound comes out
    as MAX_INT + 1, for the service's bound check to refuse with the limits."""

    def clean(self, value: Any) -> int | None:
        text = (super().clean(value) or "").strip().replace(",", "")
        if not text:
            return None
        digits = text[1:] if text[:1] == "-" else text
        if not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(NUMBER_NOT_WHOLE)
        return int(text) if len(digits) <= 12 else MAX_INT + 1


def condition_choices(section: SurveySection, exclude: int | None = None) -> list[tuple[str, str]]:
    """ "Always", then one choice for each answer of each choice or Likert question in an
    earlier section: "<question id>:<answer value>"."""
    earlier = (
        SurveyQuestion.objects.filter(
            section__version_id=section.version_id,
            section__position__lt=section.position,
            kind__in=CHOICE_KINDS,
        )
        .exclude(pk=exclude)
        .order_by("section__position", "position", "pk")
    )
    choices = [(ALWAYS, "Always")]
    for question in earlier:
        verb = "includes" if question.kind == QuestionKind.MULTIPLE else "is"
        for option in question.options:
            label = f"When “{question.text[:70]}” {verb} “{option['label']}”"
            choices.append((f"{question.pk}:{option['value']}", label))
    return choices


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=500, required=False)
    hint = forms.CharField(label="Hint (optional)", required=False)
    kind = forms.ChoiceField(
        label="Kind of question",
        choices=QuestionKind.choices,
        error_messages={
            "required": "Choose the kind of question",
            "invalid_choice": "Choose the kind of question",
        },
    )
    required = forms.ChoiceField(label="Must it be answered?", choices=YES_NO, initial="yes")
    options = forms.CharField(label="Answers to choose from, one a line", required=False)
    min_value = BoundNumberField(label="Smallest number allowed (optional)", required=False)
    max_value = BoundNumberField(label="Largest number allowed (optional)", required=False)
    repeated = forms.BooleanField(
        label="Repeated item: asked in the autumn and the summer", required=False
    )
    item_key = forms.CharField(label="Item key", required=False)
    condition = forms.ChoiceField(
        label="When is it shown?",
        error_messages={"required": CONDITION_REQUIRED, "invalid_choice": CONDITION_REQUIRED},
    )

    def __init__(
        self,
        *args: Any,
        section: SurveySection,
        question: SurveyQuestion | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = condition_choices(
            section, exclude=question.pk if question else None
        )
        self.fields["required"].error_messages["invalid_choice"] = "Choose yes or no"

    def spec(self) -> QuestionSpec:
        data = self.cleaned_data
        condition = None
        if data["condition"] and data["condition"] != ALWAYS:
            question_id, value = data["condition"].split(":", 1)
            condition = (int(question_id), value)
        return QuestionSpec(
            text=data["text"],
            kind=data["kind"],
            hint=data["hint"],
            required=data["required"] == "yes",
            options=data["options"].splitlines(),
            min_value=data["min_value"],
            max_value=data["max_value"],
            repeated=data["repeated"],
            item_key=data["item_key"],
            condition=condition,
        )


def question_initial(question: SurveyQuestion) -> dict[str, Any]:
    condition = ALWAYS
    if question.condition_question_id is not None:
        condition = f"{question.condition_question_id}:{question.condition_value}"
    return {
        "text": question.text,
        "hint": question.hint,
        "kind": question.kind,
        "required": "yes" if question.required else "no",
        "options": "\n".join(str(option["label"]) for option in question.options),
        "min_value": "" if question.min_value is None else str(question.min_value),
        "max_value": "" if question.max_value is None else str(question.max_value),
        "repeated": question.repeated,
        "item_key": question.item_key,
        "condition": condition,
    }


def ncp_choices(years: list[int]) -> list[tuple[str, str]]:
    ncps = NCP.objects.filter(year__start_year__in=years).order_by("-year__start_year", "code")
    return [("", "Every activity of the year")] + [
        (ncp.code, f"{ncp.code} {ncp.title}") for ncp in ncps
    ]


class SurveyForm(forms.Form):
    version = forms.ChoiceField(
        label="Template version",
        error_messages={"required": VERSION_REQUIRED, "invalid_choice": VERSION_REQUIRED},
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=Audience.choices,
        error_messages={"required": AUDIENCE_REQUIRED, "invalid_choice": AUDIENCE_REQUIRED},
    )
    academic_year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        error_messages={"required": YEAR_REQUIRED, "invalid_choice": YEAR_REQUIRED},
    )
    ncp = forms.ChoiceField(
        label="Which activities?",
        required=False,
        error_messages={"invalid_choice": NCP_REQUIRED},
    )
    opens_on = DateField(label="Open date")
    closes_on = DateField(label="Close date")
    pseudonymous = forms.ChoiceField(
        label="Are the answers pseudonymous?",
        choices=[
            ("yes", "Yes: answers are kept without the person's name"),
            ("no", "No: answers are identified"),
        ],
        error_messages={"required": PSEUDONYMOUS_REQUIRED, "invalid_choice": PSEUDONYMOUS_REQUIRED},
    )
    title = forms.CharField(label="Title (optional)", required=False)

    def __init__(
        self, *args: Any, versions: list[TemplateVersion], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {str(v.pk): v for v in versions}
        self.fields["version"].choices = [("", "Choose a version")] + [
            (str(v.pk), f"{v.template.title}, version {v.number}") for v in versions
        ]
        self.fields["academic_year"].choices = [(y, academic_year_label(y)) for y in years]
        self.fields["ncp"].choices = ncp_choices(years)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        ncp = (
            NCP.objects.select_related("year").filter(code=data["ncp"]).first()
            if data["ncp"]
            else None
        )
        return {
            "version": self.versions[data["version"]],
            "audience": data["audience"],
            "academic_year": data["academic_year"],
            "ncp": ncp,
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "pseudonymous": data["pseudonymous"] == "yes",
            "title": data["title"],
        }


def answers_given(questions: list[SurveyQuestion], data: Any) -> dict[str, Any]:
    """What was posted for each question: a list for multiple choice, else the text."""
    given: dict[str, Any] = {}
    for question in questions:
        if question.kind == QuestionKind.MULTIPLE:
            given[question.key] = data.getlist(question.key)
        else:
            given[question.key] = data.get(question.key, "")
    return given


@dataclass
class QuestionField:
    """One question as the answering page shows it, with what was typed or saved."""

    question: SurveyQuestion
    value: str = ""
    chosen: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.question.key

    @property
    def options(self) -> list[tuple[str, str, bool]]:
        """(value, label, chosen) for each answer offered."""
        picked = set(self.chosen) if self.question.kind == QuestionKind.MULTIPLE else {self.value}
        return [
            (str(option["value"]), str(option["label"]), str(option["value"]) in picked)
            for option in self.question.options
        ]


def question_fields(
    questions: list[SurveyQuestion], values: dict[str, Any], errors: dict[str, list[str]]
) -> list[QuestionField]:
    made = []
    for question in questions:
        value = values.get(question.key)
        if isinstance(value, list):
            chosen, text = [str(v) for v in value], ""
        else:
            chosen, text = [], "" if value is None else str(value)
        made.append(QuestionField(question, text, chosen, errors.get(question.key, [])))
    return made


def answer_text(question: SurveyQuestion, value: Any) -> str:
    """An answer in words, as the person gave it."""
    if value is None or value == "" or value == []:
        return "Not answered"
    if question.kind == QuestionKind.MULTIPLE:
        return ", ".join(question.option_label(v) for v in value)
    if question.kind in CHOICE_KINDS:
        return question.option_label(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


@dataclass
class SectionSummary:
    section: SurveySection
    rows: list[tuple[SurveyQuestion, str]]


def answers_summary(sections: list[SurveySection], answers: dict[str, Any]) -> list[SectionSummary]:
    """Each section's questions shown (given `answers`) with the answer in words; sections
    with no question shown are left out."""
    summary = []
    for section in sections:
        rows = [
            (question, answer_text(question, answers.get(question.key)))
            for question in section.questions.all()
            if question_is_shown(question, answers)
        ]
        if rows:
            summary.append(SectionSummary(section, rows))
    return summary
