"""GET /api/v1/me: who is asking, by session or personal API token."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.directory.api import role_out
from mathshubs.directory.schemas import RoleOut

router = Router(tags=["accounts"])


class InstitutionRef(Schema):
    urn: int
    name: str


class MeOut(Schema):
    id: int | None
    name: str
    email: str
    institution: InstitutionRef | None
    roles: list[RoleOut]


@router.get("/me", response=MeOut, auth=personal_auth, summary="The signed-in person")
def me(request: HttpRequest) -> MeOut:
    """The person behind the session or token: name, main contact email, institution, roles.

    A role's `academic_year` is written as the programme writes it (`2023/24`), null
    for an ongoing role; its `hub` is null for the national team.
    """
    user = request.user
    person = getattr(user, "person", None)
    if person is None:
        return MeOut(id=None, name="", email=user.email, institution=None, roles=[])  # type: ignore[union-attr]
    institution = person.institution
    rows = person.roles.select_related("hub").order_by("-academic_year", "role")
    return MeOut(
        id=person.pk,
        name=person.full_name,
        email=person.email,
        institution=InstitutionRef(urn=institution.urn, name=institution.name)
        if institution
        else None,
        roles=[RoleOut(**role_out(row)) for row in rows],
    )
