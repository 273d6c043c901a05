"""Template helpers for the HAPPI pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def error_for(errors: list[tuple[str, str]] | None, anchor: str) -> str:
    """The message the error summary links to field `anchor` (its href "#anchor"), or ""."""
    return next((message for href, message in errors or [] if href == f"#{anchor}"), "")


@register.filter
def get(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key, "")


@register.simple_tag
def join_name(*parts: Any) -> str:
    return "-".join(str(part) for part in parts)


@register.filter
def iso_day(text: str | None) -> str:
    """'2024-03-07' as '7 March 2024' (the GOV.UK way to write a date)."""
    import datetime as dt

    from mathshubs.activities.rules import long_date

    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        return "No date"
    return long_date(day)


@register.filter
def entry_state(entry: Any, today: Any) -> str:
    return entry.state(today)
