"""`{{ amount|money }}`: £14,150, or £14,150.50 when there are pence."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from mathshubs.grants.rules import format_money

register = template.Library()


@register.filter
def money(value: object) -> str:
    if value is None or value == "":
        return ""
    try:
        return format_money(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)
