"""The demo's HAPPI forms (ISSUE 10, part 7): a form for most activities of 2022/23 and
2023/24, in every state, with outcomes from the catalogue tailored in a hub's words,
local outcomes, data collection methods, dated progress updates and impact evidence
under both lenses; submitted versions with their reviews, some returned and submitted
again.

2022/23 is a finished year: most forms are complete and accepted. 2023/24 is the year
the sign-ins work in: plans mostly accepted or waiting for review, progress under way,
impact barely begun. The demo LLME's own activities show one plan waiting for the hub's
review, one returned, and one form not yet created, so each sign-in has something to do.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from mathshubs.activities.models import Activity, ActivitySchool, EnrolmentStatus
from mathshubs.dates import LONDON
from mathshubs.demo.people import DEMO_HUB_SLUG, LLME_EMAIL
from mathshubs.demo.targets import CURRENT_YEAR
from mathshubs.directory.models import Role, RoleAssignment
from mathshubs.evaluation import content as shapes
from mathshubs.evaluation.forms import outcomes_source
from mathshubs.evaluation.models import (
    SECTION_ORDER,
    HappiForm,
    HappiSection,
    HappiVersion,
    SectionKind,
    SectionStatus,
)
from mathshubs.events.models import Event

BATCH = 2000
S = SectionStatus

LOCAL_OUTCOMES = [
    "Pupils in participating classes talk more confidently about their reasoning",
    "Each school has a shared calculation policy that teachers use in planning",
    "Teachers use representations to expose the structure of the mathematics",
    "Subject leaders lead a short professional development session in their school",
    "Fewer pupils say they feel anxious in maths lessons",
    "Teachers plan lessons in small coherent steps with deliberate variation",
]
EVIDENCE = [
    "Lesson visits in the spring term, with the school's maths lead",
    "Before-and-after pupil voice in two classes per school",
    "Teachers' reflections at each Work Group session",
    "Book looks in each school, autumn and summer",
    "The national participant survey, autumn and summer",
    "A short case study from one school",
]
UPDATES = [
    "Session {n}: participants tried the task design in their classes and brought work back.",
    "Visited two schools: both have started using the shared planning format.",
    "Session {n} moved online because of snow; attendance stayed high.",
    "Participants reported more pupil discussion; one school is sharing practice with a neighbour.",
    "Mid-year review with the Work Group Lead: two schools need more support with release time.",
]
PUPILS = [
    "Pupil voice shows more pupils explaining their methods; fewer are stuck at the start.",
    "In book looks, more pupils use representations without prompting.",
    "Schools report pupils more willing to attempt unfamiliar problems.",
]
PRACTICE = [
    "Teachers now plan in small steps; lesson visits saw stem sentences used throughout.",
    "Teachers say the sessions changed their questioning; subject leaders ran staff meetings.",
    "Two schools have changed their calculation policy after the Work Group.",
]
RETURN_COMMENTS = [
    "Please make the local outcome measurable: what will you see by July?",
    "Say how you will evidence outcome 2: which data will you collect, and when?",
    "Add the data collection methods you agreed with your Project Lead.",
]


@dataclass
class HappiReport:
    forms: int = 0
    sections: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    versions: int = 0


def _at(year: int, month: int, day: int) -> dt.datetime:
    calendar_year = year if month >= 9 else year + 1
    return dt.datetime(calendar_year, month, day, 16, 30, tzinfo=LONDON)


class HappiMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.report = HappiReport()
        self.forms: list[HappiForm] = []
        self.sections: list[tuple[HappiForm, HappiSection, list[HappiVersion]]] = []
        self._outcomes: dict[int | None, list[dict[str, str]]] = {}

    # --- content --------------------------------------------------------------------

    def _national(self, activity: Activity) -> list[dict[str, str]]:
        if activity.ncp_id not in self._outcomes:
            source = outcomes_source(activity.ncp)
            offered = []
            for group in (source.outcomes if source else []) or []:
                for item in group.get("items", []):
                    offered.append({"category": group.get("category", ""), "national": item})
            self._outcomes[activity.ncp_id] = offered
        return self._outcomes[activity.ncp_id]

    def plan(self, activity: Activity, schools: int) -> dict[str, Any]:
        rng = self.rng
        offered = self._national(activity)
        chosen = sorted(rng.sample(range(len(offered)), min(len(offered), rng.randint(2, 3))))
        outcomes = []
        for i in chosen:
            national = offered[i]["national"].rstrip(";.")
            outcomes.append(
                {
                    "key": f"n{i + 1}",
                    "source": "national",
                    "category": offered[i]["category"],
                    "national": offered[i]["national"],
                    "text": f"{national[0].upper()}{national[1:]}, in our {schools} schools",
                    "evidence": rng.choice(EVIDENCE),
                }
            )
        for n, text in enumerate(rng.sample(LOCAL_OUTCOMES, 1 if outcomes else 2), 1):
            outcomes.append(
                {
                    "key": f"o{n}",
                    "source": "local",
                    "category": "",
                    "national": "",
                    "text": text,
                    "evidence": rng.choice(EVIDENCE),
                }
            )
        methods = rng.sample(list(shapes.METHODS)[:-1], rng.randint(2, 3))
        return {
            "outcomes": outcomes,
            "methods": [m for m in shapes.METHODS if m in methods],
            "other_method": "",
        }

    def progress(self, plan: dict[str, Any], year: int, updates: int) -> dict[str, Any]:
        keys = [o["key"] for o in plan["outcomes"]]
        months = [(10, 18), (11, 22), (1, 24), (2, 28), (3, 21), (5, 9)]
        rows = []
        for n in range(updates):
            month, day = months[n]
            rows.append(
                {
                    "key": f"u{n + 1}",
                    "on": _at(year, month, day).date().isoformat(),
                    "text": self.rng.choice(UPDATES).format(n=n + 2),
                    "outcomes": self.rng.sample(keys, min(len(keys), self.rng.randint(1, 2))),
                }
            )
        return {"updates": rows}

    def impact(self, plan: dict[str, Any]) -> dict[str, Any]:
        return {
            "evidence": {
                o["key"]: {"pupils": self.rng.choice(PUPILS), "practice": self.rng.choice(PRACTICE)}
                for o in plan["outcomes"]
            }
        }

    # --- states ---------------------------------------------------------------------

    def _states(self, year: int) -> tuple[str, str, str] | None:
        """(plan, progress, impact) statuses of one form, None for no form yet."""
        r = self.rng.random()
        if year < CURRENT_YEAR:
            table = [
                (0.03, None),
                (0.05, (S.ACCEPTED, S.ACCEPTED, S.IN_PROGRESS)),
                (0.09, (S.ACCEPTED, S.ACCEPTED, S.SUBMITTED)),
                (0.11, (S.ACCEPTED, S.ACCEPTED, S.RETURNED)),
                (1.00, (S.ACCEPTED, S.ACCEPTED, S.ACCEPTED)),
            ]
        else:
            table = [
                (0.07, None),
                (0.13, (S.IN_PROGRESS, S.NOT_STARTED, S.NOT_STARTED)),
                (0.23, (S.SUBMITTED, S.NOT_STARTED, S.NOT_STARTED)),
                (0.28, (S.RETURNED, S.NOT_STARTED, S.NOT_STARTED)),
                (0.55, (S.ACCEPTED, S.IN_PROGRESS, S.NOT_STARTED)),
                (0.85, (S.ACCEPTED, S.SUBMITTED, S.NOT_STARTED)),
                (1.00, (S.ACCEPTED, S.ACCEPTED, S.IN_PROGRESS)),
            ]
        return next(states for limit, states in table if r < limit)

    def add(
        self,
        activity: Activity,
        states: tuple[str, str, str],
        *,
        lead: int,
        reviewer: int | None,
        schools: int,
        sessions: list[dict[str, str]],
    ) -> None:
        year = activity.academic_year
        form = HappiForm(activity=activity, created_by_id=lead, created_at=_at(year, 9, 20))
        self.forms.append(form)
        plan = self.plan(activity, schools)
        contents = {
            SectionKind.PLAN: plan,
            SectionKind.PROGRESS: self.progress(plan, year, self.rng.randint(2, 5)),
            SectionKind.IMPACT: self.impact(plan),
        }
        submitted_on = {
            SectionKind.PLAN: (10, 12),
            SectionKind.PROGRESS: (2, 14),
            SectionKind.IMPACT: (7, 10),
        }
        for kind, status in zip(SECTION_ORDER, states, strict=True):
            draft = contents[kind] if status != S.NOT_STARTED else shapes.empty(kind)
            section = HappiSection(
                form=form, kind=kind, status=status, draft=draft, updated_by_id=lead
            )
            month, day = submitted_on[kind]
            section.updated_at = _at(year, month, day)
            submitted = {**draft, "sessions": sessions} if kind == SectionKind.PLAN else draft
            versions = self._versions(status, submitted, section, lead=lead, reviewer=reviewer)
            self.sections.append((form, section, versions))
            self.report.sections[f"{kind} {status}"] += 1
            self.report.versions += len(versions)

    def _versions(
        self,
        status: str,
        content: dict[str, Any],
        section: HappiSection,
        *,
        lead: int,
        reviewer: int | None,
    ) -> list[HappiVersion]:
        """The submissions behind a status: a returned section has one returned version; a
        submitted one sometimes a returned version before it; an accepted one usually one
        accepted version, sometimes a returned one first."""
        if status not in (S.SUBMITTED, S.RETURNED, S.ACCEPTED):
            return []
        at = section.updated_at
        reviews = {S.SUBMITTED: [""], S.RETURNED: [S.RETURNED], S.ACCEPTED: [S.ACCEPTED]}[status]
        if status != S.RETURNED and self.rng.random() < 0.2:
            reviews = [S.RETURNED, *reviews]
        versions = []
        for number, review in enumerate(reviews, 1):
            version = HappiVersion(
                number=number, content=content, submitted_at=at, submitted_by_id=lead
            )
            if review:
                comment = self.rng.choice(RETURN_COMMENTS) if review == S.RETURNED else ""
                version.review, version.review_comment = review, comment
                version.reviewed_at, version.reviewed_by_id = at + dt.timedelta(days=6), reviewer
                section.review_comment, section.reviewed_at = comment, version.reviewed_at
                section.reviewed_by_id = reviewer
            versions.append(version)
            at += dt.timedelta(days=14)
        return versions

    def save(self) -> HappiReport:
        HappiForm.objects.bulk_create(self.forms, batch_size=BATCH)
        for form, section, _versions in self.sections:
            section.form = form
        HappiSection.objects.bulk_create([s for _f, s, _v in self.sections], batch_size=BATCH)
        versions = []
        for _form, section, rows in self.sections:
            for version in rows:
                version.section = section
                versions.append(version)
        HappiVersion.objects.bulk_create(versions, batch_size=BATCH)
        self.report.forms = len(self.forms)
        return self.report


def happi_build(*, rng: random.Random) -> HappiReport:
    """Make the demo's HAPPI forms for the activities already built (one pass, in bulk)."""
    maker = HappiMaker(rng)
    activities = list(
        Activity.objects.select_related("ncp__year", "hub").prefetch_related("leads").order_by("pk")
    )
    reviewers = dict(
        RoleAssignment.objects.filter(role=Role.MATHS_HUB_LEAD).values_list("hub_id", "person_id")
    )
    schools = dict(
        ActivitySchool.objects.exclude(status=EnrolmentStatus.WITHDRAWN)
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values_list("activity_id", "n")
    )
    sessions: dict[int, list[dict[str, str]]] = defaultdict(list)
    for activity_id, title, starts_at in (
        Event.objects.filter(activity__isnull=False, cancelled_at__isnull=True)
        .order_by("starts_at", "pk")
        .values_list("activity_id", "title", "starts_at")
    ):
        sessions[activity_id].append(shapes.session_entry(title, starts_at))
    demo_llme_activities = 0
    for activity in activities:
        leads = list(activity.leads.all())
        if not leads:
            continue
        states = maker._states(activity.academic_year)
        mine = (
            activity.hub.slug == DEMO_HUB_SLUG
            and activity.academic_year == CURRENT_YEAR
            and any(p.email == LLME_EMAIL for p in leads)
        )
        if mine:
            chosen = [
                (S.SUBMITTED, S.NOT_STARTED, S.NOT_STARTED),
                (S.RETURNED, S.NOT_STARTED, S.NOT_STARTED),
                None,
            ]
            states = (
                chosen[demo_llme_activities]
                if demo_llme_activities < len(chosen)
                else (S.ACCEPTED, S.IN_PROGRESS, S.NOT_STARTED)
            )
            demo_llme_activities += 1
        if states is None:
            continue
        maker.add(
            activity,
            states,
            lead=leads[0].pk,
            reviewer=reviewers.get(activity.hub_id),
            schools=max(schools.get(activity.pk, 0), 1),
            sessions=sessions[activity.pk],
        )
    return maker.save()
