"""`{% your_surveys as surveys %}`: the signed-in person's surveys for the front page's
block (evaluation/surveys/_home_block.html), read through surveys.selectors."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from mathshubs.dates import academic_year_label
from mathshubs.directory.rules import person_of
from mathshubs.evaluation.surveys.rules import can_build_surveys
from mathshubs.evaluation.surveys.selectors import surveys_of

register = template.Library()


@register.simple_tag(takes_context=True)
def your_surveys(context: Any) -> dict[str, Any]:
    user = context.get("user")
    person = person_of(user)
    found = surveys_of(person=person, now=timezone.now()) if person is not None else []
    builds = bool(can_build_surveys(user)) if person is not None else False
    return {
        "shown": bool(found) or builds,
        "to_do": [a for a in found if a.to_do],
        "builds": builds,
    }


@register.filter
def year_label(start_year: int) -> str:
    """2023 -> 2023/24."""
    return academic_year_label(int(start_year))
