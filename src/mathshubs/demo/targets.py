"""What the demo programme aims at: the 2022/23 annual report's national figures.

The 2022/23 targets are the report's (`shared/reference/annual-report-2022-23.md`);
where the report gives only a chart (primary schools by stage) or nothing (2023/24,
secondary Embedding Year Support) the numbers here are invented and marked so.
Each hub gets a share of a national target in proportion to its schools of the
phase concerned (largest remainders, so national totals come out exact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mathshubs.demo.hubs import HubData

YEARS = (2022, 2023)  # 2022/23, the annual report's year, and 2023/24, under way
CURRENT_YEAR = 2023

# NCP keys: number and suffix, the same in 2022/23 (copied from 2023/24) and 2023/24.
READINESS, DEVELOPMENT, EMBEDDING, SUSTAINING = "08", "09", "10", "11"
MN_KS1, MN_IMPACT, MN_KS2 = "07a", "07b", "06"
SEC_DEVELOPMENT, SEC_EMBEDDING_YEAR, SEC_SUSTAINING = "12", "13", "14"
PRIMARY_JOURNEY = (READINESS, DEVELOPMENT, EMBEDDING, SUSTAINING)
MN_JOURNEY = (MN_KS1, MN_IMPACT)
SECONDARY_JOURNEY = (SEC_DEVELOPMENT, SEC_EMBEDDING_YEAR, SEC_SUSTAINING)
JOURNEY = PRIMARY_JOURNEY + MN_JOURNEY + SECONDARY_JOURNEY
# Special schools' cross-phase Development communities (the NCP is at the Development stage).
SPECIAL = "09s"
# The stage a school moves on to the next year (Sustaining and Embedding the Impact stay).
NEXT_STAGE = {
    READINESS: DEVELOPMENT,
    DEVELOPMENT: EMBEDDING,
    EMBEDDING: SUSTAINING,
    SUSTAINING: SUSTAINING,
    MN_KS1: MN_IMPACT,
    MN_IMPACT: MN_IMPACT,
    SEC_DEVELOPMENT: SEC_EMBEDDING_YEAR,
    SEC_EMBEDDING_YEAR: SEC_SUSTAINING,
    SEC_SUSTAINING: SEC_SUSTAINING,
}

# Census totals the national targets are shares of (state-funded schools, January 2023).
NATIONAL_PRIMARY = 16_775
NATIONAL_SECONDARY = 3_319  # secondary and all-through
NATIONAL_LLMES = 2_000  # 50 a hub, the programme's goal
COHORT_SIZE = 15  # SKTM participants in a cohort


@dataclass(frozen=True)
class YearTargets:
    """National aims for one year of the demo."""

    engaged_share: float  # of state-funded schools and colleges
    other_share: float  # of special, AP, Early Years and middle schools
    secondary_engaged: int
    # Schools starting at a stage this year (all of them in the first year).
    journey_new: dict[str, int]
    # Of last year's schools at a stage, the share that carries on to the next stage.
    continuing: dict[str, float]
    mn_ks2_share: float  # of Embedding the Impact schools also in Mastering Number at KS2
    post16_work_groups: int
    post16_institutions: int
    itt_providers: int
    sktm_participants: int
    riwgs: int
    riwg_schools: int
    active_llmes: int
    starting_programmes: int


TARGETS = {
    2022: YearTargets(
        engaged_share=0.56,
        other_share=0.30,  # invented
        secondary_engaged=1959,
        # Primary by stage: the report gives 6,868 in all and a chart; the split is invented.
        journey_new={
            READINESS: 600,
            DEVELOPMENT: 1450,
            EMBEDDING: 1350,
            SUSTAINING: 3468,
            MN_KS1: 3900,  # new to Mastering Number (c. 7,000 in all)
            MN_IMPACT: 3100,  # second year: Embedding the Impact communities
            SEC_DEVELOPMENT: 265,
            SEC_EMBEDDING_YEAR: 240,  # invented
            SEC_SUSTAINING: 700,
        },
        continuing={},
        mn_ks2_share=0.08,
        post16_work_groups=19,
        post16_institutions=114,
        itt_providers=159,
        sktm_participants=5134,
        riwgs=121,
        riwg_schools=1069,
        active_llmes=1560,  # "over 1,500"
        starting_programmes=622,
    ),
    # 2023/24: invented, growing a little ("thousands are already signed up").
    2023: YearTargets(
        engaged_share=0.58,
        other_share=0.32,
        secondary_engaged=2050,
        journey_new={READINESS: 550, DEVELOPMENT: 700, MN_KS1: 3000, SEC_DEVELOPMENT: 280},
        continuing={
            READINESS: 0.92,
            DEVELOPMENT: 0.92,
            EMBEDDING: 0.92,
            SUSTAINING: 0.93,
            MN_KS1: 0.90,
            MN_IMPACT: 0.75,
            SEC_DEVELOPMENT: 0.92,
            SEC_EMBEDDING_YEAR: 0.92,
            SEC_SUSTAINING: 0.93,
        },
        mn_ks2_share=0.15,
        post16_work_groups=21,
        post16_institutions=128,
        itt_providers=165,
        sktm_participants=5400,
        riwgs=125,
        riwg_schools=1100,
        active_llmes=1800,
        starting_programmes=600,
    ),
}


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders: the parts sum to it)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def partition(total: int, groups: int) -> list[int]:
    """`total` split into `groups` parts as even as can be."""
    if groups <= 0:
        return []
    base, extra = divmod(total, groups)
    return [base + (1 if i < extra else 0) for i in range(groups)]


@dataclass(frozen=True)
class HubTargets:
    journey_new: dict[str, int]
    secondary_engaged: int
    post16_work_groups: int
    post16_institutions: int
    itt_providers: int
    sktm_participants: int
    riwgs: int
    riwg_schools: int
    active_llmes: int


def hub_targets(year: int, hubs: list[HubData], *, minimum_one: bool) -> list[HubTargets]:
    """Each hub's share of the year's national targets.

    With `minimum_one` (the small demo, a sample of a few hubs) each hub still gets at
    least one of the rarer activities so that every kind is built.
    """
    aim = TARGETS[year]
    primary = [len(h.primary) for h in hubs]
    secondary = [len(h.secondary) for h in hubs]
    schools = [len(h.primary) + len(h.secondary) for h in hubs]
    llmes = [len(h.llmes) for h in hubs]
    national = NATIONAL_PRIMARY + NATIONAL_SECONDARY

    def share(total: int, weights: list[int], whole: int, floor: int = 0) -> list[int]:
        parts = apportion_share(total, weights, whole)
        if minimum_one:
            parts = [max(floor, p) for p in parts]
        return parts

    new = {
        key: share(
            n,
            primary if key in PRIMARY_JOURNEY + MN_JOURNEY else secondary,
            NATIONAL_PRIMARY if key in PRIMARY_JOURNEY + MN_JOURNEY else NATIONAL_SECONDARY,
        )
        for key, n in aim.journey_new.items()
    }
    post16_groups = share(aim.post16_work_groups, secondary, NATIONAL_SECONDARY, 1)
    post16 = apportion_share(
        aim.post16_institutions * sum(post16_groups) // max(1, aim.post16_work_groups),
        post16_groups,
        sum(post16_groups),
    )
    columns = {
        "secondary_engaged": share(aim.secondary_engaged, secondary, NATIONAL_SECONDARY),
        "post16_work_groups": post16_groups,
        "post16_institutions": post16,
        "itt_providers": share(aim.itt_providers, schools, national, 2),
        "sktm_participants": share(aim.sktm_participants, schools, national, COHORT_SIZE),
        "riwgs": share(aim.riwgs, schools, national, 1),
        "riwg_schools": share(aim.riwg_schools, schools, national, 6),
        "active_llmes": apportion_share(aim.active_llmes, llmes, NATIONAL_LLMES),
    }
    return [
        HubTargets(
            journey_new={key: parts[i] for key, parts in new.items()},
            **{name: parts[i] for name, parts in columns.items()},
        )
        for i in range(len(hubs))
    ]


def apportion_share(total: int, weights: list[int], whole: int) -> list[int]:
    """These hubs' part of a national `total` (`whole` is the national sum of weights)."""
    if whole <= 0:
        return [0] * len(weights)
    return apportion(round(total * min(1.0, sum(weights) / whole)), weights)
