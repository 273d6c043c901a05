"""Smoke-test samples and expected statuses for the grants pages and API (merged by
tests/access/samples.py)."""

from __future__ import annotations

OK, FOUND, MISSING, UNAUTHORISED = 200, 302, 404, 401

SAMPLES = {
    "grants:hub_summary": lambda c: ([c.north.slug, "2023-24"], ""),
    "grants:activity_grant": lambda c: ([c.activity.pk], ""),
    "grants:ncp_grant": lambda c: ([c.mastery_readiness.code], "?grant-schools=6"),
    "api:activity_grant": lambda c: ([c.activity.pk], ""),
    "api:ncp_grant": lambda c: ([c.mastery_readiness.code], "?schools=6"),
    "api:hub_grants": lambda c: ([c.north.slug], "?year=2023-24"),
}

_HUB_FINANCES = {"nadia": OK, "harriet": OK, "leo": MISSING, "pat": MISSING, "sam": MISSING}
_HUB_FINANCES["simon"] = MISSING
