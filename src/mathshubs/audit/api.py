"""The audit trail at /api/v1/changes: the Changes page's rows, with its rules (ADR 0016)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.audit import selectors
from mathshubs.audit.kinds import KINDS
from mathshubs.audit.schemas import ChangePage
from mathshubs.bounds import MAX_ID, Offset
from mathshubs.directory.schemas import Message

router = Router(tags=["audit"])

MAX_LIMIT = 200


def _out(change: selectors.Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "kind_label": change.kind_label,
        "record_id": change.record_id,
        "record": change.record,
        "when": change.when,
        "who": change.who,
        "action": change.action,
        "changes": [vars(each) for each in change.changes],
    }


@router.get(
    "/changes",
    response={200: ChangePage, 401: Message, 403: Message, 404: Message, 422: Message},
    auth=personal_auth,
    summary="Changes to records, newest first",
)
def change_list(
    request: HttpRequest,
    kind: str = "",
    hub: str = "",
    person: int | None = Query(None, ge=1, le=MAX_ID),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
) -> dict[str, Any]:
    """Who changed which record, when, and what changed. The national team reads every
    change; Maths Hub staff their hubs' records and the catalogue years; anyone else is
    refused (403). `kind`: one of person, role, catalogue_year, activity, school,
    participation, registration, happi. `hub`: an id or slug. `person`: one person's
    record and roles (their page's history)."""
    if kind and kind not in KINDS:
        raise HttpError(422, selectors.KIND_UNKNOWN.format(kinds=", ".join(KINDS)))
    if person is not None:
        _found, scope = selectors.access_person_changes(user=request.user, person_id=person)
    else:
        scope = selectors.access_changes(user=request.user)
    chosen = selectors.hub_in_scope(scope=scope, ref=hub)
    listing = selectors.changes_list(scope=scope, kind=kind, hub=chosen, person_id=person)
    total, changes = selectors.changes_slice(listing, offset=offset, limit=limit)
    items = [_out(change) for change in changes]
    return {"total": total, "limit": limit, "offset": offset, "items": items}
