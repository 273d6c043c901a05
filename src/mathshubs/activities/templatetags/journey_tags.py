"""Tags for the journey and LLME register parts of other apps' pages (the institution page,
the hub page)."""

from __future__ import annotations

from typing import Any

from django import template

from mathshubs.activities import journey
from mathshubs.activities import register as llmes
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub, Institution
from mathshubs.directory.rules import programme_year_for

register = template.Library()


@register.filter
def academic_year(value: Any) -> str:
    """2023 -> '2023/24'."""
    try:
        return academic_year_label(int(value))
    except (TypeError, ValueError):
        return ""


@register.simple_tag(takes_context=True)
def institution_journey_for(
    context: template.Context, institution: Institution | None
) -> journey.InstitutionJourney | None:
    """The school's journey for the programme year, or None when this user may not see it
    (the section then shows nothing at all)."""
    user = context.get("user")
    if institution is None or user is None:
        return None
    if not journey.can_view_institution_journey(user, institution):
        return None
    return journey.institution_journey(institution=institution, year=programme_year_for(user))


@register.simple_tag(takes_context=True)
def hub_llme_counts(context: template.Context, hub: Hub | None) -> dict[str, Any] | None:
    """The hub's active LLMEs against the target for the programme year: counts are not
    personal data, so everyone sees them; the links only for those who may follow them."""
    user = context.get("user")
    if hub is None:
        return None
    year = programme_year_for(user)
    return {
        "counts": llmes.hub_counts(hub=hub, year=year),
        "may_view_register": user is not None and llmes.can_view_register(user, hub),
        "may_view_journey": user is not None and journey.can_view_hub_journey(user, hub),
    }
