"""The hubs as the demo programme sees them: each hub's institutions by kind and its LLMEs.

The census has no ITT providers and no further education colleges, so the demo
invents a few for each hub: named after one of the hub's local authorities, marked
"(illustrative)" and with source "demo".
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from mathshubs.directory.models import Hub, Institution, Person, Phase

ILLUSTRATIVE = "(illustrative)"
ILLUSTRATIVE_SOURCE = "demo"
ITT_URNS, COLLEGE_URNS = 990_001, 980_001  # above every census URN
ITT_NAMES = (
    "{place} School-Centred Initial Teacher Training",
    "{place} Teacher Training Partnership",
    "University of {place} Institute of Education",
)
COLLEGE_NAMES = (
    "{place} College",
    "{place} Sixth Form College",
    "{place} College of Further Education",
)
# Phases of the census schools the programme draws from (state-funded only).
OTHER_PHASES = (Phase.SPECIAL, Phase.ALTERNATIVE, Phase.EARLY_YEARS, Phase.MIDDLE)
# Illustrative institutions per hub: a few, more for bigger hubs.
ITT_PER_SCHOOL, COLLEGES_PER_SECONDARY = 200 / 20_094, 100 / 3_319
BATCH = 2000


@dataclass
class Llme:
    person: Person
    roles: set[tuple[str, int]]  # (role, year)
    first_year: int


@dataclass
class HubData:
    """A hub's institutions (ids, shuffled once) and LLMEs, as the programme needs them."""

    hub_id: int
    slug: str
    primary: list[int]
    secondary: list[int]
    other: list[int]  # state-funded special, AP, Early Years, middle
    special: set[int]
    early_years: set[int]
    colleges: list[int]  # post-16: illustrative colleges and the census's 16-19 schools
    itt: list[int]
    state_funded: int
    llmes: list[Llme]


def illustrative_institutions(rng: random.Random, *, sample: bool) -> int:
    """ITT providers and post-16 colleges for each hub: the census has neither.

    Named after a local authority of the hub, marked "(illustrative)" and with source
    "demo"; URNs above every census URN. Colleges are state-funded; ITT providers are
    not schools and are not counted as state-funded.
    """
    places: dict[int, list[tuple[int, str]]] = defaultdict(list)
    sizes: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for hub_id, phase, la_id, la_name in (
        Institution.objects.filter(is_state_funded=True, hub__isnull=False)
        .order_by("urn")
        .values_list("hub_id", "phase", "local_authority_id", "local_authority__name")
    ):
        if la_id and (la_id, la_name) not in places[hub_id]:
            places[hub_id].append((la_id, la_name))
        sizes[hub_id][0] += 1
        sizes[hub_id][1] += phase in (Phase.SECONDARY, Phase.ALL_THROUGH)
    made: list[Institution] = []
    itt_urn, college_urn = ITT_URNS, COLLEGE_URNS
    for hub_id in sorted(places):
        schools, secondary = sizes[hub_id]
        itt = 3 if sample else 2 + round(ITT_PER_SCHOOL * schools)
        colleges = 1 + round(COLLEGES_PER_SECONDARY * secondary)
        used: set[str] = set()
        for count, names, phase in (
            (itt, ITT_NAMES, Phase.ITT),
            (colleges, COLLEGE_NAMES, Phase.POST16),
        ):
            for _ in range(count):
                la_id, place = rng.choice(places[hub_id])
                name = rng.choice(names).format(place=place)
                while name in used:
                    name = f"{name} {len(used)}"
                used.add(name)
                if phase == Phase.ITT:
                    urn, itt_urn = itt_urn, itt_urn + 1
                else:
                    urn, college_urn = college_urn, college_urn + 1
                full = f"{name} {ILLUSTRATIVE}"
                made.append(
                    Institution(
                        urn=urn,
                        name=full,
                        search_name=full.lower(),
                        establishment_type=(
                            "Initial teacher training provider"
                            if phase == Phase.ITT
                            else "Further education college"
                        ),
                        establishment_type_group="Illustrative (demo)",
                        phase=phase,
                        is_state_funded=phase != Phase.ITT,
                        local_authority_id=la_id,
                        hub_id=hub_id,
                        status="Open",
                        source=ILLUSTRATIVE_SOURCE,
                    )
                )
    Institution.objects.bulk_create(made, batch_size=BATCH)
    return len(made)


def hub_data(
    rng: random.Random, llmes: dict[int, list[Llme]]
) -> tuple[list[HubData], dict[int, str], dict[int, str]]:
    """Each hub's institutions by kind (shuffled once), with names and places for titles."""
    names: dict[int, str] = {}
    places: dict[int, str] = {}
    kinds: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for inst_id, hub_id, phase, name, place, funded in (
        Institution.objects.filter(hub_id__in=llmes)
        .order_by("urn")
        .values_list("id", "hub_id", "phase", "name", "local_authority__name", "is_state_funded")
    ):
        names[inst_id], places[inst_id] = name, place or ""
        if phase == Phase.ITT:
            kinds[hub_id]["itt"].append(inst_id)
            continue
        if not funded:
            continue
        if phase == Phase.PRIMARY:
            kinds[hub_id]["primary"].append(inst_id)
        elif phase in (Phase.SECONDARY, Phase.ALL_THROUGH):
            kinds[hub_id]["secondary"].append(inst_id)
        elif phase == Phase.POST16:
            kinds[hub_id]["colleges"].append(inst_id)
        elif phase in OTHER_PHASES:
            kinds[hub_id]["other"].append(inst_id)
            if phase == Phase.SPECIAL:
                kinds[hub_id]["special"].append(inst_id)
            if phase == Phase.EARLY_YEARS:
                kinds[hub_id]["early_years"].append(inst_id)
        kinds[hub_id]["state_funded"].append(inst_id)
    hubs = []
    slugs = dict(Hub.objects.values_list("id", "slug"))
    for hub_id in sorted(llmes):
        got = kinds[hub_id]
        lists = {k: list(got[k]) for k in ("primary", "secondary", "other", "colleges", "itt")}
        for key in ("primary", "secondary", "other", "itt"):
            rng.shuffle(lists[key])
        hubs.append(
            HubData(
                hub_id=hub_id,
                slug=slugs[hub_id],
                special=set(got["special"]),
                early_years=set(got["early_years"]),
                state_funded=len(got["state_funded"]),
                llmes=llmes[hub_id],
                **lists,
            )
        )
    return hubs, names, places
