"""Forms of the directory pages. They parse input; services do the writing."""

from __future__ import annotations

from django import forms

from mathshubs.directory.models import Hub, Phase

FIND_HUB_EMPTY = "Enter a school name, URN, postcode or local authority"
FIND_HUB_TOO_LONG = "Search for 100 characters or fewer"
NEW_EMAIL_EMPTY = "Enter the new email address"


class FindHubForm(forms.Form):
    q = forms.CharField(
        label="School name, URN, postcode or local authority",
        max_length=100,
        error_messages={"required": FIND_HUB_EMPTY, "max_length": FIND_HUB_TOO_LONG},
    )


def _hub_choices() -> list[tuple[str, str]]:
    return [("", "All hubs"), *Hub.objects.values_list("slug", "name").order_by("name")]


class InstitutionSearchForm(forms.Form):
    q = forms.CharField(label="Name or URN", required=False, max_length=100)
    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "All phases"), *Phase.choices]
    )
    hub = forms.ChoiceField(label="Maths Hub", required=False)
    la = forms.CharField(label="Local authority (name or code)", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = _hub_choices()


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Name or email", required=False, max_length=100)
    hub = forms.ChoiceField(label="Maths Hub", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = _hub_choices()


class ChangeEmailForm(forms.Form):
    # A CharField, not an EmailField: the service validates, so its messages are the ones shown.
    email = forms.CharField(
        label="New email address",
        max_length=254,
        error_messages={"required": NEW_EMAIL_EMPTY},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class HubOverrideForm(forms.Form):
    hub = forms.ModelChoiceField(
        label="Serving hub chosen by the national team",
        queryset=Hub.objects.order_by("name"),
        required=False,
        empty_label="None: use the hub of the school's area",
        to_field_name="slug",
    )
