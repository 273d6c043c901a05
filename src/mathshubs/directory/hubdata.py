"""Local authorities and the hubs' areas, loaded from data files the national team can edit.

ISSUE 3, "Hubs" and "Hub areas are data": a hub's area is a YAML file of hub ->
local authority codes, refined by district where an authority is split
(shared/data/HUBS.md). Importers share one shape (ENGINEERING.md, rule 6):
parse, validate everything, apply in one transaction; a re-run changes nothing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from mathshubs.directory.areas import institutions_assign_hubs
from mathshubs.directory.models import (
    AreaConfidence,
    Hub,
    HubArea,
    HubLeadInstitution,
    HubName,
    LocalAuthority,
)

DATA_DIR = Path(settings.PROJECT_DIR) / "data"
LOCAL_AUTHORITIES_CSV = DATA_DIR / "england_local_authorities_regions.csv"
HUBS_YAML = Path(__file__).resolve().parent / "data" / "hubs.yaml"

# The year the local authority lookup calls current (shared/data/SOURCES.md).
CURRENT_LA_YEAR = 2025
# The name kept on the row that catches a split authority's schools in unlisted districts.
OTHER_DISTRICTS_LABEL = "other districts"

LA_FILE_MISSING_COLUMN = "{file}: the column {column} is missing from the header"
LA_CODE_UNRESOLVED = (
    "{file}, row {row}: the code {code!r} for {name} matches no 3-digit code in the file"
)

YAML_UNREADABLE = "{file}: the file is not valid YAML: {reason}"
YAML_NO_HUBS = "{file}: the file must have a top-level list called hubs"
HUB_NOT_A_MAPPING = "{file}: hub number {index} must be a set of fields (name, slug, areas...)"
FIELD_REQUIRED = "{where}, field {field}: enter a value"
FIELD_BAD_SLUG = "{where}, field slug: use lower-case letters, digits and dashes, like north-mids"
FIELD_BAD_CONFIDENCE = "{where}, field confidence: use one of high, medium, low"
FIELD_BAD_EMAIL = "{where}, field contact.email: enter an email address like info@hub.example"
FIELD_BAD_URL = "{where}, field contact.website: enter a full web address starting https://"
FIELD_NOT_A_LIST = "{where}, field {field}: must be a list"
SLUG_TWICE = "{where}, field slug: another hub in the file already uses {slug!r}"
NAME_TWICE = "{where}, field name: another hub in the file already uses {name!r}"
AREA_UNKNOWN_LA = (
    "{where}, field areas[{index}].la: local authority code {code!r} is not known; "
    "use a 3-digit DfE code (load them with `mathshubs load-local-authorities`)"
)
AREA_LA_NAME_MISMATCH = (
    "{where}, field areas[{index}].la_name: {given!r} is not the name of local authority "
    "{code} ({known}); check the code"
)
AREA_BAD_DISTRICT = (
    "{where}, field areas[{index}].districts[{d}]: give a code (like E07000146) and a name"
)
AREA_OTHER_WITHOUT_DISTRICTS = (
    "{where}, field areas[{index}].other_districts: only a split authority (one with "
    "districts) can take its other districts"
)
AREA_CLAIMED_TWICE = (
    "{where}, field areas[{index}]: {area} is also claimed by {other}; an area is served by one hub"
)
AREA_SPLIT_WITHOUT_REST = (
    "{file}: local authority {code} ({name}) is split by district, so exactly one hub "
    "must say other_districts: true for it (found {count})"
)
AREA_LA_UNSERVED = (
    "{file}: local authority {code} ({name}) is served by no hub; add it to one hub's areas"
)


class HubDataError(Exception):
    """A data file was refused; `errors` lists every problem found, each naming file and field."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# --- Local authorities ---------------------------------------------------------------


def _la_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        needed = ["old_la_code", "new_la_code", "la_name", "region_code", "region_name"]
        for column in [*needed, "last_year"]:
            if column not in (reader.fieldnames or []):
                raise HubDataError([LA_FILE_MISSING_COLUMN.format(file=path, column=column)])
        rows = list(reader)
    # Barnsley and Sheffield's 2025 rows carry "z" for the 3-digit code; their code is on
    # the earlier rows of the same name (shared/data/SOURCES.md).
    code_by_name = {r["la_name"]: r["old_la_code"] for r in rows if r["old_la_code"].isdigit()}
    by_code: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows, start=2):
        code = row["old_la_code"]
        if not code.isdigit():
            code = code_by_name.get(row["la_name"], "")
            if not code:
                raise HubDataError(
                    [
                        LA_CODE_UNRESOLVED.format(
                            file=path, row=number, code=row["old_la_code"], name=row["la_name"]
                        )
                    ]
                )
        last_year = int(row["last_year"])
        known = by_code.get(code)
        # One record per code: the latest row wins (North Yorkshire, Somerset and
        # Buckinghamshire kept their code when their GSS code changed).
        if known is None or last_year > known["last_year"]:
            by_code[code] = {
                "code": code,
                "gss_code": row["new_la_code"],
                "name": row["la_name"],
                "region_code": row["region_code"],
                "region_name": row["region_name"],
                "last_year": last_year,
            }
    return sorted(by_code.values(), key=lambda r: r["code"])


def local_authorities_load(*, path: Path = LOCAL_AUTHORITIES_CSV) -> LoadResult:
    """Upsert every local authority of the lookup, current and retired, by 3-digit code.

    Retired codes are kept (is_current False) because older data, such as the January
    2023 census, still files schools under them (Cumbria, 909). Idempotent.
    """
    rows = _la_rows(path)
    existing = {la.code: la for la in LocalAuthority.objects.all()}
    result = LoadResult()
    fields = ["gss_code", "name", "region_code", "region_name", "is_current"]
    to_create, to_update = [], []
    for row in rows:
        values = {k: row[k] for k in fields if k != "is_current"}
        values["is_current"] = row["last_year"] >= CURRENT_LA_YEAR
        la = existing.get(row["code"])
        if la is None:
            to_create.append(LocalAuthority(code=row["code"], **values))
        elif any(getattr(la, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(la, k, v)
            to_update.append(la)
        else:
            result.unchanged += 1
    with transaction.atomic():
        LocalAuthority.objects.bulk_create(to_create)
        LocalAuthority.objects.bulk_update(to_update, fields)
    result.created, result.updated = len(to_create), len(to_update)
    return result


# --- Hubs and areas ------------------------------------------------------------------


@dataclass
class AreaSpec:
    la_code: str
    district_code: str = ""
    district_name: str = ""
    is_illustrative: bool = False


@dataclass
class HubSpec:
    name: str
    slug: str
    region: str
    confidence: str
    lead_institutions: list[str]
    sources: list[str]
    former_names: list[str]
    email: str
    phone: str
    website: str
    contact_is_demo: bool
    areas: list[AreaSpec] = field(default_factory=list)


@dataclass
class HubImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    areas_changed: bool = False
    renamed: list[tuple[str, str]] = field(default_factory=list)
    areas: int = 0
    institutions_reassigned: int = 0


# A hub's claim on part of an authority: (kind "whole" | "district" | "rest",
# district code, hub slug, where in the file, area index).
Claim = tuple[str, str, str, str, int]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DISTRICT_RE = re.compile(r"^[A-Z]\d{8}$")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _str_list(raw: Any, where: str, name: str, errors: list[str]) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.append(FIELD_NOT_A_LIST.format(where=where, field=name))
        return []
    return [_text(x) for x in raw if _text(x)]


def hubs_parse(path: Path) -> list[HubSpec]:
    """Read and validate a hubs YAML file; raise HubDataError listing every problem.

    Checks what the importer needs to be all-or-nothing: required fields, unique
    slugs and names, known local authority codes, no area claimed by two hubs, a
    split authority with exactly one hub taking its other districts, and every
    current authority served.
    """
    file = str(path)
    try:
        with Path(path).open(encoding="utf-8") as fh:
            document = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise HubDataError([YAML_UNREADABLE.format(file=file, reason=exc)]) from exc
    if not isinstance(document, dict) or not isinstance(document.get("hubs"), list):
        raise HubDataError([YAML_NO_HUBS.format(file=file)])

    las = {la.code: la for la in LocalAuthority.objects.all()}
    errors: list[str] = []
    specs: list[HubSpec] = []
    slugs: set[str] = set()
    names: set[str] = set()
    # la code -> the claims on it
    claims: dict[str, list[Claim]] = {}

    for index, raw in enumerate(document["hubs"], start=1):
        if not isinstance(raw, dict):
            errors.append(HUB_NOT_A_MAPPING.format(file=file, index=index))
            continue
        slug, name = _text(raw.get("slug")), _text(raw.get("name"))
        where = f"{file}: hub {slug or f'number {index}'}"
        for key, value in (("name", name), ("slug", slug), ("region", _text(raw.get("region")))):
            if not value:
                errors.append(FIELD_REQUIRED.format(where=where, field=key))
        if slug and not SLUG_RE.match(slug):
            errors.append(FIELD_BAD_SLUG.format(where=where))
        if slug and slug in slugs:
            errors.append(SLUG_TWICE.format(where=where, slug=slug))
        if name and name in names:
            errors.append(NAME_TWICE.format(where=where, name=name))
        slugs.add(slug)
        names.add(name)
        confidence = _text(raw.get("confidence")) or AreaConfidence.HIGH
        if confidence not in AreaConfidence.values:
            errors.append(FIELD_BAD_CONFIDENCE.format(where=where))
        contact = raw.get("contact") or {}
        email, website = _text(contact.get("email")), _text(contact.get("website"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(FIELD_BAD_EMAIL.format(where=where))
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                errors.append(FIELD_BAD_URL.format(where=where))
        spec = HubSpec(
            name=name,
            slug=slug,
            region=_text(raw.get("region")),
            confidence=confidence,
            lead_institutions=_str_list(
                raw.get("lead_institutions"), where, "lead_institutions", errors
            ),
            sources=_str_list(raw.get("sources"), where, "sources", errors),
            former_names=_str_list(raw.get("former_names"), where, "former_names", errors),
            email=email,
            phone=_text(contact.get("phone")),
            website=website,
            contact_is_demo=bool(contact.get("is_demo", False)),
        )
        areas = raw.get("areas")
        if not isinstance(areas, list) or not areas:
            errors.append(FIELD_REQUIRED.format(where=where, field="areas"))
            areas = []
        for a_index, area in enumerate(areas):
            spec.areas.extend(_parse_area(area, a_index, where, las, claims, slug, errors))
        specs.append(spec)

    errors.extend(_claim_errors(file, las, claims))
    if errors:
        raise HubDataError(errors)
    return specs


def _parse_area(
    area: Any,
    index: int,
    where: str,
    las: dict[str, LocalAuthority],
    claims: dict[str, list[Claim]],
    slug: str,
    errors: list[str],
) -> list[AreaSpec]:
    if not isinstance(area, dict) or not _text(area.get("la")):
        errors.append(FIELD_REQUIRED.format(where=where, field=f"areas[{index}].la"))
        return []
    code = _text(area["la"]).zfill(3)
    la = las.get(code)
    if la is None:
        errors.append(AREA_UNKNOWN_LA.format(where=where, index=index, code=code))
        return []
    given_name = _text(area.get("la_name"))
    if given_name and given_name.casefold() != la.name.casefold():
        errors.append(
            AREA_LA_NAME_MISMATCH.format(
                where=where, index=index, given=given_name, code=code, known=la.name
            )
        )
    illustrative = bool(area.get("illustrative", False))
    districts = area.get("districts") or []
    if not isinstance(districts, list):
        errors.append(FIELD_NOT_A_LIST.format(where=where, field=f"areas[{index}].districts"))
        return []
    result: list[AreaSpec] = []
    for d_index, district in enumerate(districts):
        d_code = _text(district.get("code")) if isinstance(district, dict) else ""
        d_name = _text(district.get("name")) if isinstance(district, dict) else ""
        if not DISTRICT_RE.match(d_code) or not d_name:
            errors.append(AREA_BAD_DISTRICT.format(where=where, index=index, d=d_index))
            continue
        claims.setdefault(code, []).append(("district", d_code, slug, where, index))
        result.append(AreaSpec(code, d_code, d_name, illustrative))
    if area.get("other_districts"):
        if not districts:
            errors.append(AREA_OTHER_WITHOUT_DISTRICTS.format(where=where, index=index))
            return result
        claims.setdefault(code, []).append(("rest", "", slug, where, index))
        result.append(AreaSpec(code, "", OTHER_DISTRICTS_LABEL, illustrative))
    elif not districts:
        claims.setdefault(code, []).append(("whole", "", slug, where, index))
        result.append(AreaSpec(code, "", "", illustrative))
    return result


def _claim_errors(
    file: str,
    las: dict[str, LocalAuthority],
    claims: dict[str, list[Claim]],
) -> list[str]:
    """An area is served by one hub; a split authority has one hub taking the rest."""
    errors: list[str] = []
    for code in sorted(claims):
        la = las[code]
        seen: dict[tuple[str, str], str] = {}
        for kind, d_code, slug, where, index in claims[code]:
            label = f"{la.name} ({code})" + (f", district {d_code}" if d_code else "")
            clash = next(
                (
                    s
                    for (k, d), s in seen.items()
                    if s != slug
                    and ("whole" in (k, kind) or (k == kind == "district" and d == d_code))
                ),
                None,
            )
            if clash:
                errors.append(
                    AREA_CLAIMED_TWICE.format(
                        where=where, index=index, area=label, other=f"hub {clash}"
                    )
                )
            seen[(kind, d_code)] = slug
        kinds = [c[0] for c in claims[code]]
        if "district" in kinds and "whole" not in kinds and kinds.count("rest") != 1:
            errors.append(
                AREA_SPLIT_WITHOUT_REST.format(
                    file=file, code=code, name=la.name, count=kinds.count("rest")
                )
            )
    for la in sorted(las.values(), key=lambda x: x.code):
        if la.is_current and la.code not in claims:
            errors.append(AREA_LA_UNSERVED.format(file=file, code=la.code, name=la.name))
    return errors


def _apply_hub(hub: Hub | None, spec: HubSpec, today: date) -> tuple[Hub, str, str | None]:
    """Create or update one hub; returns (hub, "created" | "updated" | "unchanged", old name)."""
    values = {
        "name": spec.name,
        "region": spec.region,
        "lead_institution_name": "; ".join(spec.lead_institutions),
        "email": spec.email,
        "phone": spec.phone,
        "website": spec.website,
        "contact_is_demo": spec.contact_is_demo,
        "area_confidence": spec.confidence,
        "sources": "\n".join(spec.sources),
    }
    old_name = None
    if hub is None:
        hub = Hub.objects.create(slug=spec.slug, **values)
        status = "created"
    else:
        old_name = hub.name if hub.name != spec.name else None
        changed = [k for k, v in values.items() if getattr(hub, k) != v]
        for k in changed:
            setattr(hub, k, values[k])
        if changed:
            hub.save(update_fields=changed)
        status = "updated" if changed else "unchanged"
    known_names = set(hub.former_names.values_list("name", flat=True))
    new_names = [n for n in spec.former_names if n not in known_names and n != spec.name]
    if old_name and old_name not in known_names and old_name not in new_names:
        new_names.append(old_name)
    HubName.objects.bulk_create(
        [HubName(hub=hub, name=n, until=today if n == old_name else None) for n in new_names]
    )
    # The lead's history: a lead no longer named is closed, not deleted.
    current = {lead.name: lead for lead in hub.lead_history.filter(until__isnull=True)}
    gone = [lead.pk for name, lead in current.items() if name not in spec.lead_institutions]
    HubLeadInstitution.objects.filter(pk__in=gone).update(until=today)
    arrived = [n for n in spec.lead_institutions if n not in current]
    HubLeadInstitution.objects.bulk_create(
        [
            HubLeadInstitution(hub=hub, name=n, since=None if status == "created" else today)
            for n in arrived
        ]
    )
    if status == "unchanged" and (new_names or gone or arrived):
        status = "updated"
    return hub, status, old_name


def hubs_import(*, path: Path = HUBS_YAML, today: date | None = None) -> HubImportResult:
    """Import the hubs YAML: all or nothing, upserting by slug and replacing the areas.

    A hub keeps its identity (its slug) when renamed; the old name is kept as a
    former name (shared/data/HUBS.md). Hubs absent from the file are left as they
    are. Afterwards every institution's serving hub is recomputed. A second import
    of the same file changes nothing.
    """
    specs = hubs_parse(path)
    today = today or date.today()
    las = dict(LocalAuthority.objects.values_list("code", "id"))
    result = HubImportResult()
    with transaction.atomic():
        existing = {h.slug: h for h in Hub.objects.filter(slug__in=[s.slug for s in specs])}
        # Free the old names first so two hubs can swap names without a clash.
        renamed = [s.slug for s in specs if s.slug in existing and existing[s.slug].name != s.name]
        for slug in renamed:
            Hub.objects.filter(pk=existing[slug].pk).update(name=f"~renaming~{slug}")
        hubs: list[Hub] = []
        for spec in specs:
            hub, status, old_name = _apply_hub(existing.get(spec.slug), spec, today)
            if old_name:
                result.renamed.append((old_name, spec.name))
            setattr(result, status, getattr(result, status) + 1)
            hubs.append(hub)
        wanted = {
            (hub.pk, las[a.la_code], a.district_code, a.district_name, a.is_illustrative)
            for hub, spec in zip(hubs, specs, strict=True)
            for a in spec.areas
        }
        held = set(
            HubArea.objects.filter(hub__in=hubs).values_list(
                "hub_id", "local_authority_id", "district_code", "district_name", "is_illustrative"
            )
        )
        result.areas = len(wanted)
        if wanted != held:
            HubArea.objects.filter(hub__in=hubs).delete()
            HubArea.objects.bulk_create(
                [
                    HubArea(
                        hub_id=h,
                        local_authority_id=la,
                        district_code=d,
                        district_name=n,
                        is_illustrative=i,
                    )
                    for h, la, d, n, i in sorted(wanted)
                ]
            )
            result.areas_changed = True
        result.institutions_reassigned = institutions_assign_hubs()
    return result
