from __future__ import annotations

from django import forms

from mathshubs.privacy.services import CONFIRMATION_WRONG


class ErasureForm(forms.Form):
    full_name = forms.CharField(
        label="Type the person's full name to confirm",
        max_length=210,
        required=True,
        error_messages={"required": CONFIRMATION_WRONG},
        widget=forms.TextInput(attrs={"class": "govuk-input", "autocomplete": "off"}),
    )
