"""Reads of the catalogue, for pages and the API (ISSUE 4, item 2).

A year is found from how people write it (`2023-24` in URLs, `2023/24`, `2023`), an NCP
from its code however it is written (`NCP23-07a`, `ncp 19-11`, `NCP23-7a`). A draft
year and its NCPs are visible only to the national team (`catalogue/rules.py`); to
anyone else they look exactly like a missing year or code (404).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet
from django.http import Http404
from pydantic import ValidationError as PydanticValidationError

from mathshubs.catalogue.models import (
    NCP,
    TYPE_ORDER,
    AcademicYear,
    CatalogueStatus,
    NCPPhase,
    NCPType,
    canonical_ncp_code,
)
from mathshubs.catalogue.rules import can_view_year
from mathshubs.dates import academic_year_label, academic_year_slug, parse_year_text
from mathshubs.directory.rules import is_national
from mathshubs.grants.rules import format_money
from mathshubs.grants.schema import FUNDER_LABELS
from mathshubs.grants.schema import Finances as FinanceRules

YEAR_NOT_FOUND = "There is no catalogue for {year}."
YEAR_NOT_VALID = "{text!r} is not an academic year: write it like 2023-24."
NCP_NOT_FOUND = "There is no project with the code {code!r}. Write it like NCP23-07a."

# The handbook's headings for each type: its lists say "Work Groups", "Programmes"...
TYPE_HEADINGS: dict[str, str] = {
    NCPType.WORK_GROUP: "Work Groups",
    NCPType.PROGRAMME: "Programmes",
    NCPType.COMMUNITY: "Communities",
    NCPType.INTENSIVE_SUPPORT: "Intensive Support",
    NCPType.PROGRAMME_COHORT: "Programme cohorts",
    NCPType.LLME_COMMUNITY: "LLME Communities",
    "": "Type not stated",  # a draft's project whose type the menu does not give
}
PHASE_ORDER = [phase.value for phase in NCPPhase]
NO_PHASE = "Phase not stated"


# --- Years ------------------------------------------------------------------------------------


year_slug = academic_year_slug


def years_visible_to(user: Any) -> QuerySet[AcademicYear]:
    """Every year this user may see, latest first: published ones, and drafts for the
    national team."""
    years = AcademicYear.objects.order_by("-start_year")
    if is_national(user):
        return years
    return years.filter(status=CatalogueStatus.PUBLISHED)


def years_with_counts(years: QuerySet[AcademicYear]) -> QuerySet[AcademicYear]:
    """The years with `ncp_count`, in the same query."""
    return years.annotate(ncp_count=Count("ncps"))


def access_year(*, user: Any, year_text: str) -> AcademicYear:
    """The year written `year_text` if it exists and this user may see it; else 404."""
    start = parse_year_text(year_text)
    if start is None:
        raise Http404(YEAR_NOT_VALID.format(text=(year_text or "")[:20]))
    year = AcademicYear.objects.filter(start_year=start).first()
    if year is None or not can_view_year(user, year):
        raise Http404(YEAR_NOT_FOUND.format(year=academic_year_label(start)))
    return year


# --- NCPs ---------------------------------------------------------------------------------


_SLUG_REFERENCE = re.compile(r"^(\d{4})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")


def find_ncp(code_text: str) -> NCP | None:
    """The NCP with this code however it is written ('ncp 19-11', 'NCP23-7a'), or with
    this year and slug ('2025-26-teaching-assistants', how an uncoded project is
    addressed, which still finds it once it has a code), whoever asks: use `access_ncp`
    for anything a person sees."""
    code = canonical_ncp_code(code_text or "")
    if code is not None:
        return NCP.objects.select_related("year").filter(code__iexact=code).first()
    found = _SLUG_REFERENCE.match(code_text or "")
    if found is None or int(found.group(2)) != (int(found.group(1)) + 1) % 100:
        return None
    return (
        NCP.objects.select_related("year")
        .filter(year__start_year=int(found.group(1)), slug=found.group(3))
        .first()
    )


def access_ncp(*, user: Any, code_text: str) -> NCP:
    """The NCP if it exists and its year is visible to this user; else 404."""
    ncp = find_ncp(code_text)
    if ncp is None or not can_view_year(user, ncp.year):
        raise Http404(NCP_NOT_FOUND.format(code=(code_text or "")[:30]))
    return ncp


def ncps_for_year(
    *,
    year: AcademicYear,
    phase: str | None = None,
    ncp_type: str | None = None,
    required: bool | None = None,
) -> QuerySet[NCP]:
    """The year's NCPs by number and suffix, filtered. A phase filter keeps every NCP listed
    under that phase, so one listed under several phases is kept for each of them."""
    # Uncoded projects (no number yet) after the coded ones, in the menu's order.
    ncps = (
        NCP.objects.filter(year=year)
        .select_related("year")
        .order_by(F("number").asc(nulls_last=True), "suffix", "position")
    )
    if phase:
        # `phases` is a JSON list; its text holds the value in quotes ('["primary"]'),
        # which works on SQLite and PostgreSQL alike.
        ncps = ncps.filter(phases__icontains=f'"{phase}"')
    if ncp_type:
        ncps = ncps.filter(ncp_type=ncp_type)
    if required is not None:
        ncps = ncps.filter(required=required)
    return ncps


@dataclass
class TypeGroup:
    ncp_type: str
    heading: str
    ncps: list[NCP] = field(default_factory=list)


@dataclass
class PhaseGroup:
    phase: str
    heading: str
    types: list[TypeGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.ncps) for group in self.types)


def group_by_type(ncps: list[NCP]) -> list[TypeGroup]:
    """NCPs grouped by type in the handbook's order (Work Groups, Programmes, Communities,
    Intensive Support); empty groups left out; order kept within a group."""
    groups = {value: TypeGroup(value, TYPE_HEADINGS[value]) for value in [*TYPE_ORDER, ""]}
    for ncp in ncps:
        groups[ncp.ncp_type].ncps.append(ncp)
    return [group for group in groups.values() if group.ncps]


def group_by_phase(ncps: list[NCP], phase: str | None = None) -> list[PhaseGroup]:
    """As the handbook lists them: by phase, then by type. An NCP under several phases
    appears under each; with `phase`, only that phase's list."""
    labels = dict(NCPPhase.choices)
    phases = [phase] if phase else PHASE_ORDER
    result = []
    for value in phases:
        listed = [ncp for ncp in ncps if value in ncp.phases]
        if listed:
            result.append(PhaseGroup(value, labels[value], group_by_type(listed)))
    unplaced = [ncp for ncp in ncps if not ncp.phases] if not phase else []
    if unplaced:  # a draft's projects whose phase the menu does not give
        result.append(PhaseGroup("none", NO_PHASE, group_by_type(unplaced)))
    return result


# --- One NCP's page --------------------------------------------------------------------------


def phase_titles(ncp: NCP) -> list[tuple[str, str]]:
    """(phase label, title) in the phases' order, where a code has a title per phase."""
    labels = dict(NCPPhase.choices)
    return [(labels[p], ncp.phase_titles[p]) for p in PHASE_ORDER if p in ncp.phase_titles]


@dataclass(frozen=True)
class PartnerRow:
    name: str
    amount: str  # "£2,100", or "" when the menu gives none
    note: str


def partners(ncp: NCP) -> list[PartnerRow]:
    rows = []
    for partner in ncp.partners:
        amount = partner.get("amount")
        shown = f"£{Decimal(amount):,.2f}".removesuffix(".00") if amount is not None else ""
        rows.append(PartnerRow(partner["name"], shown, partner.get("note", "")))
    return rows


BULLETS = ("·", "•", "- ", "* ", "–", "o ")  # how the handbooks start a list item
# A finance note starting with this word says the rules are not the year's own (the 2023/24
# handbook publishes no finances): the page shows it as a warning above the rules.
ILLUSTRATIVE = "Illustrative:"
FINANCES_UNREADABLE = "This project's finance rules cannot be read: tell the national team."
UNIT_NOUNS: dict[str, str] = {
    NCPType.WORK_GROUP: "Work Group",
    NCPType.PROGRAMME: "programme",
    NCPType.COMMUNITY: "community",
    NCPType.INTENSIVE_SUPPORT: "activity",
    NCPType.PROGRAMME_COHORT: "cohort",
    NCPType.LLME_COMMUNITY: "community",
}


@dataclass
class Block:
    """A paragraph (`text`) or a bulleted list (`items`) of handbook text."""

    text: str = ""
    items: list[str] = field(default_factory=list)


def text_blocks(text: str) -> list[Block]:
    """Handbook text as paragraphs and lists: lines starting with a bullet become list items."""
    blocks: list[Block] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        bullet = next((b for b in BULLETS if line.startswith(b)), None)
        if bullet is None:
            blocks.append(Block(text=line))
            continue
        item = line[len(bullet) :].strip()
        if blocks and blocks[-1].items:
            blocks[-1].items.append(item)
        else:
            blocks.append(Block(items=[item]))
    return blocks


def _number(value: Decimal) -> str:
    text = f"{Decimal(value).normalize():f}"
    return text


def days_text(value: Decimal | None) -> str:
    """Decimal('2.5') -> '2.5 days'; Decimal('1.0') -> '1 day'; None -> ''."""
    if value is None:
        return ""
    return f"{_number(value)} day{'' if value == 1 else 's'}"


def rule_summary(rule: Any, ncp_type: str = NCPType.WORK_GROUP) -> str:
    """What a finance rule pays, in words: '£4,200 per Work Group', '£14,150 for 7
    schools, ±£1,000 a school', '6 days × £350', '£1,000 per school'."""
    kind = rule.kind
    if kind == "unit":
        return f"{format_money(rule.amount)} per {UNIT_NOUNS.get(ncp_type, 'activity')}"
    if kind == "model_size":
        base = f"{format_money(rule.base_amount)} for {rule.base_schools} schools"
        if rule.per_school_above == rule.per_school_below:
            return f"{base}, ±{format_money(rule.per_school_above)} a school"
        return (
            f"{base}, plus {format_money(rule.per_school_above)} for each school above "
            f"and minus {format_money(rule.per_school_below)} for each school below"
        )
    if kind == "per_school":
        return f"{format_money(rule.amount)} per school"
    if kind == "day_rate":
        rate = format_money(rule.rate)
        if rule.days and rule.days_per_school:
            return (
                f"({days_text(rule.days)} + {days_text(rule.days_per_school)} per school) × {rate}"
            )
        if rule.days_per_school:
            return f"{days_text(rule.days_per_school)} per school × {rate}"
        return f"{days_text(rule.days)} × {rate}"
    if kind == "per_participant":
        return f"{format_money(rule.amount)} per participant"
    if kind == "per_hub":
        return f"{format_money(rule.amount)} per hub a year"
    return ""


@dataclass
class FinanceLine:
    label: str
    pays: str
    funder: str
    roles: str
    text: str


@dataclass
class Finances:
    lines: list[FinanceLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    unreadable: str = ""
    illustrative: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines or self.notes or self.unreadable or self.illustrative)


def finances_of(ncp: NCP) -> Finances:
    """The NCP's finance rules, each with what it pays in words, its funder and the
    handbook's text; what no rule expresses is a note, shown as not calculated."""
    if not ncp.finances:
        return Finances()
    try:
        finances = FinanceRules.model_validate(ncp.finances)
    except PydanticValidationError:
        return Finances(unreadable=FINANCES_UNREADABLE)
    role_labels = {role.key: role.label for role in finances.roles}
    lines = [
        FinanceLine(
            label=rule.label,
            pays=rule_summary(rule, ncp.ncp_type),
            funder=FUNDER_LABELS.get(rule.funder, rule.funder),
            roles=", ".join(role_labels.get(key, key) for key in rule.roles),
            text=rule.text,
        )
        for rule in finances.rules
    ]
    illustrative = [note for note in finances.notes if note.startswith(ILLUSTRATIVE)]
    notes = [note for note in finances.notes if not note.startswith(ILLUSTRATIVE)]
    return Finances(
        lines=lines, notes=notes, roles=list(role_labels.values()), illustrative=illustrative
    )


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


@dataclass
class ScheduleGroup:
    group: str
    rows: list[dict[str, str]]


def schedule_groups(ncp: NCP) -> list[ScheduleGroup]:
    """The national schedule as one table per group ("For WGLs new to ..."), in order."""
    groups: list[ScheduleGroup] = []
    for row in ncp.national_schedule:
        group = row.get("group", "")
        if not groups or groups[-1].group != group:
            groups.append(ScheduleGroup(group=group, rows=[]))
        groups[-1].rows.append(row)
    return groups


@dataclass
class NCPPage:
    """Everything the NCP page shows, section by section in the handbook's order (A to K)."""

    ncp: NCP
    summary: list[Block]
    purpose: list[Block]
    outcomes: list[dict[str, Any]]
    model: list[Block]
    coordination_team: list[Block]
    lead_requirements: list[Block]
    criteria_text: list[Block]
    essential_criteria: list[str]
    other_criteria: list[str]
    participation_target: list[Block]
    schedule: list[ScheduleGroup]
    schedule_notes: list[Block]
    finances: Finances
    evaluation: list[Block]

    @property
    def has_model(self) -> bool:
        ncp = self.ncp
        sizes = (ncp.model_min_schools, ncp.model_max_schools, ncp.model_size)
        return bool(self.model) or any(size is not None for size in sizes)

    @property
    def has_leads(self) -> bool:
        return bool(self.lead_requirements) or self.ncp.recommended_lead_days is not None

    @property
    def has_participants(self) -> bool:
        return bool(self.criteria_text or self.essential_criteria or self.other_criteria)

    @property
    def has_target(self) -> bool:
        return bool(self.participation_target) or self.ncp.participation_target_schools is not None

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(anchor, heading) of each section shown, for the contents list."""
        shown = [
            ("summary", "Summary", self.summary),
            ("purpose", "Purpose", self.purpose),
            ("outcomes", "Outcomes", self.outcomes),
            ("model", "Model", self.has_model),
            ("coordination", "Project co-ordination team", self.coordination_team),
            ("leads", "Leads", self.has_leads),
            ("participants", "Participants", self.has_participants),
            ("target", "Participation target", self.has_target),
            (
                "schedule",
                "National workshops, webinars and online communities",
                self.schedule or self.schedule_notes,
            ),
            ("finances", "Finances", self.finances),
            ("evaluation", "Evaluation", self.evaluation),
        ]
        return [(anchor, heading) for anchor, heading, content in shown if content]


def ncp_page(ncp: NCP) -> NCPPage:
    criteria = ncp.participant_criteria or []
    return NCPPage(
        ncp=ncp,
        summary=text_blocks(ncp.summary),
        purpose=text_blocks(ncp.purpose),
        outcomes=[group for group in ncp.outcomes or [] if group.get("items")],
        model=text_blocks(ncp.model),
        coordination_team=text_blocks(ncp.coordination_team),
        lead_requirements=text_blocks(ncp.lead_requirements),
        criteria_text=text_blocks(ncp.participant_criteria_text),
        essential_criteria=[c["label"] for c in criteria if c.get("essential")],
        other_criteria=[c["label"] for c in criteria if not c.get("essential")],
        participation_target=text_blocks(ncp.participation_target),
        schedule=schedule_groups(ncp),
        schedule_notes=text_blocks(ncp.national_schedule_notes),
        finances=finances_of(ncp),
        evaluation=text_blocks(ncp.evaluation),
    )
