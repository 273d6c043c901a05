"""Sample arguments and exact answers of the activity pages and API for tests/access/samples.py."""

from __future__ import annotations

OK, FOUND, DENIED, MISSING = 200, 302, 403, 404


def _activity(c):
    return ([c.activity.pk], "")


SAMPLES = {
    "activities:detail": _activity,
    "activities:add_lead": _activity,
    "activities:remove_lead": lambda c: ([c.activity.pk, c.leo.person.pk], ""),
    "activities:enrol_school": _activity,
    "activities:withdraw_school": lambda c: ([c.activity.pk, c.north_school.urn], ""),
    "activities:complete_school": lambda c: ([c.activity.pk, c.north_school.urn], ""),
    "activities:complete_activity": _activity,
    "activities:add_participant": _activity,
    "activities:withdraw_participant": lambda c: ([c.activity.pk, c.pat.person.pk], ""),
    "activities:hub_current": lambda c: ([c.north.slug], ""),
    "activities:hub_year": lambda c: ([c.north.slug, 2023], ""),
    "activities:run_ncp": lambda c: ([c.mastery_readiness.code], ""),
    "api:activity_detail": _activity,
    "api:activity_participants": _activity,
    "api:activity_participant_add": _activity,
    "api:activity_school_withdraw": lambda c: ([c.activity.pk, c.north_school.urn], ""),
    "api:activity_school_complete": lambda c: ([c.activity.pk, c.north_school.urn], ""),
    "api:activity_complete": _activity,
    "api:activity_participant_withdraw": lambda c: ([c.activity.pk, c.pat.person.pk], ""),
    "api:activity_lead_add": _activity,
    "api:activity_lead_remove": lambda c: ([c.activity.pk, c.leo.person.pk], ""),
}

# Managing North's activity: North's staff and the national team; its lead and participant
# see it but may not change it (403); South's people do not see it (404).
