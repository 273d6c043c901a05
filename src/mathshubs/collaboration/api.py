"""The collaboration spaces' API at /api/v1/ (ISSUE 13, part 6): your spaces, their
threads, comments and boosts, their documents and versions, and how you hear of them.

The same rules as the pages, from the same places: membership.py says who reads and
manages a space, selectors.py which posts someone sees (a scheduled post only by its
author), and every write is a service's (services.py, documents.py, notify.py). A space
you are not in answers 404, in the pages' words, exactly like a missing one; a change the
rules refuse answers 403; a refused value 422 with the service's words by field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.api_problems import validation_problem
from mathshubs.bounds import Offset, PathId
from mathshubs.collaboration import notify, services
from mathshubs.collaboration.membership import can_manage, can_read, spaces_for
from mathshubs.collaboration.models import (
    Boost,
    Comment,
    NotificationSetting,
    PostRevision,
    Space,
    Thread,
)
from mathshubs.collaboration.schemas import (
    ERRORS,
    BoostIn,
    BoostOut,
    CommentChange,
    CommentIn,
    CommentOut,
    SettingIn,
    SettingOut,
    SpaceDetailOut,
    SpaceOut,
    SubscriptionOut,
    ThreadChange,
    ThreadDetailOut,
    ThreadIn,
    ThreadPage,
)
from mathshubs.collaboration.selectors import comments_seen, posted, threads_seen
from mathshubs.collaboration.views import NOT_FOUND
from mathshubs.dates import academic_year_label, parse_year_text
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of, programme_year_for

router = Router(tags=["collaboration"], auth=personal_auth)

YEAR_NOT_VALID = "Write the academic year like 2023/24 or 2023."
NO_PERSON = "Only people the programme holds have spaces: this account has no person."
TAKEN_DOWN = "This post was taken down: it cannot be changed or boosted."
MAX_LIMIT = 100


# -- finding what the caller may see ----------------------------------------------------


def access_space(request: HttpRequest, space_id: int) -> Space:
    """The space, if the caller is one of its members (membership.can_read); else 404 in
    the pages' words, as if it did not exist."""
    space = Space.objects.select_related("hub", "ncp").filter(pk=space_id).first()
    if space is None or not can_read(request.user, space):
        raise Http404(NOT_FOUND)
    return space


def _thread(request: HttpRequest, space_id: int, thread_id: int) -> Thread:
    space = access_space(request, space_id)
    thread = (
        space.threads.select_related("author").filter(posted(request.user), pk=thread_id).first()
    )
    if thread is None:
        raise Http404(NOT_FOUND)
    thread.space = space
    return thread


def _comment(request: HttpRequest, thread: Thread, comment_id: int) -> Comment:
    comment = (
        comments_seen(request.user, thread.comments.select_related("author"))
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise Http404(NOT_FOUND)
    comment.thread = thread
    return comment


def _live(post: Thread | Comment) -> Thread | Comment:
    if post.deleted_at is not None:
        raise HttpError(404, TAKEN_DOWN)
    return post


def _me(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied(NO_PERSON)
    return person


# -- answers ----------------------------------------------------------------------------


def person_ref(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "name": person.full_name}


def _space_out(space: Space, threads: int) -> dict[str, Any]:
    return {
        "id": space.pk,
        "kind": space.kind,
        "name": space.name,
        "academic_year": academic_year_label(space.academic_year) if space.academic_year else None,
        "hub": space.hub.slug if space.hub is not None else None,
        "ncp_code": space.ncp.code if space.ncp is not None else None,
        "activity_id": space.activity_id,
        "threads": threads,
    }


def _post(post: Thread | Comment) -> dict[str, Any]:
    return {
        "id": post.pk,
        "author": person_ref(post.author),
        "body": post.body,
        "posted_at": post.posted_at,
        "scheduled": post.scheduled,
        "edited_at": post.edited_at,
        "taken_down": post.deleted_at is not None,
    }


def _boost(boost: Boost) -> dict[str, Any]:
    return {
        "id": boost.pk,
        "person": person_ref(boost.person),
        "text": boost.text,
        "created_at": boost.created_at,
    }


def _comment_out(comment: Comment) -> dict[str, Any]:
    return {
        **_post(comment),
        "thread_id": comment.thread_id,
        "boosts": [_boost(b) for b in comment.boosts.all()],
    }


def _thread_out(thread: Thread, comments: int) -> dict[str, Any]:
    return {
        **_post(thread),
        "space_id": thread.space_id,
        "title": thread.title,
        "last_activity_at": thread.last_activity_at,
        "comments": comments,
    }


def _visible_comments() -> Count:
    """Comments that count in a list: posted, not taken down (as the space's page)."""
    return Count(
        "comments",
        filter=Q(comments__deleted_at__isnull=True, comments__posted_at__lte=timezone.now()),
    )


def _thread_detail(request: HttpRequest, thread: Thread) -> dict[str, Any]:
    boosts = Prefetch("boosts", queryset=Boost.objects.select_related("person").order_by("pk"))
    replies = list(
        comments_seen(request.user, thread.comments.all())
        .select_related("author")
        .prefetch_related(boosts)
        .order_by("posted_at", "pk")
    )
    manager = can_manage(request.user, thread.space)
    history = None
    if manager:
        history = [
            {
                "comment_id": r.comment_id,
                "action": r.action,
                "title": r.title,
                "body": r.body,
                "by": person_ref(r.by),
                "at": r.at,
            }
            for r in PostRevision.objects.filter(Q(thread=thread) | Q(comment__thread=thread))
            .select_related("by")
            .order_by("-at", "-pk")
        ]
    now = timezone.now()
    counted = [c for c in replies if c.deleted_at is None and c.posted_at <= now]
    return {
        **_thread_out(thread, len(counted)),
        "boosts": [_boost(b) for b in thread.boosts.select_related("person").order_by("pk")],
        "replies": [_comment_out(c) for c in replies],
        "you_may_change": services.may_change(request.user, thread),
        "you_manage": manager,
        "unsubscribed": notify.is_unsubscribed(_me(request), thread),
        "history": history,
    }


def _setting(person: Person, space: Space | None) -> dict[str, Any]:
    own = NotificationSetting.objects.filter(person=person, space=space).exists()
    return {
        "space_id": space.pk if space else None,
        "frequency": notify.frequency_of(person, space),
        "own": own,
    }


# -- spaces -----------------------------------------------------------------------------


@router.get("/spaces", response={200: list[SpaceOut], **ERRORS}, url_name="space_list")
def space_list(
    request: HttpRequest, year: str = Query("", max_length=9, description="Like 2023/24")
) -> Any:
    """Your spaces of an academic year (the programme's year unless `year`): your LLME
    communities, your activities', and spaces you were added to."""
    start = parse_year_text(year) if year else programme_year_for(request.user)
    if start is None:
        return 422, {"message": YEAR_NOT_VALID, "errors": {"year": [YEAR_NOT_VALID]}}
    spaces = spaces_for(request.user, start)
    counts = dict(
        threads_seen(request.user, Thread.objects.filter(space__in=spaces))
        .values_list("space_id")
        .annotate(n=Count("pk"))
        .values_list("space_id", "n")
    )
    found = Space.objects.select_related("hub", "ncp").in_bulk([s.pk for s in spaces])
    return [_space_out(found[s.pk], counts.get(s.pk, 0)) for s in spaces]


@router.get("/spaces/{space_id}", response={200: SpaceDetailOut, **ERRORS}, url_name="space_detail")
def space_detail(request: HttpRequest, space_id: PathId) -> Any:
    space = access_space(request, space_id)
    return {
        **_space_out(space, threads_seen(request.user, space.threads.all()).count()),
        "documents": space.documents.count(),
        "you_manage": can_manage(request.user, space),
    }


# -- threads, comments, boosts ----------------------------------------------------------


@router.get(
    "/spaces/{space_id}/threads", response={200: ThreadPage, **ERRORS}, url_name="space_threads"
)
def space_threads(
    request: HttpRequest,
    space_id: PathId,
    limit: int = Query(30, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
) -> Any:
    """The space's threads, latest activity first; yours still scheduled among them."""
    space = access_space(request, space_id)
    threads = (
        threads_seen(request.user, space.threads.all())
        .select_related("author")
        .annotate(comment_count=_visible_comments())
        .order_by("-last_activity_at", "-pk")
    )
    items = [_thread_out(t, t.comment_count) for t in threads[offset : offset + limit]]
    return {"total": threads.count(), "limit": limit, "offset": offset, "items": items}


@router.post(
    "/spaces/{space_id}/threads",
    response={201: ThreadDetailOut, **ERRORS},
    url_name="space_thread_create",
)
def space_thread_create(request: HttpRequest, space_id: PathId, payload: ThreadIn) -> Any:
    """Start a thread; `scheduled`: the others see it at the next working morning."""
    space = access_space(request, space_id)
    try:
        thread = services.thread_post(
            user=request.user,
            space=space,
            title=payload.title,
            text=payload.body,
            scheduled=payload.scheduled,
        )
    except ValidationError as error:
        return validation_problem(error)
    return 201, _thread_detail(request, _thread(request, space_id, thread.pk))


@router.get(
    "/spaces/{space_id}/threads/{thread_id}",
    response={200: ThreadDetailOut, **ERRORS},
    url_name="space_thread",
)
def space_thread(request: HttpRequest, space_id: PathId, thread_id: PathId) -> Any:
    """A thread with its comments and boosts; the history of changes for managers."""
    return _thread_detail(request, _thread(request, space_id, thread_id))


@router.patch(
    "/spaces/{space_id}/threads/{thread_id}",
    response={200: ThreadDetailOut, **ERRORS},
    url_name="space_thread_update",
)
def space_thread_update(
    request: HttpRequest, space_id: PathId, thread_id: PathId, payload: ThreadChange
) -> Any:
    """Change a thread's title or message: its author, or a manager of the space."""
    thread = _live(_thread(request, space_id, thread_id))
    text = payload.body if payload.body is not None else thread.body
    try:
        services.post_edit(user=request.user, post=thread, text=text, title=payload.title or "")
    except ValidationError as error:
        return validation_problem(error)
    return _thread_detail(request, _thread(request, space_id, thread_id))


@router.delete(
    "/spaces/{space_id}/threads/{thread_id}",
    response={204: None, **ERRORS},
    url_name="space_thread_delete",
)
def space_thread_delete(request: HttpRequest, space_id: PathId, thread_id: PathId) -> Any:
    """Take a thread down: its author, or a manager (who still reads what it said)."""
    services.post_delete(user=request.user, post=_live(_thread(request, space_id, thread_id)))
    return 204, None


@router.post(
    "/spaces/{space_id}/threads/{thread_id}/comments",
    response={201: CommentOut, **ERRORS},
    url_name="space_comment_create",
)
def space_comment_create(
    request: HttpRequest, space_id: PathId, thread_id: PathId, payload: CommentIn
) -> Any:
    thread = _thread(request, space_id, thread_id)
    try:
        comment = services.comment_post(
            user=request.user, thread=thread, text=payload.body, scheduled=payload.scheduled
        )
    except ValidationError as error:
        return validation_problem(error)
    return 201, _comment_out(_comment(request, thread, comment.pk))


@router.patch(
    "/spaces/{space_id}/threads/{thread_id}/comments/{comment_id}",
    response={200: CommentOut, **ERRORS},
    url_name="space_comment_update",
)
def space_comment_update(
    request: HttpRequest,
    space_id: PathId,
    thread_id: PathId,
    comment_id: PathId,
    payload: CommentChange,
) -> Any:
    """Change a comment: its author, or a manager of the space."""
    thread = _thread(request, space_id, thread_id)
    comment = _live(_comment(request, thread, comment_id))
    try:
        services.post_edit(user=request.user, post=comment, text=payload.body)
    except ValidationError as error:
        return validation_problem(error)
    return _comment_out(_comment(request, thread, comment_id))


@router.delete(
    "/spaces/{space_id}/threads/{thread_id}/comments/{comment_id}",
    response={204: None, **ERRORS},
    url_name="space_comment_delete",
)
def space_comment_delete(
    request: HttpRequest, space_id: PathId, thread_id: PathId, comment_id: PathId
) -> Any:
    thread = _thread(request, space_id, thread_id)
    services.post_delete(user=request.user, post=_live(_comment(request, thread, comment_id)))
    return 204, None


def _boost_added(request: HttpRequest, post: Thread | Comment, text: str) -> Any:
    try:
        boost = services.boost_add(user=request.user, post=_live(post), text=text)
    except ValidationError as error:
        return validation_problem(error)
    boost.person = _me(request)
    return 201, _boost(boost)


@router.post(
    "/spaces/{space_id}/threads/{thread_id}/boosts",
    response={201: BoostOut, **ERRORS},
    url_name="space_thread_boost",
)
def space_thread_boost(
    request: HttpRequest, space_id: PathId, thread_id: PathId, payload: BoostIn
) -> Any:
    """Boost a thread: a short reaction everyone sees; it notifies no one."""
    return _boost_added(request, _thread(request, space_id, thread_id), payload.text)


@router.post(
    "/spaces/{space_id}/threads/{thread_id}/comments/{comment_id}/boosts",
    response={201: BoostOut, **ERRORS},
    url_name="space_comment_boost",
)
def space_comment_boost(
    request: HttpRequest,
    space_id: PathId,
    thread_id: PathId,
    comment_id: PathId,
    payload: BoostIn,
) -> Any:
    thread = _thread(request, space_id, thread_id)
    return _boost_added(request, _comment(request, thread, comment_id), payload.text)


@router.post(
    "/spaces/{space_id}/threads/{thread_id}/unsubscribe",
    response={200: SubscriptionOut, **ERRORS},
    url_name="space_thread_unsubscribe",
)
def space_thread_unsubscribe(request: HttpRequest, space_id: PathId, thread_id: PathId) -> Any:
    """No more emails of this thread's comments (an @mention still reaches you)."""
    thread = _thread(request, space_id, thread_id)
    notify.thread_unsubscribe(user=request.user, thread=thread)
    return {"thread_id": thread.pk, "unsubscribed": True}


@router.delete(
    "/spaces/{space_id}/threads/{thread_id}/unsubscribe",
    response={200: SubscriptionOut, **ERRORS},
    url_name="space_thread_resubscribe",
)
def space_thread_resubscribe(request: HttpRequest, space_id: PathId, thread_id: PathId) -> Any:
    """Hear of this thread's comments again, as your choice for the space says."""
    thread = _thread(request, space_id, thread_id)
    notify.thread_resubscribe(user=request.user, thread=thread)
    return {"thread_id": thread.pk, "unsubscribed": False}


# -- how you hear of spaces -------------------------------------------------------------


def _set(request: HttpRequest, frequency: str, space: Space | None) -> Any:
    person = _me(request)
    try:
        notify.setting_set(user=request.user, frequency=frequency, space=space)
    except ValidationError as error:
        return validation_problem(error)
    return 200, _setting(person, space)


@router.get(
    "/notification-settings", response={200: SettingOut, **ERRORS}, url_name="notification_setting"
)
def notification_setting(request: HttpRequest) -> Any:
    """How you hear of every space you have not chosen for on its own."""
    return _setting(_me(request), None)


@router.put(
    "/notification-settings",
    response={200: SettingOut, **ERRORS},
    url_name="notification_setting_set",
)
def notification_setting_set(request: HttpRequest, payload: SettingIn) -> Any:
    return _set(request, payload.frequency, None)


@router.get(
    "/spaces/{space_id}/notification-settings",
    response={200: SettingOut, **ERRORS},
    url_name="space_notification_setting",
)
def space_notification_setting(request: HttpRequest, space_id: PathId) -> Any:
    """How you hear of this space: its own choice, else your choice for every space."""
    return _setting(_me(request), access_space(request, space_id))


@router.put(
    "/spaces/{space_id}/notification-settings",
    response={200: SettingOut, **ERRORS},
    url_name="space_notification_setting_set",
)
def space_notification_setting_set(
    request: HttpRequest, space_id: PathId, payload: SettingIn
) -> Any:
    return _set(request, payload.frequency, access_space(request, space_id))


@router.delete(
    "/spaces/{space_id}/notification-settings",
    response={200: SettingOut, **ERRORS},
    url_name="space_notification_setting_clear",
)
def space_notification_setting_clear(request: HttpRequest, space_id: PathId) -> Any:
    """This space follows your choice for every space again."""
    space = access_space(request, space_id)
    notify.setting_clear(user=request.user, space=space)
    return _setting(_me(request), space)


# The documents' operations join this router (a module of their own, for its length).
from mathshubs.collaboration import api_documents  # noqa: E402, F401
