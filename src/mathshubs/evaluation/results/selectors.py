"""Reads of survey completion and results that depend on who asks (ISSUE 10, parts 3 and
4). Every page, export and API endpoint goes through these, and every figure of answers
they return has been through the suppression tree (tree.py, suppression.py).

- `access_survey`: 403 before any lookup for anyone who may read no results
  (participants), then 404 for a survey that does not exist.
- `survey_completion`: the national team by hub, by NCP and nationally; hub staff their
  hub's activities; an LLME the activities they lead (both, for someone who is both).
- `activity_surveys`: an activity's surveys with completion, and for its leads and its
  hub's staff who has not responded (names only).
- `survey_results` / `survey_comparison`: one breakdown (nationally, a hub, an NCP, an
  activity) the reader may see, and the breakdowns below it, suppressed where the tree
  says. A breakdown the reader may not see answers 404, whether or not it exists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q, QuerySet
from django.http import Http404

from mathshubs.activities.models import Activity
from mathshubs.activities.selectors import ACTIVITY_NOT_FOUND
from mathshubs.bounds import MAX_ID
from mathshubs.directory.models import Person
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids
from mathshubs.evaluation.results import comparison as cmp
from mathshubs.evaluation.results.aggregates import (
    QuestionResult,
    aggregate,
    aggregate_grouped,
    grouped_answers,
)
from mathshubs.evaluation.results.completion import (
    Tally,
    completion_tallies,
    covered,
    non_respondents_in_bulk,
    roll_up,
)
from mathshubs.evaluation.results.models import SurveyReminder
from mathshubs.evaluation.results.rules import (
    can_read_activity_surveys,
    can_read_results,
    can_see_non_respondents,
    can_send_reminder,
    reminder_next_possible,
    results_open,
)
from mathshubs.evaluation.results.tree import NATIONAL, Node, Tree, ncps_of, tree_of
from mathshubs.evaluation.surveys.models import (
    PARTICIPANT_AUDIENCES,
    Survey,
    SurveyQuestion,
)
from mathshubs.evaluation.surveys.rules import survey_state

ONLY_READERS = "Only the national team, hub staff and LLMEs can see survey completion and results"
SURVEY_NOT_FOUND = "There is no survey like that"
BREAKDOWN_NOT_FOUND = "There are no results like that for you"
NOT_A_BREAKDOWN = "Choose one breakdown: a hub, an NCP or an activity, by its id"
NO_SERIES_PAIR = "This survey has no autumn and summer surveys to compare"


@dataclass
class Reader:
    national: bool
    hub_ids: set[int]
    person: Person | None


def reader_of(user: Any) -> Reader:
    return Reader(bool(is_national(user)), staff_hub_ids(user), person_of(user))


def access_survey(*, user: Any, survey_id: int) -> Survey:
    if not can_read_results(user):
        raise PermissionDenied(ONLY_READERS)
    survey = (
        Survey.objects.select_related("series__ncp", "version__template")
        .filter(pk=survey_id)
        .first()
    )
    if survey is None:
        raise Http404(SURVEY_NOT_FOUND)
    return survey


def surveys_for_readers(*, user: Any) -> list[Survey]:
    """Every survey, latest first, for those who may read completion and results (one
    query; what each shows depends on who asks)."""
    if not can_read_results(user):
        raise PermissionDenied(ONLY_READERS)
    return list(
        Survey.objects.select_related("series__ncp").order_by(
            "-series__academic_year", "-opens_on", "audience", "pk"
        )
    )


def _led(reader: Reader) -> QuerySet[Activity]:
    if reader.person is None:
        return Activity.objects.none()
    return Activity.objects.filter(leads=reader.person)


def _visible(reader: Reader, activities: QuerySet[Activity]) -> QuerySet[Activity]:
    if reader.national:
        return activities
    condition = Q(pk__in=_led(reader).values("pk"))
    if reader.hub_ids:
        condition |= Q(hub_id__in=reader.hub_ids)
    return activities.filter(condition)


# --- completion -------------------------------------------------------------------------


class ActivityRow(NamedTuple):
    """What the completion pages show of an activity."""

    pk: int
    title: str
    academic_year: int
    ncp_id: int | None
    ncp_code: str
    hub_id: int
    hub_name: str


@dataclass
class CompletionRow:
    node: Node
    label: str
    tally: Tally
    hub: str = ""
    activities: int = 0


@dataclass
class CompletionReport:
    survey: Survey
    national: bool
    total: CompletionRow
    hubs: list[CompletionRow] = field(default_factory=list)
    ncps: list[CompletionRow] = field(default_factory=list)
    activities: list[CompletionRow] = field(default_factory=list)
    llmes: list[CompletionRow] = field(default_factory=list)  # hub staff: per LLME


def survey_completion(*, user: Any, survey_id: int) -> CompletionReport:
    """Completion of a survey in the reader's scope, against the handbook's 100%: for the
    national team by hub and by NCP and nationally (every activity the survey covers),
    for others activity by activity (their hub's, the ones they lead) with their total,
    and for hub staff per LLME too (the activities each leads, added up).
    Six queries at most whatever the numbers (pinned in a test)."""
    survey = access_survey(user=user, survey_id=survey_id)
    reader = reader_of(user)
    activities = (
        _visible(reader, covered(survey)).select_related("hub").order_by("hub__name", "title", "pk")
    )
    # Plain rows, not models: the national team's list is every activity of the year.
    rows = [
        ActivityRow(*row)
        for row in activities.values_list(
            "pk", "title", "academic_year", "ncp_id", "ncp_code", "hub_id", "hub__name"
        )
    ]
    tallies = completion_tallies(surveys=[survey], activities=rows, within=activities)
    per_activity = [(a, tallies.get((survey.pk, a.pk), Tally())) for a in rows]
    total = CompletionRow(NATIONAL if reader.national else ("mine", 0), "", Tally())
    total.label = "England" if reader.national else "Your activities"
    for _, tally in per_activity:
        total.tally.add(tally)
    total.activities = len(rows)
    report = CompletionReport(survey=survey, national=reader.national, total=total)
    if reader.national:
        names: dict[Node, str] = {}
        counts: dict[Node, int] = defaultdict(int)
        for a, _ in per_activity:
            hub, ncp = ("hub", a.hub_id), ("ncp", a.ncp_id or 0)
            names[hub] = a.hub_name
            names[ncp] = a.ncp_code or "Local activities (no NCP)"
            counts[hub] += 1
            counts[ncp] += 1
        hubs = roll_up((("hub", a.hub_id), t) for a, t in per_activity)
        ncps = roll_up((("ncp", a.ncp_id or 0), t) for a, t in per_activity)
        report.hubs = sorted(
            (CompletionRow(n, names[n], t, activities=counts[n]) for n, t in hubs.items()),
            key=lambda r: r.label,
        )
        report.ncps = sorted(
            (CompletionRow(n, names[n], t, activities=counts[n]) for n, t in ncps.items()),
            key=lambda r: r.label,
        )
    else:
        report.activities = [
            CompletionRow(("activity", a.pk), a.title, t, hub=a.hub_name, activities=1)
            for a, t in per_activity
        ]
        if reader.hub_ids:
            report.llmes = _by_lead(per_activity)
    return report


def _by_lead(per_activity: list[tuple[ActivityRow, Tally]]) -> list[CompletionRow]:
    """Per LLME: the activities they lead, added up (one query)."""
    tallies = {a.pk: t for a, t in per_activity}
    rows: dict[int, CompletionRow] = {}
    for activity_id, person_id, first, last in Activity.leads.through.objects.filter(
        activity_id__in=list(tallies)
    ).values_list("activity_id", "person_id", "person__first_name", "person__last_name"):
        row = rows.setdefault(
            person_id, CompletionRow(("llme", person_id), f"{first} {last}".strip(), Tally())
        )
        row.tally.add(tallies[activity_id])
        row.activities += 1
    return sorted(rows.values(), key=lambda r: (r.label, r.node[1]))


# --- an activity's surveys ---------------------------------------------------------------


@dataclass
class ActivitySurvey:
    survey: Survey
    tally: Tally
    state: str
    non_respondents: list[Person] | None  # None: not for this reader
    last_reminder: dt.datetime | None = None
    next_reminder: dt.datetime | None = None  # when the next may go, if not yet
    may_remind: bool = False

    @property
    def results_open(self) -> bool:
        return self.state == "closed"


def _future(moment: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    return moment if moment is not None and moment > now else None


def access_activity(*, user: Any, activity_id: int) -> Activity:
    activity = Activity.objects.select_related("hub", "ncp").filter(pk=activity_id).first()
    if activity is None or not can_read_activity_surveys(user, activity):
        raise Http404(ACTIVITY_NOT_FOUND)
    return activity


def surveys_covering(activity: Activity) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(series__academic_year=activity.academic_year)
        .filter(Q(series__ncp__isnull=True) | Q(series__ncp_id=activity.ncp_id))
        .select_related("series", "version")
        .order_by("opens_on", "audience", "pk")
    )


def activity_surveys(*, user: Any, activity: Activity, now: dt.datetime) -> list[ActivitySurvey]:
    """Each survey of the activity with its completion; who has not responded for its
    leads and its hub's staff; when a reminder went and when the next may. Six queries
    whatever the numbers."""
    surveys = list(surveys_covering(activity))
    tallies = completion_tallies(surveys=surveys, activities=[activity])
    names = can_see_non_respondents(user, activity)
    missing = non_respondents_in_bulk(surveys=surveys, activity=activity) if names else {}
    last = dict(
        SurveyReminder.objects.filter(activity=activity, survey__in=surveys)
        .order_by()
        .values("survey_id")
        .annotate(last=Max("sent_at"))
        .values_list("survey_id", "last")
    )
    may_send = bool(can_send_reminder(user, activity))
    found = []
    for survey in surveys:
        state = survey_state(survey, now)
        sent = last.get(survey.pk)
        found.append(
            ActivitySurvey(
                survey=survey,
                tally=tallies.get((survey.pk, activity.pk), Tally()),
                state=state,
                non_respondents=missing.get(survey.pk, []) if names else None,
                last_reminder=sent,
                next_reminder=_future(reminder_next_possible(sent), now),
                may_remind=may_send
                and state == "open"
                and survey.audience in PARTICIPANT_AUDIENCES,
            )
        )
    return found


# --- breakdowns -----------------------------------------------------------------------------


def parse_breakdown(*, hub: Any = None, ncp: Any = None, activity: Any = None) -> Node | None:
    """The breakdown asked for, from a page's query string or the API's parameters: None
    for the reader's default; ValueError for something that names none."""
    given = [
        (kind, value)
        for kind, value in (("hub", hub), ("ncp", ncp), ("activity", activity))
        if value not in (None, "")
    ]
    if not given:
        return None
    if len(given) > 1:
        raise ValueError(NOT_A_BREAKDOWN)
    kind, value = given[0]
    text = str(value).strip()
    if kind == "ncp" and text == "local":
        return ("ncp", 0)
    if not (text.isascii() and text.isdigit()) or len(text) > 19 or int(text) > MAX_ID:
        raise ValueError(NOT_A_BREAKDOWN)
    number = int(text)
    if number == 0 and kind != "ncp":
        raise ValueError(NOT_A_BREAKDOWN)
    return (kind, number)


def _default(reader: Reader, survey: Survey) -> Node | None:
    if reader.national:
        return NATIONAL
    if reader.hub_ids:
        return ("hub", min(reader.hub_ids))
    led = _led(reader).filter(pk__in=covered(survey).values("pk")).order_by("title", "pk")
    first = led.values_list("pk", flat=True).first()
    return ("activity", first) if first else None


def _may_see(reader: Reader, survey: Survey, node: Node) -> bool:
    kind, pk = node
    if reader.national:
        return True
    if kind == "hub":
        return pk in reader.hub_ids
    if kind != "activity":
        return False
    activity = covered(survey).filter(pk=pk).values_list("hub_id", flat=True).first()
    if activity is None:
        return False
    return activity in reader.hub_ids or _led(reader).filter(pk=pk).exists()


def _children(tree: Tree, node: Node) -> list[Node]:
    kind = node[0]
    if kind == "national":
        return [*tree.children.get(NATIONAL, []), *ncps_of(tree)]
    if kind in ("hub", "ncp"):
        return sorted(tree.children.get(node, []), key=lambda n: tree.labels.get(n, ""))
    return []


@dataclass
class Breakdown:
    node: Node
    label: str
    count: int | None  # None: suppressed
    linked: bool = False

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def query(self) -> str:
        kind, pk = self.node
        if kind == "national":
            return ""
        return f"?{kind}={'local' if kind == 'ncp' and pk == 0 else pk}"


@dataclass
class Results:
    survey: Survey
    open: bool  # False until the survey has closed
    breakdown: Breakdown | None = None
    questions: list[QuestionResult] = field(default_factory=list)
    children: list[Breakdown] = field(default_factory=list)
    choices: list[Breakdown] = field(default_factory=list)  # what else this reader may see


def _resolve(reader: Reader, survey: Survey, node: Node | None) -> Node | None:
    if node is None:
        return _default(reader, survey)
    if not _may_see(reader, survey, node):
        raise Http404(BREAKDOWN_NOT_FOUND)
    return node


def _label(tree: Tree, node: Node) -> str:
    if node in tree.labels:
        return tree.labels[node]
    kind, pk = node
    if kind == "hub":
        from mathshubs.directory.models import Hub

        return Hub.objects.filter(pk=pk).values_list("name", flat=True).first() or ""
    if kind == "activity":
        return Activity.objects.filter(pk=pk).values_list("title", flat=True).first() or ""
    return "Local activities (no NCP)" if kind == "ncp" and pk == 0 else ""


def _breakdowns(reader: Reader, tree: Tree, node: Node) -> list[Breakdown]:
    linkable = reader.national or node[0] == "hub"
    return [
        Breakdown(child, tree.labels.get(child, ""), tree.shown(child), linked=linkable)
        for child in _children(tree, node)
    ]


def _choices(reader: Reader, survey: Survey, tree: Tree) -> list[Breakdown]:
    """The breakdowns at the top of what this reader may see: England; their hubs; the
    activities they lead."""
    if reader.national:
        return [Breakdown(NATIONAL, "England", tree.shown(NATIONAL), linked=True)]
    found = [
        Breakdown(("hub", pk), _label(tree, ("hub", pk)), tree.shown(("hub", pk)), linked=True)
        for pk in sorted(reader.hub_ids)
    ]
    for pk, title in (
        _led(reader)
        .filter(pk__in=covered(survey).values("pk"))
        .order_by("title", "pk")
        .values_list("pk", "title")
    ):
        node = ("activity", pk)
        found.append(Breakdown(node, title, tree.shown(node), linked=True))
    return found


def survey_results(*, user: Any, survey_id: int, node: Node | None, now: dt.datetime) -> Results:
    """A survey's results in one breakdown, aggregated per question (aggregates.py), with
    the breakdowns below it; nothing of a suppressed one but that it is. Eight queries at
    most whatever the numbers."""
    survey = access_survey(user=user, survey_id=survey_id)
    reader = reader_of(user)
    node = _resolve(reader, survey, node)
    results = Results(survey=survey, open=results_open(survey, now))
    if not results.open or node is None:
        return results
    responses = cmp.responses_of(survey)
    tree = tree_of(cmp.counted_by_activity(responses))
    results.breakdown = Breakdown(node, _label(tree, node), tree.shown(node))
    results.children = _breakdowns(reader, tree, node)
    results.choices = _choices(reader, survey, tree)
    if tree.is_suppressed(node) or not tree.count(node):
        return results
    questions = list(
        SurveyQuestion.objects.filter(section__version_id=survey.version_id).order_by(
            "section__position", "section_id", "position", "pk"
        )
    )
    in_node = responses.filter(cmp.node_filter(node))
    groups = grouped_answers(in_node, questions)
    if groups is None:
        answers = in_node.values_list("answers", flat=True)
        results.questions = aggregate(questions, answers.iterator(chunk_size=2000))
    else:
        results.questions = aggregate_grouped(questions, groups)
    return results


# --- autumn to summer ---------------------------------------------------------------------


@dataclass
class Comparison:
    survey: Survey
    autumn: Survey | None
    summer: Survey | None
    open: bool
    items: list[cmp.Item] = field(default_factory=list)
    breakdown: Breakdown | None = None
    tallies: cmp.Tallies | None = None
    results: list[cmp.ItemResult] = field(default_factory=list)
    children: list[tuple[Breakdown, list[cmp.ItemResult]]] = field(default_factory=list)
    choices: list[Breakdown] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return self.autumn is not None and self.summer is not None


def survey_comparison(
    *, user: Any, survey_id: int, node: Node | None, now: dt.datetime
) -> Comparison:
    """The matched autumn-to-summer comparison of a series' repeated items in one
    breakdown, and per item in each breakdown below it, suppressed where fewer than 5
    participants are matched (the tree, over matched counts). Nine queries at most
    whatever the numbers (pinned in a test)."""
    survey = access_survey(user=user, survey_id=survey_id)
    reader = reader_of(user)
    node = _resolve(reader, survey, node)
    autumn, summer = cmp.series_pair(survey)
    result = Comparison(survey=survey, autumn=autumn, summer=summer, open=False)
    if autumn is None or summer is None:
        return result
    result.open = results_open(summer, now)
    if not result.open or node is None:
        return result
    result.items = cmp.repeated_items(autumn, summer)
    tree, sums = cmp.matched_tallies(autumn, summer, result.items)
    result.breakdown = Breakdown(node, _label(tree, node), tree.shown(node))
    result.choices = _choices(reader, survey, tree)
    children = _breakdowns(reader, tree, node)
    if tree.is_suppressed(node):
        result.children = [(child, []) for child in children]
        return result
    result.tallies = cmp.tallies_of(sums, node, result.items)
    per_child = {child.node: cmp.tallies_of(sums, child.node, result.items) for child in children}
    result.results = result.tallies.results(result.items) if tree.count(node) else []
    for child in children:
        shown = not child.suppressed and child.count
        result.children.append(
            (child, per_child[child.node].results(result.items) if shown else [])
        )
    return result
