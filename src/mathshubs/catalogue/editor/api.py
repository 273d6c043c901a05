"""The editor's operations through the API (ISSUE 12, part 3), for the national team with a
session or a personal API token: make a year, add, change, move and withdraw a project,
set the year's details, publish, read its revisions and the diff of two catalogues.

A project's body is the catalogue file's own entry (`schema.NCPEntry`, as `GET /ncps`
answers it, with `type` and `new`), so a script can read a project, change it and send it
back. Refusals are 422 with the message and every problem by field, as the pages say
them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Schema
from pydantic import ValidationError as SchemaError
from pydantic import field_validator

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.api_problems import Problem, validation_problem
from mathshubs.bounds import MAX_ID
from mathshubs.catalogue import selectors
from mathshubs.catalogue.api import ncp_out, router, year_out
from mathshubs.catalogue.diff import revisions_diff, years_diff
from mathshubs.catalogue.editor import services
from mathshubs.catalogue.importers import _reason
from mathshubs.catalogue.models import NCP, AcademicYear, default_stages
from mathshubs.catalogue.rules import can_edit_catalogue
from mathshubs.catalogue.schema import NCPEntry, StageEntry, YearFacts
from mathshubs.catalogue.schemas import Message, NCPOut, YearOut
from mathshubs.catalogue.services import CatalogueError, catalogue_publish
from mathshubs.dates import parse_year_text

# The catalogue's own router: a path the public reads (GET /years/{year}/ncps) is the
# path the editor writes (POST), and Django routes a path to one router only.
EDIT = {"auth": personal_auth, "tags": ["catalogue editor"]}
ONLY_NATIONAL = "Only the national team edits the catalogue."
Revision = Annotated[int | None, Query(None, ge=1, le=MAX_ID, description="A revision's number")]
NOT_A_YEAR = "Write the academic year like 2025/26."
ERRORS: dict[int, type[Schema]] = {401: Message, 403: Message, 404: Message, 422: Message}


EDIT_ERRORS: dict[int, type[Schema]] = {**ERRORS, 422: Problem}


class YearIn(Schema):
    year: str  # 2025/26
    copy_from: str | None = None  # 2024/25: a copy of that year, else an empty catalogue


class ProjectIn(NCPEntry):
    """A project as the catalogue file writes it, and why it changed (a published year
    keeps the note in its revision)."""

    note: str = ""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:  # checked with the year's hint below
        return value


class MoveIn(Schema):
    direction: Literal["up", "down"]
    note: str = ""


class DetailsIn(Schema):
    source: str = ""
    facts: YearFacts
    stages: list[StageEntry] | None = None  # left out: unchanged; [] the journey's own
    note: str = ""


class CatalogueRevisionOut(Schema):
    number: int
    made_at: str
    made_by: str | None
    note: str


class CatalogueChangeOut(Schema):
    project: str
    renamed_from: str
    code_given: str
    funding: list[str]
    sections: list[str]


class DiffOut(Schema):
    older: str
    newer: str
    added: list[str]
    withdrawn: list[str]
    changed: list[CatalogueChangeOut]
    year: list[str]


def _editor(request: HttpRequest) -> None:
    if not can_edit_catalogue(request.user):
        raise PermissionDenied(ONLY_NATIONAL)


def _year(request: HttpRequest, year: str) -> AcademicYear:
    _editor(request)
    return selectors.access_year(user=request.user, year_text=year)


def _project(year: AcademicYear, slug: str) -> NCP:
    ncp = year.ncps.select_related("year", "stage").filter(slug=slug).first()
    if ncp is None:
        raise Http404(f"There is no project {slug!r} in {year.label}.")
    return ncp


def _entry(year: AcademicYear, body: ProjectIn) -> NCPEntry:
    """The body checked as an import checks it, with the year's own code hint."""
    try:
        return NCPEntry.model_validate(
            body.model_dump(exclude={"note"}), context={"start_year": year.start_year}
        )
    except SchemaError as invalid:
        errors: dict[str, list[str]] = {}
        for error in invalid.errors():
            key = ".".join(str(part) for part in error["loc"]) or "__all__"
            errors.setdefault(key, []).append(_reason(error))
        raise ValidationError(errors) from None


def _refused(error: ValidationError) -> tuple[int, dict[str, Any]]:
    return validation_problem(error)


@router.post("/years", response={201: YearOut, **EDIT_ERRORS}, url_name="year_create", **EDIT)
def year_create(request: HttpRequest, body: YearIn) -> Any:
    """Make a draft year: empty (with the journey's stages) or a copy of another."""
    _editor(request)
    start = parse_year_text(body.year)
    source = parse_year_text(body.copy_from) if body.copy_from else None
    if start is None or (body.copy_from and source is None):
        return _refused(ValidationError({"year": NOT_A_YEAR}))
    try:
        year = services.year_create(start_year=start, by=request.user, copy_from=source)
    except ValidationError as error:
        return _refused(error)
    return 201, year_out(year)


@router.post(
    "/years/{path:year}/ncps",
    response={201: NCPOut, **EDIT_ERRORS},
    url_name="project_create",
    **EDIT,
)
def project_create(request: HttpRequest, year: str, body: ProjectIn) -> Any:
    """Add a project at the end of the year's menu."""
    found = _year(request, year)
    try:
        ncp = services.project_save(
            year=found, by=request.user, entry=_entry(found, body), note=body.note
        )
    except ValidationError as error:
        return _refused(error)
    return 201, ncp_out(ncp)


@router.put(
    "/years/{year}/ncps/{slug}",
    response={200: NCPOut, **EDIT_ERRORS},
    url_name="project_update",
    **EDIT,
)
def project_update(request: HttpRequest, year: str, slug: str, body: ProjectIn) -> Any:
    """Change every field of a project (give it a code: it stays the same project)."""
    found = _year(request, year)
    ncp = _project(found, slug)
    try:
        saved = services.project_save(
            year=found, by=request.user, entry=_entry(found, body), ncp=ncp, note=body.note
        )
    except ValidationError as error:
        return _refused(error)
    return 200, ncp_out(saved)


@router.post(
    "/years/{year}/ncps/{slug}/move",
    response={204: None, **ERRORS},
    url_name="project_move",
    **EDIT,
)
def project_move(request: HttpRequest, year: str, slug: str, body: MoveIn) -> Any:
    found = _year(request, year)
    services.project_move(
        ncp=_project(found, slug), by=request.user, direction=body.direction, note=body.note
    )
    return 204, None


@router.delete(
    "/years/{year}/ncps/{slug}",
    response={204: None, **EDIT_ERRORS},
    url_name="project_withdraw",
    **EDIT,
)
def project_withdraw(request: HttpRequest, year: str, slug: str, note: str = "") -> Any:
    """Withdraw a project; refused while hub activities run it."""
    found = _year(request, year)
    try:
        services.project_withdraw(ncp=_project(found, slug), by=request.user, note=note[:300])
    except ValidationError as error:
        return _refused(error)
    return 204, None


@router.put(
    "/years/{year}/details", response={200: YearOut, **EDIT_ERRORS}, url_name="year_update", **EDIT
)
def year_update(request: HttpRequest, year: str, body: DetailsIn) -> Any:
    found = _year(request, year)
    stages = body.stages
    if stages == []:
        stages = [StageEntry(key=k, name=n, journey=j) for k, n, j in default_stages()]
    try:
        services.year_facts_save(
            year=found,
            by=request.user,
            facts=body.facts,
            source=body.source,
            stages=stages,
            note=body.note,
        )
    except ValidationError as error:
        return _refused(error)
    return 200, year_out(found)


@router.post(
    "/years/{year}/publish", response={200: YearOut, **EDIT_ERRORS}, url_name="year_publish", **EDIT
)
def year_publish(request: HttpRequest, year: str) -> Any:
    """Publish a draft; refused, listing what each project lacks, until it is complete."""
    found = _year(request, year)
    try:
        catalogue_publish(year=found, by=request.user)
    except CatalogueError as error:
        lines = str(error).splitlines()
        return 422, {"message": lines[0], "errors": {"__all__": lines[1:] or lines}}
    return 200, year_out(found)


@router.get(
    "/years/{year}/revisions",
    response={200: list[CatalogueRevisionOut], **ERRORS},
    url_name="revisions",
    **EDIT,
)
def revisions(request: HttpRequest, year: str) -> Any:
    found = _year(request, year)
    return [
        {
            "number": r.number,
            "made_at": r.made_at.isoformat(timespec="seconds"),
            "made_by": r.made_by.email if r.made_by else None,
            "note": r.note,
        }
        for r in found.revisions.select_related("made_by").order_by("number")
    ]


@router.get("/years/{year}/diff", response={200: DiffOut, **ERRORS}, url_name="year_diff", **EDIT)
def year_diff(
    request: HttpRequest,
    year: str,
    with_year: Annotated[str | None, Query(None, max_length=9)] = None,
    from_revision: Revision = None,
    to_revision: Revision = None,
) -> Any:
    """The year beside another (`with_year=2023-24`), or two of its revisions
    (`from_revision=1&to_revision=2`), in words."""
    found = _year(request, year)
    if with_year:
        diff = years_diff(found, selectors.access_year(user=request.user, year_text=with_year))
    else:
        held = {r.number: r for r in found.revisions.all()}
        first, second = held.get(from_revision or 0), held.get(to_revision or 0)
        if first is None or second is None:
            raise Http404("Choose with_year, or two revisions the year has.")
        diff = revisions_diff(first, second)
    return {**asdict(diff), "changed": [asdict(c) for c in diff.changed]}
