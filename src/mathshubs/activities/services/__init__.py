"""Every write to hub activities goes through here (ENGINEERING.md, "How code is written").

ISSUE 4, "Hub activities": a hub runs a catalogue project or a local activity, with
leads (LLMEs), schools (enrolled, withdrawn with date and reason, completed) and, per
school, lead participants. Services trust their caller on permission (views and the
API check `rules.py` first) but check every piece of data, and raise ValidationError
with one of this module's messages, keyed by the field it is about.

Decisions where the issue is silent (docs/activities.md says the same):
- A lead must hold an LLME role in the activity's hub that is ongoing or for the
  activity's year or a later one: the directory's own rule for roles of a year
  (`directory/rules.py`), so a person whose LLME role ended before the year cannot lead.
- One enrolment row per school and activity. Re-enrolling a withdrawn school makes the
  row enrolled again from the new date and keeps the date and reason of its (latest)
  withdrawal, so the page can say it withdrew and came back.
- A school outside the activity's hub may enrol (schools cross hub borders); pages and
  the API show "Served by <other hub>" beside it. A closed school may not.
- The enrolment window is checked against the date the school joined (recording it
  later is fine); the national team may enrol after the window closes.
"""

from mathshubs.activities.services.activities import (
    activity_add_lead,
    activity_create,
    activity_remove_lead,
    lead_is_eligible,
)
from mathshubs.activities.services.participants import participant_add, participant_withdraw
from mathshubs.activities.services.schools import (
    activity_complete,
    school_complete,
    school_enrol,
    school_withdraw,
)

__all__ = [
    "activity_add_lead",
    "activity_complete",
    "activity_create",
    "activity_remove_lead",
    "lead_is_eligible",
    "participant_add",
    "participant_withdraw",
    "school_complete",
    "school_enrol",
    "school_withdraw",
]
