"""Writes to the catalogue: copy a year to draft another, publish a draft, write a year back
out as YAML (ISSUE 4, item 1: "A year's catalogue can be copied forward to draft the next
year"). Loading a file is `catalogue/importers.py`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from django.db import transaction

from mathshubs.catalogue.models import (
    NCP,
    AcademicYear,
    CatalogueRevision,
    CatalogueStatus,
    YearStage,
    default_stages,
    parse_ncp_code,
)
from mathshubs.catalogue.schema import CatalogueFile, NCPEntry, YearFacts
from mathshubs.dates import academic_year_label

COPY_SAME_YEAR = "Choose a different year to copy {year} to."
COPY_NO_SOURCE = "There is no {year} catalogue to copy: import it first."
COPY_EMPTY_SOURCE = "The {year} catalogue has no projects to copy."
COPY_TARGET_FULL = (
    "{year} already has {count} project{s}: a catalogue is only copied into an empty year."
)
COPY_TARGET_OUT_OF_RANGE = "{year} cannot be written as an NCP code: choose a year from 2000."
COPY_SOURCE_TEXT = "Copied from {year}"
PUBLISH_EMPTY = "{year} has no projects: add them before publishing."
PUBLISHED_NOTE = "Published"
PUBLISH_MISSING = "{year} cannot be published yet. {count} thing{s} to add first:"
PUBLISH_MISSING_LINE = "{project} has no {field}: {what}"
EXPORT_HEADER = (
    "# The Maths Hubs NCP catalogue for {year}.\n"
    "# The format is described in docs/catalogue.md; load it with\n"
    "# `mathshubs import-catalogue FILE`.\n"
)


class CatalogueError(ValueError):
    """A catalogue change that cannot be made; the message says why and what to do."""


def _renumbered(code: str, target_year: int) -> str:
    parts = parse_ncp_code(code)
    assert parts is not None, code
    _, number, suffix = parts
    return f"NCP{target_year % 100:02d}-{number:02d}{suffix}"


def catalogue_copy(
    *,
    source_year: int,
    target_year: int,
    by: Any = None,
    status: str = CatalogueStatus.DRAFT,
    source: str = "",
) -> AcademicYear:
    """Copy every NCP of one year into another: codes renumbered to the target year
    (NCP23-07a -> NCP24-07a), project years moved by the difference (never below 1),
    each copy's year marked `copied_from` the source. A draft by default, which only the
    national team sees until it is published. Works backwards too (the demo builds
    2022/23 from 2023/24). Refuses a target year that already has NCPs.

    `by` (who asked) is accepted for the audit trail of callers; nothing stores it yet.
    """
    if source_year == target_year:
        raise CatalogueError(COPY_SAME_YEAR.format(year=academic_year_label(source_year)))
    if not 2000 <= target_year <= 2098:
        raise CatalogueError(COPY_TARGET_OUT_OF_RANGE.format(year=academic_year_label(target_year)))
    with transaction.atomic():
        original = AcademicYear.objects.filter(start_year=source_year).first()
        if original is None:
            raise CatalogueError(COPY_NO_SOURCE.format(year=academic_year_label(source_year)))
        ncps = list(original.ncps.order_by("position", "number", "suffix"))
        if not ncps:
            raise CatalogueError(COPY_EMPTY_SOURCE.format(year=original.label))
        target, _ = AcademicYear.objects.select_for_update().get_or_create(start_year=target_year)
        held = target.ncps.count()
        if held:
            raise CatalogueError(
                COPY_TARGET_FULL.format(year=target.label, count=held, s="" if held == 1 else "s")
            )
        target.status = status
        target.source = source or COPY_SOURCE_TEXT.format(year=original.label)
        target.copied_from = original
        target.save()
        stages = _copy_stages(original, target)
        shift = target_year - source_year
        copies = []
        for ncp in ncps:
            ncp.pk = None
            ncp.year = target
            ncp.stage = stages.get(ncp.stage_id) if ncp.stage_id else None
            ncp.code = _renumbered(ncp.code, target_year) if ncp.code else ""
            ncp.is_new = False  # carried forward: what the new year adds is new
            if ncp.project_year is not None:
                ncp.project_year = max(1, ncp.project_year + shift)
            copies.append(ncp)
        NCP.objects.bulk_create(copies)
    return target


def _copy_stages(source: AcademicYear, target: AcademicYear) -> dict[int, YearStage]:
    """The source year's stages into the target (the journey's when it has none), by the
    source stage's id."""
    target.stages.all().delete()
    held = list(source.stages.order_by("position"))
    made = YearStage.objects.bulk_create(
        YearStage(year=target, key=s.key, name=s.name, journey=s.journey, position=s.position)
        for s in held
    ) or YearStage.objects.bulk_create(
        YearStage(year=target, key=key, name=name, journey=journey, position=i)
        for i, (key, name, journey) in enumerate(default_stages())
    )
    return {old.pk: new for old, new in zip(held, made, strict=False)}


def catalogue_publish(*, year: AcademicYear, by: Any = None) -> AcademicYear:
    """Publish a draft year: from now on everyone sees it, signed in or not."""
    with transaction.atomic():
        locked = AcademicYear.objects.select_for_update().get(pk=year.pk)
        ncps = list(locked.ncps.order_by("position", "number", "suffix"))
        if not ncps:
            raise CatalogueError(PUBLISH_EMPTY.format(year=locked.label))
        missing = publish_missing(ncps)
        if missing:
            count = len(missing)
            head = PUBLISH_MISSING.format(
                year=locked.label, count=count, s="" if count == 1 else "s"
            )
            raise CatalogueError("\n".join([head, *missing]))
        if locked.status != CatalogueStatus.PUBLISHED:
            locked.status = CatalogueStatus.PUBLISHED
            locked.save(update_fields=["status", "loaded_at"])
            revision_record(year=locked, by=by, note=PUBLISHED_NOTE)
    year.refresh_from_db()
    return year


def publish_missing(ncps: list[NCP]) -> list[str]:
    """What each project lacks that a published year needs, in words naming it."""
    from mathshubs.catalogue.importers import project_label

    lines = []
    for ncp in ncps:
        for name, what in ncp_entry(ncp).missing_to_publish():
            label = project_label(ncp.title, ncp.code or None)
            lines.append(PUBLISH_MISSING_LINE.format(project=label, field=name, what=what))
    return lines


# --- Export ----------------------------------------------------------------------------------


def ncp_entry(ncp: NCP) -> NCPEntry:
    """An NCP as an entry of a catalogue file (the inverse of `importers.ncp_values`)."""
    own = ("type", "journey_stage", "code", "new")
    data: dict[str, Any] = {
        name: getattr(ncp, name) for name in NCPEntry.model_fields if name not in own
    }
    data["code"] = ncp.code or None
    data["new"] = ncp.is_new
    data["type"] = ncp.ncp_type or None
    # The year's key for its stage (select_related("stage") saves a query a project).
    data["journey_stage"] = (ncp.stage.key if ncp.stage else ncp.journey_stage) or None
    return NCPEntry.model_validate(data)


def stage_entries(year: AcademicYear) -> list[dict[str, str]]:
    """The year's own stage names for its file: none when they are the journey's."""
    held = [(s.key, s.name, s.journey) for s in year.stages.order_by("position")]
    if not held or held == default_stages():
        return []
    return [{"key": key, "name": name, "journey": journey} for key, name, journey in held]


def _plain(value: Any) -> Any:
    """Decimals as the numbers a person would write in YAML (14150, 2.5)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Long handbook text as literal blocks, which read like the handbook."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def year_file(year: AcademicYear) -> CatalogueFile:
    """The year as its catalogue file's contents (what the export writes and the diff
    compares)."""
    ncps = year.ncps.select_related("stage").order_by("position", "number", "suffix")
    facts = {name: getattr(year, name) for name in YearFacts.model_fields}
    return CatalogueFile.model_validate(
        {
            "year": year.label,
            "source": year.source,
            "status": year.status,
            "facts": facts,
            "stages": stage_entries(year),
            "ncps": [ncp_entry(ncp) for ncp in ncps],
        },
        context={"start_year": year.start_year},
    )


def catalogue_export_yaml(year: AcademicYear) -> str:
    """The year as a catalogue file: loading it gives the same rows. Fields at their default
    value are left out, so the file shows what each project actually says."""
    document = year_file(year).model_dump(exclude_defaults=True)
    document = {"year": year.label, "source": year.source, "status": str(year.status), **document}
    body = yaml.dump(
        _plain(document),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return EXPORT_HEADER.format(year=year.label) + body


def file_from_text(text: str) -> CatalogueFile:
    """A catalogue file's text (a revision's snapshot) back to its contents."""
    data = yaml.safe_load(text)
    start = int(str(data["year"])[:4])
    return CatalogueFile.model_validate(data, context={"start_year": start})


BASELINE_NOTE = "As published before this change"


def revision_baseline(year: AcademicYear) -> None:
    """Before the first change to a published year that has no revision yet (published
    before revisions were kept), keep it as it stands, so the change can be compared."""
    published = year.status == CatalogueStatus.PUBLISHED
    if published and year.ncps.exists() and not year.revisions.exists():
        revision_record(year=year, by=None, note=BASELINE_NOTE)


def revision_record(*, year: AcademicYear, by: Any, note: str) -> CatalogueRevision:
    """A published year's revision after a change: the next number, who, when, why, and
    the year as it now stands."""
    last = year.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return CatalogueRevision.objects.create(
        year=year,
        number=last + 1,
        made_by=by if getattr(by, "pk", None) else None,
        note=note[:300],
        snapshot=catalogue_export_yaml(year),
    )
