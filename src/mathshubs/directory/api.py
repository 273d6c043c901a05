"""The directory API at /api/v1/ (ISSUE 3, item 6): public hubs, institutions and find your hub;
people within the asker's scope."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.bounds import Offset
from mathshubs.dates import academic_year_label
from mathshubs.directory import selectors
from mathshubs.directory.findhub import find_hub as find_hub_search
from mathshubs.directory.forms import FIND_HUB_EMPTY, FIND_HUB_TOO_LONG
from mathshubs.directory.models import Hub, Institution, LocalAuthority, Person, RoleAssignment
from mathshubs.directory.names import is_number
from mathshubs.directory.schemas import (
    FindHubOut,
    HubDetailOut,
    HubOut,
    InstitutionDetailOut,
    InstitutionPage,
    Message,
    PersonPage,
)
from mathshubs.directory.views import ACTIVE_LLME_TARGET

router = Router(tags=["directory"])

HUB_NOT_FOUND = "There is no Maths Hub with that id or slug."
INSTITUTION_NOT_FOUND = "There is no school or college with that URN."
FILTER_HUB_NOT_FOUND = "There is no Maths Hub with that id or slug: check the hub filter."
MAX_LIMIT = 200


def _la(la: LocalAuthority | None) -> dict[str, str] | None:
    return {"code": la.code, "name": la.name} if la else None


def _hub_ref(hub: Hub | None) -> dict[str, Any] | None:
    return {"id": hub.pk, "slug": hub.slug, "name": hub.name} if hub else None


def _hub_contact(hub: Hub) -> dict[str, Any]:
    fields = ("slug", "name", "region", "email", "phone", "website", "contact_is_demo")
    return {"id": hub.pk, **{name: getattr(hub, name) for name in fields}}


def _hub(hub: Hub, active_llmes: int) -> dict[str, Any]:
    names = sorted({area.local_authority.name for area in hub.areas.all()})
    return {
        **_hub_contact(hub),
        "area_is_illustrative": hub.area_is_illustrative,
        "local_authorities": names,
        "active_llmes": active_llmes,
    }


def _institution(inst: Institution) -> dict[str, Any]:
    return {
        "urn": inst.urn,
        "name": inst.name,
        "establishment_type": inst.establishment_type,
        "phase": inst.phase,
        "phase_label": inst.get_phase_display(),
        "local_authority": _la(inst.local_authority),
        "postcode": inst.postcode,
        "is_open": inst.is_open,
        "status": inst.status,
        "hub": _hub_ref(inst.hub),
    }


def _filter_hub(ref: str) -> Hub | None:
    if not ref:
        return None
    hub = selectors.find_hub_by_ref(ref)
    if hub is None:
        raise HttpError(404, FILTER_HUB_NOT_FOUND)
    return hub


@router.get("/hubs", response=list[HubOut], summary="The Maths Hubs, by region")
def hub_list(request: HttpRequest) -> list[dict[str, Any]]:
    hubs = selectors.hubs_with_summary().order_by("region", "name")
    return [_hub(hub, hub.active_llmes) for hub in hubs]


@router.get("/hubs/{ref}", response={200: HubDetailOut, 404: Message}, summary="One hub")
def hub_detail(request: HttpRequest, ref: str) -> dict[str, Any]:
    """`ref` is the hub's id or its slug."""
    hub = selectors.find_hub_by_ref(ref)
    if hub is None:
        raise Http404(HUB_NOT_FOUND)
    year = selectors.programme_year()
    hub = selectors.hubs_with_summary(year=year).select_related("lead_institution").get(pk=hub.pk)
    team = selectors.hub_team(hub=hub, year=year)
    return {
        **_hub(hub, hub.active_llmes),
        "former_names": [former.name for former in hub.former_names.all()],
        "lead_institution": (
            hub.lead_institution.name if hub.lead_institution else hub.lead_institution_name or None
        ),
        "lead_institution_urn": hub.lead_institution.urn if hub.lead_institution else None,
        "areas": [
            {
                "local_authority": _la(area.local_authority),
                "district_code": area.district_code,
                "district_name": area.district_name,
                "is_illustrative": area.is_illustrative,
            }
            for area in hub.areas.all()
        ],
        "leadership": [
            {"role": label, "name": person.full_name}
            for label, people in team.leadership
            for person in people
        ],
        "strategic_board": [person.full_name for person in team.board],
        "active_llmes_target": ACTIVE_LLME_TARGET,
    }


@router.get(
    "/institutions",
    response={200: InstitutionPage, 404: Message},
    summary="Search schools and colleges",
)
def institution_list(
    request: HttpRequest,
    q: str = "",
    la: str = "",
    phase: str = "",
    hub: str = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
) -> dict[str, Any]:
    """`q`: name words or a URN; `la`: local authority code or name; `hub`: id or slug."""
    qs = selectors.institutions_search(q=q, la=la, phase=phase, hub=_filter_hub(hub))
    items = [_institution(inst) for inst in qs[offset : offset + limit]]
    return {"total": qs.count(), "limit": limit, "offset": offset, "items": items}


@router.get(
    "/institutions/{urn}",
    response={200: InstitutionDetailOut, 404: Message},
    summary="One school or college, by URN",
)
def institution_detail(request: HttpRequest, urn: str) -> dict[str, Any]:
    inst = None
    if is_number(urn) and len(urn) < 10:
        inst = (
            Institution.objects.select_related("local_authority", "hub")
            .filter(urn=int(urn))
            .first()
        )
    if inst is None:
        raise Http404(INSTITUTION_NOT_FOUND)
    return {
        **_institution(inst),
        "establishment_type_group": inst.establishment_type_group,
        "is_state_funded": inst.is_state_funded,
        "pupils": inst.pupils,
        "percent_disadvantaged": inst.percent_disadvantaged,
        "ofsted_rating": inst.ofsted_rating,
        "hub_is_overridden": inst.hub_override_id is not None,
    }


@router.get(
    "/find-hub",
    response={200: FindHubOut, 400: Message},
    summary="Find the hub of a school name, URN, postcode or local authority",
)
def find_hub(request: HttpRequest, q: str = "") -> dict[str, Any]:
    query = q.strip()
    if not query:
        raise HttpError(400, FIND_HUB_EMPTY)
    if len(query) > 100:
        raise HttpError(400, FIND_HUB_TOO_LONG)
    result = find_hub_search(query)
    matches = [
        {
            "hub": _hub_contact(match.hub) if match.hub else None,
            "institution": _institution(match.institution) if match.institution else None,
            "local_authority": _la(match.local_authority),
            "matched_by": match.matched_by,
            "note": match.note,
        }
        for match in result.matches
    ]
    return {
        "query": result.query,
        "kind": result.kind,
        "message": result.message,
        "matches": matches,
    }


def _person(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "institution_urn": person.institution.urn if person.institution else None,
        "institution_name": person.institution.name if person.institution else None,
        "roles": [role_out(role) for role in person.roles.all()],
    }


def role_out(role: RoleAssignment) -> dict[str, Any]:
    """A role as every API shows it (RoleOut): the year as the programme writes it, 2023/24."""
    return {
        "role": role.role,
        "role_label": role.get_role_display(),
        "hub": _hub_ref(role.hub),
        "academic_year": academic_year_label(role.academic_year) if role.academic_year else None,
    }


@router.get(
    "/people",
    response={200: PersonPage, 401: Message, 404: Message},
    auth=personal_auth,
    summary="People within your scope",
)
def person_list(
    request: HttpRequest,
    hub: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
) -> dict[str, Any]:
    """Only the people you may see: yourself; the participants of activities you lead;
    your hub's people if you are hub staff; everyone for the national team."""
    qs = selectors.people_for(user=request.user, hub=_filter_hub(hub), q=q)
    items = [_person(person) for person in qs[offset : offset + limit]]
    return {"total": qs.count(), "limit": limit, "offset": offset, "items": items}
