"""The demo's events: sessions of every 2022/23 and 2023/24 hub activity, the national
workshops and network events, with registrations and attendance (ISSUE 5, item 11).

Made after the programme from what is already in the database (a few reads), with the
builder's `random.Random`, walked in a fixed order, so a seed always gives the same
events; inserted with bulk_create in batches, except the 300,000 registrations: one
multi-row insert per 20,000 (`_insert_registrations`).

- **Sessions.** Each activity meets across its year: Work Groups three times (four in
  the Readiness and Development years, twice at Sustaining), communities once or twice,
  programmes two face-to-face days (at the hub's lead school), Targeted Support one
  briefing; about 16,500 events in all. Work Group and community meetings are mostly
  online (a meeting link, at least 45 minutes to count as attended); face-to-face ones
  are at the first enrolled school, with a capacity. Organisers: the activity's leads;
  contact: the hub.
- **National events** (no activity, no hub). Every NCP with leads in the year holds three
  national workshops for them (autumn and summer face to face, run in the North, the
  Midlands and the South for the bigger NCPs; spring online). The 2022/23 and 2023/24
  catalogues give no national schedule, so this is the handbook's "first, second, final
  national workshop". Mastery Specialist cohorts have two-day residentials, the PD Lead
  and School Development Lead programmes four days, by invitation of the people on
  them. Network events, by invitation: Maths Hub Leads' meetings (national and by
  region), project managers, Senior Leadership Links, Strategic Board chairs, the three
  RIWG Influence Events (the report's foci), Evaluators in Residence, LLME webinars.
- **Hub LLME community meetings** (network events with a hub: local, three a year).
- **Registrations**: leads confirm their own sessions; most eligible people confirm,
  some cancel, a few wait for a full face-to-face place. Confirmed online places get a
  link token. Events before `now` get attendance (online: minutes from the meeting
  report, counted from 45; face to face: the register).
- **Now.** The demo's years lie before the build date, so all of that is past and the
  Eligible and Upcoming tabs would be empty. A small set of events a few weeks after
  `now` (the build date) is added for the sign-ins' own activities, their NCP and hub,
  so each sign-in sees events in Eligible, Upcoming and Past.

`network_events(year)` counts what the annual report calls "national and regional Maths
Hubs Network events" (483 in 2022/23): events of the year that belong to no activity
and no single hub (national workshops, residentials, programme days, webinars and
national or regional network meetings), not cancelled. Hub sessions and each hub's own
LLME community meetings are local and not counted.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    ActivityType,
    DevelopmentProgramme,
    DevelopmentProgrammeKind,
    EnrolmentStatus,
    Participation,
)
from mathshubs.catalogue.models import NCP
from mathshubs.dates import LONDON, academic_year_label, is_working_day
from mathshubs.demo import targets as t
from mathshubs.demo.people import HUB_EMAIL, LLME_EMAIL, NATIONAL_EMAIL, PARTICIPANT_EMAIL
from mathshubs.directory.models import Hub, Institution, Person, Role, RoleAssignment
from mathshubs.events.models import (
    AttendanceSource,
    Event,
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.reporting.figures import Figure

BATCH = 2000
STAFF_ROLES = (
    Role.NATIONAL_TEAM,
    Role.MATHS_HUB_LEAD,
    Role.ASSISTANT_MATHS_HUB_LEAD,
    Role.PROJECT_MANAGER,
    Role.FINANCE_ADMINISTRATOR,
    Role.SENIOR_LEADERSHIP_LINK,
    Role.STRATEGIC_BOARD_MEMBER,
)
REGISTRATION_CHUNK = 20_000
ONLINE, FACE = EventFormat.ONLINE, EventFormat.FACE_TO_FACE
ONLINE_MINIMUM_MINUTES = 45
REPORT_NETWORK_EVENTS = 483  # annual report 2022/23: national and regional network events
NATIONAL_CONTACT = ("Maths Hubs national team", "events@national.mathshub.demo")
AREAS = {  # where national workshops run when an NCP has many leads
    "North": ("Leeds", ("North East", "North West", "Yorkshire and the Humber")),
    "Midlands": ("Birmingham", ("East Midlands", "West Midlands")),
    "South": ("London", ("London", "South East", "South West", "East of England")),
}
AREA_OF = {region: area for area, (_, regions) in AREAS.items() for region in regions}
LEADS_PER_RUN = 30  # a workshop with more leads runs in each area
ROOM = 60  # and more than once in an area with more leads than this
# Rough school holidays (month, day) to (month, day): no sessions then.
HOLIDAYS = (
    ((10, 23), (10, 31)),
    ((12, 18), (12, 31)),
    ((1, 1), (1, 3)),
    ((2, 12), (2, 16)),
    ((3, 29), (4, 12)),
    ((5, 27), (5, 31)),
    ((7, 22), (8, 31)),
)
DIETARY = ("Vegetarian", "Vegan", "Gluten-free", "Halal", "No nuts (allergy)", "Dairy-free")
ACCESS = ("Step-free access", "A hearing loop", "A parking space near the entrance")
# Evaluators in Residence: the report's seven hubs in 2022/23; two more (ours) in 2023/24.
EVALUATORS = ("angles", "central", "bbo", "kent-and-medway", "london-south-east-plus", "glow")
EVALUATOR_HUBS = {
    2022: (*EVALUATORS, "north-west-one"),
    2023: (*EVALUATORS, "north-west-one", "cambridge", "north-mids"),
}
INFLUENCE_FOCI = (  # annual report 2022/23, "RIWG Influence Events"
    "Developing pupils' understanding of mathematics",
    "Working with school leaders and communities",
    "Meeting the needs of all learners",
)
# Network meetings: title, audience, format, months, minutes, one per region?
NETWORK = (
    ("Maths Hub Leads' national meeting", "leads", FACE, (10, 1, 3, 6), 330, False),
    ("Maths Hub Leads' regional meeting", "leads", FACE, (11, 2, 5), 180, True),
    ("Maths Hub Leads' briefing", "leads", ONLINE, (9, 12, 4, 7), 60, False),
    ("Project managers' network meeting", "managers", ONLINE, (9, 11, 1, 3, 5, 7), 90, False),
    ("Project managers' regional meeting", "managers", FACE, (10, 6), 150, True),
    ("Senior Leadership Links' conference", "sll", FACE, (11,), 330, False),
    ("Senior Leadership Links' meeting", "sll", ONLINE, (2, 6), 90, False),
    ("Senior Leadership Links' regional network", "sll", ONLINE, (3,), 90, True),
    ("Strategic Board chairs' briefing", "board", ONLINE, (10, 4), 75, False),
    ("Research and Innovation Leads' meeting", "riwg", ONLINE, (10, 1, 4), 90, False),
    ("Community Leads' network meeting", "community", ONLINE, (11, 3, 6), 90, False),
    ("Maths Hubs Network webinar", "llmes", ONLINE, (9, 10, 11, 12, 1, 2, 3, 4, 5, 6), 60, False),
    ("Mastery Specialists' regional network", "specialists", FACE, (11, 3, 6), 180, True),
    ("Work Group Leads' regional network", "work_group", ONLINE, (10, 1, 5), 90, True),
    ("Maths Hub leadership teams' regional meeting", "leads", ONLINE, (12, 4), 90, True),
    ("Maths Hubs Network regional conference", "llmes", FACE, (3,), 330, True),
    ("Cohort Leads' network meeting", "programme", ONLINE, (10, 2, 5), 90, False),
    ("Targeted Support Partners' meeting", "intensive_support", ONLINE, (10, 1, 4), 90, False),
)
DESCRIPTIONS = {
    "session": "A meeting of this activity. Bring what you tried in school since the last one.",
    "day": "A day of the programme, face to face. Lunch is provided.",
    "workshop": "A national workshop for the leads of this NCP (LLME are funded for three "
    "days of national workshops; attendance is required).",
    "residential": "A two-day residential of the Mastery Specialist Programme.",
    "network": "A Maths Hubs Network event.",
}


@dataclass
class Planned:
    """One event to make, with the people who will reply to it."""

    event: Event
    who: list[int]  # person ids who reply (all eligible for the event)
    organisers: tuple[int, ...] = ()
    invited: bool = False  # eligible by invitation: the `who` are invited
    leads: frozenset[int] = frozenset()  # confirm whatever happens (they run it)
    fixed: dict[int, str] = field(default_factory=dict)  # a sign-in's reply, chosen
    shy: float = 0.08  # share who never reply
    requirements: dict[int, tuple[str, str]] = field(default_factory=dict)


@dataclass
class EventsReport:
    by_year: dict[int, int] = field(default_factory=dict)
    future: int = 0
    registrations: dict[str, int] = field(default_factory=dict)
    invitations: int = 0
    network_2022: int = 0

    def figures(self) -> list[Figure]:
        """The events' figures, to print beside the report's (only the last is in it)."""

        def row(key: str, label: str, value: int, part: bool = False) -> Figure:
            return Figure(key, label, value, None, "", is_part=part)

        return [
            row("events", "Events in 2022/23 and 2023/24", sum(self.by_year.values())),
            *(
                row(f"events_{year}", f"in {academic_year_label(year)}", n, True)
                for year, n in sorted(self.by_year.items())
            ),
            row("future", "Events after the build date (for the sign-ins)", self.future),
            row("registrations", "Registrations", sum(self.registrations.values())),
            *(
                row(f"registrations_{status}", status, n, True)
                for status, n in sorted(self.registrations.items())
            ),
            row("invitations", "Invitations (network events, programmes)", self.invitations),
            Figure(
                "network_events",
                "National and regional Maths Hubs Network events",
                self.network_2022,
                REPORT_NETWORK_EVENTS,
                f"{REPORT_NETWORK_EVENTS}",
            ),
        ]


def network_events(year: int) -> int:
    """National and regional Maths Hubs Network events of the academic year (see the
    module docstring): no activity, no single hub, not cancelled."""
    start = dt.datetime(year, 9, 1, tzinfo=LONDON)
    end = dt.datetime(year + 1, 9, 1, tzinfo=LONDON)
    return Event.objects.filter(
        activity__isnull=True,
        hub__isnull=True,
        cancelled_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=end,
    ).count()


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _school_day(day: dt.date, weekdays: tuple[int, ...] = (1, 2, 3)) -> dt.date:
    """The first day from `day` that is a working day, one of `weekdays`, in term time."""
    while True:
        term = not any(a <= (day.month, day.day) <= b for a, b in HOLIDAYS)
        if term and day.weekday() in weekdays and is_working_day(day):
            return day
        day += dt.timedelta(days=1)


def _spread(rng: random.Random, year: int, n: int, first=(9, 25), last=(7, 10)) -> list[dt.date]:
    """`n` school days spread over the year, in order."""
    start, end = dt.date(year, *first), dt.date(year + 1, *last)
    step = (end - start).days / n
    days = []
    for i in range(n):
        day = start + dt.timedelta(days=int(i * step) + rng.randrange(max(1, int(step * 0.5))))
        days.append(_school_day(day))
    return days


def _window(rng: random.Random, year: int, month: int, span: int = 20) -> dt.date:
    """A school day in `month` of the academic year starting in `year`."""
    calendar_year = year if month >= 9 else year + 1
    if month == 7:  # before the summer holiday
        span = min(span, 12)
    return _school_day(dt.date(calendar_year, month, 1) + dt.timedelta(days=rng.randrange(span)))


class EventsMaker:
    """Plans every event in memory, then inserts them (see the module docstring)."""

    def __init__(self, rng: random.Random, now: dt.datetime):
        self.rng = rng
        self.now = now
        self.planned: list[Planned] = []
        self._load()

    # --- what the programme made ------------------------------------------------------

    def _load(self) -> None:
        self.hubs = {h.pk: h for h in Hub.objects.order_by("pk")}
        self.ncps = {n.pk: n for n in NCP.objects.select_related("year").order_by("pk")}
        self.activities = list(
            Activity.objects.filter(academic_year__in=t.YEARS)
            .order_by("pk")
            .values_list("pk", "hub_id", "academic_year", "title", "activity_type", "ncp_id")
        )
        self.leads: dict[int, list[int]] = defaultdict(list)
        for activity_id, person_id in Activity.leads.through.objects.order_by("pk").values_list(
            "activity_id", "person_id"
        ):
            self.leads[activity_id].append(person_id)
        self.takes_part: dict[int, list[int]] = defaultdict(list)
        for activity_id, person_id in (
            Participation.objects.exclude(status=EnrolmentStatus.WITHDRAWN)
            .order_by("pk")
            .values_list("activity_id", "person_id")
        ):
            self.takes_part[activity_id].append(person_id)
        self.host: dict[int, tuple[str, str]] = {}
        for activity_id, name, postcode in (
            ActivitySchool.objects.exclude(status=EnrolmentStatus.WITHDRAWN)
            .order_by("pk")
            .values_list("activity_id", "institution__name", "institution__postcode")
        ):
            self.host.setdefault(activity_id, (name, postcode))
        postcodes = dict(
            Institution.objects.filter(hub__isnull=False)
            .order_by("pk")
            .values_list("name", "postcode")
        )
        self.lead_school = {}
        for hub in self.hubs.values():
            name = (hub.lead_institution_name or "").split(";")[0].strip() or hub.name
            self.lead_school[hub.pk] = (name, postcodes.get(name, ""))
        self.staff: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
        for person_id, role, hub_id in (
            RoleAssignment.objects.filter(role__in=STAFF_ROLES)
            .order_by("pk")
            .values_list("person_id", "role", "hub_id")
        ):
            if (person_id, hub_id) not in self.staff[role]:
                self.staff[role].append((person_id, hub_id))
        self.places_taken = list(
            DevelopmentProgramme.objects.filter(started_year__gte=min(t.YEARS) - 1)
            .order_by("pk")
            .values_list("person_id", "programme", "phase", "started_year", "hub_id")
        )
        self.sign_ins = dict(
            Person.objects.filter(
                email__in=(NATIONAL_EMAIL, HUB_EMAIL, LLME_EMAIL, PARTICIPANT_EMAIL)
            ).values_list("email", "pk")
        )
        self.national_team = [p for p, _ in self.staff[Role.NATIONAL_TEAM]]

    # --- sessions of hub activities ---------------------------------------------------

    def _session_count(self, kind: str, key: str) -> int:
        rng = self.rng
        if kind == ActivityType.PROGRAMME:
            return 2
        if kind == ActivityType.COMMUNITY:
            return rng.choice((1, 2))
        if kind == ActivityType.INTENSIVE_SUPPORT:
            return 1
        if key in (t.READINESS, t.DEVELOPMENT, t.SEC_DEVELOPMENT):
            return 4
        if key in (t.SUSTAINING, t.SEC_SUSTAINING):
            return 2
        return 3

    def sessions(self) -> None:
        rng = self.rng
        for activity_id, hub_id, year, title, kind, ncp_id in self.activities:
            ncp = self.ncps.get(ncp_id)
            key = f"{ncp.number:02d}{ncp.suffix}" if ncp else ""
            hub = self.hubs[hub_id]
            leads = self.leads.get(activity_id, [])
            who = list(dict.fromkeys(leads + self.takes_part.get(activity_id, [])))
            count = self._session_count(kind, key)
            for i, day in enumerate(_spread(rng, year, count), start=1):
                self._session(activity_id, hub, title, kind, ncp_id, day, i, count, who, leads)

    def _session(
        self, activity_id, hub, title, kind, ncp_id, day, i, count, who, leads, fmt="", label=""
    ) -> Planned:
        rng = self.rng
        programme = kind == ActivityType.PROGRAMME
        if not fmt:
            launch = i == 1 and kind == ActivityType.WORK_GROUP and rng.random() < 0.35
            fmt = FACE if programme or launch or rng.random() < 0.15 else ONLINE
        label = label or (f"Day {i} of {count}" if programme else f"Session {i} of {count}")
        if fmt == ONLINE:
            starts, minutes = _at(day, 15, 45), 90
        elif programme:
            starts, minutes = _at(day, 9, 30), 360
        else:
            starts, minutes = _at(day, 13, 30), 180
        venue, postcode = (
            self.lead_school[hub.pk] if programme else self.host.get(activity_id, ("", ""))
        )
        if fmt == ONLINE:  # online sessions have a meeting link, not a venue
            venue, postcode = "", ""
        event = self._event(
            kind=EventKind.SESSION,
            title=label,
            description=DESCRIPTIONS["day" if programme else "session"],
            starts=starts,
            minutes=minutes,
            fmt=fmt,
            activity_id=activity_id,
            ncp_id=ncp_id,
            hub=hub,
            venue=venue,
            address=postcode,
            capacity=self._capacity(len(who)) if fmt == FACE else None,
        )
        plan = Planned(event, who, organisers=tuple(leads), leads=frozenset(leads), shy=0.04)
        self.planned.append(plan)
        return plan

    def _capacity(self, wanted: int) -> int:
        """Places for a face-to-face event: usually room to spare; one in twelve too few,
        so a few people wait."""
        if self.rng.random() < 1 / 12:
            return max(3, int(wanted * 0.8))
        return max(10, math.ceil(wanted * self.rng.uniform(1.05, 1.4) / 5) * 5)

    def _event(self, *, kind, title, description, starts, minutes, fmt, hub=None, **more) -> Event:
        online = fmt == ONLINE
        name, email = (hub.name, hub.email) if hub is not None else NATIONAL_CONTACT
        return Event(
            kind=kind,
            title=title,
            description=description,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=minutes),
            format=fmt,
            hub_id=hub.pk if hub is not None else None,
            meeting_url=f"https://zoom.example/j/{self.rng.randrange(10**10, 10**11)}"
            if online
            else "",
            minimum_minutes=ONLINE_MINIMUM_MINUTES if online else 0,
            contact_name=name,
            contact_email=email,
            **more,
        )

    # --- national events ----------------------------------------------------------------

    def _organisers(self) -> tuple[int, ...]:
        if not self.national_team:
            return ()
        return tuple(self.rng.sample(self.national_team, min(2, len(self.national_team))))

    def _runs(self, people: list[tuple[int, str]]) -> list[tuple[str, str, list[int]]]:
        """People split into the runs of a face-to-face national event: one national run
        when they are few, else one per area, or more in an area with more than a room
        holds. `people`: (person id, region). Returns (label, city, person ids)."""
        if len(people) <= LEADS_PER_RUN:
            return [("", AREAS["Midlands"][0], [p for p, _ in people])]
        by_area: dict[str, list[int]] = defaultdict(list)
        for person_id, region in people:
            by_area[AREA_OF.get(region, "South")].append(person_id)
        runs = []
        for area, (city, _regions) in AREAS.items():
            who = by_area[area]
            count = math.ceil(len(who) / ROOM)
            for n in range(count):
                label = f"{area}, {n + 1}" if count > 1 else area
                runs.append((label, city, who[n::count]))
        return runs

    def _national(
        self, *, title, kind, fmt, day, minutes, ncp_id, who, area="", city="", text="workshop"
    ) -> Planned:
        city = city or AREAS["Midlands"][0]
        event = self._event(
            kind=kind,
            title=f"{title} ({area})" if area else title,
            description=DESCRIPTIONS[text],
            starts=_at(day, 10 if fmt == FACE else 15, 0 if fmt == FACE else 45),
            minutes=minutes,
            fmt=fmt,
            ncp_id=ncp_id,
            venue=f"National workshop venue, {city} (illustrative)" if fmt == FACE else "",
            address=city if fmt == FACE else "",
            capacity=self._capacity(len(who)) if fmt == FACE else None,
        )
        invited = ncp_id is None or text in ("residential", "day")
        plan = Planned(event, who, organisers=self._organisers(), invited=invited, shy=0.08)
        self.planned.append(plan)
        return plan

    def _ncp_leads(self, year: int | None = None) -> dict[int, list[tuple[int, str]]]:
        """Each NCP's leads (of its own year's activities) with their hub's region."""
        found: dict[int, dict[int, str]] = defaultdict(dict)
        for activity_id, hub_id, y, _title, _kind, ncp_id in self.activities:
            if ncp_id is not None and (year is None or y == year):
                for person_id in self.leads.get(activity_id, []):
                    found[ncp_id].setdefault(person_id, self.hubs[hub_id].region)
        return {ncp_id: list(people.items()) for ncp_id, people in found.items()}

    def workshops(self) -> None:
        """Three national workshops per NCP for its leads of the year."""
        for ncp_id, leads in sorted(self._ncp_leads().items()):
            ncp = self.ncps[ncp_id]
            year = ncp.year.start_year
            for number, month, fmt in ((1, 10, FACE), (2, 2, ONLINE), (3, 6, FACE)):
                title = f"National workshop {number}"
                day = _window(self.rng, year, month, 25)
                runs = self._runs(leads) if fmt == FACE else [("", "", [p for p, _ in leads])]
                for area, city, who in runs:
                    self._national(
                        title=title,
                        kind=EventKind.NATIONAL_WORKSHOP,
                        fmt=fmt,
                        day=day,
                        minutes=330 if fmt == FACE else 120,
                        ncp_id=ncp_id,
                        who=who,
                        area=area,
                        city=city,
                    )
                    day = _school_day(day + dt.timedelta(days=1))

    def programmes(self) -> None:
        """Residentials of the Mastery Specialist cohorts; days of the PD Lead and School
        Development Lead programmes; by invitation of the people on them."""
        by_number: dict[tuple[int, str], int] = {}
        for ncp in self.ncps.values():
            by_number[(ncp.year.start_year, f"{ncp.number:02d}{ncp.suffix}")] = ncp.pk
        groups: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
        for person_id, programme, phase, started, hub_id in self.places_taken:
            region = self.hubs[hub_id].region if hub_id else ""
            for year in t.YEARS:
                key = _programme_ncp(programme, phase, started, year)
                if key and (year, key) in by_number:
                    groups[(year, key)].append((person_id, region))
        for (year, key), people in sorted(groups.items()):
            ncp = self.ncps[by_number[(year, key)]]
            residential = key in ("01", "02", "03", "21")
            months: tuple[int, ...] = (10, 1, 6) if residential else (10, 12, 3, 6)
            if key == "02":  # the secondary programme's second year
                months = (11, 6)
            for number, month in enumerate(months, start=1):
                label = "residential" if residential else "day"
                day = _window(self.rng, year, month, 25)
                for area, city, who in self._runs(people):
                    self._national(
                        title=f"{label.capitalize()} {number}",
                        kind=EventKind.RESIDENTIAL if residential else EventKind.NATIONAL_WORKSHOP,
                        fmt=FACE,
                        day=day,
                        minutes=(24 + 7) * 60 if residential else 330,
                        ncp_id=ncp.pk,
                        who=who,
                        area=area,
                        city=city,
                        text="residential" if residential else "day",
                    )
                    day = _school_day(day + dt.timedelta(days=2))

    # --- network events -----------------------------------------------------------------

    def _audiences(self, year: int) -> dict[str, list[tuple[int, str]]]:
        """Who each network event of the year is for: (person id, region)."""
        region = {hub_id: hub.region for hub_id, hub in self.hubs.items()}
        groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for activity_id, hub_id, y, _title, kind, ncp_id in self.activities:
            if y != year:
                continue
            ncp = self.ncps.get(ncp_id)
            for person_id in self.leads.get(activity_id, []):
                here = (person_id, region[hub_id])
                groups["llmes"].append(here)
                groups[f"hub {hub_id}"].append(here)
                groups[kind].append(here)
                if ncp is None:
                    groups["riwg"].append(here)
                elif ncp.journey_stage:
                    groups["specialists"].append(here)
        for role, name in (
            (Role.MATHS_HUB_LEAD, "leads"),
            (Role.ASSISTANT_MATHS_HUB_LEAD, "leads"),
            (Role.PROJECT_MANAGER, "managers"),
            (Role.FINANCE_ADMINISTRATOR, "managers"),
            (Role.SENIOR_LEADERSHIP_LINK, "sll"),
            (Role.STRATEGIC_BOARD_MEMBER, "board"),
        ):
            for person_id, staff_hub in self.staff[role]:
                if staff_hub is None:
                    continue
                here = (person_id, region[staff_hub])
                groups[name].append(here)
                if name in ("leads", "managers"):
                    groups[f"hub {staff_hub}"].append(here)
                    groups[f"staff {staff_hub}"].append(here)
        groups["riwg"] += groups["leads"]
        return {name: list(dict.fromkeys(people)) for name, people in groups.items()}

    def network(self) -> None:
        """Network events by invitation, national and regional, and each hub's LLME
        community meetings (three a year)."""
        rng, nadia = self.rng, self.sign_ins.get(NATIONAL_EMAIL)
        regions = sorted({hub.region for hub in self.hubs.values()})
        for year in t.YEARS:
            groups = self._audiences(year)
            for title, audience, fmt, months, minutes, regional in NETWORK:
                for month in months:
                    day = _window(rng, year, month)
                    for region in regions if regional else [""]:
                        who = [p for p, r in groups.get(audience, []) if not region or r == region]
                        if audience == "leads" and not region and nadia:
                            who.append(nadia)
                        if who:
                            name = f"{title}: {region}" if region else title
                            self._network(name, fmt, day, minutes, who, place=region)
                            day = _school_day(day + dt.timedelta(days=1))
            riwg = [p for p, _ in groups.get("riwg", [])]
            for n, focus in enumerate(INFLUENCE_FOCI):
                day = _school_day(dt.date(year + 1, 6, 12) + dt.timedelta(days=7 * n))
                self._network(f"RIWG Influence Event: {focus}", ONLINE, day, 210, riwg)
            for hub in self.hubs.values():
                who = [p for p, _ in groups.get(f"staff {hub.pk}", [])]
                if hub.slug in EVALUATOR_HUBS[year] and who:
                    for month in (11, 3, 6):
                        day = _window(rng, year, month)
                        self._network(f"Evaluators in Residence: {hub.name}", ONLINE, day, 60, who)
            for hub in self.hubs.values():
                who = [p for p, _ in groups.get(f"hub {hub.pk}", [])]
                for month in (10, 2, 6) if who else ():
                    self._community(hub, _window(rng, year, month), who)

    def _network(
        self, title: str, fmt: str, day: dt.date, minutes: int, who: list[int], place: str = ""
    ) -> Planned:
        city = place or AREAS["Midlands"][0]
        face = fmt == FACE
        webinar = "webinar" in title
        event = self._event(
            kind=EventKind.WEBINAR if webinar else EventKind.NETWORK_EVENT,
            title=title,
            description=DESCRIPTIONS["network"],
            starts=_at(day, 10, 0) if face else _at(day, 15, 45),
            minutes=minutes,
            fmt=fmt,
            venue=f"Network meeting venue, {city} (illustrative)" if face else "",
            address=city if face else "",
            capacity=self._capacity(len(who)) if face else None,
        )
        shy = 0.35 if webinar else 0.15
        plan = Planned(event, who, organisers=self._organisers(), invited=True, shy=shy)
        self.planned.append(plan)
        return plan

    def _community(self, hub: Hub, day: dt.date, who: list[int], **more) -> Planned:
        venue, postcode = self.lead_school[hub.pk]
        event = self._event(
            kind=EventKind.NETWORK_EVENT,
            title=f"{hub.name} LLME Community meeting",
            description=DESCRIPTIONS["network"],
            starts=_at(day, 16, 30),
            minutes=90,
            fmt=FACE,
            hub=hub,
            venue=venue,
            address=postcode,
            capacity=max(self._capacity(len(who)), len(more.get("fixed", {})) + 10),
        )
        plan = Planned(event, who, invited=True, shy=0.3, **more)
        self.planned.append(plan)
        return plan

    # --- after the build date: the sign-ins' Eligible and Upcoming tabs ---------------------

    def future(self) -> None:
        """A few events a few weeks after `now`: follow-up sessions of the sign-ins' 2023/24
        activities (online: the participant has not replied yet; face to face: confirmed,
        with a requirement), a national workshop of the LLME's NCP (not replied), a Maths
        Hub Leads' meeting (confirmed by the hub lead and the national sign-in), a network
        webinar and the demo hub's LLME Community meeting (not replied)."""
        ids = self.sign_ins
        leo, pat = ids.get(LLME_EMAIL), ids.get(PARTICIPANT_EMAIL)
        harriet, nadia = ids.get(HUB_EMAIL), ids.get(NATIONAL_EMAIL)
        today = self.now.astimezone(LONDON).date()

        def weeks(n: float) -> dt.date:
            return _school_day(today + dt.timedelta(days=int(7 * n)), (1, 2, 3))

        mine = [
            a
            for a in self.activities
            if a[2] == t.CURRENT_YEAR
            and (leo in self.leads.get(a[0], []) or pat in self.takes_part.get(a[0], []))
        ]
        ncp_ids = sorted({a[5] for a in mine if a[5] and leo in self.leads.get(a[0], [])})
        for n, (activity_id, hub_id, _year, title, kind, ncp_id) in enumerate(mine):
            leads = self.leads.get(activity_id, [])
            who = list(dict.fromkeys(leads + self.takes_part.get(activity_id, [])))
            # A week apart per activity, so no one has two sessions at the same time.
            times = [(FACE, weeks(6 + n))]
            if kind != ActivityType.PROGRAMME:  # programme days are face to face
                times.insert(0, (ONLINE, weeks(3 + n)))
            label = "Extra day" if kind == ActivityType.PROGRAMME else "Follow-up session"
            for fmt, when in times:
                hub = self.hubs[hub_id]
                plan = self._session(
                    activity_id, hub, title, kind, ncp_id, when, 1, 1, who, leads, fmt, label
                )
                if pat in who:
                    plan.fixed[pat] = "" if fmt == ONLINE else RegistrationStatus.CONFIRMED
                    if fmt == FACE:
                        plan.requirements[pat] = ("Vegetarian", "")
                if plan.event.capacity is not None:
                    plan.event.capacity = max(plan.event.capacity, len(who) + 5)
        groups = self._audiences(t.CURRENT_YEAR)
        for ncp_id in ncp_ids:
            leads_here = [p for p, _ in self._ncp_leads(t.CURRENT_YEAR).get(ncp_id, [])]
            plan = self._national(
                title="National workshop (follow-up)",
                kind=EventKind.NATIONAL_WORKSHOP,
                fmt=ONLINE,
                day=weeks(4),
                minutes=120,
                ncp_id=ncp_id,
                who=leads_here,
            )
            if leo is not None:
                plan.fixed[leo] = ""
        hub_leads = [p for p, _ in groups.get("leads", [])] + ([nadia] if nadia else [])
        meeting = self._network("Maths Hub Leads' national meeting", FACE, weeks(7), 330, hub_leads)
        meeting.fixed.update({p: RegistrationStatus.CONFIRMED for p in (harriet, nadia) if p})
        meeting.event.capacity = max(meeting.event.capacity or 0, len(hub_leads) + 5)
        webinar = self._network("Maths Hubs Network webinar", ONLINE, weeks(3.5), 60, hub_leads)
        webinar.fixed.update({p: "" for p in (harriet, nadia) if p})
        lead_of = next((h for p, h in self.staff[Role.MATHS_HUB_LEAD] if p == harriet), None)
        if harriet is not None and lead_of is not None:
            who = [p for p, _ in groups.get(f"hub {lead_of}", [])]
            fixed = {harriet: RegistrationStatus.CONFIRMED}
            self._community(self.hubs[lead_of], weeks(5), who, fixed=fixed)

    # --- making them ----------------------------------------------------------------------

    def build(self) -> EventsReport:
        for step in (self.sessions, self.workshops, self.programmes, self.network):
            step()
        planned_before = len(self.planned)
        self.future()
        events = [plan.event for plan in self.planned]
        Event.objects.bulk_create(events, batch_size=BATCH)
        through = Event.organisers.through
        through.objects.bulk_create(
            (
                through(event_id=plan.event.pk, person_id=person_id)
                for plan in self.planned
                for person_id in dict.fromkeys(plan.organisers)
            ),
            batch_size=BATCH,
        )
        invitations = [
            Invitation(event_id=plan.event.pk, person_id=person_id)
            for plan in self.planned
            if plan.invited
            for person_id in dict.fromkeys(plan.who)
        ]
        Invitation.objects.bulk_create(invitations, batch_size=BATCH)
        report = EventsReport(invitations=len(invitations))
        report.future = len(self.planned) - planned_before
        counts: dict[str, int] = defaultdict(int)
        chunk: list[dict[str, object]] = []
        for plan in self.planned:
            for registration in self._replies(plan):
                counts[str(registration["status"])] += 1
                chunk.append(registration)
            if len(chunk) >= REGISTRATION_CHUNK:
                _insert_registrations(chunk)
                chunk = []
        _insert_registrations(chunk)
        report.registrations = dict(counts)
        for plan in self.planned[:planned_before]:
            year = plan.event.starts_at.year - (plan.event.starts_at.month < 9)
            report.by_year[year] = report.by_year.get(year, 0) + 1
        report.network_2022 = network_events(2022)
        return report

    def _replies(self, plan: Planned) -> list[dict[str, object]]:
        """Who replied how to one event, and, once it is past, who came. The leads (who run
        it) and the sign-ins' chosen replies come first, so they always have a place."""
        rng, event = self.rng, plan.event
        past = event.starts_at <= self.now
        online = event.format == ONLINE
        shy = plan.shy if past else max(plan.shy, 0.45)
        first = [p for p in plan.who if p in plan.leads or plan.fixed.get(p)]
        places = event.capacity - len(first) if event.capacity is not None else None
        made = []
        for person_id in first + [p for p in plan.who if p not in first]:
            if person_id in plan.fixed:
                status = plan.fixed[person_id]
            elif person_id in plan.leads:
                status = RegistrationStatus.CONFIRMED
            else:
                draw = rng.random()
                if draw < shy:
                    continue
                status = RegistrationStatus.CANCELLED if draw < shy + 0.04 else "want"
            if not status:
                continue
            if status == "want":
                status = RegistrationStatus.CONFIRMED
                if places is not None:
                    status = RegistrationStatus.WAITING if places <= 0 else status
                    places -= 1
            made.append(self._registration(plan, person_id, status, past, online))
        return made

    def _registration(self, plan, person_id, status, past, online) -> dict[str, object]:
        rng, event = self.rng, plan.event
        row: dict[str, object] = {"event_id": event.pk, "person_id": person_id, "status": status}
        if past:
            replied = event.starts_at - dt.timedelta(days=rng.randint(4 if online else 16, 40))
        else:
            replied = self.now - dt.timedelta(hours=rng.randint(1, 240))
        if status == RegistrationStatus.WAITING:
            row["waiting_since"] = replied
            return row
        row["confirmed_at"] = replied
        if status == RegistrationStatus.CANCELLED:
            row["cancelled_at"] = replied + dt.timedelta(days=rng.randint(1, 3))
            return row
        if online:
            row["link_token"] = f"{rng.getrandbits(192):048x}"
        elif person_id in plan.requirements:
            row["dietary_requirements"], row["access_requirements"] = plan.requirements[person_id]
        elif not past and rng.random() < 0.15:
            row["dietary_requirements"] = rng.choice(DIETARY)
            if rng.random() < 0.3:
                row["access_requirements"] = rng.choice(ACCESS)
        if past:
            row.update(self._attendance(event, online))
        return row

    def _attendance(self, event: Event, online: bool) -> dict[str, object]:
        rng, draw = self.rng, self.rng.random()
        if not online:
            row: dict[str, object] = {
                "attendance_source": AttendanceSource.REGISTER,
                "attendance_recorded_at": event.ends_at,
                "attended": draw < 0.93,
            }
            if draw < 0.08:  # gave requirements, erased after the event
                days = dt.timedelta(days=settings.REQUIREMENTS_RETENTION_DAYS)
                row["requirements_erased_at"] = event.ends_at + days
            return row
        length = int((event.ends_at - event.starts_at).total_seconds() // 60)
        row = {
            "attendance_source": AttendanceSource.REPORT,
            "attendance_recorded_at": event.ends_at + dt.timedelta(days=1),
        }
        if draw < 0.9:
            row["attended"] = True
            row["minutes_attended"] = length - rng.randint(0, 12)
            row["link_clicked_at"] = event.starts_at - dt.timedelta(minutes=3)
        else:  # joined too briefly to count, or not at all
            row["attended"] = False
            row["minutes_attended"] = rng.randint(5, 40) if draw < 0.94 else 0
        return row


def _insert_registrations(rows: list[dict[str, object]]) -> None:
    """Insert registrations given as {column: value}, one executemany for them all.

    A plain multi-row insert: bulk_create's per-field preparation of 300,000 rows of
    twenty columns took about 60 s of the national build (this takes about 10 s). Every
    column the rows leave out takes the field's default, so a new field with a default
    needs no change here.
    """
    if not rows:
        return
    fields = [f for f in Registration._meta.concrete_fields if not f.primary_key]
    defaults = {f.column: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(Registration._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    values = []
    for row in rows:
        full = {**defaults, **row}
        values.append(
            tuple(
                adapt(value) if isinstance(value, dt.datetime) else value for value in full.values()
            )
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _programme_ncp(programme: str, phase: str, started: int, year: int) -> str | None:
    """The NCP (number and suffix) a development programme place is on in `year`."""
    kinds = DevelopmentProgrammeKind
    if programme == kinds.MASTERY_SPECIALIST:
        if phase == "secondary":
            return {year: "03", year - 1: "02"}.get(started)
        return {"primary": "01", "post16": "21"}.get(phase) if started == year else None
    if started != year:
        return None
    keys: dict[str, str] = {kinds.PD_LEAD: "04", kinds.SCHOOL_DEVELOPMENT_LEAD: "05"}
    return keys.get(programme)


def events_build(*, rng: random.Random, now: dt.datetime) -> EventsReport:
    """Make the demo's events, invitations and registrations (see the module docstring);
    `now` is the build date: events before it are past."""
    return EventsMaker(rng, now).build()
