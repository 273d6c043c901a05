"""The HAPPI section forms: what a posted page means as section content, and the rows a
page shows (from the saved draft, or from what was just typed when it had an error, so
nothing typed is lost).

Field names: national outcome i of the NCP `n<i>-chosen`, `n<i>-text`, `n<i>-evidence`;
a local outcome `<key>-text`, `<key>-evidence`, `<key>-remove`, and a new one
`new-text`, `new-evidence`; methods `methods` and `other_method`; a progress update
`<key>-day`, `-month`, `-year`, `-text`, `-outcomes`, `-remove` (new: `new-...`); impact
evidence `<outcome key>-pupils`, `<outcome key>-practice`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from mathshubs.catalogue.models import NCP
from mathshubs.evaluation import content as shapes

DATE_NOT_REAL = "The date of update {n} must be a real date, like 27 3 2024"


@dataclass
class NationalOutcome:
    key: str
    category: str
    national: str
    chosen: bool = False
    text: str = ""
    evidence: str = ""


def outcomes_source(ncp: NCP | None) -> NCP | None:
    """The catalogue entry whose national outcomes a plan offers: the NCP's own; or, when
    its year's catalogue lists none (the 2023/24 handbook gives none), the same project's
    in the latest earlier catalogue that does (by title: 2019/20's Mastery Readiness Work
    Groups for 2023/24's)."""
    if ncp is None or ncp.outcomes:
        return ncp
    earlier = NCP.objects.filter(
        title__iexact=ncp.title, year__start_year__lt=ncp.year.start_year
    ).order_by("-year__start_year")
    return next((found for found in earlier if found.outcomes), None)


def national_outcomes(ncp: NCP | None) -> list[NationalOutcome]:
    """The NCP's national outcomes (`outcomes_source`), offered by category, each keyed
    `n<i>` by its position in the catalogue."""
    found = []
    source = outcomes_source(ncp)
    for group in (source.outcomes if source is not None else []) or []:
        for item in group.get("items", []):
            found.append(NationalOutcome(f"n{len(found) + 1}", group.get("category", ""), item))
    return found


def plan_rows(
    plan: dict[str, Any], ncp: NCP | None
) -> tuple[list[NationalOutcome], list[dict[str, Any]]]:
    """The national outcomes (with what the plan says of each) and the local outcomes."""
    chosen = {o["key"]: o for o in shapes.outcomes_of(plan) if o.get("source") == "national"}
    offered = national_outcomes(ncp)
    for outcome in offered:
        if outcome.key in chosen:
            outcome.chosen = True
            outcome.text = chosen[outcome.key].get("text", "")
            outcome.evidence = chosen[outcome.key].get("evidence", "")
    local = [o for o in shapes.outcomes_of(plan) if o.get("source") != "national"]
    return offered, local


def plan_from_post(post: QueryDict, ncp: NCP | None, plan: dict[str, Any]) -> dict[str, Any]:
    outcomes: list[dict[str, Any]] = []
    for offered in national_outcomes(ncp):
        if post.get(f"{offered.key}-chosen"):
            outcomes.append(
                {
                    "key": offered.key,
                    "source": "national",
                    "category": offered.category,
                    "national": offered.national,
                    # Tailored in the hub's words; the national wording until then.
                    "text": post.get(f"{offered.key}-text", offered.national),
                    "evidence": post.get(f"{offered.key}-evidence", ""),
                }
            )
    for local in shapes.outcomes_of(plan):
        key = local["key"]
        if local.get("source") == "national" or post.get(f"{key}-remove"):
            continue
        if f"{key}-text" in post:
            outcomes.append(
                {
                    "key": key,
                    "source": "local",
                    "text": post.get(f"{key}-text", ""),
                    "evidence": post.get(f"{key}-evidence", ""),
                }
            )
    if post.get("new-text", "").strip() or post.get("new-evidence", "").strip():
        outcomes.append(
            {
                "key": "",
                "source": "local",
                "text": post.get("new-text", ""),
                "evidence": post.get("new-evidence", ""),
            }
        )
    return {
        "outcomes": outcomes,
        "methods": post.getlist("methods"),
        "other_method": post.get("other_method", ""),
    }


@dataclass
class UpdateRow:
    key: str
    day: str = ""
    month: str = ""
    year: str = ""
    text: str = ""
    outcomes: list[str] = field(default_factory=list)


def update_rows(progress: dict[str, Any]) -> list[UpdateRow]:
    rows = []
    for update in progress.get("updates", []):
        try:
            on = dt.date.fromisoformat(update.get("on") or "")
            parts = [str(on.day), str(on.month), str(on.year)]
        except ValueError:
            parts = ["", "", ""]
        rows.append(
            UpdateRow(update["key"], *parts, update.get("text", ""), update.get("outcomes", []))
        )
    return rows


def progress_from_post(
    post: QueryDict, progress: dict[str, Any]
) -> tuple[dict[str, Any], list[UpdateRow], dict[str, str]]:
    """The progress content, the rows as typed, and dates that are not real dates."""
    rows: list[UpdateRow] = []
    for update in progress.get("updates", []):
        key = update["key"]
        if f"{key}-text" in post and not post.get(f"{key}-remove"):
            rows.append(_typed_row(post, key, key))
    if any(post.get(f"new-{part}", "").strip() for part in ("day", "month", "year", "text")):
        rows.append(_typed_row(post, "new", ""))
    errors: dict[str, str] = {}
    updates = []
    for n, row in enumerate(rows, 1):
        on = ""
        if row.day or row.month or row.year:
            try:
                on = dt.date(int(row.year), int(row.month), int(row.day)).isoformat()
            except (ValueError, OverflowError):
                errors[f"{row.key or 'new'}-on"] = DATE_NOT_REAL.format(n=n)
        updates.append({"key": row.key, "on": on, "text": row.text, "outcomes": row.outcomes})
    return {"updates": updates}, rows, errors


def _typed_row(post: QueryDict, prefix: str, key: str) -> UpdateRow:
    return UpdateRow(
        key,
        post.get(f"{prefix}-day", "").strip(),
        post.get(f"{prefix}-month", "").strip(),
        post.get(f"{prefix}-year", "").strip(),
        post.get(f"{prefix}-text", ""),
        post.getlist(f"{prefix}-outcomes"),
    )


def impact_from_post(post: QueryDict, plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "evidence": {
            outcome["key"]: {
                lens: post.get(f"{outcome['key']}-{lens}", "") for lens in shapes.LENSES
            }
            for outcome in shapes.outcomes_of(plan)
        }
    }
