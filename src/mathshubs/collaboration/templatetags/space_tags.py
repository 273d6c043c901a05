"""The spaces' dates: "6 Dec 2026 10:53" in London time. A plain f-string, because a
thread of hundreds of comments formats hundreds of them and Django's `date` filter costs
about ten times as much each."""

from __future__ import annotations

import datetime as dt

from django import template

from mathshubs.dates import LONDON

register = template.Library()


@register.filter
def posted(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%b %Y %H:%M}"
