"""Forms of the sign-in flow and the profile, rendered with GOV.UK Frontend classes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.forms.boundfield import BoundField

from mathshubs.directory.names import normalise_email

EMAIL_REQUIRED = "Enter your email address"
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"
EMAIL_REENTER_REQUIRED = "Re-enter your email address"
EMAIL_MISMATCH = (
    "The email address does not match the one you entered before. "
    "Enter the same email address again"
)
PASSWORD_REQUIRED = "Enter your password"
NEW_PASSWORD_REQUIRED = "Enter a password"
CONFIRM_REQUIRED = "Re-enter your password to confirm it"
PASSWORDS_DIFFER = "The passwords do not match. Enter the same password twice"
TOKEN_NAME_REQUIRED = "Enter a name for the token"


class GovukBoundField(BoundField):
    """Adds the GOV.UK input classes and points aria-describedby at the hint and error."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        described = []
        if self.help_text:
            described.append(f"{self.auto_id}-hint")
        if self.errors:
            described.append(f"{self.auto_id}-error")
            attrs["class"] = f"{attrs.get('class', '')} govuk-input--error".strip()
        if described:
            attrs["aria-describedby"] = " ".join(described)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class GovukForm(forms.Form):
    bound_field_class = GovukBoundField

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary; form-wide errors link to the first field."""
        first = next(iter(self.fields), "")
        items = []
        for name, errors in self.errors.items():
            target = self[name if name in self.fields else first].auto_id
            items.extend((target, str(message)) for message in errors)
        return items


def _input(*, width: str = "", **attrs: str) -> dict[str, str]:
    return {"class": f"govuk-input {width}".strip(), "spellcheck": "false", **attrs}


class EmailForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": EMAIL_REQUIRED, "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs=_input(autocomplete="email")),
    )

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])


class ReenterEmailForm(GovukForm):
    email = forms.EmailField(
        label="Re-enter your email address",
        help_text="This must be your main contact email: the address your event invitations "
        "are sent to.",
        max_length=254,
        error_messages={"required": EMAIL_REENTER_REQUIRED, "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs=_input(autocomplete="email")),
    )

    def __init__(self, *args: Any, expected: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected = normalise_email(expected)

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        if email != self.expected:
            raise forms.ValidationError(EMAIL_MISMATCH)
        return email


class PasswordForm(GovukForm):
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": PASSWORD_REQUIRED},
        widget=forms.PasswordInput(attrs=_input(autocomplete="current-password")),
    )


class CodeForm(GovukForm):
    # Text, not a number input: pasted codes keep their leading zeros, spaces and hyphens
    # are ignored by the service (GOV.UK "Confirm an email address").
    code = forms.CharField(
        label="Enter the code",
        help_text="The code is 6 numbers, for example 123456",
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs=_input(
                width="govuk-input--width-10",
                autocomplete="one-time-code",
                inputmode="numeric",
                autocapitalize="off",
            )
        ),
    )


class NewPasswordForm(GovukForm):
    password = forms.CharField(
        label="Password",
        help_text="Use at least 10 characters. Do not use a common password or one that is "
        "only numbers.",
        strip=False,
        error_messages={"required": NEW_PASSWORD_REQUIRED},
        widget=forms.PasswordInput(attrs=_input(autocomplete="new-password")),
    )
    password_confirm = forms.CharField(
        label="Confirm password",
        strip=False,
        error_messages={"required": CONFIRM_REQUIRED},
        widget=forms.PasswordInput(attrs=_input(autocomplete="new-password")),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, confirm = data.get("password"), data.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", PASSWORDS_DIFFER)
        elif password:
            try:
                password_validation.validate_password(password, self.user)
            except forms.ValidationError as exc:
                for message in exc.messages:
                    self.add_error("password", message)
        return data


class TokenForm(GovukForm):
    name = forms.CharField(
        label="Token name",
        help_text="So you can tell your tokens apart, for example: reporting spreadsheet",
        max_length=100,
        error_messages={"required": TOKEN_NAME_REQUIRED},
        widget=forms.TextInput(attrs=_input(width="govuk-input--width-20", autocomplete="off")),
    )
