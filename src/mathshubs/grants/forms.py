"""The planning form on a project's page: how many schools (and, where the grant depends on
it, the hub's role) an activity would have. It parses input; the calculator does the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from pydantic import ValidationError as PydanticValidationError

from mathshubs.catalogue.models import NCP
from mathshubs.grants.rules import GrantBreakdown, GrantInputError, as_finances
from mathshubs.grants.schema import Finances
from mathshubs.grants.selectors import FINANCES_UNREADABLE, model_text, ncp_grant

MAX_SCHOOLS = 1000
SCHOOLS_REQUIRED = "Enter the number of schools"
SCHOOLS_NOT_WHOLE = "The number of schools must be a whole number, like 7"
SCHOOLS_OUT_OF_RANGE = f"The number of schools must be between 0 and {MAX_SCHOOLS:,}"
ROLE_REQUIRED = "Select the hub's role in this project"
PARTICIPANTS_NOT_WHOLE = "The number of participants must be a whole number, like 16"
PARTICIPANTS_OUT_OF_RANGE = "The number of participants must be between 0 and 10,000"


class NCPGrantForm(forms.Form):
    """Prefixed 'grant-' so that it can sit on the project's page beside other forms."""

    schools = forms.IntegerField(
        label="Number of schools",
        min_value=0,
        max_value=MAX_SCHOOLS,
        error_messages={
            "required": SCHOOLS_REQUIRED,
            "invalid": SCHOOLS_NOT_WHOLE,
            "min_value": SCHOOLS_OUT_OF_RANGE,
            "max_value": SCHOOLS_OUT_OF_RANGE,
        },
    )

    def __init__(self, *args: Any, ncp: NCP, finances: Finances, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "grant")
        kwargs.setdefault("initial", {"schools": ncp.model_size})
        super().__init__(*args, **kwargs)
        self.ncp = ncp
        self.grant: GrantBreakdown | None = None
        if finances.roles:
            self.fields["role"] = forms.ChoiceField(
                label="The hub's role",
                choices=[(role.key, role.label) for role in finances.roles],
                error_messages={"required": ROLE_REQUIRED, "invalid_choice": ROLE_REQUIRED},
            )
        if any(rule.kind == "per_participant" for rule in finances.rules):
            self.fields["participants"] = forms.IntegerField(
                label="Number of participants",
                required=False,
                min_value=0,
                max_value=10_000,
                error_messages={
                    "invalid": PARTICIPANTS_NOT_WHOLE,
                    "min_value": PARTICIPANTS_OUT_OF_RANGE,
                    "max_value": PARTICIPANTS_OUT_OF_RANGE,
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.grant = ncp_grant(
                self.ncp,
                schools=data["schools"],
                role=data.get("role", ""),
                participants=data.get("participants"),
            )
        except GrantInputError as error:
            raise forms.ValidationError(str(error)) from error
        return data


def plan_grant(ncp: NCP, query: Any) -> dict[str, Any]:
    """The planning form and, when it is valid (or not yet sent), the breakdown it gives.

    Before anything is sent the breakdown is for the model size; where the grant depends
    on the hub's role it waits until a role is chosen.
    """
    try:
        finances = as_finances(ncp.finances)
    except PydanticValidationError:
        return {"ncp": ncp, "form": None, "grant": None, "unreadable": FINANCES_UNREADABLE}
    sent = query is not None and any(key.startswith("grant-") for key in query)
    form = NCPGrantForm(query if sent else None, ncp=ncp, finances=finances)
    grant = None
    if sent:
        grant = form.grant if form.is_valid() else None
    elif not finances.roles and (ncp.model_size or not depends_on_schools(finances)):
        grant = ncp_grant(ncp)
    return {"ncp": ncp, "form": form, "grant": grant, "sent": sent, "hint": schools_hint(ncp)}


def depends_on_schools(finances: Finances) -> bool:
    """Whether the number of schools changes the grant (so a default of none would mislead)."""
    return any(
        rule.kind in ("model_size", "per_school")
        or (rule.kind == "day_rate" and rule.days_per_school)
        for rule in finances.rules
    )


def schools_hint(ncp: NCP) -> str:
    """'The project's model is 5 to 8 schools; the grant is based on 7.'"""
    parts = []
    if ncp.model_min_schools is not None or ncp.model_max_schools is not None:
        parts.append(
            f"The project's model is {model_text(ncp.model_min_schools, ncp.model_max_schools)}"
        )
    if ncp.model_size:
        parts.append(f"its model size is {ncp.model_size}")
    text = "; ".join(parts)
    return f"{text[:1].upper()}{text[1:]}." if text else ""
