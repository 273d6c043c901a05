"""The API of people's data: a person's download, for themselves or for a request, and
erasure (ISSUE 14, part 2). The same rules and services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.bounds import PathId
from mathshubs.directory.rules import person_of
from mathshubs.privacy import selectors, services
from mathshubs.privacy.views import NO_PERSON, zip_response

router = Router(tags=["privacy"], auth=personal_auth)


class Message(Schema):
    message: str


class EraseIn(Schema):
    full_name: str = Field("", max_length=210, description="The person's full name, as held")


class ErasureOut(Schema):
    person_id: int
    erased_at: str
    reason: str


ERRORS: dict[int, type[Schema]] = {401: Message, 403: Message, 404: Message, 422: Message}
ZIP = {"responses": {200: {"description": "A ZIP file", "content": {"application/zip": {}}}}}


@router.get(
    "/me/data", response={200: None, **ERRORS}, url_name="privacy_me_data", openapi_extra=ZIP
)
def me_data(request: HttpRequest) -> HttpResponse:
    """Everything held about you, as a ZIP of JSON files and the files you uploaded."""
    person = person_of(request.user)
    if person is None:
        raise Http404(NO_PERSON)
    return zip_response(person, for_self=True)


@router.get(
    "/people/{person_id}/data",
    response={200: None, **ERRORS},
    url_name="privacy_person_data",
    openapi_extra=ZIP,
)
def person_data(request: HttpRequest, person_id: PathId) -> HttpResponse:
    """A person's data for a request: hub staff of their hub, or the national team."""
    person = selectors.access_person_for_export(user=request.user, person_id=person_id)
    me = person_of(request.user)
    return zip_response(person, for_self=me is not None and me.pk == person.pk)


@router.post(
    "/people/{person_id}/erase",
    response={200: ErasureOut, **ERRORS},
    url_name="privacy_person_erase",
)
def person_erase(request: HttpRequest, person_id: PathId, payload: EraseIn) -> Any:
    """Erase a person on their request (the national team): `full_name` must be the
    person's full name as held. Erasing an erased person again changes nothing."""
    person = selectors.access_person_for_erasure(user=request.user, person_id=person_id)
    done = getattr(person, "erasure", None)
    if done is None:
        try:
            services.erasure_confirm(person=person, typed=payload.full_name)
        except ValidationError as error:
            return 422, {"message": error.message_dict["full_name"][0]}
        done = services.person_erase(person=person, by=person_of(request.user))
    return 200, {"person_id": person.pk, "erased_at": done.at.isoformat(), "reason": done.reason}
