"""Smoke-test samples and expected statuses for the catalogue pages and API (merged by
tests/access/samples.py). The cast's catalogue year 2023/24 is published: everyone sees it."""

from __future__ import annotations

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
# The editor's API: the national team's; a GET of a write is not allowed.
