"""The catalogue's filter form: phase, type, required (ISSUE 4, item 2)."""

from __future__ import annotations

from typing import Any

from django import forms

from mathshubs.catalogue.models import NCPPhase, NCPType

FILTER_IGNORED = "The {label} filter was ignored: {value!r} is not one of its choices."
REQUIRED_CHOICES = [("", "Any"), ("yes", "Yes"), ("no", "No")]


class CatalogueFilterForm(forms.Form):
    """A GET form that never fails the page: a value that is not a choice is dropped,
    and `ignored` says which, so a mistyped or outdated link still shows the year."""

    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "All phases"), *NCPPhase.choices]
    )
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *NCPType.choices]
    )
    required = forms.ChoiceField(
        label="Required of every hub", required=False, choices=REQUIRED_CHOICES
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        self.ignored: list[str] = []
        if data is not None:
            data = {name: data.get(name, "") for name in ("phase", "type", "required")}
            choices = {
                name: getattr(field, "choices", []) for name, field in self.base_fields.items()
            }
            for name, value in list(data.items()):
                allowed = {str(key) for key, _ in choices[name]}
                if value not in allowed:
                    label = self.base_fields[name].label or name
                    self.ignored.append(
                        FILTER_IGNORED.format(label=label.lower(), value=str(value)[:40])
                    )
                    data[name] = ""
        super().__init__(data, **kwargs)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `selectors.ncps_for_year`."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        required = {"yes": True, "no": False}.get(data["required"])
        return {
            "phase": data["phase"] or None,
            "ncp_type": data["type"] or None,
            "required": required,
        }

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters() and any(v is not None for v in self.filters().values()))
