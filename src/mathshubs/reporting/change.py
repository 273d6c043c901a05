"""The matched autumn-to-summer change as a programme figure (ISSUE 11, from ISSUE 10's
comparison): of the answers to repeated items given by participants matched between the
autumn and summer surveys run for every activity, the share that rose.

It reads the evaluation's own sums (`comparison.matched_tallies`: worked out once, kept
in the cache) and its rules: nothing before the summer survey has closed, and a value
from fewer than 5 matched participants, or one the suppression tree hides, is shown as
"fewer than 5". A region is suppressed when any of its hubs is, so no hub's value can be
had by subtracting the others from the region's.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from mathshubs.evaluation.results import comparison as cmp
from mathshubs.evaluation.results.rules import results_open
from mathshubs.evaluation.results.tree import NATIONAL, Node
from mathshubs.evaluation.surveys.models import Audience, Survey
from mathshubs.reporting.counting import Scope, Value


def matched_rise(scope: Scope, years: Iterable[int] | None = None) -> dict[int, Value]:
    """{year: Value(answers that rose, matched answers)} for the years whose summer survey
    for every activity has closed."""
    surveys = Survey.objects.filter(
        series__ncp__isnull=True, audience__in=[Audience.AUTUMN, Audience.SUMMER]
    ).select_related("series", "version")
    if years is not None:
        surveys = surveys.filter(series__academic_year__in=list(years))
    pairs: dict[int, dict[str, Survey]] = {}
    for survey in surveys:
        pairs.setdefault(survey.series_id, {})[survey.audience] = survey
    now = timezone.now()
    found: dict[int, Value] = {}
    for pair in pairs.values():
        autumn, summer = pair.get(Audience.AUTUMN), pair.get(Audience.SUMMER)
        if autumn is None or summer is None or not results_open(summer, now):
            continue
        items = cmp.repeated_items(autumn, summer)
        tree, sums = cmp.matched_tallies(autumn, summer, items)
        nodes: list[Node] = (
            [NATIONAL] if scope.hub_ids is None else [("hub", pk) for pk in scope.hub_ids]
        )
        rose = answers = matched = 0
        hidden = False
        for node in nodes:
            if not tree.count(node):
                continue
            hidden = hidden or tree.is_suppressed(node)
            tallies = cmp.tallies_of(sums, node, items)
            matched += tallies.matched
            rose += sum(t.up for t in tallies.items.values())
            answers += sum(t.pairs for t in tallies.items.values())
        year = summer.series.academic_year
        found[year] = Value(rose, answers, suppressed=hidden or 0 < matched < 5)
    return found
