"""Smoke-test samples and expected statuses for the catalogue pages and API (merged by
tests/test_smoke.py). The cast's catalogue year 2023/24 is published: everyone sees it."""

from __future__ import annotations

PERSONAS = ["anonymous", "nadia", "harriet", "leo", "pat", "sam", "simon"]
OK, NOT_ALLOWED = 200, 405

SAMPLES = {
    "catalogue:year": lambda c: (["2023-24"], "?phase=primary&type=work_group&required=yes"),
    "catalogue:year_yaml": lambda c: (["2023-24"], ""),
    "catalogue:ncp": lambda c: ([c.mastery_readiness.code], ""),
    "catalogue:copy": lambda c: (["2023-24"], ""),
    "catalogue:publish": lambda c: (["2023-24"], ""),
    "api:year_ncps": lambda c: (["2023-24"], "?phase=primary&type=work_group&required=true"),
    "api:ncp_detail": lambda c: ([c.mastery_readiness.code], ""),
}

EXPECTED = {
    "catalogue:index": dict.fromkeys(PERSONAS, OK),
    "catalogue:year": dict.fromkeys(PERSONAS, OK),
    "catalogue:year_yaml": dict.fromkeys(PERSONAS, OK),
    "catalogue:ncp": dict.fromkeys(PERSONAS, OK),
    # Copying and publishing are POST only.
    "catalogue:copy": dict.fromkeys(PERSONAS, NOT_ALLOWED),
    "catalogue:publish": dict.fromkeys(PERSONAS, NOT_ALLOWED),
    "api:year_list": dict.fromkeys(PERSONAS, OK),
    "api:year_ncps": dict.fromkeys(PERSONAS, OK),
    "api:ncp_detail": dict.fromkeys(PERSONAS, OK),
}
