"""Forms of the participant's event pages. They parse what was typed; services check the
rules and write. Field names match the services' error keys, so a service's refusal lands
beside its field."""

from __future__ import annotations

from django import forms

REQUIREMENT_TOO_LONG = "{label} must be 2,000 characters or fewer"
TITLE_REQUIRED = "Enter a title for the document"
TITLE_TOO_LONG = "The title must be 255 characters or fewer"
FILE_REQUIRED = "Choose a file to upload"
COMMENT_REQUIRED = "Enter your comment"
COMMENT_TOO_LONG = "Your comment must be 5,000 characters or fewer"
TABS = ("eligible", "upcoming", "past")
ORGANISING = "organising"  # a fourth tab, for people who organise events


def _requirement(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": REQUIREMENT_TOO_LONG.format(label=label)},
    )


class RequirementsForm(forms.Form):
    """The Requirements tab (2023/24 handbook, Practicalities)."""

    dietary_requirements = _requirement("Dietary requirements")
    access_requirements = _requirement("Access requirements")
    other_requirements = _requirement("Other requirements")


class DocumentForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=255,
        error_messages={"required": TITLE_REQUIRED, "max_length": TITLE_TOO_LONG},
    )
    file = forms.FileField(
        label="File",
        error_messages={"required": FILE_REQUIRED, "invalid": FILE_REQUIRED},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Add a comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED, "max_length": COMMENT_TOO_LONG},
    )


def tab_of(value: str | None, *, organiser: bool = False) -> str:
    """The Events page's tab from the address: eligible unless it names another."""
    if value == ORGANISING and organiser:
        return value
    return value if value in TABS else "eligible"
