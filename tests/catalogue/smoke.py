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
    "catalogue:editor": lambda c: (["2023-24"], ""),
    "catalogue:project_add": lambda c: (["2023-24"], ""),
    "catalogue:year_details": lambda c: (["2023-24"], ""),
    "catalogue:project_change": lambda c: (["2023-24", c.mastery_readiness.slug], ""),
    "catalogue:project_move": lambda c: (["2023-24", c.mastery_readiness.slug], ""),
    "catalogue:project_withdraw": lambda c: (["2023-24", c.mastery_readiness.slug], ""),
    "catalogue:compare": lambda c: (["2023-24"], ""),
    "api:project_create": lambda c: (["2023-24"], ""),
    "api:project_update": lambda c: (["2023-24", c.mastery_readiness.slug], ""),
    "api:project_move": lambda c: (["2023-24", c.mastery_readiness.slug], ""),
    "api:project_withdraw": lambda c: (["2023-24", c.mastery_readiness.slug], ""),
    "api:year_update": lambda c: (["2023-24"], ""),
    "api:year_publish": lambda c: (["2023-24"], ""),
    "api:revisions": lambda c: (["2023-24"], ""),
    "api:year_diff": lambda c: (["2023-24"], "?with_year=2023-24"),
    "api:ncp_detail": lambda c: ([c.mastery_readiness.code], ""),
}

# The editor is the national team's: everyone else is refused (a published year) and
# anonymous people are asked to sign in.
EDITOR = {"anonymous": 302, "nadia": OK, **dict.fromkeys(PERSONAS[2:], 403)}
# The editor's API: the national team's; a GET of a write is not allowed.
EDITOR_API = {"anonymous": 401, "nadia": OK, **dict.fromkeys(PERSONAS[2:], 403)}
EXPECTED = {
    "api:revisions": EDITOR_API,
    "api:year_diff": EDITOR_API,
    "api:year_publish": dict.fromkeys(PERSONAS, NOT_ALLOWED),
    "api:year_update": dict.fromkeys(PERSONAS, NOT_ALLOWED),
    "api:project_move": dict.fromkeys(PERSONAS, NOT_ALLOWED),
    "catalogue:year_new": EDITOR,
    "catalogue:editor": EDITOR,
    "catalogue:project_add": EDITOR,
    "catalogue:year_details": EDITOR,
    "catalogue:project_change": EDITOR,
    "catalogue:project_withdraw": EDITOR,
    "catalogue:compare": EDITOR,
    "catalogue:project_move": {"anonymous": 302, **dict.fromkeys(PERSONAS[1:], NOT_ALLOWED)},
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
