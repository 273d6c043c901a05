"""The Changes page's filters."""

from __future__ import annotations

from django import forms

from mathshubs.audit.kinds import KIND_CHOICES


class ChangesFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of record", required=False, choices=[("", "All kinds"), *KIND_CHOICES]
    )
    hub = forms.ChoiceField(label="Maths Hub", required=False)

    def __init__(self, *args, hubs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = [("", "All Maths Hubs")] + [(h.slug, h.name) for h in hubs]
