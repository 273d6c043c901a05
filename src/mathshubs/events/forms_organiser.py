"""Forms of the organisers' pages. They parse what was typed; the services in
`events.services.organising` check the rules and write.

Dates are the GOV.UK date input (day, month, year); times are typed as hours and minutes
(16:00, 24-hour clock); both are read in Europe/London.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from mathshubs.activities.forms import DateField
from mathshubs.catalogue.selectors import find_ncp
from mathshubs.dates import LONDON
from mathshubs.events.models import Event, EventFormat, EventKind
from mathshubs.events.services.organising import EDITABLE, NATIONAL_KINDS

DATE_REQUIRED = "Enter the date of the event"
START_REQUIRED = "Enter the start time, like 16:00"
END_REQUIRED = "Enter the end time, like 17:30"
TIME_INVALID = "Enter the time as hours and minutes on the 24-hour clock, like 16:00"
FORMAT_REQUIRED = "Choose whether the event is online or face to face"
KIND_REQUIRED = "Choose the kind of event"
NCP_UNKNOWN = "There is no project with the code {code}: enter a code like NCP23-08"
WHOLE_NUMBER = "Enter a whole number, like 30"
REASON_REQUIRED = "Enter the reason for cancelling the event"
FILE_REQUIRED = "Choose a CSV file to upload"
EMAILS_REQUIRED = "Enter at least one email address"

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")


class TimeField(forms.CharField):
    """A time typed as 16:00 (or 16.00); kept as typed when it is wrong."""

    def __init__(self, *, required_message: str, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(error_messages={"required": required_message}, **kwargs)

    def clean(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        match = _TIME.match(text)
        if not match:
            raise forms.ValidationError(TIME_INVALID, code="invalid")
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise forms.ValidationError(TIME_INVALID, code="invalid")
        return dt.time(hour, minute)


class EventForm(forms.Form):
    """An event's details. Fields are named after the service's keys, so a refusal lands
    beside its field; `starts_at`/`ends_at` errors go to the times (see ALIASES)."""

    kind = forms.ChoiceField(
        label="Kind of event", required=False, error_messages={"invalid_choice": KIND_REQUIRED}
    )
    ncp = forms.CharField(label="Project code", required=False, max_length=30)
    title = forms.CharField(label="Title", required=False, max_length=255)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    date = DateField(label="Date", required_message=DATE_REQUIRED)
    start_time = TimeField(label="Start time", required_message=START_REQUIRED)
    end_time = TimeField(label="End time", required_message=END_REQUIRED)
    end_date = DateField(label="End date, if it ends on another day", required=False)
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=EventFormat.choices,
        error_messages={"invalid_choice": FORMAT_REQUIRED},
    )
    venue = forms.CharField(label="Venue", required=False, max_length=255)
    address = forms.CharField(
        label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    meeting_url = forms.CharField(label="Meeting link", required=False, max_length=1000)
    capacity = forms.IntegerField(
        label="Number of places",
        required=False,
        error_messages={"invalid": WHOLE_NUMBER},
    )
    minimum_minutes = forms.IntegerField(
        label="Minimum minutes to count as attended",
        required=False,
        error_messages={"invalid": WHOLE_NUMBER},
    )
    contact_name = forms.CharField(label="Contact name", required=False, max_length=255)
    contact_email = forms.CharField(label="Contact email", required=False, max_length=254)

    ALIASES = {"starts_at": "start_time", "ends_at": "end_time", "organiser_ids": "title"}

    def __init__(self, *args: Any, national: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.national = national
        if national:
            labels = dict(EventKind.choices)
            self.fields["kind"].choices = [(k, labels[k]) for k in NATIONAL_KINDS]
        else:
            del self.fields["kind"]
            del self.fields["ncp"]

    def clean_ncp(self) -> Any:
        code = (self.cleaned_data.get("ncp") or "").strip()
        if not code:
            return None
        ncp = find_ncp(code)
        if ncp is None:
            raise forms.ValidationError(NCP_UNKNOWN.format(code=code[:30]), code="unknown")
        return ncp

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = dt.datetime.combine(day, start, tzinfo=LONDON)
            data["ends_at"] = dt.datetime.combine(data.get("end_date") or day, end, tzinfo=LONDON)
        if self.national and not data.get("kind") and "kind" not in self.errors:
            self.add_error("kind", KIND_REQUIRED)
        if not data.get("format") and "format" not in self.errors:
            self.add_error("format", FORMAT_REQUIRED)
        return data

    def event_values(self) -> dict[str, Any]:
        """What the services take, from a valid form."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in EDITABLE}
        for text in ("title", "description", "venue", "address", "meeting_url"):
            values[text] = values[text] or ""
        values["contact_name"] = values["contact_name"] or ""
        values["contact_email"] = values["contact_email"] or ""
        values["minimum_minutes"] = values["minimum_minutes"] or 0
        return values


def event_initial(event: Event) -> dict[str, Any]:
    """The edit form's starting values: the event as it is, times in London."""
    start, end = event.starts_at.astimezone(LONDON), event.ends_at.astimezone(LONDON)
    return {
        "title": event.title,
        "description": event.description,
        "date": start.date(),
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "end_date": end.date() if end.date() != start.date() else None,
        "format": event.format,
        "venue": event.venue,
        "address": event.address,
        "meeting_url": event.meeting_url,
        "capacity": event.capacity,
        "minimum_minutes": event.minimum_minutes,
        "contact_name": event.contact_name,
        "contact_email": event.contact_email,
    }


def new_event_initial(activity: Any = None, contact: Any = None) -> dict[str, Any]:
    initial: dict[str, Any] = {"format": EventFormat.ONLINE, "minimum_minutes": 0}
    if activity is not None:
        initial["title"] = f"{activity.title}: session"
    if contact is not None:
        initial["contact_name"] = contact.full_name
        initial["contact_email"] = contact.email
    return initial


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Why is the event cancelled?",
        max_length=2000,
        error_messages={"required": REASON_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses",
        error_messages={"required": EMAILS_REQUIRED},
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CsvFileForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        allow_empty_file=True,  # the service says what an empty file lacks
        error_messages={"required": FILE_REQUIRED},
    )


class JoinLinkForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    url = forms.CharField(label="Join link", required=False, max_length=1000)
