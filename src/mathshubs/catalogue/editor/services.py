"""The national team's catalogue editor (ISSUE 12, part 2): make a year (empty, or copied
from another), add, change, reorder and withdraw its projects, set the year's facts,
publish it. A draft changes freely; a published year changes only through a revision
that says who, when and why (`services.revision_record`).

Every write checks what the catalogue file's schema checks (`schema.NCPEntry`) and what
only the database knows (a code another project holds, a slug taken in the year, the
year's stages), and refuses with a message naming the field and what to write. Nothing is
partly written: each operation is one transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from mathshubs.activities.models import Activity
from mathshubs.catalogue.importers import ncp_values, project_label
from mathshubs.catalogue.models import (
    NCP,
    AcademicYear,
    CatalogueStatus,
    YearStage,
    default_stages,
    ncp_slug,
)
from mathshubs.catalogue.schema import NCPEntry, StageEntry, YearFacts, code_hint
from mathshubs.catalogue.services import (
    CatalogueError,
    catalogue_copy,
    revision_baseline,
    revision_record,
)
from mathshubs.dates import academic_year_label

YEAR_EXISTS = "{year} already has a catalogue: open it from the catalogue page"
YEAR_RANGE = "Choose a year from 2000/01 to 2098/99"
CODE_TAKEN = "{code} is already the code of {project} in {year}: choose another"
CODE_OTHER_YEAR = "{code} is not a {year} code: {year}'s codes start like {hint}"
SLUG_TAKEN = "{slug} already names {project} in {year}: choose another"
STAGE_UNKNOWN = "Choose one of {year}'s stages"
STAGE_TWICE = "Each stage has its own key: {keys} is written twice"
STAGE_IN_USE = (
    "The stage {key} is the stage of {project}: keep it, or give that project another stage first"
)
INCOMPLETE = "{year} is published: {what}"
STILL_RUN = (
    "{project} cannot be withdrawn: {count} hub activit{ies} run{s} it. Move them to another "
    "project first"
)
MOVED = {"up": -1, "down": 1}
# A revision's note when the editor gives none: what was done.
ADDED = "Added {project}"
CHANGED = "Changed {project}"
MOVED_NOTE = "Moved {project} {direction}"
WITHDRAWN = "Withdrew {project}"
DETAILS_CHANGED = "Changed the year's details"


def _changed(year: AcademicYear, by: Any, note: str) -> None:
    """After a change: a published year gets its next revision, with who, when and the
    editor's note (or what was done)."""
    if year.status == CatalogueStatus.PUBLISHED:
        revision_record(year=year, by=by, note=note)


def _before_change(year: AcademicYear) -> None:
    revision_baseline(year)  # a published year kept as it stood before its first change


def year_create(*, start_year: int, by: Any, copy_from: int | None = None) -> AcademicYear:
    """A draft year: empty with the journey's stages, or a copy of another year."""
    if not 2000 <= start_year <= 2098:
        raise ValidationError({"year": YEAR_RANGE})
    if AcademicYear.objects.filter(start_year=start_year, ncps__isnull=False).exists():
        raise ValidationError({"year": YEAR_EXISTS.format(year=academic_year_label(start_year))})
    if copy_from is not None:
        try:
            return catalogue_copy(source_year=copy_from, target_year=start_year, by=by)
        except CatalogueError as error:
            raise ValidationError({"copy_from": str(error)}) from error
    with transaction.atomic():
        year, _ = AcademicYear.objects.get_or_create(
            start_year=start_year, defaults={"status": CatalogueStatus.DRAFT}
        )
        if not year.stages.exists():
            YearStage.objects.bulk_create(
                YearStage(year=year, key=key, name=name, journey=journey, position=i)
                for i, (key, name, journey) in enumerate(default_stages())
            )
    return year


def _check(year: AcademicYear, entry: NCPEntry, ncp: NCP | None) -> dict[str, str]:
    """What only the database knows is wrong with an entry: field -> message."""
    problems: dict[str, str] = {}
    if entry.code:
        yy = f"{year.start_year % 100:02d}"
        if entry.code[3:5] != yy:
            problems["code"] = CODE_OTHER_YEAR.format(
                code=entry.code, year=year.label, hint=code_hint(year.start_year)
            )
        holder = NCP.objects.select_related("year").filter(code__iexact=entry.code)
        holder = holder.exclude(pk=ncp.pk) if ncp else holder
        other = holder.first()
        if other is not None:
            problems["code"] = CODE_TAKEN.format(
                code=entry.code, project=project_label(other.title, None), year=other.year.label
            )
    if entry.slug:
        taken = NCP.objects.filter(year=year, slug=entry.slug)
        other = (taken.exclude(pk=ncp.pk) if ncp else taken).first()
        if other is not None:
            problems["slug"] = SLUG_TAKEN.format(
                slug=entry.slug, project=project_label(other.title, None), year=year.label
            )
    if entry.journey_stage and not year.stages.filter(key=entry.journey_stage).exists():
        problems["journey_stage"] = STAGE_UNKNOWN.format(year=year.label)
    if year.status == CatalogueStatus.PUBLISHED:
        for name, what in entry.missing_to_publish():
            problems[name] = INCOMPLETE.format(year=year.label, what=what)
    return problems


def project_save(
    *, year: AcademicYear, by: Any, entry: NCPEntry, ncp: NCP | None = None, note: str = ""
) -> NCP:
    """Add a project to the year (at the end of its menu) or change one: every field of
    the entry. A code given to an uncoded project keeps it, and its activities take it."""
    problems = _check(year, entry, ncp)
    if problems:
        raise ValidationError(problems)
    done = CHANGED if ncp is not None else ADDED
    note = note.strip() or done.format(project=project_label(entry.title, entry.code))
    with transaction.atomic():
        _before_change(year)
        stages = {stage.key: stage for stage in year.stages.all()}
        if ncp is None:
            last = year.ncps.aggregate(last=Max("position"))["last"]
            position = 0 if last is None else last + 1
        else:
            position = ncp.position
        values = ncp_values(entry, position, stages)
        taken = set(year.ncps.exclude(pk=getattr(ncp, "pk", None)).values_list("slug", flat=True))
        slug = entry.slug or (ncp.slug if ncp else ncp_slug(entry.title, taken))
        recoded = ncp is not None and ncp.code != values["code"]
        if ncp is None:
            ncp = NCP.objects.create(year=year, slug=slug, **values)
        else:
            for name, value in {**values, "slug": slug}.items():
                setattr(ncp, name, value)
            ncp.save()
        if recoded:
            Activity.objects.filter(ncp=ncp).update(ncp_code=ncp.code)
        _changed(year, by, note)
    return ncp


def project_move(*, ncp: NCP, by: Any, direction: str, note: str = "") -> None:
    """Move a project one place up or down the year's menu."""
    year = ncp.year
    label = project_label(ncp.title, ncp.code or None)
    note = note.strip() or MOVED_NOTE.format(project=label, direction=direction)
    with transaction.atomic():
        _before_change(year)
        order = list(year.ncps.order_by("position", "number", "suffix", "pk"))
        at = next(i for i, other in enumerate(order) if other.pk == ncp.pk)
        to = at + MOVED[direction]
        if not 0 <= to < len(order):
            return
        order[at], order[to] = order[to], order[at]
        for position, other in enumerate(order):
            other.position = position
        NCP.objects.bulk_update(order, ["position"])
        _changed(year, by, note)


def project_withdraw(*, ncp: NCP, by: Any, note: str = "") -> None:
    """Take a project out of its year. Refused while hub activities run it."""
    year = ncp.year
    count = Activity.objects.filter(ncp=ncp).count()
    if count:
        raise ValidationError(
            {
                "__all__": STILL_RUN.format(
                    project=project_label(ncp.title, ncp.code or None),
                    count=count,
                    ies="y" if count == 1 else "ies",
                    s="s" if count == 1 else "",
                )
            }
        )
    note = note.strip() or WITHDRAWN.format(project=project_label(ncp.title, ncp.code or None))
    with transaction.atomic():
        _before_change(year)
        ncp.delete()
        _changed(year, by, note)


def year_facts_save(
    *,
    year: AcademicYear,
    by: Any,
    facts: YearFacts,
    source: str,
    stages: list[StageEntry] | None = None,
    note: str = "",
) -> AcademicYear:
    """The year's source, what its menu says of the programme as a whole, and (given) its
    Teaching for Mastery stages: a stage its projects use stays, and a stage's journey
    changed moves its projects with it."""
    note = note.strip() or DETAILS_CHANGED
    with transaction.atomic():
        if stages is not None:
            _stages_check(year, stages)
        _before_change(year)
        for name, value in facts.model_dump().items():
            setattr(year, name, value)
        year.source = source
        year.save()
        if stages is not None:
            _stages_save(year, stages)
        _changed(year, by, note)
    return year


def _stages_check(year: AcademicYear, stages: list[StageEntry]) -> None:
    keys = [stage.key for stage in stages]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise ValidationError({"stages": STAGE_TWICE.format(keys=", ".join(twice))})
    used = (
        NCP.objects.filter(year=year, stage__isnull=False)
        .exclude(stage__key__in=keys)
        .select_related("stage")
        .order_by("position")
    )
    for ncp in used[:1]:
        raise ValidationError(
            {
                "stages": STAGE_IN_USE.format(
                    key=ncp.stage.key if ncp.stage else "",
                    project=project_label(ncp.title, ncp.code or None),
                )
            }
        )


def _stages_save(year: AcademicYear, stages: list[StageEntry]) -> None:
    held = {stage.key: stage for stage in year.stages.all()}
    for position, entry in enumerate(stages):
        stage = held.pop(entry.key, None)
        if stage is None:
            YearStage.objects.create(
                year=year,
                key=entry.key,
                name=entry.name,
                journey=entry.journey,
                position=position,
            )
            continue
        stage.name, stage.journey, stage.position = entry.name, entry.journey, position
        stage.save(update_fields=["name", "journey", "position"])
        NCP.objects.filter(stage=stage).update(journey_stage=entry.journey)
    YearStage.objects.filter(pk__in=[stage.pk for stage in held.values()]).delete()
