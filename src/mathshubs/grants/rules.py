"""The grant calculator: what an activity of a project is funded (NCP handbook 2019/20,
section J "Finances" of each project's template).

`grant_for` is a pure function of a project's finance rules (`grants/schema.py`) and the
size of one activity: it touches no database. Each rule kind has one named function,
which gives one line of the grant with the working that shows how it was reached.

Decisions where the handbook is silent:
- A `per_hub` rule is paid to the hub once a year however many activities of the project
  it runs (the LLME community grant), so it is never part of an activity's total: the
  breakdown lists it apart (`per_hub_lines`) and the hub's summary adds it once per
  project (`grants/selectors.py`).
- When the number of participants is not given, `per_participant` rules count none and
  the breakdown says so in a warning: a guessed number would look like a promise.
- A project whose grant depends on the hub's role (the teacher exchange) needs a role:
  a missing or unknown one is refused with the list of valid roles.
- A base-and-adjustment grant never goes below zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mathshubs.grants.schema import (
    FUNDER_LABELS,
    DayRateRule,
    Finances,
    ModelSizeRule,
    PerHubRule,
    PerParticipantRule,
    PerSchoolRule,
    UnitRule,
)

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")

ROLE_REQUIRED = "This project's grant depends on the hub's role: choose one of {roles}."
ROLE_UNKNOWN = "{role!r} is not a role in this project's grant: choose one of {roles}."
SCHOOLS_NEGATIVE = "The number of schools must be 0 or more."
PARTICIPANTS_NEGATIVE = "The number of participants must be 0 or more."
PARTICIPANTS_NOT_GIVEN = (
    "The number of participants is not given: the per-participant lines count none."
)
BASE_DIFFERS = (
    "The grant's base of {base} is not the project's model of {model}: check the finances."
)
NEVER_NEGATIVE = "The adjustment would take {label} below £0: it is shown as £0."
NO_RULES = "No grant rules are recorded for this project."


class GrantInputError(ValueError):
    """The question cannot be answered as asked (an unknown role, a negative count)."""


def format_money(amount: Decimal) -> str:
    """£14,150 when whole, £14,150.50 otherwise (GOV.UK style for money)."""
    value = Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == value.to_integral_value():
        return f"{sign}£{int(value):,}"
    return f"{sign}£{value:,.2f}"


def format_amount(amount: Decimal) -> str:
    """The API's form: two decimals, no symbol, no separators ("13150.00")."""
    return f"{Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)}"


def _count(number: Decimal | int, one: str, many: str | None = None) -> str:
    value = Decimal(number).normalize()
    text = f"{value:f}"
    return f"{text} {one if value == 1 else (many or one + 's')}"


def _schools(number: Decimal | int) -> str:
    return _count(number, "school")


def _days(number: Decimal | int) -> str:
    return _count(number, "day")


def _money(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class GrantLine:
    label: str
    kind: str
    funder: str
    funder_label: str
    amount: Decimal
    working: str
    text: str


@dataclass(frozen=True)
class FunderTotal:
    funder: str
    funder_label: str
    amount: Decimal


@dataclass
class GrantBreakdown:
    """One activity's grant: its lines, their totals by funder, and what was not counted.

    `per_hub_lines` are paid once a year per hub and are not in `total`.
    """

    lines: list[GrantLine] = field(default_factory=list)
    per_hub_lines: list[GrantLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schools: int = 0
    participants: int | None = None
    role: str = ""
    role_label: str = ""

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def totals_by_funder(self) -> list[FunderTotal]:
        return funder_totals(self.lines)

    @property
    def rule_texts(self) -> list[str]:
        """The handbook's words behind the lines, each once, in order."""
        return list(dict.fromkeys(line.text for line in [*self.lines, *self.per_hub_lines]))


def funder_totals(lines: list[GrantLine]) -> list[FunderTotal]:
    """Totals per funder in the funders' fixed order (hub core grant first)."""
    sums: dict[str, Decimal] = {}
    for line in lines:
        sums[line.funder] = sums.get(line.funder, ZERO) + line.amount
    return [
        FunderTotal(funder=key, funder_label=FUNDER_LABELS[key], amount=sums[key])
        for key in FUNDER_LABELS
        if key in sums
    ]


@dataclass(frozen=True)
class Size:
    """What the rules are applied to."""

    schools: int
    participants: int


def _line(rule: Any, amount: Decimal, working: str) -> GrantLine:
    return GrantLine(
        label=rule.label,
        kind=rule.kind,
        funder=rule.funder,
        funder_label=FUNDER_LABELS[rule.funder],
        amount=_money(amount),
        working=working,
        text=rule.text,
    )


def unit_grant(rule: UnitRule, size: Size) -> GrantLine:
    """A fixed amount per activity, whatever its size: "a unit grant of £4200 for each Work
    Group the hub leads" (NCP handbook 2019/20, section J, e.g. NCP 19-12); also a fixed
    item such as "£150 towards travel costs" (NCP 19-09)."""
    return _line(rule, rule.amount, f"{format_money(rule.amount)} for the activity")


def model_size_grant(rule: ModelSizeRule, size: Size) -> GrantLine:
    """A base amount for the model size, adjusted per school above or below it: "a grant of
    £14,150 based upon a seven-school model ... adjusted by £1000 for every school above or
    below" (NCP handbook 2019/20, NCP 19-11, section J)."""
    base = f"{format_money(rule.base_amount)} for {_schools(rule.base_schools)}"
    difference = size.schools - rule.base_schools
    if difference > 0:
        amount = rule.base_amount + difference * rule.per_school_above
        working = f"{base} + {_schools(difference)} × {format_money(rule.per_school_above)}"
    elif difference < 0:
        amount = rule.base_amount - (-difference) * rule.per_school_below
        working = f"{base} − {_schools(-difference)} × {format_money(rule.per_school_below)}"
    else:
        amount, working = rule.base_amount, base
    return _line(rule, max(amount, ZERO), working)


def per_school_grant(rule: PerSchoolRule, size: Size) -> GrantLine:
    """An amount for each participating school: "each Work Group school to receive £1000
    towards release time for lead teachers" (NCP handbook 2019/20, NCP 19-09, section J)."""
    return _line(
        rule,
        size.schools * rule.amount,
        f"{_schools(size.schools)} × {format_money(rule.amount)}",
    )


def day_rate_grant(rule: DayRateRule, size: Size) -> GrantLine:
    """Days at a day rate, fixed and/or per school: "6 TRGs @£350 per day"; "3 x 7 school
    visits @£350 per day" (NCP handbook 2019/20, NCP 19-09, section J); "members of the
    PCT will be paid £400 per day" (NCP 19-06)."""
    rate = format_money(rule.rate)
    parts, amount = [], ZERO
    if rule.days:
        amount += rule.days * rule.rate
        parts.append(f"{_days(rule.days)} × {rate}")
    if rule.days_per_school:
        amount += rule.days_per_school * size.schools * rule.rate
        parts.append(f"{_days(rule.days_per_school)} × {_schools(size.schools)} × {rate}")
    return _line(rule, amount, " + ".join(parts))


def per_participant_grant(rule: PerParticipantRule, size: Size) -> GrantLine:
    """An amount for each participant: "hubs will sponsor applicants with a payment of £800
    for four days of release time" (NCP handbook 2019/20, NCP 19-05, section J)."""
    return _line(
        rule,
        size.participants * rule.amount,
        f"{_count(size.participants, 'participant')} × {format_money(rule.amount)}",
    )


def per_hub_grant(rule: PerHubRule, size: Size) -> GrantLine:
    """An amount to the hub once a year, however many activities it runs: "each hub will
    receive a unit grant of £3500 to support the work of the LLME community" (NCP handbook
    2019/20, NCP 19-07, section J)."""
    return _line(rule, rule.amount, f"{format_money(rule.amount)} once a year for the hub")


RULE_FUNCTIONS: dict[str, Callable[[Any, Size], GrantLine]] = {
    "unit": unit_grant,
    "model_size": model_size_grant,
    "per_school": per_school_grant,
    "day_rate": day_rate_grant,
    "per_participant": per_participant_grant,
    "per_hub": per_hub_grant,
}


def as_finances(finances: dict | Finances | None) -> Finances:
    if isinstance(finances, Finances):
        return finances
    return Finances.model_validate(finances or {})


def _role_list(finances: Finances) -> str:
    return ", ".join(f"{role.key} ({role.label})" for role in finances.roles)


def check_role(finances: Finances, role: str) -> str:
    """The role's label; refuses a missing role where the grant depends on one, and any
    role the project does not list."""
    labels = {r.key: r.label for r in finances.roles}
    if not role:
        if labels:
            raise GrantInputError(ROLE_REQUIRED.format(roles=_role_list(finances)))
        return ""
    if role not in labels:
        if not labels:
            raise GrantInputError(f"{role!r} is not a role in this project's grant: it has none.")
        raise GrantInputError(ROLE_UNKNOWN.format(role=role, roles=_role_list(finances)))
    return labels[role]


def grant_for(
    *,
    finances: dict | Finances,
    schools: int,
    role: str = "",
    participants: int | None = None,
    model_size: int | None = None,
) -> GrantBreakdown:
    """The grant of one activity of a project, itemised by rule and totalled by funder.

    `model_size` is the project's model (e.g. 7 schools); when given, a base-and-adjustment
    rule built on another number of schools is flagged as a data problem.
    """
    rules_data = as_finances(finances)
    if schools < 0:
        raise GrantInputError(SCHOOLS_NEGATIVE)
    if participants is not None and participants < 0:
        raise GrantInputError(PARTICIPANTS_NEGATIVE)
    role_label = check_role(rules_data, role)
    breakdown = GrantBreakdown(
        notes=list(rules_data.notes),
        schools=schools,
        participants=participants,
        role=role,
        role_label=role_label,
    )
    size = Size(schools=schools, participants=participants or 0)
    applicable = [r for r in rules_data.rules if not r.roles or role in r.roles]
    if not rules_data.rules and not rules_data.notes:
        breakdown.warnings.append(NO_RULES)
    for rule in applicable:
        line = RULE_FUNCTIONS[rule.kind](rule, size)
        if rule.kind == "per_hub":
            breakdown.per_hub_lines.append(line)
            continue
        breakdown.lines.append(line)
        if isinstance(rule, ModelSizeRule):
            below = rule.base_amount - (rule.base_schools - schools) * rule.per_school_below
            if below < 0:
                breakdown.warnings.append(NEVER_NEGATIVE.format(label=rule.label))
            if model_size is not None and model_size != rule.base_schools:
                breakdown.warnings.append(
                    BASE_DIFFERS.format(
                        base=_schools(rule.base_schools), model=_schools(model_size)
                    )
                )
    if participants is None and any(r.kind == "per_participant" for r in applicable):
        breakdown.warnings.append(PARTICIPANTS_NOT_GIVEN)
    return breakdown


def without_role_rules(finances: Finances) -> Finances:
    """The rules that do not depend on a role (for an activity whose role is not set)."""
    return Finances(
        rules=[rule for rule in finances.rules if not rule.roles],
        notes=list(finances.notes),
    )
