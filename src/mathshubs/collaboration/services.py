"""Writes to a space (ISSUE 13, part 2): threads and comments in safe rich text, edits and
deletions kept as history, boosts. Each checks the writer may read the space (members
post; an edit or deletion is the author's, or a manager's)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mathshubs.collaboration import notify
from mathshubs.collaboration.membership import can_manage, can_read
from mathshubs.collaboration.models import Boost, Comment, PostRevision, Space, Thread
from mathshubs.collaboration.sanitise import plain, sanitise
from mathshubs.dates import next_working_morning

NOT_A_MEMBER = "Only the space's members post in it."
NOT_YOURS = "Only its author or the space's managers change a post."
TITLE_MISSING = "Give the thread a title"
BODY_MISSING = "Write something: the message is empty once unsafe formatting is removed"
THREAD_TAKEN_DOWN = "This thread was taken down: it takes no more comments"
BOOST_MISSING = "Write a boost of 16 characters at most, like Thanks! or 👍"


def _body(text: str) -> str:
    body = sanitise(text)
    if not plain(body):
        raise ValidationError({"body": BODY_MISSING})
    return body


def _posted_at(scheduled: bool, now: dt.datetime | None = None) -> dt.datetime:
    """Now, or (when the author chose to wait) the next working morning at 08:00."""
    now = now or timezone.now()
    return next_working_morning(now) if scheduled else now


def thread_post(
    *, user: Any, space: Space, title: str, text: str, scheduled: bool = False
) -> Thread:
    """A new thread; `scheduled`: it goes at the next working morning, not now."""
    if not can_read(user, space):
        raise PermissionDenied(NOT_A_MEMBER)
    problems: dict[str, Any] = {}
    if not (title or "").strip():
        problems["title"] = TITLE_MISSING
    try:
        body = _body(text)
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    posted_at = _posted_at(scheduled)
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            author=user.person,
            title=title.strip()[:200],
            body=body,
            posted_at=posted_at,
        )
        Thread.objects.filter(pk=thread.pk).update(last_activity_at=posted_at)
        notify.post_made(thread)
    return thread


def comment_post(*, user: Any, thread: Thread, text: str, scheduled: bool = False) -> Comment:
    """A comment on a thread; `scheduled` as for a thread."""
    if not can_read(user, thread.space):
        raise PermissionDenied(NOT_A_MEMBER)
    if thread.deleted_at is not None:
        raise ValidationError({"body": THREAD_TAKEN_DOWN})
    body = _body(text)
    posted_at = _posted_at(scheduled)
    with transaction.atomic():
        comment = Comment.objects.create(
            thread=thread, author=user.person, body=body, posted_at=posted_at
        )
        if not scheduled:  # a scheduled comment moves its thread up when it goes
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=posted_at)
        notify.post_made(comment)
    return comment


def may_change(user: Any, post: Thread | Comment) -> bool:
    """A post is changed (edited, taken down) by its author while a member, or by a
    manager of its space."""
    space = post.space if isinstance(post, Thread) else post.thread.space
    person = getattr(user, "person", None)
    mine = person is not None and person.pk == post.author_id and can_read(user, space)
    return mine or can_manage(user, space)


def _may_change(user: Any, post: Thread | Comment) -> None:
    if not may_change(user, post):
        raise PermissionDenied(NOT_YOURS)


def _keep(post: Thread | Comment, action: str, user: Any) -> None:
    """What a post says before it changes, for the space's managers."""
    PostRevision.objects.create(
        thread=post if isinstance(post, Thread) else None,
        comment=post if isinstance(post, Comment) else None,
        title=getattr(post, "title", ""),
        body=post.body,
        action=action,
        by=user.person,
    )


def post_edit(*, user: Any, post: Thread | Comment, text: str, title: str = "") -> None:
    """Change a thread or comment; what it said before is kept for the managers."""
    _may_change(user, post)
    body = _body(text)
    with transaction.atomic():
        _keep(post, "edited", user)
        post.body, post.edited_at = body, timezone.now()
        if isinstance(post, Thread) and title.strip():
            post.title = title.strip()[:200]
        # Only what changed: the row's other fields (when its emails went) are not ours.
        post.save(
            update_fields=["body", "edited_at", *(["title"] if isinstance(post, Thread) else [])]
        )
        notify.post_edited(post)


def post_delete(*, user: Any, post: Thread | Comment) -> None:
    """Take a post down: its words are kept for the managers, no one else reads them."""
    _may_change(user, post)
    if post.deleted_at is not None:
        return  # taken down already: nothing more to keep
    with transaction.atomic():
        _keep(post, "deleted", user)
        post.body, post.deleted_at = "", timezone.now()
        post.save(update_fields=["body", "deleted_at"])


def boost_add(*, user: Any, post: Thread | Comment, text: str) -> Boost:
    """A short reaction everyone sees; it notifies no one."""
    space = post.space if isinstance(post, Thread) else post.thread.space
    if not can_read(user, space):
        raise PermissionDenied(NOT_A_MEMBER)
    text = plain(text or "")
    if not text or len(text) > 16:
        raise ValidationError({"text": BOOST_MISSING})
    return Boost.objects.create(
        thread=post if isinstance(post, Thread) else None,
        comment=post if isinstance(post, Comment) else None,
        person=user.person,
        text=text,
    )
