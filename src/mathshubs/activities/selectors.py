"""Reads of hub activities that depend on who asks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from mathshubs.activities.models import Activity
from mathshubs.directory.models import Person


@dataclass
class PersonActivities:
    leading: list[Activity]
    taking_part: list[Activity]


def activities_of(*, person: Person, year: int) -> PersonActivities:
    """The activities a person leads and takes part in, in one academic year (two queries)."""
    base = (
        Activity.objects.filter(academic_year=year)
        .select_related("hub")
        .annotate(participant_count=Count("participations", distinct=True))
        .order_by("title")
    )
    return PersonActivities(
        leading=list(base.filter(leads=person)),
        taking_part=list(base.filter(participations__person=person)),
    )
