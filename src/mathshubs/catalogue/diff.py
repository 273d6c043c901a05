"""What changed between two catalogues, in words (ISSUE 12): two years (2023/24 beside
2024/25) or two revisions of one published year. Projects are matched by their slug,
else by their number and suffix (a code moves on a year when copied: NCP23-08 is
NCP24-08), else by their title; a matched project with a new title is renamed.

The words say what a reader of the menu would look for: added, withdrawn, renamed, a
code given, the funding changed (each grant rule and partner's amount as the page
writes it), and which other sections changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mathshubs.catalogue.schema import CatalogueFile, NCPEntry
from mathshubs.catalogue.selectors import rule_summary

# The sections a reader knows them by (the template's letters where it has them).
FIELD_NAMES: dict[str, str] = {
    "phase_titles": "titles by phase",
    "formerly": "formerly known as",
    "new": "the NEW flag",
    "centrally_led": "centrally led",
    "phases": "phases",
    "type": "type",
    "required": "whether every hub must take part",
    "project_year": "project year",
    "strategic_goal": "strategic goal",
    "summary": "A. summary",
    "purpose": "B. purpose",
    "outcomes": "C. outcomes",
    "model": "D. model",
    "model_min_schools": "D. smallest model",
    "model_max_schools": "D. largest model",
    "model_size": "D. model size",
    "coordination_team": "E. project co-ordination team",
    "lead_requirements": "F. leads",
    "recommended_lead_days": "F. lead days",
    "participant_criteria_text": "G. participants",
    "participant_criteria": "G. participant criteria",
    "criteria_minimum_other": "G. criteria to meet",
    "participation_target": "H. participation target",
    "participation_target_schools": "H. target in schools",
    "national_schedule": "I. national schedule",
    "national_schedule_notes": "I. schedule notes",
    "evaluation": "K. evaluation",
    "journey_stage": "Teaching for Mastery stage",
    "joins_any_time": "when schools join",
}
# Compared on their own (renamed, code given, funding) or not a change a reader sees.
APART = {"code", "slug", "title", "finances", "partners"}
# Across two years: every project's year moves on, and NEW is about the newer year.
ACROSS_YEARS = {"new", "project_year"}


@dataclass
class ProjectChange:
    project: str  # as the newer catalogue names it
    renamed_from: str = ""
    code_given: str = ""
    funding: list[str] = field(default_factory=list)  # "was ... now ..."
    sections: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.renamed_from or self.code_given or self.funding or self.sections)


@dataclass
class CatalogueDiff:
    older: str  # "2023/24", "revision 2"
    newer: str
    added: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    changed: list[ProjectChange] = field(default_factory=list)
    year: list[str] = field(default_factory=list)  # the year's facts and stages

    @property
    def renamed(self) -> list[ProjectChange]:
        return [c for c in self.changed if c.renamed_from]

    @property
    def funding(self) -> list[ProjectChange]:
        return [c for c in self.changed if c.funding]

    @property
    def empty(self) -> bool:
        return not (self.added or self.withdrawn or self.changed or self.year)


def name(entry: NCPEntry) -> str:
    return f"{entry.code} {entry.title}" if entry.code else entry.title


def _number(entry: NCPEntry) -> str | None:
    return entry.code[6:] if entry.code else None  # "08" or "07a" of NCP23-08


def _pairs(
    older: list[NCPEntry], newer: list[NCPEntry]
) -> tuple[list[tuple[NCPEntry, NCPEntry]], list[NCPEntry], list[NCPEntry]]:
    """Matched (older, newer) pairs, then the newer's additions, then the older's
    withdrawals, each in its catalogue's order."""
    left = list(older)
    pairs: list[tuple[NCPEntry, NCPEntry]] = []
    remaining = list(newer)
    for key in (lambda e: e.slug, _number, lambda e: e.title.casefold()):
        unmatched = []
        for entry in remaining:
            mine = key(entry)
            found = next((o for o in left if mine is not None and key(o) == mine), None)
            if found is None:
                unmatched.append(entry)
            else:
                left.remove(found)
                pairs.append((found, entry))
        remaining = unmatched
    added = remaining
    order = {id(e): i for i, e in enumerate(newer)}
    pairs.sort(key=lambda pair: order[id(pair[1])])
    added.sort(key=lambda e: order[id(e)])
    return pairs, added, left


def _money(amount: Any) -> str:
    from mathshubs.grants.rules import format_money

    return format_money(amount) if amount is not None else "no amount"


def _funding(old: NCPEntry, new: NCPEntry) -> list[str]:
    lines = []
    kind = new.type or old.type or "work_group"
    before = {r.label: rule_summary(r, kind) for r in old.finances.rules}
    after = {r.label: rule_summary(r, kind) for r in new.finances.rules}
    for label, text in after.items():
        if label not in before:
            lines.append(f"{label}: now {text}")
        elif before[label] != text:
            lines.append(f"{label}: was {before[label]}, now {text}")
    lines += [
        f"{label}: no longer paid (was {text})"
        for label, text in before.items()
        if label not in after
    ]
    partners_before = {p.name: p.amount for p in old.partners}
    partners_after = {p.name: p.amount for p in new.partners}
    for partner, amount in partners_after.items():
        if partner not in partners_before:
            lines.append(f"Delivered with {partner} ({_money(amount)})")
        elif partners_before[partner] != amount:
            was = _money(partners_before[partner])
            lines.append(f"{partner}: was {was}, now {_money(amount)}")
    lines += [f"No longer delivered with {p}" for p in partners_before if p not in partners_after]
    return lines


def _change(old: NCPEntry, new: NCPEntry, *, across_years: bool) -> ProjectChange:
    change = ProjectChange(project=name(new))
    if old.title != new.title:
        change.renamed_from = name(old)
    if new.code and not old.code:
        change.code_given = new.code
    change.funding = _funding(old, new)
    ignored = APART | (ACROSS_YEARS if across_years else set())
    change.sections = [
        FIELD_NAMES.get(key, key)
        for key in NCPEntry.model_fields
        if key not in ignored and getattr(old, key) != getattr(new, key)
    ]
    return change


def _year_lines(older: CatalogueFile, newer: CatalogueFile) -> list[str]:
    lines = []
    labels = {
        "hubs": "Maths Hubs",
        "llmes_per_hub": "active LLMEs expected of each hub",
        "llmes_national": "active LLMEs expected nationally",
        "fully_funded": "fully funded",
    }
    for key, label in labels.items():
        was, now = getattr(older.facts, key), getattr(newer.facts, key)
        if was != now:
            lines.append(f"The {label}: was {_fact(was)}, now {_fact(now)}")
    if [s.model_dump() for s in older.stages] != [s.model_dump() for s in newer.stages]:
        names = ", ".join(s.name for s in newer.stages) or "the journey's own"
        lines.append(f"Teaching for Mastery stages are now named: {names}")
    return lines


def _fact(value: Any) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,}"


def catalogue_diff(
    older: CatalogueFile, newer: CatalogueFile, *, older_label: str, newer_label: str
) -> CatalogueDiff:
    across_years = older.year != newer.year
    pairs, added, withdrawn = _pairs(older.ncps, newer.ncps)
    changes = [_change(old, new, across_years=across_years) for old, new in pairs]
    return CatalogueDiff(
        older=older_label,
        newer=newer_label,
        added=[name(e) for e in added],
        withdrawn=[name(e) for e in withdrawn],
        changed=[c for c in changes if c.any],
        year=_year_lines(older, newer),
    )


def years_diff(one: Any, other: Any) -> CatalogueDiff:
    """Two years, the later beside the earlier."""
    from mathshubs.catalogue.services import year_file

    older, newer = sorted([one, other], key=lambda year: year.start_year)
    return catalogue_diff(
        year_file(older), year_file(newer), older_label=older.label, newer_label=newer.label
    )


def revisions_diff(one: Any, other: Any) -> CatalogueDiff:
    """Two revisions of a year, the later beside the earlier."""
    from mathshubs.catalogue.services import file_from_text

    first, second = sorted([one, other], key=lambda revision: revision.number)
    return catalogue_diff(
        file_from_text(first.snapshot),
        file_from_text(second.snapshot),
        older_label=f"revision {first.number}",
        newer_label=f"revision {second.number}",
    )
