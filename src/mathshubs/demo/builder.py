"""The national demo: the 40 hubs, the real schools of England, invented people (ISSUE 3, item 7).

Everything invented comes from one `random.Random(seed)`, walked in a fixed
order, so a seed always builds the same people, emails and activities. The
build starts by deleting the directory, people and activities, so it can be
rerun at any time; only demo data is ever made here (Person.is_demo).
"""

from __future__ import annotations

import functools
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from mathshubs.accounts.models import LoginFailure, User, VerificationCode
from mathshubs.activities.models import Activity, ActivityType, Participation
from mathshubs.demo.names import FIRST_NAMES, LAST_NAMES
from mathshubs.demo.schools import SCHOOLS_CSV, SchoolRow, institution_from_row, read_schools
from mathshubs.directory.areas import institutions_assign_hubs, serving_hub_map
from mathshubs.directory.hubdata import HUBS_YAML, hubs_import, local_authorities_load
from mathshubs.directory.models import (
    EmailChange,
    Hub,
    HubArea,
    HubLeadInstitution,
    HubName,
    Institution,
    LocalAuthority,
    Person,
    Role,
    RoleAssignment,
)

DEMO_PASSWORD = "demo-password"
NATIONAL_EMAIL = "national@demo.test"
HUB_EMAIL = "hub@demo.test"
LLME_EMAIL = "llme@demo.test"
PARTICIPANT_EMAIL = "participant@demo.test"
# The hub whose Maths Hub Lead signs in as hub@demo.test.
DEMO_HUB_SLUG = "london-south-east-plus"
YEARS = (2022, 2023)
CURRENT_YEAR = 2023
BATCH = 2000

REFUSE_REAL_DATA = (
    "This database holds people who are not demo data. The demo deletes the directory, "
    "people and activities before it builds: use a fresh database, or pass --force."
)

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

# 2023/24 projects (LLME handbook 2023/24, the NCP list) that a hub runs locally.
ACTIVITY_TEMPLATES = (
    ("NCP23-06", "Mastering Number at KS2 Work Group", ActivityType.WORK_GROUP),
    ("NCP23-07a", "Mastering Number at Reception and KS1 Work Group", ActivityType.WORK_GROUP),
    ("NCP23-07b", "Mastering Number Embedding the Impact Community", ActivityType.COMMUNITY),
    ("NCP23-08", "Mastery Readiness Work Group", ActivityType.WORK_GROUP),
    ("NCP23-09", "Primary Teaching for Mastery Development Work Group", ActivityType.WORK_GROUP),
    ("NCP23-10", "Primary Teaching for Mastery Embedding Work Group", ActivityType.WORK_GROUP),
    ("NCP23-11", "Primary Teaching for Mastery Sustaining Work Group", ActivityType.WORK_GROUP),
    ("NCP23-12", "Secondary Teaching for Mastery Development Work Group", ActivityType.WORK_GROUP),
    (
        "NCP23-13",
        "Secondary Teaching for Mastery Embedding Year Support Work Group",
        ActivityType.WORK_GROUP,
    ),
    ("NCP23-15", "Secondary Subject Leadership Community", ActivityType.COMMUNITY),
    ("NCP23-19", "Years 5-8 Continuity Work Group", ActivityType.WORK_GROUP),
    ("NCP23-23", "Developing Core Maths Pedagogy Work Group", ActivityType.WORK_GROUP),
    (
        "NCP23-26",
        "Specialist Knowledge for Teaching Mathematics: Primary Teachers",
        ActivityType.PROGRAMME,
    ),
    (
        "NCP23-30",
        "Specialist Knowledge for Teaching Mathematics: Secondary Non-specialist Teachers",
        ActivityType.PROGRAMME,
    ),
    ("NCP23-33", "Targeted Support in Maths", ActivityType.INTENSIVE_SUPPORT),
)


@dataclass(frozen=True)
class Scale:
    """How much to build per hub; `hub_slugs` limits the hubs that get schools and people."""

    hub_slugs: tuple[str, ...] | None
    schools_per_hub: int | None
    llmes_per_hub: int
    participants_per_hub: int
    activities_per_hub: int
    board_members_per_hub: int
    national_team: int


SCALES = {
    "national": Scale(None, None, 50, 1500, 10, 6, 20),
    "small": Scale((DEMO_HUB_SLUG, "cambridge", "north-mids"), 100, 4, 12, 2, 1, 3),
}


@dataclass
class DemoReport:
    scale: str
    seed: int
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    sign_ins: list[tuple[str, str]] = field(default_factory=list)


def demo_data_is_replaceable() -> bool:
    """True when the database holds no person the demo did not make."""
    return not Person.objects.filter(is_demo=False).exists()


def _unreferenced(model: type[models.Model]) -> bool:
    """True when no row of any table points at a row of this model."""
    for rel in model._meta.related_objects:
        related = cast(type[models.Model], rel.related_model)
        if rel.many_to_many:
            through = cast(type[models.Model], rel.through)  # type: ignore[attr-defined]
            if through._base_manager.exists():
                return False
        elif related._base_manager.filter(**{f"{rel.field.name}__isnull": False}).exists():
            return False
    return True


def demo_wipe() -> None:
    """Delete the directory, people and activities (the schema stays).

    Children first, so that by the time the big tables (people, institutions) are
    reached nothing points at them and one plain DELETE does; Django's collector
    would load every row first. A table still referenced (by a model this list does
    not know) goes through the ordinary cascading delete instead. Accounts tied to
    a person go with them; a superuser without a person is kept.
    """
    for qs in (
        Participation.objects.all(),
        Activity.objects.all(),
        EmailChange.objects.all(),
        VerificationCode.objects.all(),
        LoginFailure.objects.all(),
        User.objects.filter(person__isnull=False),
        RoleAssignment.objects.all(),
        Person.objects.all(),
        Institution.objects.all(),
        HubArea.objects.all(),
        HubName.objects.all(),
        HubLeadInstitution.objects.all(),
        Hub.objects.all(),
        LocalAuthority.objects.all(),
    ):
        if qs.model in (Person, Institution) and _unreferenced(qs.model):
            qs._raw_delete(qs.db)
        else:
            qs.delete()


class _People:
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


@functools.cache
def _census_rows() -> tuple[SchoolRow, ...]:
    """The census file, read once per process (rebuilds and tests reuse it)."""
    return tuple(sorted(read_schools(SCHOOLS_CSV), key=lambda r: r.urn))


def _load_schools(scale: Scale, rng: random.Random) -> int:
    """Insert the census schools (all, or a sample of a few hubs') with their serving hub.

    The hub is worked out in memory from the areas, the same way as
    institutions_assign_hubs, so the insert needs no second pass of updates.
    """
    la_ids = dict(LocalAuthority.objects.values_list("code", "id"))
    whole, split = serving_hub_map()

    def hub_of(row: SchoolRow) -> int | None:
        la_id = la_ids.get(row.la_code)
        if la_id is None:
            return None
        return split.get((la_id, row.district_code)) or whole.get(la_id)

    rows = list(_census_rows())
    if scale.hub_slugs is not None:
        wanted = set(Hub.objects.filter(slug__in=scale.hub_slugs).values_list("id", flat=True))
        by_hub: dict[int, list[SchoolRow]] = defaultdict(list)
        for row in rows:
            hub_id = hub_of(row)
            if hub_id in wanted and row.is_state_funded:
                by_hub[hub_id].append(row)
        rows = sorted(
            (
                row
                for hub_id in sorted(by_hub)
                for row in rng.sample(
                    by_hub[hub_id], min(scale.schools_per_hub or 0, len(by_hub[hub_id]))
                )
            ),
            key=lambda r: r.urn,
        )
    institutions = []
    for row in rows:
        institution = institution_from_row(row, la_ids=la_ids)
        institution.hub_id = hub_of(row)
        institutions.append(institution)
    Institution.objects.bulk_create(institutions, batch_size=BATCH)
    institutions_assign_hubs()
    return len(institutions)


def _invent_people(scale: Scale, rng: random.Random) -> tuple[_People, dict, dict]:
    """Hub staff, board, LLMEs and participants per hub, and the national team.

    Returns the people, the LLMEs per hub and the participants per hub by school.
    """
    people = _People(rng)
    hubs = list(Hub.objects.order_by("slug"))
    if scale.hub_slugs is not None:
        hubs = [h for h in hubs if h.slug in scale.hub_slugs]
    schools: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for inst_id, hub_id, name in (
        Institution.objects.filter(is_state_funded=True, hub__isnull=False)
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
    llmes: dict[int, list[Person]] = {}
    participants: dict[int, dict[int, list[Person]]] = {}
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

        llmes[hub.id] = []
        for i in range(scale.llmes_per_hub):
            fixed = LLME_EMAIL if is_demo_hub and i == 0 else ""
            person = people.add(rng.choice(pool), email=fixed)
            held = {Role.WORK_GROUP_LEAD} if fixed else set()
            held.add(rng.choices(role_names, role_weights)[0])
            if rng.random() < 0.25:
                held.add(rng.choices(role_names, role_weights)[0])
            # Most leaders were already active in 2022/23; a fifth are new this year.
            years = YEARS if fixed or rng.random() < 0.8 else (CURRENT_YEAR,)
            for role in sorted(held):
                for year in years:
                    people.role(person, role, hub.id, year)
            if fixed:
                person.first_name, person.last_name = "Leo", "Turner"
            llmes[hub.id].append(person)

        # Participants cluster in a share of the hub's schools, as they do in Work Groups.
        size = min(len(pool), max(5, scale.participants_per_hub // 3))
        cluster = rng.sample(pool, size)
        participants[hub.id] = defaultdict(list)
        for i in range(scale.participants_per_hub):
            # Two at each school first, so every school can send a pair to an activity.
            school = cluster[i % size] if i < 2 * size else rng.choice(cluster)
            person = people.add(school)
            people.role(person, Role.PARTICIPANT, hub.id, CURRENT_YEAR)
            participants[hub.id][school[0]].append(person)
    return people, llmes, participants


def _invent_activities(
    scale: Scale,
    rng: random.Random,
    llmes: dict[int, list[Person]],
    participants: dict[int, dict[int, list[Person]]],
) -> tuple[list[Activity], list[tuple[Activity, Person]], list[Participation]]:
    """About ten activities per hub of 5-8 schools with two participants each.

    The first participant in an activity the demo LLME leads becomes participant@demo.test.
    """
    demo_participant_set = False
    activities: list[Activity] = []
    leads: list[tuple[Activity, Person]] = []
    takes_part: list[Participation] = []
    for hub_id in sorted(llmes):
        by_school = participants[hub_id]
        eligible = sorted(s for s, ps in by_school.items() if len(ps) >= 2)
        if not eligible:
            continue
        templates = rng.sample(ACTIVITY_TEMPLATES, scale.activities_per_hub)
        for n, (code, title, kind) in enumerate(templates):
            activity = Activity(
                hub_id=hub_id,
                academic_year=CURRENT_YEAR,
                title=title,
                ncp_code=code,
                activity_type=kind,
            )
            activities.append(activity)
            hub_llmes = llmes[hub_id]
            # The demo LLME (first of the demo hub) leads the hub's first two activities.
            chosen = [hub_llmes[0]] if n < 2 else rng.sample(hub_llmes, 1)
            if rng.random() < 0.3:
                chosen += [p for p in rng.sample(hub_llmes, 1) if p not in chosen]
            leads += [(activity, p) for p in chosen]
            count = min(len(eligible), rng.randint(5, 8))
            for school_id in rng.sample(eligible, count):
                for i, person in enumerate(rng.sample(by_school[school_id], 2)):
                    if not demo_participant_set and any(p.email == LLME_EMAIL for p in chosen):
                        person.email = PARTICIPANT_EMAIL
                        person.first_name, person.last_name = "Pat", "Morgan"
                        demo_participant_set = True
                    takes_part.append(
                        Participation(
                            activity=activity,
                            person=person,
                            institution_id=school_id,
                            is_lead_participant=i == 0,
                        )
                    )
    return activities, leads, takes_part


def demo_build(
    *, scale: str = "national", seed: int = 1, say: Callable[[str], None] = print
) -> DemoReport:
    """Rebuild the demo from scratch, deterministically from `seed`; returns its figures."""
    started = time.perf_counter()
    plan = SCALES[scale]
    rng = random.Random(seed)
    report = DemoReport(scale=scale, seed=seed)

    def step(label: str) -> None:
        say(f"  {time.perf_counter() - started:6.1f}s  {label}")

    with transaction.atomic():
        demo_wipe()
        step("cleared the previous data")
        local_authorities_load()
        hubs_import(path=HUBS_YAML)
        step("loaded local authorities and hubs")
        _load_schools(plan, rng)
        step("loaded the schools of the January 2023 census and assigned their hubs")
        people, llmes, participants = _invent_people(plan, rng)
        activities, leads, takes_part = _invent_activities(plan, rng, llmes, participants)
        Person.objects.bulk_create(people.people, batch_size=BATCH)
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(person=p, role=r, hub_id=h, academic_year=y)
                for p, r, h, y in people.roles
            ],
            batch_size=BATCH,
        )
        step(f"invented {len(people.people):,} people and their roles")
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        through = Activity.leads.through
        Activity.leads.through.objects.bulk_create(
            [through(activity_id=a.pk, person_id=p.pk) for a, p in leads], batch_size=BATCH
        )
        Participation.objects.bulk_create(takes_part, batch_size=BATCH)
        step(f"made {len(activities)} activities with {len(takes_part):,} participations")
        password = make_password(DEMO_PASSWORD)
        fixed = {NATIONAL_EMAIL, HUB_EMAIL, LLME_EMAIL, PARTICIPANT_EMAIL}
        User.objects.bulk_create(
            [
                User(email=p.email, person=p, password=password)
                for p in people.people
                if p.email in fixed
            ]
        )
    report.seconds = time.perf_counter() - started
    report.counts = table_counts()
    report.sign_ins = [
        (NATIONAL_EMAIL, "national team"),
        (HUB_EMAIL, f"Maths Hub Lead of {Hub.objects.get(slug=DEMO_HUB_SLUG).name}"),
        (LLME_EMAIL, "LLME leading two activities in that hub"),
        (PARTICIPANT_EMAIL, "participant in one of those activities"),
    ]
    return report


def table_counts() -> dict[str, int]:
    """Rows per table of the directory, accounts and activities apps."""
    counts = {}
    for label in ("directory", "accounts", "activities"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.db_table] = model._default_manager.count()
    return counts
