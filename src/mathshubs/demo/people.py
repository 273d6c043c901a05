"""Invented people: the national team, each hub's leadership, board and LLMEs.

Participants are invented later, school by school, as activities need them
(`demo/programme.py` calls `DemoPeople.add`).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from mathshubs.demo.hubs import ILLUSTRATIVE_SOURCE, Llme
from mathshubs.demo.names import FIRST_NAMES, LAST_NAMES
from mathshubs.demo.targets import CURRENT_YEAR, YEARS
from mathshubs.directory.models import Hub, Institution, Person, Role

if TYPE_CHECKING:
    from mathshubs.demo.builder import Scale

NATIONAL_EMAIL = "national@demo.test"
HUB_EMAIL = "hub@demo.test"
LLME_EMAIL = "llme@demo.test"
PARTICIPANT_EMAIL = "participant@demo.test"
# The hub whose Maths Hub Lead signs in as hub@demo.test.
DEMO_HUB_SLUG = "london-south-east-plus"


# LLME roles and how often a leader holds each (most lead Work Groups).
LLME_ROLE_WEIGHTS = (
    (Role.WORK_GROUP_LEAD, 40),
    (Role.MASTERY_SPECIALIST, 20),
    (Role.PD_LEAD, 10),
    (Role.COMMUNITY_LEAD, 10),
    (Role.COHORT_LEAD, 8),
    (Role.TARGETED_SUPPORT_PARTNER, 7),
    (Role.RIWG_LEAD, 5),
)


class DemoPeople:
    """Invents people with unique emails: firstname.lastname.N@<school>.demo.test."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.n = 0
        self.people: list[Person] = []
        self.roles: list[tuple[Person, str, int | None, int | None]] = []

    def add(
        self, institution: tuple[int, str] | None, *, email: str = "", domain: str = ""
    ) -> Person:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        self.n += 1
        if not email:
            where = domain or _school_domain(institution[1] if institution else "school")
            email = f"{_letters(first)}.{_letters(last)}.{self.n}@{where}.demo.test"
        person = Person(
            email=email,
            first_name=first,
            last_name=last,
            institution_id=institution[0] if institution else None,
            is_demo=True,
        )
        self.people.append(person)
        return person

    def role(self, person: Person, role: str, hub_id: int | None, year: int | None) -> None:
        self.roles.append((person, role, hub_id, year))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _school_domain(name: str) -> str:
    words = re.sub(r"[^a-z0-9 ]", "", name.lower()).split()
    return "-".join(words[:3])[:40] or "school"


def invent_people(scale: Scale, rng: random.Random) -> tuple[DemoPeople, dict[int, list[Llme]]]:
    """Hub staff, board and LLMEs per hub, and the national team.

    Participants are invented later, school by school, as activities need them.
    Returns the people and the LLMEs of each hub (the demo LLME first in its hub).
    """
    people = DemoPeople(rng)
    hubs = list(Hub.objects.order_by("slug"))
    if scale.hub_slugs is not None:
        hubs = [h for h in hubs if h.slug in scale.hub_slugs]
    schools: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for inst_id, hub_id, name in (
        Institution.objects.filter(is_state_funded=True, hub__isnull=False)
        .exclude(source=ILLUSTRATIVE_SOURCE)
        .order_by("urn")
        .values_list("id", "hub_id", "name")
    ):
        schools[hub_id].append((inst_id, name))

    for _ in range(scale.national_team):
        person = people.add(None, domain="ncetm")
        people.role(person, Role.NATIONAL_TEAM, None, None)
    national = people.add(None, email=NATIONAL_EMAIL)
    national.first_name, national.last_name = "Nadia", "Bennett"
    people.role(national, Role.NATIONAL_TEAM, None, None)

    role_names = [r for r, _ in LLME_ROLE_WEIGHTS]
    role_weights = [w for _, w in LLME_ROLE_WEIGHTS]
    llmes: dict[int, list[Llme]] = {}
    for hub in hubs:
        pool = schools[hub.id]
        if not pool:
            continue
        is_demo_hub = hub.slug == DEMO_HUB_SLUG
        team = [Role.MATHS_HUB_LEAD] + [Role.ASSISTANT_MATHS_HUB_LEAD] * rng.randint(1, 2)
        team += [Role.SENIOR_LEADERSHIP_LINK, Role.PROJECT_MANAGER, Role.FINANCE_ADMINISTRATOR]
        for role in team:
            fixed = HUB_EMAIL if is_demo_hub and role == Role.MATHS_HUB_LEAD else ""
            person = people.add(rng.choice(pool), email=fixed)
            if fixed:
                person.first_name, person.last_name = "Harriet", "Shaw"
            people.role(person, role, hub.id, CURRENT_YEAR)
        for _ in range(scale.board_members_per_hub):
            person = people.add(rng.choice(pool))
            people.role(person, Role.STRATEGIC_BOARD_MEMBER, hub.id, CURRENT_YEAR)

        # A fifth of the hub's leaders are new in 2023/24 (never the demo LLME).
        new = set(rng.sample(range(1, scale.llmes_per_hub), scale.llmes_per_hub // 5))
        llmes[hub.id] = []
        for i in range(scale.llmes_per_hub):
            fixed = LLME_EMAIL if is_demo_hub and i == 0 else ""
            person = people.add(rng.choice(pool), email=fixed)
            held = {Role.WORK_GROUP_LEAD} if fixed else set()
            held.add(rng.choices(role_names, role_weights)[0])
            if rng.random() < 0.25:
                held.add(rng.choices(role_names, role_weights)[0])
            years = (CURRENT_YEAR,) if i in new else YEARS
            for role in sorted(held):
                for year in years:
                    people.role(person, role, hub.id, year)
            if fixed:
                person.first_name, person.last_name = "Leo", "Turner"
            llmes[hub.id].append(
                Llme(person, {(r, y) for r in held for y in years}, first_year=years[0])
            )
    return people, llmes
