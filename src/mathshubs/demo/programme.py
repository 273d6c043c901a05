"""The demo programme: each hub's 2022/23 and 2023/24 activities, calibrated to the report.

For each hub and year the plan is worked out in memory first:

1. the schools that will be engaged this year (a share of the hub's state-funded
   schools, `targets.YearTargets.engaged_share`) and, inside them, the schools at
   each stage of the Teaching for Mastery journey and of Mastering Number. In
   2023/24 a school's stage follows its 2022/23 one (`targets.NEXT_STAGE`), or it
   pauses; schools new to the journey start at Readiness or Development;
2. journey Work Groups of the NCP's model size (a few outside it, to show the
   warning), RIWGs, ITT communities, post-16 Work Groups, SKTM cohorts of about
   15, Targeted Support and the other communities;
3. every engaged school left over joins a Targeted Support activity or a
   community, so that exactly the engaged schools have an enrolment.

Withdrawn enrolments come from schools outside the engaged set, so they show
withdrawal without changing any figure. Everything comes from one
`random.Random`, walked in a fixed order.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import NCP
from mathshubs.demo import targets as t
from mathshubs.demo.hubs import HubData
from mathshubs.demo.making import (
    KS2_SLOTS,
    MN_SLOTS,
    OTHER_SLOTS,
    TFM_SLOTS,
    WITHDRAWAL_REASONS,
    ActivityMaker,
    Made,
    _day,
)
from mathshubs.directory.models import Person

SKTM_MIX = (  # key, share of the hub's SKTM participants, where participants come from
    ("25", 0.09, "early"),
    ("26", 0.30, "primary"),
    ("27", 0.14, "primary"),
    ("28a", 0.11, "primary"),
    ("28b", 0.08, "primary"),
    ("29a", 0.07, "secondary"),
    ("29b", 0.05, "secondary"),
    ("30", 0.09, "secondary"),
    ("32", 0.04, "secondary"),
    ("22", 0.03, "post16"),
)
SKTM_PHASE_TWO = {"28b": "28a", "29b": "29a"}
POST16_KEYS = ("23", "24")
ITT_KEY = "31"
TARGETED_SUPPORT_KEY = "33"
SUBJECT_LEADERSHIP_KEY = "15"
MAT_LEADS_KEY = "16"
CONTINUITY_KEY = "19"
LOW_ATTAINERS_KEY = "20"
RIWG_THEMES = (
    (
        "primary",
        "Oracy",
        "What is the impact of structured oracy templates on higher-attaining "
        "pupils' ability to explain their reasoning?",
    ),
    (
        "primary",
        "Primary subject leadership",
        "How can a maths subject leader use lesson "
        "visits to build a shared understanding of teaching for mastery?",
    ),
    (
        "secondary",
        "GCSE to Level 3 transition",
        "How can common structures and pedagogical "
        "approaches make the move from GCSE to A level engaging for every student?",
    ),
    (
        "other",
        "Teaching for mastery in special schools",
        "How can the principles of teaching "
        "for mastery be adapted for pupils with complex learning needs?",
    ),
    (
        "primary",
        "Problem solving",
        "What helps pupils in Years 3 and 4 choose a representation "
        "when they meet an unfamiliar problem?",
    ),
    (
        "secondary",
        "Problem solving",
        "How does regular low-stakes problem solving in Key Stage 3 "
        "change students' willingness to persevere?",
    ),
)
SKTM_FIRST_SLOT = 100


@dataclass
class HubYear:
    """What a hub did in a year, as the next year needs it."""

    year: int
    sets: dict[str, list[int]] = field(default_factory=dict)
    primary_pool: list[int] = field(default_factory=list)
    secondary_pool: list[int] = field(default_factory=list)
    other_pool: list[int] = field(default_factory=list)
    sktm_phase_one: dict[str, list[tuple[Person, int]]] = field(default_factory=dict)


class ProgrammeBuilder:
    """Builds (unsaved) activities, enrolments, participations and leads for every hub."""

    def __init__(
        self,
        *,
        rng: random.Random,
        ncps: dict[int, dict[str, NCP]],
        names: dict[int, str],
        places: dict[int, str],
        add_person: Callable[[int], Person],
        pinned: tuple[str, Person] | None = None,
    ):
        self.rng = rng
        self.ncps = ncps
        self.names = names  # institution id -> name
        self.places = places  # institution id -> local authority name, for titles
        self.add_person = add_person  # a new person at an institution
        self.pinned = pinned  # (hub slug, person) who leads that hub's first two WGs
        self.made = Made()
        self.staff: dict[tuple[int, int], Person] = {}
        self.next_slot: dict[int, int] = defaultdict(lambda: SKTM_FIRST_SLOT)
        self.participant_roles: set[tuple[int, int, int]] = set()

    # -- people ---------------------------------------------------------------------

    def person_at(self, school: int, slot: int) -> Person:
        person = self.staff.get((school, slot))
        if person is None:
            person = self.staff[(school, slot)] = self.add_person(school)
        return person

    def new_person_at(self, school: int) -> Person:
        slot = self.next_slot[school]
        self.next_slot[school] = slot + 1
        return self.person_at(school, slot)

    # -- one hub, one year ----------------------------------------------------------

    def build(self, hubs: list[HubData], *, minimum_one: bool = False) -> Made:
        previous: dict[int, HubYear] = {}
        for year in t.YEARS:
            for hub, aims in zip(
                hubs, t.hub_targets(year, hubs, minimum_one=minimum_one), strict=True
            ):
                previous[hub.hub_id] = _HubYearBuilder(
                    self, hub, year, aims, previous.get(hub.hub_id)
                ).run()
        return self.made


class _HubYearBuilder(ActivityMaker):
    """Plans and makes one hub's activities of one year (see the module docstring)."""

    def __init__(
        self,
        owner: ProgrammeBuilder,
        hub: HubData,
        year: int,
        aims: t.HubTargets,
        before: HubYear | None,
    ):
        super().__init__(owner, hub, year, aims.active_llmes)
        self.aims = aims
        self.before = before
        self.state = HubYear(year)
        aim = t.TARGETS[year]
        self.other_target = round(aim.other_share * len(hub.other))
        self.engaged_target = round(aim.engaged_share * hub.state_funded)

    def run(self) -> HubYear:
        self._choose_journey()
        for key in (*t.JOURNEY, t.MN_KS2, t.SPECIAL):
            self._journey_groups(key)
        self._riwgs()
        self._itt()
        self._post16()
        self._sktm()
        self._others()
        self._fill()
        return self.state

    def _choose_journey(self) -> None:
        hub, aims, st, before = self.hub, self.aims, self.state, self.before
        colleges = min(len(hub.colleges), aims.post16_institutions)
        secondary_target = min(len(hub.secondary), aims.secondary_engaged)
        primary_target = max(
            0, self.engaged_target - secondary_target - self.other_target - colleges
        )
        if before is None:
            st.other_pool = hub.other[: self.other_target]
            special = [s for s in st.other_pool if s in hub.special]
            pool = hub.primary[:primary_target]
            at = 0
            for key in t.PRIMARY_JOURNEY:
                n = aims.journey_new.get(key, 0)
                if key == t.DEVELOPMENT:
                    # Special schools in the Development communities count at Development.
                    n = max(0, n - len(special))
                st.sets[key] = pool[at : at + n]
                at += n
            mn = self.rng.sample(
                pool, min(len(pool), sum(aims.journey_new.get(k, 0) for k in t.MN_JOURNEY))
            )
            st.sets[t.MN_KS1] = mn[: aims.journey_new.get(t.MN_KS1, 0)]
            st.sets[t.MN_IMPACT] = mn[len(st.sets[t.MN_KS1]) :]
            secondary = hub.secondary[:secondary_target]
            at = 0
            for key in t.SECONDARY_JOURNEY:
                n = aims.journey_new.get(key, 0)
                st.sets[key] = secondary[at : at + n]
                at += n
            st.primary_pool, st.secondary_pool = pool, secondary
        else:
            self._move_on(before)
            was_tfm = {s for k in t.PRIMARY_JOURNEY for s in before.sets.get(k, [])}
            was_mn = {s for k in t.MN_JOURNEY for s in before.sets.get(k, [])}
            was_sec = {s for k in t.SECONDARY_JOURNEY for s in before.sets.get(k, [])}
            primary_order = _preferring(before.primary_pool, hub.primary)
            self._newcomers((t.READINESS, t.DEVELOPMENT), primary_order, was_tfm)
            self._newcomers((t.MN_KS1,), primary_order, was_mn)
            self._newcomers(
                (t.SEC_DEVELOPMENT,), _preferring(before.secondary_pool, hub.secondary), was_sec
            )
            st.primary_pool = _pool(
                st.sets, t.PRIMARY_JOURNEY + t.MN_JOURNEY, primary_order, primary_target
            )
            st.secondary_pool = _pool(
                st.sets,
                t.SECONDARY_JOURNEY,
                _preferring(before.secondary_pool, hub.secondary),
                secondary_target,
            )
            st.other_pool = _preferring(before.other_pool, hub.other)[: self.other_target]
        st.sets[t.SPECIAL] = [s for s in st.other_pool if s in hub.special]
        mn_impact = st.sets.get(t.MN_IMPACT, [])
        share = t.TARGETS[self.year].mn_ks2_share
        st.sets[t.MN_KS2] = mn_impact[: round(share * len(mn_impact))]

    def _move_on(self, before: HubYear) -> None:
        continuing = t.TARGETS[self.year].continuing
        for key in t.JOURNEY:
            self.state.sets.setdefault(key, [])
        for key in t.JOURNEY:
            share = continuing.get(key, 0.0)
            moved = [s for s in before.sets.get(key, []) if self.rng.random() < share]
            self.state.sets[t.NEXT_STAGE[key]].extend(moved)

    def _newcomers(self, keys: tuple[str, ...], order: list[int], before: set[int]) -> None:
        taken = {s for k in keys for s in self.state.sets.get(k, [])} | before
        for track in (t.PRIMARY_JOURNEY, t.MN_JOURNEY, t.SECONDARY_JOURNEY):
            if keys[0] in track:
                taken |= {s for k in track for s in self.state.sets.get(k, [])}
        fresh = iter(s for s in order if s not in taken)
        for key in keys:
            n = self.aims.journey_new.get(key, 0)
            self.state.sets.setdefault(key, []).extend(itertools.islice(fresh, n))

    def _outsiders(self, pool: list[int], everyone: list[int]) -> list[int]:
        inside = set(pool)
        return [s for s in everyone if s not in inside]

    def _journey_groups(self, key: str) -> None:
        schools = self.state.sets.get(key, [])
        if not schools or key not in self.ncps:
            return
        if key in t.SECONDARY_JOURNEY:
            outside = self._outsiders(self.state.secondary_pool, self.hub.secondary)
        elif key == t.SPECIAL:
            outside = [
                s
                for s in self._outsiders(self.state.other_pool, self.hub.other)
                if s in self.hub.special
            ]
        else:
            outside = self._outsiders(self.state.primary_pool, self.hub.primary)
        self.rng.shuffle(outside)
        chance = 0.3 if self.year < t.CURRENT_YEAR else 0.0  # 2023/24 is under way
        slots = MN_SLOTS if key in t.MN_JOURNEY else KS2_SLOTS if key == t.MN_KS2 else TFM_SLOTS
        for group in self._groups(schools, key):
            withdrawn = [outside.pop()] if outside and self.rng.random() < chance else []
            self._activity(key, group, slots=slots, withdrawn=withdrawn)

    def _riwgs(self) -> None:
        pools = {
            "primary": self.state.primary_pool,
            "secondary": self.state.secondary_pool,
            "other": [s for s in self.state.other_pool if s in self.hub.special],
        }
        count = self.aims.riwgs
        sizes = t.partition(self.aims.riwg_schools, count)
        used: set[int] = set()
        themes = list(RIWG_THEMES)
        self.rng.shuffle(themes)
        for i, n in enumerate(sizes):
            phase, theme, question = themes[i % len(themes)]
            pool = [s for s in pools[phase] if s not in used]
            if len(pool) < n:
                phase, theme, question = themes[0] if themes[0][0] == "primary" else RIWG_THEMES[0]
                pool = [s for s in pools["primary"] if s not in used]
            schools = self.rng.sample(pool, min(n, len(pool)))
            used.update(schools)
            if schools:
                self._activity(
                    None,
                    schools,
                    title=f"Research and Innovation Work Group: {theme}",
                    riwg=(theme, question),
                    phase="special" if phase == "other" else phase,
                )

    def _itt(self) -> None:
        providers = self.hub.itt[: self.aims.itt_providers]
        for group in self._groups(providers, ITT_KEY):
            self._activity(ITT_KEY, group, slots=(0,))

    def _post16(self) -> None:
        count = self.aims.post16_work_groups
        if not count or not self.aims.post16_institutions:
            self.state.sets["post16"] = []
            return
        sixth_forms = list(self.state.secondary_pool)
        self.rng.shuffle(sixth_forms)
        chosen = (self.hub.colleges + sixth_forms)[: self.aims.post16_institutions]
        self.state.sets["post16"] = chosen
        at = 0
        for i, n in enumerate(t.partition(len(chosen), count)):
            if n:
                self._activity(POST16_KEYS[i % 2], chosen[at : at + n], slots=OTHER_SLOTS)
            at += n

    def _sktm(self) -> None:
        st = self.state
        sources = {
            "early": st.primary_pool + [s for s in st.other_pool if s in self.hub.early_years],
            "primary": st.primary_pool + [s for s in st.other_pool if s in self.hub.special],
            "secondary": st.secondary_pool,
            "post16": st.sets.get("post16", []),
        }
        mix = [m for m in SKTM_MIX if m[0] in self.ncps and sources[m[2]]]
        counts = t.apportion(self.aims.sktm_participants, [m[1] for m in mix])
        for (key, _, source), n in zip(mix, counts, strict=True):
            waiting = self._uncovered(sources[source])
            here = set(sources[source])
            earlier = self.before.sktm_phase_one if self.before else {}
            carried = [
                (person, school)
                for person, school in earlier.get(SKTM_PHASE_TWO.get(key, ""), [])
                if school in here
            ]
            chosen: list[tuple[Person, int]] = []
            for _ in range(n):
                if carried:
                    chosen.append(carried.pop(0))
                    continue
                if waiting and self.rng.random() < 0.6:
                    school = waiting.pop()
                else:
                    school = self.rng.choice(sources[source])
                chosen.append((self.o.new_person_at(school), school))
            if key in SKTM_PHASE_TWO.values():
                st.sktm_phase_one[key] = list(chosen)
            cohorts = max(1, round(n / t.COHORT_SIZE)) if n else 0
            at = 0
            for size in t.partition(len(chosen), cohorts):
                self._cohort(key, chosen[at : at + size])
                at += size

    def _cohort(self, key: str, members: list[tuple[Person, int]]) -> None:
        by_school: dict[int, list[Person]] = defaultdict(list)
        for person, school in members:
            by_school[school].append(person)
        if not by_school:
            return
        schools = list(by_school)
        ncp = self.ncps[key]
        activity = self._activity(key, [], place_of=schools[0])
        if activity is None:
            return
        for school in schools:
            self._enrol(activity, ncp, school, (), people=by_school[school])
        if self.year < t.CURRENT_YEAR and self.rng.random() < 0.4:
            school = self.rng.choice(schools)
            self._takes_part(
                activity,
                self.o.new_person_at(school),
                school,
                lead=False,
                status=EnrolmentStatus.WITHDRAWN,
                withdrawn_on=_day(self.rng, self.year, 11, 1, 120),
                reason=self.rng.choice(WITHDRAWAL_REASONS),
            )

    def _others(self) -> None:
        st, rng = self.state, self.rng
        primaries = self._uncovered(st.primary_pool) + st.primary_pool
        secondaries = self._uncovered(st.secondary_pool) + st.secondary_pool

        def first(schools: list[int], n: int) -> list[int]:
            out: list[int] = []
            for s in schools:
                if s not in out and len(out) < n:
                    out.append(s)
            return out

        ts = first(self._uncovered(st.primary_pool + st.secondary_pool), rng.randint(3, 8))
        ts = ts or first(primaries, 3)
        if ts:
            self._activity(TARGETED_SUPPORT_KEY, ts, slots=(0,))
        if secondaries:
            self._activity(
                SUBJECT_LEADERSHIP_KEY, first(secondaries, rng.randint(6, 10)), slots=(0,)
            )
            self._activity(MAT_LEADS_KEY, first(secondaries[::-1], rng.randint(4, 6)), slots=(0,))
            continuity = first(secondaries, 2) + first(primaries, 4)
            self._activity(CONTINUITY_KEY, continuity, slots=OTHER_SLOTS)
            if rng.random() < 0.5:
                self._activity(
                    LOW_ATTAINERS_KEY, first(secondaries, rng.randint(5, 7)), slots=OTHER_SLOTS
                )

    def _fill(self) -> None:
        """Every engaged school without an activity yet joins one (in groups of six)."""
        st = self.state
        special = self.hub.special
        for key, pool in (
            (TARGETED_SUPPORT_KEY, st.primary_pool),
            (SUBJECT_LEADERSHIP_KEY, st.secondary_pool),
            (TARGETED_SUPPORT_KEY, [s for s in st.other_pool if s not in special]),
        ):
            left = self._uncovered(pool)
            for at in range(0, len(left), 6):
                self._activity(key, left[at : at + 6], slots=(0,))


def _preferring(first: list[int], everyone: list[int]) -> list[int]:
    """`everyone`, with the members of `first` at the front in their order."""
    chosen = set(first)
    return list(first) + [s for s in everyone if s not in chosen]


def _pool(sets: dict[str, list[int]], keys: tuple[str, ...], order: list[int], n: int) -> list[int]:
    """The journey schools of `keys`, topped up from `order` to `n` schools."""
    pool: list[int] = []
    seen: set[int] = set()
    for key in keys:
        for s in sets.get(key, []):
            if s not in seen:
                seen.add(s)
                pool.append(s)
    for s in order:
        if len(pool) >= n:
            break
        if s not in seen:
            seen.add(s)
            pool.append(s)
    return pool
