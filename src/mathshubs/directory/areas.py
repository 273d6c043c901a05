"""Which hub serves an institution: by local authority, refined by district, overridable.

shared/data/HUBS.md: a hub's area is a set of local authorities, except where an
authority is split between two hubs by district; the national team can set a
per-school override.
"""

from __future__ import annotations

from typing import Protocol

from django.db import transaction
from django.db.models import QuerySet

from mathshubs.directory.models import HubArea, Institution


def serving_hub_map() -> tuple[dict[int, int], dict[tuple[int, str], int]]:
    """(local authority id -> hub id for whole authorities, (la id, district) -> hub id)."""
    whole: dict[int, int] = {}
    split: dict[tuple[int, str], int] = {}
    for la_id, district, hub_id in HubArea.objects.values_list(
        "local_authority_id", "district_code", "hub_id"
    ):
        if district:
            split[(la_id, district)] = hub_id
        else:
            whole[la_id] = hub_id
    return whole, split


class Place(Protocol):
    """What deciding a serving hub reads: an Institution, or one about to be created."""

    @property
    def local_authority_id(self) -> int | None: ...
    @property
    def district_code(self) -> str: ...
    @property
    def hub_override_id(self) -> int | None: ...


def serving_hub_id(
    institution: Place,
    whole: dict[int, int],
    split: dict[tuple[int, str], int],
) -> int | None:
    if institution.hub_override_id:
        return institution.hub_override_id
    if institution.local_authority_id is None:
        return None
    by_district = split.get((institution.local_authority_id, institution.district_code))
    if by_district:
        return by_district
    return whole.get(institution.local_authority_id)


def institutions_assign_hubs(*, queryset: QuerySet[Institution] | None = None) -> int:
    """Recompute the serving hub of these institutions (all by default); returns how many changed.

    Run after an import, an area change or an override. Reads the areas once and
    writes only the rows that change, in batches.
    """
    whole, split = serving_hub_map()
    qs = queryset if queryset is not None else Institution.objects.all()
    changed: list[Institution] = []
    for inst in qs.only("id", "local_authority_id", "district_code", "hub_id", "hub_override_id"):
        hub_id = serving_hub_id(inst, whole, split)
        if hub_id != inst.hub_id:
            inst.hub_id = hub_id
            changed.append(inst)
    with transaction.atomic():
        Institution.objects.bulk_update(changed, ["hub"], batch_size=2000)
    return len(changed)
