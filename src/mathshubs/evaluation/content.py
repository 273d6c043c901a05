"""What each section of a HAPPI form holds, how complete it must be to submit, and how
two versions differ, in words.

The shapes (JSON, in `HappiSection.draft` and `HappiVersion.content`):

- Plan: {"outcomes": [{"key", "source": "national"|"local", "category", "national",
  "text", "evidence"}], "methods": [method key, ...], "other_method": str,
  "sessions": [{"title", "when"}]} — `sessions` is read from the activity's events when
  the plan is submitted, so a version keeps the sessions planned at the time.
- Progress: {"updates": [{"key", "on": "YYYY-MM-DD", "text", "outcomes": [key, ...]}]}.
- Impact: {"evidence": {outcome key: {"pupils": str, "practice": str}}, "attachments":
  [{"title", "name"}]} — `attachments` too is filled in at submission.

Evidence of impact is written under the handbook's two lenses (2023/24 handbook, "Impact
evaluation and quality assurance", adapted from Guskey 2002).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError

from mathshubs.activities.rules import long_date
from mathshubs.evaluation.models import SectionKind

# The local data collection methods the handbook names ("LLME can access their own
# participants' national survey data, but may prefer other data collection methods, such
# as reflection on participants' engagement and school-based work, visits to
# participants' schools, case study work, or a local survey"), and "Other".
METHODS: dict[str, str] = {
    "national_survey": "Participants' national survey data",
    "reflection": "Reflection on participants' engagement and school-based work",
    "school_visits": "Visits to participants' schools",
    "case_study": "Case study work",
    "local_survey": "A local survey",
    "other": "Other",
}

LENSES: dict[str, str] = {
    "pupils": "Outcomes in mathematics for pupils, schools and departments",
    "practice": "Outcomes for professional learning and practice",
}

TEXT_MAX = 5000

# Why a section cannot be submitted yet (field -> message), in the GOV.UK style.
NO_OUTCOMES = "Choose or add at least one outcome for your activity"
OUTCOME_TEXT_MISSING = "Write outcome {n} in your own words"
OUTCOME_EVIDENCE_MISSING = "Say how you will evidence outcome {n}"
NO_METHODS = "Choose at least one local data collection method"
OTHER_METHOD_MISSING = "Describe your other data collection method"
NO_UPDATES = "Add at least one progress update"
UPDATE_DATE_MISSING = "Enter the date of update {n}"
UPDATE_DATE_NOT_REAL = "The date of update {n} must be a real date, like 27 3 2024"
UPDATE_TEXT_MISSING = "Write what happened in update {n}"
UPDATE_OUTCOMES_MISSING = "Choose the outcomes update {n} is about"
EVIDENCE_MISSING = "Give evidence of impact for outcome {n}, under at least one lens"
PLAN_FIRST = "Submit the Plan section first: progress and impact are against its outcomes"
TOO_LONG = "{what} must be 5,000 characters or fewer"


def session_entry(title: str, starts_at: dt.datetime) -> dict[str, str]:
    """A planned session as a submitted Plan keeps it: its title and London date."""
    from mathshubs.dates import LONDON

    return {"title": title, "when": long_date(starts_at.astimezone(LONDON).date())}


def empty(kind: str) -> dict[str, Any]:
    if kind == SectionKind.PLAN:
        return {"outcomes": [], "methods": [], "other_method": ""}
    if kind == SectionKind.PROGRESS:
        return {"updates": []}
    return {"evidence": {}}


KEY = re.compile(r"^[a-z0-9-]{1,20}$")
OUTCOMES_MAX, UPDATES_MAX = 30, 100
TOO_MANY_OUTCOMES = "A plan can have at most 30 outcomes"
TOO_MANY_UPDATES = "Progress can have at most 100 updates: combine some"


def _text(value: Any, what: str, errors: dict[str, str], field: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > TEXT_MAX:
        errors[field] = TOO_LONG.format(what=what)
    return text


def _key(value: Any, taken: set[str], prefix: str) -> str:
    key = value if isinstance(value, str) and KEY.match(value) and value not in taken else ""
    n = 1
    while not key or key in taken:
        key, n = f"{prefix}{n}", n + 1
    taken.add(key)
    return key


def normalise(kind: str, raw: Any) -> dict[str, Any]:
    """`raw` (from a form or the API) in the section's shape: unknown keys dropped, texts
    trimmed, every outcome and update given a stable key. Raises ValidationError (field ->
    message) for what cannot be kept: a text over 5,000 characters, too many rows."""
    raw = raw if isinstance(raw, dict) else {}
    errors: dict[str, str] = {}
    if kind == SectionKind.PLAN:
        taken: set[str] = set()
        outcomes = []
        rows = raw.get("outcomes") if isinstance(raw.get("outcomes"), list) else []
        if len(rows) > OUTCOMES_MAX:
            errors["outcomes"] = TOO_MANY_OUTCOMES
        for n, row in enumerate(rows[:OUTCOMES_MAX], 1):
            row = row if isinstance(row, dict) else {}
            key = _key(row.get("key"), taken, "o")
            outcomes.append(
                {
                    "key": key,
                    "source": "national" if row.get("source") == "national" else "local",
                    "category": _text(row.get("category"), "A category", errors, f"{key}-text"),
                    "national": _text(row.get("national"), "An outcome", errors, f"{key}-text"),
                    "text": _text(row.get("text"), f"Outcome {n}", errors, f"{key}-text"),
                    "evidence": _text(
                        row.get("evidence"),
                        f"The evidence of outcome {n}",
                        errors,
                        f"{key}-evidence",
                    ),
                }
            )
        methods = raw.get("methods") if isinstance(raw.get("methods"), list) else []
        content = {
            "outcomes": outcomes,
            "methods": [m for m in METHODS if m in methods],
            "other_method": _text(
                raw.get("other_method"), "The other method", errors, "other_method"
            ),
        }
    elif kind == SectionKind.PROGRESS:
        taken = set()
        updates = []
        rows = raw.get("updates") if isinstance(raw.get("updates"), list) else []
        if len(rows) > UPDATES_MAX:
            errors["updates"] = TOO_MANY_UPDATES
        for n, row in enumerate(rows[:UPDATES_MAX], 1):
            row = row if isinstance(row, dict) else {}
            key = _key(row.get("key"), taken, "u")
            on = row.get("on") if isinstance(row.get("on"), str) else ""
            try:
                on = dt.date.fromisoformat(on).isoformat() if on else ""
            except ValueError:
                errors[f"{key}-on"] = UPDATE_DATE_NOT_REAL.format(n=n)
                on = ""
            about: list[Any] = row["outcomes"] if isinstance(row.get("outcomes"), list) else []
            updates.append(
                {
                    "key": key,
                    "on": on,
                    "text": _text(row.get("text"), f"Update {n}", errors, f"{key}-text"),
                    "outcomes": [k for k in about if isinstance(k, str) and KEY.match(k)],
                }
            )
        content = {"updates": updates}
    else:
        given = raw.get("evidence") if isinstance(raw.get("evidence"), dict) else {}
        evidence = {}
        for key, lenses in list(given.items())[:OUTCOMES_MAX]:
            if not (isinstance(key, str) and KEY.match(key) and isinstance(lenses, dict)):
                continue
            evidence[key] = {
                lens: _text(lenses.get(lens), "Evidence", errors, f"{key}-{lens}")
                for lens in LENSES
            }
        content = {"evidence": evidence}
    if errors:
        raise ValidationError(errors)
    return content


def outcomes_of(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in plan.get("outcomes", []) if isinstance(o, dict) and o.get("key")]


def outcome_label(outcome: dict[str, Any], n: int) -> str:
    text = (outcome.get("text") or outcome.get("national") or "").strip()
    return f"Outcome {n}: {text}" if text else f"Outcome {n}"


def problems(kind: str, content: dict[str, Any], plan: dict[str, Any]) -> dict[str, str]:
    """What stops `content` from being submitted (field -> message); empty when it can be.
    `plan` is the Plan section's content, whose outcomes progress and impact refer to."""
    found: dict[str, str] = {}
    if kind == SectionKind.PLAN:
        outcomes = outcomes_of(content)
        if not outcomes:
            found["outcomes"] = NO_OUTCOMES
        for n, outcome in enumerate(outcomes, 1):
            key = outcome["key"]
            if not (outcome.get("text") or "").strip():
                found[f"{key}-text"] = OUTCOME_TEXT_MISSING.format(n=n)
            if not (outcome.get("evidence") or "").strip():
                found[f"{key}-evidence"] = OUTCOME_EVIDENCE_MISSING.format(n=n)
        methods = content.get("methods") or []
        if not methods:
            found["methods"] = NO_METHODS
        elif "other" in methods and not (content.get("other_method") or "").strip():
            found["other_method"] = OTHER_METHOD_MISSING
        return found
    if not outcomes_of(plan):
        return {"__all__": PLAN_FIRST}
    if kind == SectionKind.PROGRESS:
        updates = content.get("updates") or []
        if not updates:
            found["updates"] = NO_UPDATES
        for n, update in enumerate(updates, 1):
            key = update.get("key", str(n))
            if not update.get("on"):
                found[f"{key}-on"] = UPDATE_DATE_MISSING.format(n=n)
            if not (update.get("text") or "").strip():
                found[f"{key}-text"] = UPDATE_TEXT_MISSING.format(n=n)
            if not update.get("outcomes"):
                found[f"{key}-outcomes"] = UPDATE_OUTCOMES_MISSING.format(n=n)
        return found
    evidence = content.get("evidence") or {}
    for n, outcome in enumerate(outcomes_of(plan), 1):
        given = evidence.get(outcome["key"]) or {}
        if not any((given.get(lens) or "").strip() for lens in LENSES):
            found[f"{outcome['key']}-pupils"] = EVIDENCE_MISSING.format(n=n)
    return found


# --- Comparing two versions, in words ---------------------------------------------------


def _facts(kind: str, content: dict[str, Any], plan: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """A version as labelled facts (stable key -> (label, text)), to compare two."""
    facts: dict[str, tuple[str, str]] = {}
    if kind == SectionKind.PLAN:
        for n, outcome in enumerate(outcomes_of(content), 1):
            key = outcome["key"]
            source = "national outcome" if outcome.get("source") == "national" else "local outcome"
            facts[f"o:{key}"] = (f"Outcome {n} ({source})", (outcome.get("text") or "").strip())
            facts[f"e:{key}"] = (
                f"How outcome {n} will be evidenced",
                (outcome.get("evidence") or "").strip(),
            )
        for method in content.get("methods") or []:
            facts[f"m:{method}"] = ("Data collection method", METHODS.get(method, method))
        if (content.get("other_method") or "").strip():
            facts["m:other-text"] = ("Other data collection method", content["other_method"])
        for session in content.get("sessions") or []:
            facts[f"s:{session.get('title')}:{session.get('when')}"] = (
                "Planned session",
                f"{session.get('title')}, {session.get('when')}",
            )
    elif kind == SectionKind.PROGRESS:
        names = {o["key"]: n for n, o in enumerate(outcomes_of(plan), 1)}
        for update in content.get("updates") or []:
            about = ", ".join(f"outcome {names.get(k, '?')}" for k in update.get("outcomes", []))
            facts[f"u:{update.get('key')}"] = (
                f"Update of {_day(update.get('on'))}",
                f"{(update.get('text') or '').strip()} (about {about or 'no outcome'})",
            )
    else:
        evidence = content.get("evidence") or {}
        for n, outcome in enumerate(outcomes_of(plan), 1):
            given = evidence.get(outcome["key"]) or {}
            for lens, label in LENSES.items():
                text = (given.get(lens) or "").strip()
                if text:
                    facts[f"{lens}:{outcome['key']}"] = (f"Outcome {n}, {label.lower()}", text)
        for attachment in content.get("attachments") or []:
            facts[f"a:{attachment.get('name')}"] = ("Attachment", attachment.get("title", ""))
    return facts


def _day(text: str | None) -> str:
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        return "no date"
    return long_date(day)


def compare(
    kind: str, older: dict[str, Any], newer: dict[str, Any], plan: dict[str, Any]
) -> list[str]:
    """What changed from `older` to `newer`, one sentence a change, in the order the
    section reads; an empty list when nothing did."""
    before, after = _facts(kind, older, plan), _facts(kind, newer, plan)
    changes: list[str] = []
    for key, (label, text) in after.items():
        if key not in before:
            changes.append(f"Added {label.lower()}: “{text}”")
        elif before[key][1] != text:
            changes.append(f"Changed {label.lower()}: from “{before[key][1]}” to “{text}”")
    for key, (label, text) in before.items():
        if key not in after:
            changes.append(f"Removed {label.lower()}: “{text}”")
    return changes
