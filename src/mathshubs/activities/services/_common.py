"""What the activity services share: errors keyed by field, today's date, date checks."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_IN_FUTURE = "The date must be today or in the past"
REASON_REQUIRED = "Enter the reason for the withdrawal"
DATE_BEFORE_ENROLMENT = "The date must be on or after the day the school joined, {date}"


def invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def today() -> dt.date:
    return timezone.localdate()


def check_past(field: str, day: dt.date) -> None:
    if day > today():
        raise invalid(field, DATE_IN_FUTURE, "future")
