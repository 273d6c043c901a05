"""Forms of the journey and LLME register pages. They parse what was typed; `register.py`
checks the rules and writes. Field names match the services' error keys."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from mathshubs.activities.forms import DateField
from mathshubs.activities.journey import STAGE_LABELS, STEP_ORDER
from mathshubs.activities.models import DevelopmentProgrammeKind, Expertise
from mathshubs.activities.register import FIRST_PROGRAMME_YEAR
from mathshubs.dates import academic_year_label, academic_year_slug, parse_year_text

YEAR_NOT_VALID = "Enter the academic year like 2023/24"
STEP_REQUIRED = "Choose the next step the schools are ready for"
PROGRAMME_REQUIRED = "Choose the development programme"
STARTED_YEAR_REQUIRED = "Choose the year the programme started"
ACTIVE_CHOICES = [("", "Everyone"), ("yes", "Active"), ("no", "Not active")]
PHASE_CHOICES = [
    ("", "No phase"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("post16", "Post-16"),
]


def parse_year(text: str | None) -> int | None:
    """'2023-24', '2023/24' or '2023' -> 2023; '' or None -> None; ValueError otherwise."""
    if not (text or "").strip():
        return None
    year = parse_year_text(text)
    if year is None:
        raise ValueError(YEAR_NOT_VALID)
    return year


def year_slug(year: int) -> str:
    return academic_year_slug(year)


def year_choices(years: list[int]) -> list[tuple[str, str]]:
    return [(year_slug(y), academic_year_label(y)) for y in sorted(set(years), reverse=True)]


class YearField(forms.ChoiceField):
    def to_python(self, value: Any) -> Any:
        try:
            year = parse_year(value)
        except ValueError as exc:
            raise ValidationError(YEAR_NOT_VALID, code="invalid") from exc
        return "" if year is None else year_slug(year)


class _YearForm(forms.Form):
    """A filter form with the academic year: any year can be asked for (an empty one shows
    nothing); the choices are the years with activities, the default and the one asked."""

    year = YearField(label="Academic year", required=False)

    def __init__(
        self, data: Any = None, *, years: list[int], default_year: int, **kwargs: Any
    ) -> None:
        offered = [*years, default_year]
        if data is not None:
            data = data.copy()
            try:
                asked = parse_year(data.get("year")) or default_year
            except ValueError:
                asked = None  # left as typed: the field says what is wrong
            if asked is not None:
                data["year"] = year_slug(asked)
                offered.append(asked)
        super().__init__(data, initial={"year": year_slug(default_year)}, **kwargs)
        self.fields["year"].choices = year_choices(offered)  # type: ignore[attr-defined]
        self.fields["year"].error_messages["invalid_choice"] = YEAR_NOT_VALID

    def chosen_year(self, default: int) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("year"):
            return parse_year(self.cleaned_data["year"]) or default
        return default


class ReadyForm(_YearForm):
    """'Schools ready for: ...' on a hub's journey page."""

    next = forms.ChoiceField(
        label="Schools ready for",
        required=False,
        choices=[("", "Choose a next step"), *[(s, STAGE_LABELS[s]) for s in STEP_ORDER]],
        error_messages={"invalid_choice": STEP_REQUIRED},
    )


class RegisterFilterForm(_YearForm):
    active = forms.ChoiceField(label="Show", required=False, choices=ACTIVE_CHOICES)

    def chosen_active(self) -> bool | None:
        if not (self.is_bound and self.is_valid()):
            return None
        return {"yes": True, "no": False}.get(self.cleaned_data.get("active") or "")


class ExpertiseForm(forms.Form):
    elements = forms.MultipleChoiceField(
        label="Elements of expertise",
        required=False,
        choices=Expertise.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class ProgrammeForm(forms.Form):
    """A development programme: which, phase and cohort, started, completed, accredited."""

    programme = forms.ChoiceField(
        label="Programme",
        choices=DevelopmentProgrammeKind.choices,
        error_messages={"required": PROGRAMME_REQUIRED, "invalid_choice": PROGRAMME_REQUIRED},
    )
    phase = forms.ChoiceField(label="Phase", required=False, choices=PHASE_CHOICES)
    cohort = forms.CharField(label="Cohort", required=False, max_length=40)
    started_year = forms.TypedChoiceField(
        label="Year started",
        coerce=int,
        error_messages={
            "required": STARTED_YEAR_REQUIRED,
            "invalid_choice": STARTED_YEAR_REQUIRED,
        },
    )
    completed_on = DateField(label="Date completed", required=False)
    accredited_on = DateField(label="Date accredited", required=False)

    def __init__(self, *args: Any, last_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = range(last_year, FIRST_PROGRAMME_YEAR - 1, -1)
        self.fields["started_year"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a year"),
            *[(y, academic_year_label(y)) for y in years],
        ]
