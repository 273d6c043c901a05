"""The link from a person's page in the directory to their data (one rule check)."""

from __future__ import annotations

from typing import Any

from django import template

from mathshubs.privacy.rules import can_export_person

register = template.Library()


@register.simple_tag
def may_export_person(user: Any, person: Any) -> bool:
    return bool(can_export_person(user, person))
