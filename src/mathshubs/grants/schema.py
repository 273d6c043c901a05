"""The shape of an NCP's finances (section J of the 2019/20 handbook's template).

Every finance section is a list of rules; each rule is one line of the grant, says
who funds it, and keeps the handbook's words it came from. What no rule can express
stays as a note, shown on the NCP page. The calculator is `grants/rules.py`.

Rule kinds:
- `unit`: a fixed amount per activity (GBP 4,200 per Work Group; GBP 150 travel);
- `model_size`: a base amount for the model size, adjusted per school above and below
  it (GBP 14,150 for seven schools, plus or minus GBP 1,000 a school);
- `per_school`: an amount per participating school (GBP 1,000 towards release time);
- `day_rate`: a day rate times days, fixed and/or per school (6 TRG days at GBP 350;
  3 visits per school at GBP 350);
- `per_participant`: an amount per participant (GBP 800 release for each applicant);
- `per_hub`: an amount to the hub once a year, however many activities it runs
  (GBP 3,500 for the LLME community).
Any rule can be limited to activities with given `roles` (exchange hosting /
non-hosting); co-funding is one rule per funder.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Funder = Literal["hub_core_grant", "amsp", "mhnf", "dfe"]
FUNDER_LABELS: dict[str, str] = {
    "hub_core_grant": "Maths Hub core grant",
    "amsp": "Advanced Maths Support Programme (AMSP)",
    "mhnf": "Maths Hubs Network Fund (MHNF)",
    "dfe": "Department for Education",
}
Money = Annotated[Decimal, Field(ge=0, max_digits=9, decimal_places=2)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=40)]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, description="The handbook's words this rule comes from")
    funder: Funder = "hub_core_grant"
    roles: list[Slug] = Field(default_factory=list)


class UnitRule(_Rule):
    kind: Literal["unit"]
    amount: Money


class ModelSizeRule(_Rule):
    kind: Literal["model_size"]
    base_amount: Money
    base_schools: int = Field(ge=1)
    per_school_above: Money
    per_school_below: Money


class PerSchoolRule(_Rule):
    kind: Literal["per_school"]
    amount: Money


class DayRateRule(_Rule):
    kind: Literal["day_rate"]
    rate: Money
    days: Decimal = Field(default=Decimal(0), ge=0)
    days_per_school: Decimal = Field(default=Decimal(0), ge=0)

    @model_validator(mode="after")
    def _some_days(self) -> DayRateRule:
        if not self.days and not self.days_per_school:
            raise ValueError("give days, days_per_school, or both")
        return self


class PerParticipantRule(_Rule):
    kind: Literal["per_participant"]
    amount: Money


class PerHubRule(_Rule):
    kind: Literal["per_hub"]
    amount: Money


Rule = Annotated[
    UnitRule | ModelSizeRule | PerSchoolRule | DayRateRule | PerParticipantRule | PerHubRule,
    Field(discriminator="kind"),
]


class GrantRole(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: Slug
    label: str = Field(min_length=1)


class Finances(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[GrantRole] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _roles_declared(self) -> Finances:
        declared = {role.key for role in self.roles}
        for rule in self.rules:
            unknown = set(rule.roles) - declared
            if unknown:
                raise ValueError(
                    f"rule {rule.label!r} names roles {sorted(unknown)} not listed under roles"
                )
        return self
