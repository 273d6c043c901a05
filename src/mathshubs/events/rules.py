"""The programme's rules for events.

Permission predicates join this module as the events pages are built (issue 5).
"""

from __future__ import annotations

import datetime as dt

from mathshubs.dates import LONDON, end_of_day, working_days_before
from mathshubs.events.models import Event, EventFormat

# 2023/24 handbook, Practicalities: "For online events you need to confirm your attendance
# at least two working days before your event"; "For face-to-face events ... at least ten
# working days before your event".
CONFIRM_WORKING_DAYS: dict[str, int] = {EventFormat.ONLINE: 2, EventFormat.FACE_TO_FACE: 10}


def confirmation_deadline(event: Event) -> dt.datetime:
    """The last moment to confirm (or cancel) attendance: 23:59 Europe/London at the end of
    the working day that lies 2 (online) or 10 (face to face) working days before the
    event's date, counting back over working days only (2023/24 handbook,
    "Practicalities"; ISSUE 5, part 3). Working days: Monday to Friday except England and
    Wales bank holidays. An online event on Thursday 7 March 2024 can be confirmed until
    Tuesday 5 March 2024, 23:59.
    """
    event_day = event.starts_at.astimezone(LONDON).date()
    return end_of_day(working_days_before(event_day, CONFIRM_WORKING_DAYS[event.format]))


def confirmation_open(event: Event, now: dt.datetime) -> bool:
    """Whether `now` is still in time to confirm or cancel (the deadline's minute counts)."""
    return event.cancelled_at is None and now <= confirmation_deadline(event)
