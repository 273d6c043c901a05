"""Forms of the activity pages. They parse what was typed; services check the rules and write.

Field names match the services' error keys (title, activity_type, institution, on,
criteria_met, reason...), so a service's ValidationError lands beside its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from mathshubs.activities.models import ActivityType
from mathshubs.catalogue.models import NCP, NCPPhase
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub

HUB_REQUIRED = "Choose the Maths Hub"
YEAR_REQUIRED = "Choose the academic year"
DATE_REQUIRED = "Enter the date"
DATE_INCOMPLETE = "The date must include a day, month and year"
DATE_NOT_REAL = "The date must be a real date, like 27 3 2024"
REASON_REQUIRED_FORM = "Enter the reason for the withdrawal"
EMAIL_REQUIRED_FORM = "Enter the email address of the person"
SCHOOL_REQUIRED_FORM = "Enter the school's URN or its name"
CHOOSE_SCHOOL = "Choose the school the person takes part for"


class DateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes named `<name>_day` and so on."""

    def __init__(self) -> None:
        box = {"inputmode": "numeric"}
        super().__init__(
            widgets={
                "day": forms.TextInput(attrs=box),
                "month": forms.TextInput(attrs=box),
                "year": forms.TextInput(attrs=box),
            }
        )

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the day box, as the design system asks.
        return f"{id_}_day" if id_ else ""


class DateBoundField(BoundField):
    @property
    def parts(self) -> list[str]:
        value = self.value()
        if isinstance(value, dt.date):
            return self.field.widget.decompress(value)
        if isinstance(value, (list, tuple)):
            return [str(part or "") for part in value][:3]
        return ["", "", ""]


class DateField(forms.Field):
    widget = DateWidget

    def __init__(self, *, required_message: str = DATE_REQUIRED, **kwargs: Any) -> None:
        self.required_message = required_message
        super().__init__(**kwargs)

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        return DateBoundField(form, self, field_name)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.required_message, code="required")
            return None
        if not all(parts):
            raise forms.ValidationError(DATE_INCOMPLETE, code="incomplete")
        try:
            day, month, year = (int(part) for part in parts)
            return dt.date(year, month, day)
        except (ValueError, OverflowError) as exc:  # OverflowError: a year of 20 digits
            raise forms.ValidationError(DATE_NOT_REAL, code="invalid") from exc

    def validate(self, value: Any) -> None:
        pass  # to_python has said all there is to say


def _hub_field(hubs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Maths Hub",
        queryset=hubs,
        to_field_name="slug",
        empty_label="Choose a hub" if hubs.count() > 1 else None,
        error_messages={"required": HUB_REQUIRED, "invalid_choice": HUB_REQUIRED},
    )


def _grant_roles(ncp: NCP) -> list[tuple[str, str]]:
    return [(role["key"], role["label"]) for role in (ncp.finances.get("roles") or [])]


class RunProjectForm(forms.Form):
    """Run a catalogue project in a hub: the hub (when there is a choice), the title
    (blank for the default), the phase (when the project has several) and the hub's
    role in the grant (when the project's grant depends on one)."""

    hub = forms.CharField(required=False)  # replaced in __init__
    title = forms.CharField(label="Title", required=False, max_length=255)
    phase = forms.ChoiceField(label="Phase", required=False)
    grant_role = forms.ChoiceField(label="The hub's role in this project", required=False)

    def __init__(self, *args: Any, ncp: NCP, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"] = _hub_field(hubs)
        labels = dict(NCPPhase.choices)
        if len(ncp.phases) > 1:
            self.fields["phase"].choices = [
                ("", "All of the project's phases"),
                *[(p, labels.get(p, p)) for p in ncp.phases],
            ]
        else:
            del self.fields["phase"]
        roles = _grant_roles(ncp)
        if roles:
            self.fields["grant_role"].choices = [("", "Choose a role"), *roles]
        else:
            del self.fields["grant_role"]


def year_choices(around: int, current: int) -> list[tuple[int, str]]:
    first, last = min(around, current) - 1, max(around, current) + 1
    return [(year, academic_year_label(year)) for year in range(last, first - 1, -1)]


class LocalActivityForm(forms.Form):
    """A local activity with no project: title, type, phase; a Research and Innovation
    Work Group with its research question."""

    hub = forms.CharField(required=False)  # replaced in __init__
    year = forms.TypedChoiceField(
        label="Academic year", coerce=int, error_messages={"required": YEAR_REQUIRED}
    )
    title = forms.CharField(label="Title", required=False, max_length=255)
    activity_type = forms.ChoiceField(
        label="Type of activity", required=False, choices=ActivityType.choices
    )
    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "Not one phase"), *NCPPhase.choices]
    )
    is_riwg = forms.BooleanField(
        label="This is a Research and Innovation Work Group", required=False
    )
    research_question = forms.CharField(
        label="Research question", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, hubs: Any, years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"] = _hub_field(hubs)
        self.fields["year"].choices = years


def _email_field() -> forms.CharField:
    # A CharField, not an EmailField: the directory lookup gives the message people see.
    return forms.CharField(
        label="Email address",
        max_length=254,
        error_messages={"required": EMAIL_REQUIRED_FORM},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class PersonByEmailForm(forms.Form):
    email = _email_field()


class EnrolSchoolForm(forms.Form):
    institution = forms.CharField(
        label="School URN or name",
        max_length=255,
        error_messages={"required": SCHOOL_REQUIRED_FORM},
    )
    on = DateField(label="Date the school joined")
    criteria_met = forms.MultipleChoiceField(
        label="Participant criteria the school meets",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, criteria: list[dict], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if criteria:
            self.fields["criteria_met"].choices = [
                (c["key"], f"{c['label']} (essential)" if c.get("essential") else c["label"])
                for c in criteria
            ]
        else:
            del self.fields["criteria_met"]


class WithdrawForm(forms.Form):
    on = DateField(label="Date of the withdrawal")
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        error_messages={"required": REASON_REQUIRED_FORM},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompleteForm(forms.Form):
    on = DateField(label="Date of completion")


class AddParticipantForm(forms.Form):
    email = _email_field()
    institution = forms.ChoiceField(label="School", error_messages={"required": CHOOSE_SCHOOL})
    is_lead_participant = forms.BooleanField(label="Lead participant", required=False)

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institutions = {str(inst.urn): inst for inst in institutions}
        self.fields["institution"].choices = [
            ("", "Choose a school"),
            *[(urn, f"{inst.name} ({urn})") for urn, inst in self.institutions.items()],
        ]
        self.fields["institution"].error_messages["invalid_choice"] = CHOOSE_SCHOOL

    def clean_institution(self) -> Any:
        return self.institutions[self.cleaned_data["institution"]]


class ActivityFilterForm(forms.Form):
    year = forms.TypedChoiceField(label="Academic year", coerce=int, required=False)
    hub = forms.ModelChoiceField(
        label="Maths Hub",
        queryset=Hub.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All hubs",
    )

    def __init__(self, *args: Any, years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years
