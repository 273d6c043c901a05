"""Counting the figures of `definitions.py` in the database, for England, a region or a hub.

`figure_values(scope)` counts every figure for every year at once: one aggregate query
per kind of row counted (enrolments, participations, leads, activities, programmes,
events, registrations, survey completions) and place (a hub's schools are those it serves
for the engagement share, those in its activities for the rest), grouped by academic
year, plus one for the schools of the engagement share and one for the post-16 projects:
a fixed number of queries whatever the size of the data. `drilldown(definition, scope,
year)` gives the rows behind one value with the same condition, so its length is the
figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models import Value as SQLValue

from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    DevelopmentProgramme,
    EnrolmentStatus,
    Participation,
)
from mathshubs.dates import LONDON, current_academic_year
from mathshubs.directory.models import Institution, Person, Phase
from mathshubs.evaluation.results.completion import by_current_participant
from mathshubs.evaluation.results.suppression import SUPPRESSED_TEXT
from mathshubs.evaluation.surveys.models import PARTICIPANT_AUDIENCES, Survey, SurveyCompletion
from mathshubs.events.models import Event, Registration, RegistrationStatus
from mathshubs.reporting.definitions import DEFINITIONS, Definition


@dataclass(frozen=True)
class Scope:
    """Where figures are read: England (`hub_ids` None), a region or a hub."""

    kind: str  # "national", "region" or "hub"
    label: str
    hub_ids: tuple[int, ...] | None = None
    key: str = ""  # the region's name or the hub's id, as in the address

    @property
    def is_national(self) -> bool:
        return self.hub_ids is None


ENGLAND = Scope("national", "England")


def _expected(audience: str) -> Count:
    """Current participations of activities whose year ran this participant survey for
    every activity: the whole of its completion."""
    run = Survey.objects.filter(
        series__academic_year=OuterRef("activity__academic_year"),
        series__ncp__isnull=True,
        audience=audience,
    )
    return Count("id", filter=Q(Exists(run)))


# The Maths Hubs Programme began in 2014/15: no event of it is older.
FIRST_YEAR = 2014


def _year_start(year: int) -> dt.datetime:
    return dt.datetime(year, 9, 1, tzinfo=LONDON)


def _academic_year(path: str, years: Iterable[int]) -> Case:
    """The academic year of a datetime, in the database, by comparing it with each year's
    bounds (1 September, London): plain comparisons of the column, where extracting its
    London year and month would call back into Python for every row on SQLite."""
    return Case(
        *(
            When(
                **{f"{path}__gte": _year_start(year), f"{path}__lt": _year_start(year + 1)},
                then=SQLValue(year),
            )
            for year in years
        ),
        default=None,
        output_field=IntegerField(),
    )


def _all_years() -> range:
    return range(FIRST_YEAR, current_academic_year() + 3)


@dataclass(frozen=True)
class Source:
    """A kind of row the figures count."""

    rows: Callable[[], QuerySet]
    year: str  # the field (or annotation) holding the academic year
    counted: str  # what is counted once (a school, a person) or the row itself
    delivered: tuple[str, ...]  # paths to the hub that runs it (any of them)
    served: str = ""  # path to the hub that serves the school
    # Events and places: the datetime whose academic year is the row's (worked out in
    # the query, as `year`).
    moment: str = ""
    # Wholes that shares of this source's figures are of, counted in the same query.
    wholes: dict[str, Callable[[], Count]] = field(default_factory=dict)

    def base(self, years: Iterable[int] | None = None) -> QuerySet:
        """The rows, of the given academic years only when asked."""
        rows = self.rows()
        wanted = sorted(years) if years is not None else None
        if self.moment:
            rows = rows.annotate(academic_year=_academic_year(self.moment, wanted or _all_years()))
            if wanted:
                rows = rows.filter(
                    **{
                        f"{self.moment}__gte": _year_start(wanted[0]),
                        f"{self.moment}__lt": _year_start(wanted[-1] + 1),
                    }
                )
        elif wanted:
            rows = rows.filter(**{f"{self.year}__in": wanted})
        return rows

    def place(self, place: str, scope: Scope) -> Q:
        """The rows of a hub or region: by the hub serving the school ("served") or the
        hub running the activity or event ("delivered")."""
        if scope.hub_ids is None:
            return Q()
        paths = (self.served,) if place == "served" else self.delivered
        found = Q()
        for path in paths:
            found |= Q(**{f"{path}__in": scope.hub_ids})
        return found


SOURCES: dict[str, Source] = {
    "enrolments": Source(
        rows=lambda: ActivitySchool.objects.exclude(status=EnrolmentStatus.WITHDRAWN),
        year="activity__academic_year",
        counted="institution_id",
        delivered=("activity__hub_id",),
        served="institution__hub_id",
    ),
    "participations": Source(
        rows=lambda: Participation.objects.exclude(status=EnrolmentStatus.WITHDRAWN),
        year="activity__academic_year",
        counted="person_id",
        delivered=("activity__hub_id",),
        wholes={
            f"{audience}_expected": (lambda audience=audience: _expected(audience))
            for audience in PARTICIPANT_AUDIENCES
        },
    ),
    "completions": Source(
        rows=lambda: SurveyCompletion.objects.filter(by_current_participant()),
        year="survey__series__academic_year",
        counted="id",
        delivered=("activity__hub_id",),
    ),
    "leads": Source(
        rows=lambda: Activity.leads.through.objects.all(),
        year="activity__academic_year",
        counted="person_id",
        delivered=("activity__hub_id",),
    ),
    "activities": Source(
        rows=lambda: Activity.objects.all(),
        year="academic_year",
        counted="id",
        delivered=("hub_id",),
    ),
    "programmes": Source(
        rows=lambda: DevelopmentProgramme.objects.all(),
        year="started_year",
        counted="person_id",
        delivered=("hub_id",),
    ),
    "events": Source(
        rows=lambda: Event.objects.all(),
        year="academic_year",
        counted="id",
        delivered=("hub_id", "activity__hub_id"),
        moment="starts_at",
    ),
    "registrations": Source(
        # Confirmed places whose attendance was recorded (a register or a report).
        rows=lambda: Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED, attended__isnull=False
        ),
        year="academic_year",
        counted="id",
        delivered=("event__hub_id", "event__activity__hub_id"),
        moment="event__starts_at",
        wholes={"recorded_places": lambda: Count("id")},
    ),
}

# The wholes shares are of, and the source whose query counts each.
WHOLES = {whole: name for name, source in SOURCES.items() for whole in source.wholes}

# What each source's drill-down lists: the model and the field of the counted row.
_DRILL: dict[str, tuple[type[Model], str]] = {
    "enrolments": (Institution, "institution_id"),
    "participations": (Person, "person_id"),
    "leads": (Person, "person_id"),
    "programmes": (Person, "person_id"),
    "activities": (Activity, "id"),
    "events": (Event, "id"),
    "registrations": (Registration, "id"),
    "completions": (SurveyCompletion, "id"),
}


@dataclass(frozen=True)
class Value:
    """A figure's value: a count, or a count of a whole (a share)."""

    count: int
    of: int | None = None
    suppressed: bool = False  # from fewer than 5 people: not shown

    @property
    def number(self) -> float:
        if self.of is None:
            return float(self.count)
        return 100 * self.count / self.of if self.of else 0.0

    @property
    def shown(self) -> str:
        if self.suppressed:
            return SUPPRESSED_TEXT
        if self.of is None:
            return f"{self.count:,}"
        return f"{self.number:.1f}%" if self.of else "No data"


def schools_in(scope: Scope) -> QuerySet[Institution]:
    """The schools of the engagement share's whole: state-funded, ITT providers excluded;
    for a hub or region, the schools it serves."""
    schools = Institution.objects.filter(is_state_funded=True).exclude(phase=Phase.ITT)
    if scope.hub_ids is not None:
        schools = schools.filter(hub_id__in=scope.hub_ids)
    return schools


def _counts(definition: type[Definition], source: Source) -> Count:
    condition = definition.condition()
    distinct = source.counted != "id"
    if condition:
        return Count(source.counted, distinct=distinct, filter=condition)
    return Count(source.counted, distinct=distinct)


def figure_values(
    scope: Scope,
    definitions: Iterable[type[Definition]] = DEFINITIONS,
    years: Iterable[int] | None = None,
) -> dict[int, dict[str, Value]]:
    """Every figure's value for every academic year held, or for the `years` asked (a
    dashboard's two): {2022: {"engaged": Value}}."""
    definitions = tuple(definitions)
    # One query for each kind of row and place ("served" or "delivered"), with the wholes
    # the shares asked for are of (a survey's completions are of participations).
    groups: dict[tuple[str, str], list[type[Definition]]] = defaultdict(list)
    wholes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for definition in definitions:
        if definition.source not in SOURCES:  # counted elsewhere (the matched change)
            continue
        place = "" if scope.is_national else definition.place  # England is everywhere
        groups[(definition.source, place)].append(definition)
        if definition.share_of in WHOLES:
            whole_source = WHOLES[definition.share_of]
            groups.setdefault((whole_source, place), [])
            wholes[(whole_source, place)].add(definition.share_of)
    counted: dict[int, dict[str, int]] = defaultdict(dict)
    for (name, place), group in groups.items():
        source = SOURCES[name]
        aggregates = {d.key: _counts(d, source) for d in group}
        aggregates.update({whole: source.wholes[whole]() for whole in wholes[(name, place)]})
        rows = (
            source.base(years)
            .filter(source.place(place or "delivered", scope))
            .values(year=F(source.year))
            .annotate(**aggregates)
            .order_by()
        )
        for row in rows:
            year = row.pop("year")
            if year is not None:
                counted[int(year)].update(row)
    whole = schools_in(scope).count() if any(d.share_of == "schools" for d in definitions) else 0
    elsewhere = {
        d.key: d.counted_elsewhere(scope, years) for d in definitions if d.source not in SOURCES
    }
    for by_year in elsewhere.values():
        for year in by_year:
            counted.setdefault(year, {})
    values: dict[int, dict[str, Value]] = {}
    for year, row in counted.items():
        values[year] = {}
        for definition in definitions:
            if definition.key in elsewhere:
                values[year][definition.key] = elsewhere[definition.key].get(year, Value(0, 0))
                continue
            count = row.get(definition.key, 0)
            if definition.share_of == "schools":
                values[year][definition.key] = Value(count, whole)
            elif definition.share_of:
                values[year][definition.key] = Value(count, row.get(definition.share_of, 0))
            else:
                values[year][definition.key] = Value(count)
    return values


def empty_values(definitions: Iterable[type[Definition]] = DEFINITIONS) -> dict[str, Value]:
    """A year with nothing counted."""
    return {d.key: Value(0, 0 if d.is_share() else None) for d in definitions}


def drilldown(definition: type[Definition], scope: Scope, year: int) -> QuerySet:
    """The schools, people, activities, events or places behind one value, in a stable
    order: the same rows and condition as the figure, so its count is the figure's."""
    source = SOURCES[definition.source]
    model, column = _DRILL[definition.source]
    behind = (
        source.base([year])
        .filter(source.place(definition.place, scope))
        .filter(**{source.year: year})
        .filter(definition.condition())
        .values(column)
    )
    rows = model._default_manager.filter(pk__in=Subquery(behind))
    if model is Institution:
        return rows.select_related("hub", "local_authority").order_by("name", "pk")
    if model is Person:
        return rows.select_related("institution").order_by("last_name", "first_name", "pk")
    if model is Activity:
        return rows.select_related("hub").order_by("hub__name", "title", "pk")
    if model is Event:
        return rows.order_by("starts_at", "pk")
    if model is SurveyCompletion:
        return rows.select_related("person", "activity").order_by(
            "activity__title", "person__last_name", "pk"
        )
    return rows.select_related("person", "event").order_by("event__starts_at", "pk")


def engaged_by_hub(year: int, hub_ids: tuple[int, ...] | None = None) -> list[tuple[str, Value]]:
    """The share of schools engaged (`definitions.Engaged`) for each hub, by the schools
    it serves: three queries whatever the number of hubs."""
    from mathshubs.directory.models import Hub
    from mathshubs.reporting.definitions import Engaged

    enrolments = SOURCES["enrolments"].base([year])
    schools = schools_in(ENGLAND)
    hubs = Hub.objects.all()
    if hub_ids is not None:
        enrolments = enrolments.filter(institution__hub_id__in=hub_ids)
        schools = schools.filter(hub_id__in=hub_ids)
        hubs = hubs.filter(pk__in=hub_ids)
    engaged = dict(
        enrolments.filter(Engaged.condition())
        .order_by()
        .values("institution__hub_id")
        .annotate(n=Count("institution_id", distinct=True))
        .values_list("institution__hub_id", "n")
    )
    wholes = dict(
        schools.order_by().values("hub_id").annotate(n=Count("pk")).values_list("hub_id", "n")
    )
    return [
        (name, Value(engaged.get(pk, 0), wholes.get(pk, 0)))
        for pk, name in hubs.order_by("name").values_list("pk", "name")
    ]


def share_by_hub(
    definition: type[Definition], year: int, hub_ids: tuple[int, ...] | None = None
) -> list[tuple[str, Value]]:
    """A share delivered by hubs (a survey's completion, places attended) for each hub
    running activities: three queries whatever the number of hubs."""
    from mathshubs.directory.models import Hub

    source = SOURCES[definition.source]
    whole_source = SOURCES[WHOLES[definition.share_of or ""]]
    by, whole_by = source.delivered[0], whole_source.delivered[0]
    parts = source.base([year]).filter(**{source.year: year}).filter(definition.condition())
    wholes = whole_source.base([year]).filter(**{whole_source.year: year})
    hubs = Hub.objects.all()
    if hub_ids is not None:
        parts = parts.filter(**{f"{by}__in": hub_ids})
        wholes = wholes.filter(**{f"{whole_by}__in": hub_ids})
        hubs = hubs.filter(pk__in=hub_ids)
    done = dict(parts.order_by().values(by).annotate(n=Count(source.counted)).values_list(by, "n"))
    whole = whole_source.wholes[definition.share_of or ""]()
    expected = dict(wholes.order_by().values(whole_by).annotate(n=whole).values_list(whole_by, "n"))
    return [
        (name, Value(done.get(pk, 0), expected.get(pk, 0)))
        for pk, name in hubs.order_by("name").values_list("pk", "name")
        if expected.get(pk)
    ]
