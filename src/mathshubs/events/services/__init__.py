"""Writes to events and registrations, one module per area:

- `registrations`: confirm, cancel, requirements (the participant's replies);
- `organising`: create, edit and cancel events;
- `invitations`: invitations by email or CSV, and each person's join link;
- `waiting`: the waiting list and offers of freed places;
- `attendance`: the register, videoconference reports, group attendance;
- `discussion`: documents and comments on an event;
- `calendar`: personal calendar feeds.

The names used across the platform are re-exported here.
"""

from mathshubs.events.services.calendar import calendar_feed_create, calendar_feed_revoke
from mathshubs.events.services.registrations import (
    DEADLINE_PASSED,
    EVENT_FULL,
    NOT_CONFIRMED,
    NOT_ELIGIBLE,
    REQUIREMENTS_AFTER_CONFIRMING,
    REQUIREMENTS_FIELDS,
    REQUIREMENTS_ONLY_FACE_TO_FACE,
    REQUIREMENTS_TOO_LONG,
    registration_cancel,
    registration_confirm,
    requirements_erase_due,
    requirements_save,
)
from mathshubs.events.services.waiting import (
    places_offer,
    waiting_list_join,
    waiting_list_leave,
)

__all__ = [
    "calendar_feed_create",
    "calendar_feed_revoke",
    "places_offer",
    "waiting_list_join",
    "waiting_list_leave",
    "DEADLINE_PASSED",
    "EVENT_FULL",
    "NOT_CONFIRMED",
    "NOT_ELIGIBLE",
    "REQUIREMENTS_AFTER_CONFIRMING",
    "REQUIREMENTS_FIELDS",
    "REQUIREMENTS_ONLY_FACE_TO_FACE",
    "REQUIREMENTS_TOO_LONG",
    "registration_cancel",
    "registration_confirm",
    "requirements_erase_due",
    "requirements_save",
]
