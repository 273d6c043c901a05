"""Forms of the attendance pages: the register, a report upload, matching a row by hand, and
a group that joined on one link. Choices come from the view (the event's people)."""

from __future__ import annotations

from django import forms

REPORT_REQUIRED = "Choose the Zoom attendance report (a CSV file) to upload."
REPORT_EMPTY = "The file is empty. Export the participants report from Zoom and upload it."
CHOOSE_PERSON = "Choose the person this row is."
CHOOSE_HOST = "Choose the person whose link the group joined on."
CHOOSE_MEMBERS = "Choose at least one member of the group."
CHOOSE_AGAIN = "Choose from the list."

Choices = list[tuple[int, str]]


class RegisterForm(forms.Form):
    """One checkbox per confirmed person; ticked: attended."""

    attended = forms.TypedMultipleChoiceField(
        label="Attended",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": CHOOSE_AGAIN},
    )

    def __init__(self, *args, people: Choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = people


class ReportUploadForm(forms.Form):
    report = forms.FileField(
        label="Attendance report (CSV)",
        error_messages={"required": REPORT_REQUIRED, "empty": REPORT_EMPTY},
    )


class MatchForm(forms.Form):
    import_id = forms.IntegerField(widget=forms.HiddenInput)
    row = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    person = forms.TypedChoiceField(
        label="Who is this?",
        coerce=int,
        error_messages={"required": CHOOSE_PERSON, "invalid_choice": CHOOSE_AGAIN},
    )

    def __init__(self, *args, people: Choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a person"), *people]


class GroupForm(forms.Form):
    host = forms.TypedChoiceField(
        label="Whose link did the group join on?",
        coerce=int,
        error_messages={"required": CHOOSE_HOST, "invalid_choice": CHOOSE_AGAIN},
    )
    members = forms.TypedMultipleChoiceField(
        label="Who was in the group?",
        coerce=int,
        error_messages={"required": CHOOSE_MEMBERS, "invalid_choice": CHOOSE_AGAIN},
    )

    def __init__(self, *args, hosts: Choices, people: Choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].choices = [("", "Choose a person"), *hosts]
        self.fields["members"].choices = people
