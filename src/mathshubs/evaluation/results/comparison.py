"""Autumn to summer (ISSUE 10, part 4; 2023/24 handbook: "Most project surveys have an
'early' and 'summer' survey to help measure impact over a year ... Autumn survey results
provide a national evaluation baseline").

A **repeated item** is a question marked `repeated` with the same `item_key` in the autumn
and the summer survey of one series. A participant is **matched** when they submitted both
surveys for the same activity: the same pseudonym (pseudonymous surveys; the series keys
it, so it is the same person in both) or the same person (identified ones; when one
survey of the series is identified and the other not, the identified person's pseudonym
is worked out on the server to match them). For each item the matched participants who
answered it in both give the mean at baseline and at the end and the change; on a Likert
item also how many moved up, stayed and moved down. Responses without a partner are
counted (autumn only, summer only) but not compared.

Matched participants per activity are counted in the database (an `Exists` on the other
survey's response by the unique (survey, pseudonym, activity) index), for the
suppression tree. The comparison itself: when both surveys key people alike, the
database joins the matched pairs (only their repeated items' answers are read) and counts
each survey's responses per activity; otherwise one pass over the rows of the two surveys
in the breakdown asked for. A fixed number of queries whatever the numbers.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connections
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
)

from mathshubs.activities.models import Activity
from mathshubs.directory.models import Hub
from mathshubs.evaluation.results.tree import NATIONAL, Node, Tree, tree_of
from mathshubs.evaluation.surveys.models import (
    Audience,
    IdentifiedResponse,
    PseudonymousResponse,
    QuestionKind,
    Survey,
    SurveyQuestion,
)
from mathshubs.evaluation.surveys.pseudonyms import pseudonyms_of

COMPARED_KINDS = (QuestionKind.LIKERT, QuestionKind.NUMBER)


def responses_of(survey: Survey):
    model = PseudonymousResponse if survey.pseudonymous else IdentifiedResponse
    return model.objects.filter(survey=survey, submitted=True)


def series_pair(survey: Survey) -> tuple[Survey | None, Survey | None]:
    """The autumn and summer participant surveys of this survey's series (one query)."""
    found = {
        s.audience: s
        for s in Survey.objects.filter(
            series_id=survey.series_id, audience__in=[Audience.AUTUMN, Audience.SUMMER]
        ).select_related("series", "version")
    }
    return found.get(Audience.AUTUMN), found.get(Audience.SUMMER)


@dataclass
class Item:
    key: str
    text: str
    kind: str
    autumn: SurveyQuestion
    summer: SurveyQuestion
    points: int  # a Likert item's number of points; 0 for a number


def repeated_items(autumn: Survey, summer: Survey) -> list[Item]:
    """The items repeated in both versions, in the summer survey's order (one query)."""
    questions = (
        SurveyQuestion.objects.filter(
            section__version_id__in=[autumn.version_id, summer.version_id],
            repeated=True,
            kind__in=COMPARED_KINDS,
        )
        .select_related("section")
        .order_by("section__position", "position", "pk")
    )
    first: dict[str, SurveyQuestion] = {}
    second: dict[str, SurveyQuestion] = {}
    for q in questions:
        if q.section.version_id == autumn.version_id:
            first.setdefault(q.item_key, q)
        if q.section.version_id == summer.version_id:
            second.setdefault(q.item_key, q)
    items = []
    for key, late in second.items():
        early = first.get(key)
        if early is None or early.kind != late.kind:
            continue
        points = len(late.options) if late.kind == QuestionKind.LIKERT else 0
        items.append(Item(key, late.text, late.kind, early, late, points))
    return items


def _who(survey: Survey) -> str:
    return "pseudonym" if survey.pseudonymous else "person_id"


def matched_rows(autumn: Survey, summer: Survey) -> list[tuple]:
    """One row per activity with matched participants: (activity id, title, hub id, hub
    name, NCP id, NCP code, matched), for the suppression tree."""
    fields = (
        "activity_id",
        "activity__title",
        "activity__hub_id",
        "activity__hub__name",
        "activity__ncp_id",
        "activity__ncp_code",
    )
    if autumn.pseudonymous == summer.pseudonymous:
        key = _who(summer)
        partner = responses_of(autumn).filter(
            activity_id=OuterRef("activity_id"), **{key: OuterRef(key)}
        )
        return counted_by_activity(responses_of(summer).filter(Exists(partner)))
    # One identified, one pseudonymous: match in one pass over who answered.
    early = set(_keys(autumn, responses_of(autumn).values_list("activity_id", _who(autumn))))
    counts: dict[int, int] = defaultdict(int)
    for activity_id, who in _keys(
        summer, responses_of(summer).values_list("activity_id", _who(summer))
    ):
        if (activity_id, who) in early:
            counts[activity_id] += 1
    labels = {
        row[0]: row
        for row in responses_of(summer)
        .filter(activity_id__in=list(counts))
        .order_by()
        .values_list(*fields)
        .distinct()
    }
    return [(*labels[a], n) for a, n in counts.items() if a in labels]


def counted_by_activity(responses: QuerySet) -> list[tuple]:
    """One row per activity of `responses`: (activity id, title, hub id, hub name, NCP
    id, NCP code, responses), in one query. The responses are counted per activity first
    and only then joined to their activity and hub: grouping by `+activity_id` (the same
    value) keeps SQLite from walking the whole table by its activity index to group."""
    counts = (
        responses.order_by()
        .annotate(
            act=Func(F("activity_id"), template="+%(expressions)s", output_field=BigIntegerField())
        )
        .values("act")
        .annotate(n=Count("pk"))
        .values_list("act", "n")
    )
    inner, params = counts.query.sql_with_params()
    connection = connections[responses.db]
    quote = connection.ops.quote_name
    activity, hub = Activity._meta, Hub._meta

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    sql = (
        f"SELECT a.{column(activity, 'id')}, a.{column(activity, 'title')}, "  # noqa: S608
        f"a.{column(activity, 'hub')}, h.{column(hub, 'name')}, a.{column(activity, 'ncp')}, "
        f"a.{column(activity, 'ncp_code')}, c.n FROM ({inner}) c "
        f"INNER JOIN {quote(activity.db_table)} a ON a.{column(activity, 'id')} = c.act "
        f"INNER JOIN {quote(hub.db_table)} h "
        f"ON h.{column(hub, 'id')} = a.{column(activity, 'hub')} ORDER BY c.act"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _keys(survey: Survey, rows: Iterable[tuple[Any, ...]]) -> list[tuple]:
    """Rows with their second column (who) as a pseudonym of the series."""
    rows = list(rows)
    if survey.pseudonymous:
        return rows
    names = pseudonyms_of(series_secret=survey.series.secret, person_ids=[r[1] for r in rows])
    return [(r[0], names[r[1]], *r[2:]) for r in rows]


@dataclass
class ItemTally:
    pairs: int = 0
    before: float = 0.0
    after: float = 0.0
    up: int = 0
    same: int = 0
    down: int = 0

    def add(self, other: ItemTally) -> None:
        self.pairs += other.pairs
        self.before += other.before
        self.after += other.after
        self.up += other.up
        self.same += other.same
        self.down += other.down


@dataclass
class ItemResult:
    item: Item
    pairs: int
    before: float | None
    after: float | None
    change: float | None
    up: int
    same: int
    down: int


@dataclass
class Tallies:
    """Per activity: matched participants, unmatched responses, and per item the sums."""

    matched: int = 0
    autumn_only: int = 0
    summer_only: int = 0
    items: dict[str, ItemTally] = field(default_factory=lambda: defaultdict(ItemTally))

    def add(self, other: Tallies) -> None:
        self.matched += other.matched
        self.autumn_only += other.autumn_only
        self.summer_only += other.summer_only
        for key, tally in other.items.items():
            self.items[key].add(tally)

    def results(self, items: list[Item]) -> list[ItemResult]:
        found = []
        for item in items:
            t = self.items.get(item.key, ItemTally())
            before = round(t.before / t.pairs, 2) if t.pairs else None
            after = round(t.after / t.pairs, 2) if t.pairs else None
            change = round((t.after - t.before) / t.pairs, 2) if t.pairs else None
            found.append(ItemResult(item, t.pairs, before, after, change, t.up, t.same, t.down))
        return found


def _value(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class AnswerNumber(Func):
    """A response's answer to one question (a key of its `answers` JSON) as a number, in
    the database; NULL when it is missing or not a number (kept answers of Likert and
    number questions are whole numbers: `surveys.rules.answer_value`)."""

    output_field = FloatField()

    def __init__(self, key: str) -> None:
        super().__init__(F("answers"))
        self.key = key

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        path = f'$."{self.key}"'
        return (
            f"(CASE WHEN json_type({sql}, %s) IN ('integer', 'real') "
            f"THEN json_extract({sql}, %s) END)",
            [*params, path, *params, path],
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CASE WHEN jsonb_typeof({sql} -> %s) = 'number' "
            f"THEN ({sql} ->> %s)::double precision END)",
            [*params, self.key, *params, self.key],
        )


def tallies_by_activity(
    autumn: Survey, summer: Survey, items: list[Item], where: Q
) -> dict[int, Tallies]:
    """The tallies per activity of the activities `where` selects (a Q on the response:
    `activity__hub_id=3`): two queries. When both surveys key people alike (both
    pseudonymous or both identified) the database matches the pairs and sums each item
    per activity (matched, pairs, sums before and after, moved up and down), so a row per
    activity comes back whatever the number of people."""
    if autumn.pseudonymous != summer.pseudonymous:
        return _tallies_in_one_pass(autumn, summer, items, where)
    key = _who(summer)
    numbers = [f"v{i}" for i in range(len(items))]

    def side(survey: Survey, column: str) -> tuple[str, tuple]:
        answers = {
            name: AnswerNumber(getattr(item, column).key)
            for name, item in zip(numbers, items, strict=True)
        }
        rows = responses_of(survey).filter(where).order_by().annotate(**answers)
        return rows.values("activity_id", key, *numbers).query.sql_with_params()

    before_sql, before_params = side(autumn, "autumn")
    after_sql, after_params = side(summer, "summer")
    connection = connections[responses_of(summer).db]
    quote = connection.ops.quote_name
    sums = []
    for name in numbers:
        b, a = f"b.{quote(name)}", f"s.{quote(name)}"
        both = f"{b} IS NOT NULL AND {a} IS NOT NULL"
        sums += [
            f"SUM(CASE WHEN {both} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {both} THEN {b} ELSE 0 END)",
            f"SUM(CASE WHEN {both} THEN {a} ELSE 0 END)",
            f"SUM(CASE WHEN {both} AND {a} > {b} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {both} AND {a} < {b} THEN 1 ELSE 0 END)",
        ]
    activity = quote("activity_id")
    # MATERIALIZED: each side's answers are read out of their JSON once per response;
    # flattened into the outer query, every reference to a value would read it again.
    sql = (
        f"WITH s AS MATERIALIZED ({after_sql}), b AS MATERIALIZED ({before_sql}) "  # noqa: S608
        f"SELECT s.{activity}, COUNT(*){''.join(', ' + x for x in sums)} "
        f"FROM s INNER JOIN b "
        f"ON b.{activity} = s.{activity} AND b.{quote(key)} = s.{quote(key)} "
        f"GROUP BY s.{activity}"
    )
    found: dict[int, Tallies] = defaultdict(Tallies)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*after_params, *before_params])
        rows = cursor.fetchall()
    for activity_id, matched, *totals in rows:
        tallies = found[activity_id]
        tallies.matched = matched
        for i, item in enumerate(items):
            pairs, before, after, up, down = totals[5 * i : 5 * i + 5]
            if pairs:
                tallies.items[item.key] = ItemTally(
                    pairs, float(before), float(after), up, pairs - up - down, down
                )
    counts = (
        responses_of(summer)
        .model.objects.filter(survey__in=[autumn, summer], submitted=True)
        .filter(where)
        .order_by()
        .annotate(
            act=Func(F("activity_id"), template="+%(expressions)s", output_field=BigIntegerField())
        )
        .values("survey_id", "act")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "act", "n")
    )
    for survey_id, activity_id, responses in counts:
        tallies = found[activity_id]
        if survey_id == autumn.pk:
            tallies.autumn_only += responses - tallies.matched
        else:
            tallies.summer_only += responses - tallies.matched
    return dict(found)


def _tallies_in_one_pass(
    autumn: Survey, summer: Survey, items: list[Item], where: Q
) -> dict[int, Tallies]:
    """One pass over the two surveys' submitted responses in the activities `where`
    selects (a Q on the response: `activity__hub_id=3`): two queries. Only the repeated
    items' answers are read (a key of the JSON each), not whole responses."""
    early_keys = [f"answers__{item.autumn.key}" for item in items]
    late_keys = [f"answers__{item.summer.key}" for item in items]
    early: dict[tuple[int, str], tuple] = {}
    for activity_id, who, *values in _keys(
        autumn,
        responses_of(autumn).filter(where).values_list("activity_id", _who(autumn), *early_keys),
    ):
        early[(activity_id, who)] = tuple(values)
    found: dict[int, Tallies] = defaultdict(Tallies)
    used: set[tuple[int, str]] = set()
    for activity_id, who, *values in _keys(
        summer,
        responses_of(summer).filter(where).values_list("activity_id", _who(summer), *late_keys),
    ):
        tallies = found[activity_id]
        before_values = early.get((activity_id, who))
        if before_values is None:
            tallies.summer_only += 1
            continue
        used.add((activity_id, who))
        tallies.matched += 1
        for item, raw_before, raw_after in zip(items, before_values, values, strict=True):
            before, after = _value(raw_before), _value(raw_after)
            if before is None or after is None:
                continue
            t = tallies.items[item.key]
            t.pairs += 1
            t.before += before
            t.after += after
            if after > before:
                t.up += 1
            elif after < before:
                t.down += 1
            else:
                t.same += 1
    for activity_id, _who_key in set(early) - used:
        found[activity_id].autumn_only += 1
    return dict(found)


# How long a series' matched tallies are kept: they change only when an answer is
# submitted (which changes the key), but titles and hubs in them may be renamed.
COMPARISON_CACHE_SECONDS = 3600


def matched_tallies(
    autumn: Survey, summer: Survey, items: list[Item]
) -> tuple[Tree, dict[Node, tuple]]:
    """The suppression tree of matched participants, and the tallies of every breakdown
    (England, each hub, each NCP, each activity) packed as tuples, worked out once for
    the submitted answers of the moment and kept in the cache: a comparison is shown only
    once the summer survey has closed, when its answers no longer change, so every reader
    after the first reads the same sums. The counts of submitted answers key them: a new
    submission, or an erasure, makes a new key."""
    if autumn.pseudonymous == summer.pseudonymous:  # one table: one count of each
        submitted = sorted(
            responses_of(summer)
            .model.objects.filter(survey__in=[autumn, summer], submitted=True)
            .order_by()
            .values("survey_id")
            .annotate(n=Count("pk"))
            .values_list("survey_id", "n")
        )
    else:
        submitted = [responses_of(autumn).count(), responses_of(summer).count()]
    questions = ",".join(f"{i.key}:{i.autumn.pk}:{i.summer.pk}" for i in items)
    state = f"{autumn.pk}:{summer.pk}:{submitted}:{questions}"
    key = "comparison:2:" + hashlib.sha256(state.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        tree = tree_of(matched_rows(autumn, summer))
        found = (tree, _breakdown_sums(tallies_by_activity(autumn, summer, items, Q()), items))
        cache.set(key, found, COMPARISON_CACHE_SECONDS)
    return found


def _breakdown_sums(tallies: dict[int, Tallies], items: list[Item]) -> dict[Node, tuple]:
    """Each activity's tallies added up into its hub's, its NCP's and England's (some
    activities have no matched pair, so are not in the tree, yet their unmatched
    responses count), packed."""
    places = Activity.objects.filter(pk__in=list(tallies)).values_list("pk", "hub_id", "ncp_id")
    sums: dict[Node, Tallies] = defaultdict(Tallies)
    for pk, hub_id, ncp_id in places:
        one = tallies[pk]
        for node in (("activity", pk), ("hub", hub_id), ("ncp", ncp_id or 0), NATIONAL):
            sums[node].add(one)
    return {node: _packed(t, items) for node, t in sums.items()}


def _packed(tallies: Tallies, items: list[Item]) -> tuple:
    found = [tallies.items.get(item.key) or ItemTally() for item in items]
    return (
        tallies.matched,
        tallies.autumn_only,
        tallies.summer_only,
        tuple((t.pairs, t.before, t.after, t.up, t.same, t.down) for t in found),
    )


def tallies_of(sums: dict[Node, tuple], node: Node, items: list[Item]) -> Tallies:
    """A breakdown's tallies from `matched_tallies` (empty when it has no answers)."""
    packed = sums.get(node)
    if packed is None:
        return Tallies()
    matched, autumn_only, summer_only, per_item = packed
    tallies = Tallies(matched=matched, autumn_only=autumn_only, summer_only=summer_only)
    for item, values in zip(items, per_item, strict=True):
        tallies.items[item.key] = ItemTally(*values)
    return tallies


def node_filter(node: Node) -> Q:
    kind, pk = node
    if kind == "hub":
        return Q(activity__hub_id=pk)
    if kind == "ncp":
        return Q(activity__ncp_id=pk) if pk else Q(activity__ncp_id__isnull=True)
    if kind == "activity":
        return Q(activity_id=pk)
    return Q()
