"""The evaluation timeline of an activity (ISSUE 10, part 5): the 2023/24 handbook's
"Indicative evaluation timeline for LLME" as a checklist in four stages (before the
start, at the start, during, at the end), each item with a due date worked out from the
activity's sessions and its project's national workshops.

Items the platform can see tick themselves: a national workshop the lead attended, a
HAPPI section submitted, a participant survey every current participant completed, the
lead's own LLME survey. The rest (field work, understanding the outcomes) the lead ticks.
An item the platform could see but has nothing for yet (no national workshop scheduled,
no survey run) may be ticked by hand too.

Everything is computed for many activities at once (`timelines_for`) in a fixed number of
queries, so a hub's staff see all their LLMEs' timelines on one page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q

from mathshubs.activities.models import Activity
from mathshubs.activities.rules import long_date
from mathshubs.dates import LONDON, academic_year_bounds
from mathshubs.evaluation.models import HappiSection, SectionKind, TimelineTick
from mathshubs.events.models import Event, EventKind, Registration

BEFORE, START, DURING, END = "before", "start", "during", "end"
STAGES = {
    BEFORE: "Before the start of the Maths Hub activity",
    START: "At the start of the Maths Hub activity",
    DURING: "During the Maths Hub activity",
    END: "At the end of the Maths Hub activity",
}


@dataclass(frozen=True)
class Item:
    key: str
    stage: str
    text: str  # the handbook's words
    source: str = ""  # what ticks it: workshop1/2/3, happi:<kind>, survey:<audience>; "" by hand


ITEMS = [
    Item(
        "first_workshop",
        BEFORE,
        "Attend and contribute to the first national workshop.",
        "workshop1",
    ),
    Item("outcomes", BEFORE, "Understand the national and local impact outcomes."),
    Item("expectations", BEFORE, "Understand the expectations for programme leadership."),
    Item(
        "methods",
        START,
        "Choose your local data collection methods in consultation with your Project Lead "
        "and MHLM.",
        "happi:methods",
    ),
    Item(
        "plan", START, "Complete and submit the planning section of the HAPPI form.", "happi:plan"
    ),
    Item(
        "autumn_survey",
        START,
        "Encourage a 100% completion rate for the participant autumn survey.",
        "survey:autumn",
    ),
    Item(
        "second_workshop",
        DURING,
        "Attend and contribute to the second national workshop.",
        "workshop2",
    ),
    Item(
        "update_happi",
        DURING,
        "Update your HAPPI form as your activity develops.",
        "happi:progress",
    ),
    Item("local_field_work", DURING, "Conduct local field work."),
    Item("national_field_work", DURING, "Engage in national field work."),
    Item(
        "final_workshop", END, "Attend and contribute to the final national workshop.", "workshop3"
    ),
    Item(
        "summer_survey",
        END,
        "Encourage a 100% completion rate for the participant summer survey.",
        "survey:summer",
    ),
    Item("llme_survey", END, "Complete LLME survey.", "survey:llme"),
    Item("collate", END, "Collate and analyse your own evaluation evidence."),
    Item("submit_happi", END, "Complete and submit your HAPPI form.", "happi:impact"),
]
ITEM_KEYS = {item.key for item in ITEMS}


@dataclass
class Entry:
    item: Item
    due: dt.date | None
    done: bool
    how: str = ""  # how it was done, or where it stands ("23 of 25 participants")
    by_hand: bool = False  # the lead may tick or untick it

    def state(self, today: dt.date) -> str:
        if self.done:
            return "done"
        if self.due is None:
            return "open"
        if self.due < today:
            return "overdue"
        return "due_this_week" if self.due <= today + dt.timedelta(days=6) else "open"


@dataclass
class Timeline:
    activity: Activity
    entries: list[Entry] = field(default_factory=list)

    def stages(self) -> list[tuple[str, list[Entry]]]:
        return [
            (label, [e for e in self.entries if e.item.stage == key])
            for key, label in STAGES.items()
        ]

    def due(self, today: dt.date) -> list[Entry]:
        return [e for e in self.entries if e.state(today) in ("overdue", "due_this_week")]

    def counts(self, today: dt.date) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            found[entry.state(today)] += 1
        return found


# Runs of one national workshop (by area) fall within a few weeks of its first run.
RUN_WINDOW = dt.timedelta(days=21)


def _add_run(workshops: list[list[Event]], event: Event) -> None:
    """Add `event` to the runs of its workshop (`workshops` in date order): the latest
    workshop when it started less than RUN_WINDOW before, else a new one."""
    if workshops and event.starts_at - workshops[-1][0].starts_at < RUN_WINDOW:
        workshops[-1].append(event)
    else:
        workshops.append([event])


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=LONDON)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.astimezone(LONDON).date() if moment is not None else None


def _survey_states(
    activities: list[Activity],
) -> dict[tuple[int, str], tuple[bool, str, dt.date | None]]:
    """(activity, audience) -> (done, how, due): a participant survey is done when every
    current participant of the activity completed it for that activity; the LLME survey
    when its leads did (the counting is `results.completion`'s, the pages' own)."""
    from mathshubs.evaluation.results.completion import completion_tallies
    from mathshubs.evaluation.surveys.models import Audience, Survey

    years = {a.academic_year for a in activities}
    surveys = list(Survey.objects.filter(series__academic_year__in=years).select_related("series"))
    tallies = completion_tallies(surveys=surveys, activities=activities) if surveys else {}
    found: dict[tuple[int, str], tuple[bool, str, dt.date | None]] = {}
    # A project's own survey is listed after the one of every activity, so it wins.
    for survey in sorted(surveys, key=lambda s: s.series.ncp_id is not None):
        for activity in activities:
            tally = tallies.get((survey.pk, activity.pk))
            if tally is None:
                continue
            if survey.audience == Audience.LLME:
                how = "Completed" if tally.met else "Not completed yet"
            else:
                people = "participant" if tally.total == 1 else "participants"
                how = f"{tally.done} of {tally.total} current {people} completed it"
            found[(activity.pk, survey.audience)] = (tally.met, how, survey.closes_on)
    return found


def timelines_for(activities: Iterable[Activity]) -> dict[int, Timeline]:
    """Each activity's timeline, in a fixed number of queries whatever their number."""
    activities = list(activities)
    ids = [a.pk for a in activities]
    # Only what falls in the activity's academic year: a follow-up session or a workshop of
    # a later year is not part of this year's timeline.
    in_year = Q(pk__in=[])
    for year in {a.academic_year for a in activities}:
        first_day, last_day = academic_year_bounds(year)
        in_year |= Q(
            activity__academic_year=year,
            starts_at__gte=_start_of(first_day),
            starts_at__lt=_start_of(last_day + dt.timedelta(days=1)),
        )
    spans = {
        row["activity_id"]: (_day(row["first"]), _day(row["last"]))
        for row in Event.objects.filter(in_year, activity_id__in=ids, cancelled_at__isnull=True)
        .order_by()
        .values("activity_id")
        .annotate(first=Min("starts_at"), last=Max("starts_at"))
    }
    ncp_ids = {a.ncp_id for a in activities if a.ncp_id}
    workshops: dict[int, list[list[Event]]] = defaultdict(list)
    for event in Event.objects.filter(
        ncp_id__in=ncp_ids, kind=EventKind.NATIONAL_WORKSHOP, cancelled_at__isnull=True
    ).order_by("starts_at", "pk"):
        _add_run(workshops[event.ncp_id or 0], event)
    attended = set(
        Registration.objects.filter(
            attended=True,
            event__in=[e for runs in workshops.values() for rows in runs for e in rows],
            person__led_activities__in=ids,
        ).values_list("event_id", "person__led_activities")
    )
    sections: dict[int, dict[str, HappiSection]] = defaultdict(dict)
    versions = defaultdict(int)
    for section in (
        HappiSection.objects.filter(form__activity_id__in=ids)
        .annotate(submitted=Count("versions"))
        .select_related("form")
    ):
        sections[section.form.activity_id][section.kind] = section
        versions[(section.form.activity_id, section.kind)] = section.submitted
    ticks = {(t.activity_id, t.item): t for t in TimelineTick.objects.filter(activity_id__in=ids)}
    surveys = _survey_states(activities)
    found = {}
    for activity in activities:
        first, last = spans.get(activity.pk, (None, None))
        middle = first + (last - first) / 2 if first and last else None
        first_day, last_day = academic_year_bounds(activity.academic_year)
        own = [
            runs
            for runs in workshops.get(activity.ncp_id or 0, [])
            if first_day <= runs[0].starts_at.astimezone(LONDON).date() <= last_day
        ]
        numbered = {"workshop1": own[0] if own else None}
        numbered["workshop2"] = own[1] if len(own) > 2 else None
        numbered["workshop3"] = own[-1] if len(own) > 1 else None
        timeline = Timeline(activity)
        for item in ITEMS:
            tick = ticks.get((activity.pk, item.key))
            due = {
                BEFORE: first,
                START: first + dt.timedelta(weeks=4) if first else None,
                DURING: middle,
                END: last + dt.timedelta(weeks=4) if last else None,
            }[item.stage]
            done, how, by_hand = False, "", False
            if item.source.startswith("workshop"):
                runs = numbered[item.source]
                if runs is None:
                    by_hand, how = True, "No national workshop of this project is in the platform"
                else:
                    went = next((r for r in runs if (r.pk, activity.pk) in attended), None)
                    shown = went or runs[0]
                    due = _day(shown.starts_at)
                    done = went is not None
                    how = f"{shown.title}, {long_date(due)}" if due else shown.title
                    if not done and len(runs) > 1:
                        how += f" (one of {len(runs)} runs)"
            elif item.source.startswith("happi:"):
                kind = item.source.split(":")[1]
                if kind == "methods":
                    plan = sections[activity.pk].get(SectionKind.PLAN)
                    done = bool(plan and plan.draft.get("methods"))
                    how = "Chosen in the plan" if done else ""
                else:
                    done = versions[(activity.pk, kind)] > 0
                    how = "Submitted" if done else ""
            elif item.source.startswith("survey:"):
                state = surveys.get((activity.pk, item.source.split(":")[1]))
                if state is None:
                    by_hand, how = True, "No such survey is running for this activity"
                else:
                    done, how, closes = state
                    due = closes or due
            else:
                by_hand = True
            if by_hand and tick is not None:
                done = True
                how = f"Ticked on {long_date(tick.ticked_at.astimezone(LONDON).date())}"
            timeline.entries.append(Entry(item, due, done, how, by_hand))
        found[activity.pk] = timeline
    return found
