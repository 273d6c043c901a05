"""The national demo: the 40 hubs, the real schools of England, the NCP catalogues and two
years of invented activity (ISSUE 3, item 7; ISSUE 4, item 7).

Everything invented comes from one `random.Random(seed)`, walked in a fixed
order, so a seed always builds the same people, emails and activities. The
build starts by deleting the directory, people, activities and catalogues, so it
can be rerun at any time; only demo data is ever made here (Person.is_demo).
The activities are made by `demo/programme.py`, calibrated to the 2022/23 annual
report (`demo/targets.py`); the LLME register by `demo/register.py`; the events, their
registrations and attendance by `demo/events.py`; the collaboration spaces, their posts
and documents by `demo/collaboration.py`.
"""

from __future__ import annotations

import functools
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from mathshubs.accounts.models import LoginFailure, User, VerificationCode
from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    DevelopmentProgramme,
    LLMEExpertise,
    Participation,
)
from mathshubs.audit.services import history_wipe
from mathshubs.catalogue.models import NCP, AcademicYear, CatalogueStatus
from mathshubs.demo.collaboration import (
    CollaborationReport,
    collaboration_build,
    collaboration_wipe,
)
from mathshubs.demo.evaluation import HappiReport, happi_build
from mathshubs.demo.events import EventsReport, events_build
from mathshubs.demo.hubs import hub_data, illustrative_institutions
from mathshubs.demo.making import Made
from mathshubs.demo.people import (
    DEMO_HUB_SLUG,
    HUB_EMAIL,
    LLME_EMAIL,
    NATIONAL_EMAIL,
    PARTICIPANT_EMAIL,
    invent_people,
)
from mathshubs.demo.programme import ProgrammeBuilder
from mathshubs.demo.register import register_build
from mathshubs.demo.schools import SCHOOLS_CSV, SchoolRow, institution_from_row, read_schools
from mathshubs.demo.targets import CURRENT_YEAR, YEARS
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
    RoleAssignment,
)
from mathshubs.evaluation.models import (
    HappiAttachment,
    HappiForm,
    HappiSection,
    HappiVersion,
    IdentifiedResponse,
    ProjectLead,
    PseudonymousResponse,
    Survey,
    SurveyCompletion,
    SurveySeries,
    SurveyTemplate,
    TimelineTick,
)
from mathshubs.evaluation.surveys.demo import build_survey_demo
from mathshubs.events.models import Event, Registration
from mathshubs.reporting.figures import Figure, figures_table, national_figures

__all__ = [  # the sign-ins, kept importable from here
    "DEMO_HUB_SLUG",
    "HUB_EMAIL",
    "LLME_EMAIL",
    "NATIONAL_EMAIL",
    "PARTICIPANT_EMAIL",
    "demo_build",
    "demo_wipe",
]

DEMO_PASSWORD = "demo-password"
BATCH = 2000

REFUSE_REAL_DATA = (
    "This database holds people who are not demo data. The demo deletes the directory, "
    "people and activities before it builds: use a fresh database, or pass --force."
)

CATALOGUES = Path(settings.PROJECT_DIR) / "catalogues"
CATALOGUE_FILES = ("2019-20.yaml", "2023-24.yaml")
RECONSTRUCTED_SOURCE = "Demo: 2022/23 reconstructed from the 2023/24 catalogue (illustrative)"


@dataclass(frozen=True)
class Scale:
    """How much to build per hub; `hub_slugs` limits the hubs that get schools and people."""

    hub_slugs: tuple[str, ...] | None
    schools_per_hub: int | None
    llmes_per_hub: int
    board_members_per_hub: int
    national_team: int
    # Every hub runs at least one of the rarer activities (a sample is too small for shares).
    minimum_one: bool = False


SCALES = {
    "national": Scale(None, None, 50, 6, 20),
    "small": Scale((DEMO_HUB_SLUG, "cambridge", "north-mids"), 100, 5, 1, 3, minimum_one=True),
}


@dataclass
class DemoReport:
    scale: str
    seed: int
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    sign_ins: list[tuple[str, str]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: EventsReport | None = None
    happi: HappiReport | None = None
    surveys: dict[str, int] = field(default_factory=dict)
    collaboration: CollaborationReport | None = None


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


# Deleted with one plain DELETE once nothing points at them: the big tables, and those
# the audit trail follows (whose history signals would make Django load every row).
PLAIN_DELETE = (
    Person,
    Institution,
    RoleAssignment,
    Activity,
    ActivitySchool,
    Participation,
    Registration,
    HappiSection,
    AcademicYear,
)


def demo_wipe() -> None:
    """Delete the directory, people, activities and catalogues (the schema stays).

    Children first, so that by the time the big tables (people, institutions) are
    reached nothing points at them and one plain DELETE does; Django's collector
    would load every row first. A table still referenced (by a model this list does
    not know) goes through the ordinary cascading delete instead. Accounts tied to
    a person go with them; a superuser without a person is kept. The collaboration
    spaces go first, with their documents' files.
    """
    collaboration_wipe()
    # The demo keeps no history (ADR 0016): its tables first, so that nothing points at
    # the people any more, and again at the end for the rows the deletes below wrote.
    history_wipe()
    for qs in (
        SurveyCompletion.objects.all(),
        PseudonymousResponse.objects.all(),
        IdentifiedResponse.objects.all(),
        Survey.objects.all(),
        SurveySeries.objects.all(),
        SurveyTemplate.objects.all(),
        TimelineTick.objects.all(),
        HappiVersion.objects.all(),
        HappiAttachment.objects.all(),
        HappiSection.objects.all(),
        HappiForm.objects.all(),
        ProjectLead.objects.all(),
        Registration.objects.all(),  # before the events: one plain DELETE, no history
        Event.objects.all(),  # invitations go with them
        Participation.objects.all(),
        ActivitySchool.objects.all(),
        Activity.leads.through.objects.all(),
        Activity.objects.all(),
        LLMEExpertise.objects.all(),
        DevelopmentProgramme.objects.all(),
        NCP.objects.all(),  # after the activities: Activity.ncp is PROTECT
        AcademicYear.objects.all(),
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
        if qs.model in PLAIN_DELETE and _unreferenced(qs.model):
            qs._raw_delete(qs.db)
        else:
            qs.delete()
    history_wipe()


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


def _load_catalogues() -> dict[int, dict[str, NCP]]:
    """The 2019/20 and 2023/24 catalogues from their files; 2022/23 copied back from 2023/24.

    Returns the NCPs of the demo's years by number and suffix ("08", "07a").
    """
    from mathshubs.catalogue.importers import catalogue_load
    from mathshubs.catalogue.services import catalogue_copy

    for name in CATALOGUE_FILES:
        catalogue_load(CATALOGUES / name)
    catalogue_copy(
        source_year=CURRENT_YEAR,
        target_year=CURRENT_YEAR - 1,
        status=CatalogueStatus.PUBLISHED,
        source=RECONSTRUCTED_SOURCE,
    )
    ncps: dict[int, dict[str, NCP]] = defaultdict(dict)
    for ncp in NCP.objects.filter(year__start_year__in=YEARS).select_related("year"):
        ncps[ncp.year.start_year][f"{ncp.number:02d}{ncp.suffix}"] = ncp
    return ncps


def _name_the_demo_participant(made: Made, leo: Person | None) -> None:
    """The first lead participant in the demo LLME's first 2023/24 activity signs in as Pat."""
    led = [a for a, p in made.leads if p is leo and a.academic_year == CURRENT_YEAR]
    for activity in led:
        for taking_part in made.participations:
            if taking_part.activity is activity and taking_part.is_lead_participant:
                person = taking_part.person
                person.email = PARTICIPANT_EMAIL
                person.first_name, person.last_name = "Pat", "Morgan"
                return


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
        ncps = _load_catalogues()
        step("loaded local authorities, hubs and the 2019/20, 2022/23 and 2023/24 catalogues")
        _load_schools(plan, rng)
        made_up = illustrative_institutions(rng, sample=plan.hub_slugs is not None)
        step(
            "loaded the schools of the January 2023 census and assigned their hubs; "
            f"{made_up} illustrative ITT providers and colleges"
        )
        people, llmes = invent_people(plan, rng)
        hubs, names, places = hub_data(rng, llmes)
        leo = next((p for p in people.people if p.email == LLME_EMAIL), None)
        builder = ProgrammeBuilder(
            rng=rng,
            ncps=ncps,
            names=names,
            places=places,
            add_person=lambda school: people.add((school, names[school])),
            pinned=(DEMO_HUB_SLUG, leo) if leo else None,
        )
        made = builder.build(hubs, minimum_one=plan.minimum_one)
        expertise, programmes = register_build(rng, hubs)
        _name_the_demo_participant(made, leo)
        for person, role, hub_id, year in made.roles:
            people.role(person, role, hub_id, year)
        Person.objects.bulk_create(people.people, batch_size=BATCH)
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(person=p, role=r, hub_id=h, academic_year=y)
                for p, r, h, y in people.roles
            ],
            batch_size=BATCH,
        )
        step(f"invented {len(people.people):,} people and their roles")
        Activity.objects.bulk_create(made.activities, batch_size=BATCH)
        through = Activity.leads.through
        through.objects.bulk_create(
            [through(activity_id=a.pk, person_id=p.pk) for a, p in made.leads], batch_size=BATCH
        )
        ActivitySchool.objects.bulk_create(made.enrolments, batch_size=BATCH)
        Participation.objects.bulk_create(made.participations, batch_size=BATCH)
        LLMEExpertise.objects.bulk_create(expertise, batch_size=BATCH)
        DevelopmentProgramme.objects.bulk_create(programmes, batch_size=BATCH)
        step(
            f"made {len(made.activities):,} activities for 2022/23 and 2023/24 with "
            f"{len(made.enrolments):,} enrolments and {len(made.participations):,} "
            "participations; the LLME register"
        )
        password = make_password(DEMO_PASSWORD)
        fixed = {NATIONAL_EMAIL, HUB_EMAIL, LLME_EMAIL, PARTICIPANT_EMAIL}
        User.objects.bulk_create(
            [
                User(email=p.email, person=p, password=password)
                for p in people.people
                if p.email in fixed
            ]
        )
        report.events = events_build(rng=rng, now=timezone.now())
        step(
            f"made {sum(report.events.by_year.values()):,} events of 2022/23 and 2023/24 and "
            f"{report.events.future} after today, with their registrations and attendance:"
        )
        for line in figures_table(report.events.figures(), year_label="Demo"):
            say(f"           {line}")
        report.happi = happi_build(rng=rng)
        step(
            f"made {report.happi.forms:,} Plan, Progress, and Impact forms with "
            f"{report.happi.versions:,} submitted versions"
        )
        report.surveys = build_survey_demo(rng=rng, years=[CURRENT_YEAR - 1, CURRENT_YEAR])
        step(
            "ran the autumn, summer and LLME surveys of both years: "
            + ", ".join(f"{n:,} {what}" for what, n in report.surveys.items())
        )
        report.collaboration = collaboration_build(rng=rng, now=timezone.now())
        step(report.collaboration.line())
    with connection.cursor() as cursor:
        # Fresh planner statistics: without them PostgreSQL picks nested loops over the new
        # rows and a hub's LLME counts take seconds instead of tens of milliseconds.
        cursor.execute("ANALYZE")
    step("updated the database's planner statistics")
    report.figures = national_figures(CURRENT_YEAR - 1)
    report.seconds = time.perf_counter() - started
    report.counts = table_counts()
    report.sign_ins = [
        (NATIONAL_EMAIL, "national team"),
        (HUB_EMAIL, f"Maths Hub Lead of {Hub.objects.get(slug=DEMO_HUB_SLUG).name}"),
        (LLME_EMAIL, "LLME leading 2023/24 Work Groups in that hub"),
        (PARTICIPANT_EMAIL, "lead participant in one of those Work Groups"),
    ]
    return report


def table_counts() -> dict[str, int]:
    """Rows per table of the directory, accounts, catalogue, activities, events,
    evaluation and collaboration apps."""
    counts = {}
    for label in (
        "directory",
        "accounts",
        "catalogue",
        "activities",
        "events",
        "evaluation",
        "collaboration",
    ):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            counts[model._meta.db_table] = model._default_manager.count()
    return counts
