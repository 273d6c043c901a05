"""Sample arguments and exact answers of the activity pages and API for tests/test_smoke.py."""

from __future__ import annotations

OK, FOUND, DENIED, MISSING = 200, 302, 403, 404
PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]
SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


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
MANAGE = {
    "anonymous": FOUND,
    "nadia": OK,
    "harriet": OK,
    "leo": DENIED,
    "pat": DENIED,
    "sam": MISSING,
    "simon": MISSING,
}
SEE = {**MANAGE, "leo": OK, "pat": OK}
PLAN = {
    "anonymous": FOUND,
    "nadia": OK,
    "harriet": OK,
    "leo": DENIED,
    "pat": DENIED,
    "sam": DENIED,
    "simon": OK,
}
API_SEE = {**SEE, "anonymous": 401}

EXPECTED = {
    "activities:list": {"anonymous": FOUND, **dict.fromkeys(SIGNED_IN, OK)},
    "activities:hub_year": {"anonymous": FOUND, **dict.fromkeys(SIGNED_IN, OK)},
    "activities:hub_current": dict.fromkeys(PERSONAS, FOUND),
    "activities:detail": SEE,
    "activities:create_local": PLAN,
    "activities:run_ncp": PLAN,
    **{
        f"activities:{name}": MANAGE
        for name in (
            "add_lead",
            "remove_lead",
            "enrol_school",
            "withdraw_school",
            "complete_school",
            "complete_activity",
            "add_participant",
            "withdraw_participant",
        )
    },
    "api:activity_list": {"anonymous": 401, **dict.fromkeys(SIGNED_IN, OK)},
    "api:activity_create": {"anonymous": 401, **dict.fromkeys(SIGNED_IN, OK)},
    "api:activity_detail": API_SEE,
    "api:activity_participants": API_SEE,
    "api:activity_participant_add": API_SEE,
}
