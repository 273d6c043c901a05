"""How the demo makes one activity: its title, leads, enrolled schools and participants.

`ActivityMaker` is the base of the per-hub, per-year planner in `demo/programme.py`:
it turns a list of schools into an (unsaved) Activity with ActivitySchool and
Participation rows, picks its leads among the hub's active LLMEs (the least busy
first, preferring those who already hold the matching role, and adding the role
when they do not), and records every participant's role for the year.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    ActivityType,
    EnrolmentStatus,
    Participation,
)
from mathshubs.catalogue.models import NCP, NCPType
from mathshubs.demo import targets as t
from mathshubs.demo.hubs import HubData, Llme
from mathshubs.directory.models import Person, Role

if TYPE_CHECKING:
    from mathshubs.demo.programme import ProgrammeBuilder

WORK_GROUP_MODEL = (5, 8, 7)  # min, max, size when the NCP gives none
COMMUNITY_MODEL = (6, 12, 8)
OUTSIDE_MODEL_SHARE = 0.06  # groups made one or two schools outside the model
WITHDRAWAL_REASONS = (
    "The school's maths lead left and no one could take the place.",
    "Staff absence meant the school could not release teachers for the sessions.",
    "The school joined its trust's own maths programme instead.",
    "The headteacher changed the school's priorities for the year.",
    "An Ofsted inspection led the school to pause external professional development.",
)
# The LLME role each kind of activity is led from.
LEAD_ROLE = {
    ActivityType.WORK_GROUP: Role.WORK_GROUP_LEAD,
    ActivityType.PROGRAMME: Role.COHORT_LEAD,
    ActivityType.COMMUNITY: Role.COMMUNITY_LEAD,
    ActivityType.INTENSIVE_SUPPORT: Role.TARGETED_SUPPORT_PARTNER,
}
TFM_KEYS = frozenset(t.PRIMARY_JOURNEY + t.SECONDARY_JOURNEY + (t.SPECIAL,))
TYPE_OF: dict[str, ActivityType] = {
    NCPType.WORK_GROUP: ActivityType.WORK_GROUP,
    NCPType.PROGRAMME: ActivityType.PROGRAMME,
    NCPType.PROGRAMME_COHORT: ActivityType.PROGRAMME,
    NCPType.COMMUNITY: ActivityType.COMMUNITY,
    NCPType.LLME_COMMUNITY: ActivityType.COMMUNITY,
    NCPType.INTENSIVE_SUPPORT: ActivityType.INTENSIVE_SUPPORT,
}
# Slots: which member of a school's staff takes part (slot 0 and 1 are its maths leads).
TFM_SLOTS, MN_SLOTS, KS2_SLOTS, OTHER_SLOTS = (0, 1), (2, 3), (4,), (5, 6)


@dataclass
class Made:
    activities: list[Activity] = field(default_factory=list)
    leads: list[tuple[Activity, Person]] = field(default_factory=list)
    enrolments: list[ActivitySchool] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    # (person, role, hub, year) to add: LLME roles for leads, participant roles.
    roles: list[tuple[Person, str, int, int]] = field(default_factory=list)


class ActivityMaker:
    """Makes a hub's activities of one year (see the module docstring)."""

    def __init__(self, owner: ProgrammeBuilder, hub: HubData, year: int, active_llmes: int):
        self.o = owner
        self.rng = owner.rng
        self.hub = hub
        self.year = year
        self.ncps = owner.ncps.get(year, {})
        self.covered: set[int] = set()  # schools with an enrolment that was not withdrawn
        self.titles: dict[str, int] = defaultdict(int)
        self.load: dict[int, int] = defaultdict(int)
        llmes = [m for m in hub.llmes if any(y == year for _, y in m.roles)]
        self.active = llmes[:active_llmes] if active_llmes else llmes[:1]
        pinned_here = owner.pinned is not None and owner.pinned[0] == hub.slug
        self.pinned_left = 2 if pinned_here and year == t.CURRENT_YEAR else 0

    def _activity(
        self,
        key: str | None,
        schools: list[int],
        *,
        slots: tuple[int, ...] = TFM_SLOTS,
        title: str = "",
        riwg: tuple[str, str] | None = None,
        phase: str = "",
        withdrawn: tuple[int, ...] | list[int] = (),
        place_of: int | None = None,
    ) -> Activity | None:
        ncp = self.ncps.get(key) if key else None
        if key and ncp is None:
            return None
        kind = (
            TYPE_OF.get(ncp.ncp_type, ActivityType.WORK_GROUP) if ncp else ActivityType.WORK_GROUP
        )
        if not title:
            title = _singular(ncp.title) if ncp else "Research and Innovation Work Group"
        first = place_of if place_of is not None else (schools[0] if schools else None)
        place = self.o.places.get(first, "") if first is not None else ""
        name = f"{title}: {place}" if place else title
        self.titles[name] += 1
        if self.titles[name] > 1:
            name = f"{name} ({self.titles[name]})"
        activity = Activity(
            hub_id=self.hub.hub_id,
            academic_year=self.year,
            ncp=ncp,
            title=name[:255],
            ncp_code=ncp.code if ncp else "",
            activity_type=kind,
            phase=phase or (ncp.phases[0] if ncp and ncp.phases else ""),
            is_riwg=riwg is not None,
            research_question=riwg[1] if riwg else "",
        )
        self.o.made.activities.append(activity)
        role = Role.RIWG_LEAD if riwg else LEAD_ROLE[kind]
        if key in TFM_KEYS:
            role = Role.MASTERY_SPECIALIST
        self._lead(activity, role)
        joins_any_time = bool(ncp and ncp.joins_any_time)
        for school in schools:
            self._enrol(activity, ncp, school, slots, joins_any_time=joins_any_time)
        for school in withdrawn:
            self._enrol(activity, ncp, school, slots, withdrawn=True)
        return activity

    def _lead(self, activity: Activity, role: str) -> None:
        made = self.o.made
        chosen: list[Llme] = []
        if self.pinned_left and activity.activity_type == ActivityType.WORK_GROUP:
            self.pinned_left -= 1
            pinned = self.o.pinned[1] if self.o.pinned else None
            chosen += [m for m in self.hub.llmes if m.person is pinned]
        wanted = 1 + (self.rng.random() < 0.25) - len(chosen)
        for _ in range(max(0, wanted)):
            candidates = [m for m in self.active if m not in chosen]
            if not candidates:
                break
            best = min(
                candidates,
                key=lambda m: self.load[id(m)] + (0 if (role, self.year) in m.roles else 1.5),
            )
            chosen.append(best)
        for m in chosen:
            self.load[id(m)] += 1
            made.leads.append((activity, m.person))
            if (role, self.year) not in m.roles:
                m.roles.add((role, self.year))
                made.roles.append((m.person, role, self.hub.hub_id, self.year))

    def _enrol(
        self,
        activity: Activity,
        ncp: NCP | None,
        school: int,
        slots: tuple[int, ...],
        *,
        withdrawn: bool = False,
        joins_any_time: bool = False,
        people: list[Person] | None = None,
    ) -> None:
        rng, year = self.rng, self.year
        enrolled_on = _day(rng, year, 9, 4, 45)
        if joins_any_time:
            enrolled_on = _day(rng, year, 9, 4, 180)
        status = EnrolmentStatus.ENROLLED if year >= t.CURRENT_YEAR else EnrolmentStatus.COMPLETED
        withdrawn_on, reason, completed_on = None, "", None
        if withdrawn:
            status = EnrolmentStatus.WITHDRAWN
            withdrawn_on = enrolled_on + datetime.timedelta(days=rng.randint(40, 170))
            reason = rng.choice(WITHDRAWAL_REASONS)
        elif status == EnrolmentStatus.COMPLETED:
            completed_on = _day(rng, year + 1, 7, 3, 18)
        self.o.made.enrolments.append(
            ActivitySchool(
                activity=activity,
                institution_id=school,
                status=status,
                enrolled_on=enrolled_on,
                withdrawn_on=withdrawn_on,
                withdrawal_reason=reason,
                completed_on=completed_on,
                criteria_met=_criteria(rng, ncp),
            )
        )
        if not withdrawn:
            self.covered.add(school)
        lead = activity.activity_type != ActivityType.PROGRAMME
        for person in (
            people if people is not None else [self.o.person_at(school, s) for s in slots]
        ):
            self._takes_part(
                activity,
                person,
                school,
                lead=lead,
                status=status,
                withdrawn_on=withdrawn_on,
                reason=reason,
            )

    def _takes_part(self, activity, person, school, *, lead, status, withdrawn_on=None, reason=""):
        self.o.made.participations.append(
            Participation(
                activity=activity,
                person=person,
                institution_id=school,
                is_lead_participant=lead,
                status=status,
                withdrawn_on=withdrawn_on,
                withdrawal_reason=reason,
            )
        )
        mark = (id(person), self.hub.hub_id, self.year)
        if mark not in self.o.participant_roles:
            self.o.participant_roles.add(mark)
            self.o.made.roles.append((person, Role.PARTICIPANT, self.hub.hub_id, self.year))

    def _groups(self, schools: list[int], key: str) -> list[list[int]]:
        """Schools cut into groups of the NCP's model size; a few a little outside it."""
        ncp = self.ncps.get(key)
        model = COMMUNITY_MODEL if ncp and ncp.ncp_type == NCPType.COMMUNITY else WORK_GROUP_MODEL
        if ncp and ncp.model_min_schools and ncp.model_max_schools:
            low, high = ncp.model_min_schools, ncp.model_max_schools
            size = min(max(ncp.model_size or (low + high + 1) // 2, low), high)
            model = (low, high, size)
        return groups_of(self.rng, schools, model)

    def _uncovered(self, pool: list[int]) -> list[int]:
        return [s for s in pool if s not in self.covered]


def groups_of(
    rng: random.Random, schools: list[int], model: tuple[int, int, int]
) -> list[list[int]]:
    """`schools` cut into groups of about `model` = (min, max, size) schools, in order.

    Every group is inside the model unless there are too few schools for one; then
    about one group in sixteen gives a school or two to the next, so that a few
    activities sit outside the model and show its warning.
    """
    if not schools:
        return []
    low, high, size = model
    count = max(1, round(len(schools) / size))
    while count > 1 and len(schools) / count < low:
        count -= 1
    while len(schools) / count > high:
        count += 1
    sizes = t.partition(len(schools), count)
    for i in range(len(sizes) - 1):
        if rng.random() < OUTSIDE_MODEL_SHARE:
            shift = min(rng.randint(1, 2), sizes[i] - 1)
            sizes[i] -= shift
            sizes[i + 1] += shift
    groups, at = [], 0
    for n in sizes:
        groups.append(schools[at : at + n])
        at += n
    return groups


def _singular(title: str) -> str:
    for plural, one in (
        ("Work Groups", "Work Group"),
        ("Communities", "Community"),
        ("Programmes", "Programme"),
    ):
        if title.endswith(plural):
            return title[: -len(plural)] + one
    return title


def _day(rng: random.Random, year: int, month: int, day: int, span: int) -> datetime.date:
    return datetime.date(year, month, day) + datetime.timedelta(days=rng.randrange(span))


def _criteria(rng: random.Random, ncp: NCP | None) -> list[str]:
    """The NCP's essential criteria and at least its minimum number of the others."""
    if ncp is None or not ncp.participant_criteria:
        return []
    essential = [c["key"] for c in ncp.participant_criteria if c.get("essential")]
    others = [c["key"] for c in ncp.participant_criteria if not c.get("essential")]
    need = min(len(others), max(ncp.criteria_minimum_other, 0))
    extra = min(len(others), need + rng.randint(0, 1))
    return essential + rng.sample(others, extra)
