"""Load a year's catalogue from its YAML file, `catalogues/<year>.yaml` (ISSUE 4, item 1).

The importers' shape (ENGINEERING.md): parse, validate every NCP against the schema
(`catalogue/schema.py`), then apply in one transaction. All or nothing: any problem
refuses the whole file and names the file, the line, the NCP (by code, or by its
position when the code itself is bad), the field path and the reason. A re-run of an
unchanged file changes nothing and says so.

An NCP of the year that is no longer in the file is deleted, unless hub activities run
it: then the file is refused, since deleting the project would orphan a hub's work.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Count
from pydantic import ValidationError

from mathshubs.activities.models import Activity
from mathshubs.catalogue.models import (
    NCP,
    AcademicYear,
    YearStage,
    canonical_ncp_code,
    default_stages,
    ncp_slug,
    parse_ncp_code,
)
from mathshubs.catalogue.schema import CatalogueFile, NCPEntry
from mathshubs.catalogue.services import revision_baseline, revision_record
from mathshubs.dates import academic_year_label, parse_academic_year
from mathshubs.directory.importers.base import ImportProblem, ImportRefused

MAX_REPORTED_PROBLEMS = 50

ERR_NO_FILE = "there is no such file: check the path"
ERR_NOT_UTF8 = "the file is not UTF-8 text: save it as UTF-8 and try again"
ERR_YAML_SYNTAX = "the file is not valid YAML: {problem}"
ERR_NOT_A_MAPPING = (
    "the file must start with the fields year, source, status and ncps (see docs/catalogue.md)"
)
ERR_DUPLICATE_KEY = "the field {key!r} is written twice: keep one"
ERR_MISSING = "this field is required"
ERR_UNKNOWN_FIELD = "there is no field of this name: check its spelling (see docs/catalogue.md)"
ERR_BAD_VALUE = "{message} (the file has {value})"
ERR_CODE_YEAR = "{code} does not belong to {year}: every code in this file starts NCP{yy}-"
ERR_SLUG_TWICE = "the slug {slug} is listed twice (also at line {line}): each project has its own"
ERR_STAGE_UNKNOWN = (
    "{key} is not one of the year's stages: write one of {keys}, or add it to stages"
)
ERR_TO_PUBLISH = "a published year needs its {field}: {what}, or keep status: draft"
ERR_CODE_TWICE = "{code} is listed twice (also at line {line}): each project appears once"
ERR_LEAD_DAYS = "recommended lead days can have at most one decimal place, like 2.5"
ERR_STILL_RUN = (
    "{project} is no longer in the file, but {count} hub activit{ies} run{s} it: keep it in "
    "the file, or move those activities to another project first"
)
NCP_AT_POSITION = "the project at position {position}, which has no title"

LOADED_NOTE = "Loaded from the file {file}"
REPORT_LOADED = (
    "Loaded {file} into {year} ({status}): {created} created, {updated} updated, "
    "{unchanged} unchanged, {deleted} deleted."
)
REPORT_NOTHING_CHANGED = "{file}: nothing changed. {year} already holds these {count} NCPs."

# The NCP columns a file sets. `code`, `number` and `suffix` come from the code, `ncp_type`
# from `type`, `is_new` from `new`, `position` from the order of the file, `slug` from the
# file or the title; every other column has the field's own name.
JSON_FIELDS = (
    "outcomes",
    "participant_criteria",
    "national_schedule",
    "finances",
    "partners",
    "phase_titles",
    "formerly",
)
OWN_FIELDS = ("code", "slug", "type", "new")
SCALAR_FIELDS = tuple(
    name for name in NCPEntry.model_fields if name not in (*OWN_FIELDS, *JSON_FIELDS)
)
NCP_COLUMNS = (
    "stage",
    "code",
    "number",
    "suffix",
    "ncp_type",
    "is_new",
    "position",
    *SCALAR_FIELDS,
    *JSON_FIELDS,
)
YEAR_FACTS = ("hubs", "llmes_per_hub", "llmes_national", "fully_funded")
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class CatalogueProblem(ImportProblem):
    """A problem in a catalogue file: `row` is the line, `column` the field path
    (`finances.rules[2].amount`), `ncp` the project's code or position."""

    ncp: str | None = None

    def describe(self, file_name: str) -> str:
        where = [file_name]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.ncp:
            where.append(self.ncp)
        if self.column:
            where.append(f"field {self.column}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass
class CatalogueLoadSummary:
    """What loading one file did. `counts` gives created/updated/unchanged/deleted."""

    file_name: str
    year: AcademicYear
    year_created: bool = False
    year_updated: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "deleted": len(self.deleted),
        }

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.year_created or self.year_updated or self.created or self.updated or self.deleted
        )

    def report(self) -> str:
        if not self.changed_anything:
            return REPORT_NOTHING_CHANGED.format(
                file=self.file_name, year=self.year.label, count=len(self.unchanged)
            )
        lines = [
            REPORT_LOADED.format(
                file=self.file_name,
                year=self.year.label,
                status=self.year.get_status_display().lower(),
                **self.counts,
            )
        ]
        if self.updated:
            lines.append("Updated: " + ", ".join(self.updated))
        if self.deleted:
            lines.append("Deleted: " + ", ".join(self.deleted))
        return "\n".join(lines)


# --- Parse ---------------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _parse(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file's data and its YAML node tree (for line numbers). ImportRefused if unreadable."""

    def refuse(reason: str, line: int | None = None) -> ImportRefused:
        problem = CatalogueProblem(row=line, column=None, reason=reason)
        return ImportRefused(file_name=str(path), problems=[problem], total=1)

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise refuse(ERR_NO_FILE) from None
    except UnicodeDecodeError:
        raise refuse(ERR_NOT_UTF8) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise refuse(ERR_YAML_SYNTAX.format(problem=problem), line) from None
    except yaml.YAMLError as error:
        raise refuse(ERR_YAML_SYNTAX.format(problem=error)) from None
    finally:
        loader.dispose()
    return data, node


def _child(node: yaml.Node | None, key: str | int) -> tuple[yaml.Node | None, int | None]:
    """The node under `key` and the line to point at (the key's own line in a mapping)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node, _line(key_node)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item = node.value[key]
        return item, _line(item)
    return None, None


def _locate(
    data: Any, node: yaml.Node | None, loc: tuple[str | int, ...]
) -> tuple[list[str | int], int | None]:
    """pydantic's `loc` without the tags of tagged unions (`rules.0.unit.amount` ->
    `rules.0.amount`), and the line of the deepest part of it found in the file."""
    path: list[str | int] = []
    line = _line(node) if node is not None else None
    for part in loc:
        in_mapping = isinstance(data, dict) and isinstance(part, str) and part in data
        if isinstance(data, dict) and not in_mapping and data.get("kind") == part:
            continue  # the rule kind pydantic adds to the path of a finance rule
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_mapping or in_list:
            data = data[part]
            node, found = _child(node, part)
            line = found or line
        else:
            data, node = None, None
        path.append(part)
    return path, line


def _path_text(path: list[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def project_label(title: str, code: str | None) -> str:
    """A project as a refusal names it: "Mastery Readiness Work Groups" (NCP23-08)."""
    return f'"{title}" ({code})' if code else f'"{title}"'


def _ncp_label(data: Any, index: int) -> str:
    entries = data.get("ncps") if isinstance(data, dict) else None
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    code = entry.get("code") if isinstance(entry, dict) else None
    canonical = canonical_ncp_code(code) if isinstance(code, str) else None
    title = entry.get("title") if isinstance(entry, dict) else None
    if isinstance(title, str) and title.strip():
        return project_label(title.strip(), canonical)
    return canonical or NCP_AT_POSITION.format(position=index + 1)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _reason(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return ERR_MISSING
    if kind == "extra_forbidden":
        return ERR_UNKNOWN_FIELD
    message = str(error["msg"])
    if kind in ("value_error", "assertion_error"):
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    message = message.replace("Input should be", "it should be", 1)
    return ERR_BAD_VALUE.format(message=message, value=_shown(error.get("input")))


def _problem(data: Any, node: yaml.Node | None, loc: tuple, reason: str) -> CatalogueProblem:
    path, line = _locate(data, node, loc)
    ncp = None
    if len(path) >= 2 and path[0] == "ncps" and isinstance(path[1], int):
        ncp = _ncp_label(data, path[1])
        path = path[2:]
    return CatalogueProblem(row=line, column=_path_text(path) or None, reason=reason, ncp=ncp)


def _duplicate_keys(node: yaml.Node | None, data: Any, loc: tuple = ()) -> list[CatalogueProblem]:
    """YAML keeps the last of two equal keys without a word; a catalogue refuses them."""
    problems: list[CatalogueProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problem = _problem(data, node, (*loc, key), ERR_DUPLICATE_KEY.format(key=key))
                problems.append(
                    CatalogueProblem(
                        row=_line(key_node),
                        column=problem.column,
                        reason=problem.reason,
                        ncp=problem.ncp,
                    )
                )
            seen.add(key)
            problems += _duplicate_keys(value_node, data, (*loc, key))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _duplicate_keys(item, data, (*loc, index))
    return problems


def _code_problems(data: dict, node: yaml.Node | None) -> list[CatalogueProblem]:
    """Codes of another year and codes listed twice: checked here rather than left to the
    schema's file-level check, which only runs once every NCP is valid, so that one run
    reports every problem."""
    try:
        start = parse_academic_year(str(data.get("year", "")))
    except Exception:
        return []  # the schema reports the year
    entries = data.get("ncps")
    if not isinstance(entries, list):
        return []
    yy = start % 100
    problems: list[CatalogueProblem] = []
    first_line: dict[str, int | None] = {}
    slug_line: dict[str, int | None] = {}
    published = data.get("status", "published") == "published"
    declared = data.get("stages")
    keys = [k for k, _, _ in default_stages()]
    if isinstance(declared, list) and declared:
        keys = [str(s.get("key")) for s in declared if isinstance(s, dict)]
    for index, entry in enumerate(entries):
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if isinstance(slug, str):
            loc = ("ncps", index, "slug")
            if slug in slug_line:
                reason = ERR_SLUG_TWICE.format(slug=slug, line=slug_line[slug])
                problems.append(_problem(data, node, loc, reason))
            else:
                slug_line[slug] = _locate(data, node, loc)[1]
        if published and isinstance(entry, dict):
            if not entry.get("phases"):
                reason = ERR_TO_PUBLISH.format(field="phases", what="choose at least one phase")
                problems.append(_problem(data, node, ("ncps", index, "phases"), reason))
            if not entry.get("type"):
                reason = ERR_TO_PUBLISH.format(field="type", what="choose its type")
                problems.append(_problem(data, node, ("ncps", index, "type"), reason))
        stage = entry.get("journey_stage") if isinstance(entry, dict) else None
        if isinstance(stage, str) and stage not in keys:
            reason = ERR_STAGE_UNKNOWN.format(key=stage, keys=", ".join(keys))
            problems.append(_problem(data, node, ("ncps", index, "journey_stage"), reason))
        code = entry.get("code") if isinstance(entry, dict) else None
        parts = parse_ncp_code(code) if isinstance(code, str) else None
        if parts is None:
            continue  # the schema reports a malformed code
        canonical = f"NCP{parts[0]:02d}-{parts[1]:02d}{parts[2]}"
        loc = ("ncps", index, "code")
        if parts[0] != yy:
            reason = ERR_CODE_YEAR.format(
                code=canonical, year=academic_year_label(start), yy=f"{yy:02d}"
            )
            problems.append(_problem(data, node, loc, reason))
        if canonical in first_line:
            reason = ERR_CODE_TWICE.format(code=canonical, line=first_line[canonical])
            problems.append(_problem(data, node, loc, reason))
        else:
            first_line[canonical] = _locate(data, node, loc)[1]
    return problems


def _refuse(path: Path, problems: list[CatalogueProblem]) -> ImportRefused:
    ordered: list[ImportProblem] = sorted(problems, key=lambda p: p.row or 0)
    return ImportRefused(
        file_name=str(path), problems=ordered[:MAX_REPORTED_PROBLEMS], total=len(ordered)
    )


def catalogue_parse(path: Path) -> CatalogueFile:
    """The file, validated against the schema; ImportRefused listing every problem."""
    path = Path(path)
    data, node = _parse(path)
    if not isinstance(data, dict):
        problem = CatalogueProblem(row=None, column=None, reason=ERR_NOT_A_MAPPING)
        raise ImportRefused(file_name=str(path), problems=[problem], total=1)
    problems = _duplicate_keys(node, data) + _code_problems(data, node)
    parsed: CatalogueFile | None = None
    try:
        start: int | None = parse_academic_year(str(data.get("year", "")))
    except Exception:
        start = None  # the schema reports the year
    try:
        parsed = CatalogueFile.model_validate(data, context={"start_year": start})
    except ValidationError as invalid:
        errors = invalid.errors()
        # The file-level check repeats what _code_problems has already reported.
        field_errors = [error for error in errors if error["loc"]] if problems else errors
        problems += [
            _problem(data, node, tuple(error["loc"]), _reason(error)) for error in field_errors
        ]
    if parsed is not None:
        for index, entry in enumerate(parsed.ncps):
            days = entry.recommended_lead_days
            if days is not None and days != days.quantize(ONE_DECIMAL):
                loc = ("ncps", index, "recommended_lead_days")
                problems.append(_problem(data, node, loc, ERR_LEAD_DAYS))
    if problems:
        raise _refuse(path, problems)
    assert parsed is not None
    return parsed


# --- Apply ---------------------------------------------------------------------------------


def ncp_values(entry: NCPEntry, position: int, stages: dict[str, YearStage]) -> dict[str, Any]:
    """The NCP columns for one entry of a file (every field but the slug; JSON as JSON):
    its stage, from the year's, and the journey stage that stage maps to."""
    parts = parse_ncp_code(entry.code) if entry.code else None
    number, suffix = (parts[1], parts[2]) if parts else (None, "")
    as_json = entry.model_dump(mode="json", include=set(JSON_FIELDS))
    values: dict[str, Any] = {
        "code": entry.code or "",
        "number": number,
        "suffix": suffix,
        "ncp_type": entry.type or "",
        "is_new": entry.new,
        "position": position,
    }
    values.update({name: getattr(entry, name) for name in SCALAR_FIELDS})
    values.update(as_json)
    stage = stages[entry.journey_stage] if entry.journey_stage else None
    values["stage_id"] = stage.pk if stage else None
    values["journey_stage"] = stage.journey if stage else ""
    if values["recommended_lead_days"] is not None:
        values["recommended_lead_days"] = values["recommended_lead_days"].quantize(ONE_DECIMAL)
    return values


def _differs(ncp: NCP, values: dict[str, Any]) -> bool:
    return any(getattr(ncp, name) != value for name, value in values.items())


def _matches(entries: list[NCPEntry], held: list[NCP]) -> list[NCP | None]:
    """The held project each entry is: by its slug, else its code; then, for entries
    with neither found, by the slug of its title (a code given to an uncoded project
    keeps the project). A held project is matched once."""
    by_slug = {ncp.slug: ncp for ncp in held}
    by_code = {ncp.code: ncp for ncp in held if ncp.code}
    found: list[NCP | None] = []
    used: set[int] = set()
    for entry in entries:
        ncp = by_slug.get(entry.slug) if entry.slug else None
        if ncp is None and entry.code:
            ncp = by_code.get(entry.code)
        if ncp is not None and ncp.pk in used:
            ncp = None
        if ncp is not None:
            used.add(ncp.pk)
        found.append(ncp)
    for index, entry in enumerate(entries):
        if found[index] is None and entry.slug is None:
            ncp = by_slug.get(ncp_slug(entry.title, set()))
            if ncp is not None and ncp.pk not in used and not (ncp.code and entry.code):
                used.add(ncp.pk)
                found[index] = ncp
    return found


def _slugs(entries: list[NCPEntry], found: list[NCP | None]) -> list[str]:
    """Each entry's slug: its own, else its project's, else one made from its title."""
    taken = {e.slug for e in entries if e.slug} | {n.slug for n in found if n is not None}
    slugs = []
    for entry, ncp in zip(entries, found, strict=True):
        slug = entry.slug or (ncp.slug if ncp is not None else None)
        if slug is None:
            slug = ncp_slug(entry.title, taken)
            taken.add(slug)
        slugs.append(slug)
    return slugs


def catalogue_import(path: Path) -> CatalogueLoadSummary:
    """Load one catalogue file; refuse it whole (ImportRefused) if anything is wrong."""
    path = Path(path)
    parsed = catalogue_parse(path)
    facts = parsed.facts.model_dump()
    with transaction.atomic():
        year, created = AcademicYear.objects.select_for_update().get_or_create(
            start_year=parsed.start_year,
            defaults={"status": parsed.status, "source": parsed.source, **facts},
        )
        summary = CatalogueLoadSummary(file_name=str(path), year=year, year_created=created)
        revision_baseline(year)
        wanted = {"status": parsed.status, "source": parsed.source, **facts}
        if not created and any(getattr(year, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(year, name, value)
            year.save(update_fields=[*wanted, "loaded_at"])
            summary.year_updated = True
        stages, unused, stages_changed = _apply_stages(year, parsed)
        summary.year_updated = summary.year_updated or stages_changed
        held = list(NCP.objects.filter(year=year))
        found = _matches(parsed.ncps, held)
        matched = {ncp.pk for ncp in found if ncp is not None}
        stale = [ncp for ncp in held if ncp.pk not in matched]
        _refuse_if_run(path, stale)
        new: list[NCP] = []
        changed: list[NCP] = []
        recoded: list[tuple[int, str]] = []
        slugs = _slugs(parsed.ncps, found)
        for position, (entry, ncp, slug) in enumerate(zip(parsed.ncps, found, slugs, strict=True)):
            values = {**ncp_values(entry, position, stages), "slug": slug}
            name = entry.code or slug
            if ncp is None:
                new.append(NCP(year=year, **values))
                summary.created.append(name)
            elif _differs(ncp, values):
                if ncp.code != values["code"]:
                    recoded.append((ncp.pk, values["code"]))
                for field_name, value in values.items():
                    setattr(ncp, field_name, value)
                changed.append(ncp)
                summary.updated.append(name)
            else:
                summary.unchanged.append(name)
        if stale:
            NCP.objects.filter(pk__in=[ncp.pk for ncp in stale]).delete()
            summary.deleted = sorted(ncp.code or ncp.slug for ncp in stale)
        NCP.objects.bulk_update(changed, [*NCP_COLUMNS, "slug"])
        NCP.objects.bulk_create(new)
        for pk, code in recoded:  # hub activities carry their project's code
            Activity.objects.filter(ncp_id=pk).update(ncp_code=code)
        YearStage.objects.filter(pk__in=[stage.pk for stage in unused]).delete()
        if year.status == "published" and summary.changed_anything:
            revision_record(year=year, by=None, note=LOADED_NOTE.format(file=path.name))
    return summary


def _apply_stages(
    year: AcademicYear, parsed: CatalogueFile
) -> tuple[dict[str, YearStage], list[YearStage], bool]:
    """The year's stages as the file names them (or the journey's), by key; those no
    longer named, to delete once no project points at them; and whether any changed."""
    wanted = [(s.key, s.name, s.journey) for s in parsed.stages] or default_stages()
    held = {stage.key: stage for stage in YearStage.objects.filter(year=year)}
    stages: dict[str, YearStage] = {}
    changed = False
    for position, (key, name, journey) in enumerate(wanted):
        stage = held.pop(key, None)
        if stage is None:
            stage = YearStage.objects.create(
                year=year, key=key, name=name, journey=journey, position=position
            )
            changed = True
        elif (stage.name, stage.journey, stage.position) != (name, journey, position):
            stage.name, stage.journey, stage.position = name, journey, position
            stage.save(update_fields=["name", "journey", "position"])
            changed = True
        stages[key] = stage
    unused = list(held.values())
    return stages, unused, changed or bool(unused)


def _refuse_if_run(path: Path, stale: list[NCP]) -> None:
    if not stale:
        return
    runs = Counter(
        dict(
            Activity.objects.filter(ncp__in=stale)
            .order_by()
            .values_list("ncp_id")
            .annotate(n=Count("pk"))
            .values_list("ncp_id", "n")
        )
    )
    names = {ncp.pk: project_label(ncp.title, ncp.code or None) for ncp in stale}
    problems = [
        CatalogueProblem(
            row=None,
            column=None,
            reason=ERR_STILL_RUN.format(
                project=names[pk],
                count=count,
                ies="y" if count == 1 else "ies",
                s="s" if count == 1 else "",
            ),
        )
        for pk, count in sorted(runs.items(), key=lambda item: names[item[0]])
    ]
    if problems:
        raise _refuse(path, problems)


def catalogue_load(path: Path) -> AcademicYear:
    """Load one catalogue file and return its year (`catalogue_import` gives the counts)."""
    return catalogue_import(path).year


def catalogue_load_all(directory: Path) -> list[CatalogueLoadSummary]:
    """Load every `*.yaml` in a directory, oldest year first, in one transaction: one bad
    file refuses them all."""
    paths = sorted(Path(directory).glob("*.yaml"))
    with transaction.atomic():
        return [catalogue_import(path) for path in paths]
