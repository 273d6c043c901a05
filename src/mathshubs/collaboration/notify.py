"""Who hears of a post, and how (ISSUE 13, part 4).

Each person chooses per space, with a choice for every other space: "Each message" (an
email for each new thread or comment), "Daily digest" (one email at 07:00 London with the
day before's news, digest.py) or "None". "Unsubscribe me" takes someone off one thread's
emails. An @mention of a member emails them straight away whatever they chose, unless
they chose "None" for the space; a boost notifies no one. A post scheduled for the next
working morning is emailed when it goes (`scheduled_send`, every few minutes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mathshubs.collaboration.membership import can_read, members, members_by_space
from mathshubs.collaboration.models import (
    DEFAULT_FREQUENCY,
    Comment,
    Frequency,
    Mention,
    NotificationSetting,
    Space,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.collaboration.sanitise import plain
from mathshubs.directory.models import Person, Role, RoleAssignment
from mathshubs.ops import leases

FREQUENCY_WRONG = "Choose each message, daily digest or none"
NOT_A_MEMBER = "Only the space's members change how they hear of it."


# -- settings ---------------------------------------------------------------------------


def frequency_of(person: Person, space: Space | None = None) -> str:
    """The person's choice for the space, else for every space, else the default."""
    return Frequencies([person.pk], [space.pk] if space else []).of(
        person.pk, space.pk if space else 0
    )


def setting_set(*, user: Any, frequency: str, space: Space | None = None) -> str:
    """Set the person's choice for one space, or (`space` None) for every space they have
    not set on its own. Returns the choice."""
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": FREQUENCY_WRONG})
    if space is not None and not can_read(user, space):
        raise PermissionDenied(NOT_A_MEMBER)
    NotificationSetting.objects.update_or_create(
        person=user.person, space=space, defaults={"frequency": frequency}
    )
    return frequency


def setting_clear(*, user: Any, space: Space) -> None:
    """A space follows the person's choice for every space again."""
    NotificationSetting.objects.filter(person=user.person, space=space).delete()


def thread_unsubscribe(*, user: Any, thread: Thread) -> None:
    """ "Unsubscribe me": no emails of the thread's new comments (still readable; an
    @mention still reaches them)."""
    if not can_read(user, thread.space):
        raise PermissionDenied(NOT_A_MEMBER)
    thread_stop(user.person, thread)


def thread_stop(person: Person, thread: Thread) -> None:
    ThreadUnsubscribe.objects.get_or_create(thread=thread, person=person)


def thread_resubscribe(*, user: Any, thread: Thread) -> None:
    ThreadUnsubscribe.objects.filter(thread=thread, person=user.person).delete()


def is_unsubscribed(person: Person, thread: Thread) -> bool:
    return ThreadUnsubscribe.objects.filter(thread=thread, person=person).exists()


# -- who hears -------------------------------------------------------------------------


class Frequencies:
    """Everyone's choices for some spaces, read in one query: `of(person, space)`."""

    def __init__(self, person_ids: Iterable[int], space_ids: Iterable[int]) -> None:
        self._rows: dict[tuple[int, int | None], str] = {
            (person, space): frequency
            for person, space, frequency in NotificationSetting.objects.filter(
                Q(space_id__in=list(space_ids)) | Q(space__isnull=True),
                person_id__in=list(person_ids),
            ).values_list("person_id", "space_id", "frequency")
        }

    def of(self, person_id: int, space_id: int) -> str:
        own = self._rows.get((person_id, space_id))
        return own or self._rows.get((person_id, None), DEFAULT_FREQUENCY)

    def chosen(self, space_id: int) -> set[int]:
        """People who set this space on its own to be told of it (each or digest)."""
        return {
            person
            for (person, space), frequency in self._rows.items()
            if space == space_id and frequency != Frequency.NONE
        }


def audience(spaces: list[Space]) -> dict[int, set[int]]:
    """Who may be told of each space's news: its members, and anyone of the national team
    (who read every space) who chose to hear of that space on its own."""
    found = members_by_space(spaces)
    national = set(
        RoleAssignment.objects.filter(role=Role.NATIONAL_TEAM).values_list("person_id", flat=True)
    )
    chosen = NotificationSetting.objects.filter(space__in=spaces, person_id__in=national).exclude(
        frequency=Frequency.NONE
    )
    for space_id, person_id in chosen.values_list("space_id", "person_id"):
        found[space_id].add(person_id)
    return found


# -- @mentions --------------------------------------------------------------------------


def mentioned_in(text: str, people: Iterable[tuple[int, str]]) -> set[int]:
    """Who of `people` (id, full name) the words name as "@Full Name" (any case; a name
    must end where a word ends: "@Sam Pat" is not "@Sam Patel")."""
    lowered = text.lower()
    found = set()
    for person_id, name in people:
        name = name.strip().lower()
        if not name:
            continue
        pattern = "@" + re.escape(name).replace(r"\ ", r"\s+") + r"(?!\w)"
        if re.search(pattern, lowered):
            found.add(person_id)
    return found


def mentions_record(post: Thread | Comment) -> list[int]:
    """Record the post's @mentions of the space's members (not the author); returns the
    people newly mentioned (an edit that adds a name mentions them then)."""
    text = plain(post.body)
    if "@" not in text:
        return []
    thread = post if isinstance(post, Thread) else post.thread
    people = (
        members(thread.space)
        .exclude(pk=post.author_id)
        .values_list("pk", "first_name", "last_name")
    )
    named = mentioned_in(text, ((pk, f"{first} {last}") for pk, first, last in people))
    comment = post if isinstance(post, Comment) else None
    already = set(
        Mention.objects.filter(thread=thread, comment=comment).values_list("person_id", flat=True)
    )
    new = sorted(named - already)
    Mention.objects.bulk_create(
        [Mention(thread=thread, comment=comment, person_id=pk, at=post.posted_at) for pk in new]
    )
    return new


# -- posting ----------------------------------------------------------------------------


def _kind(post: Thread | Comment) -> str:
    return "thread" if isinstance(post, Thread) else "comment"


def post_made(post: Thread | Comment) -> None:
    """Called inside the post's transaction: its @mentions are recorded; its emails go once
    it commits, or (scheduled for the next working morning) when it goes."""
    mentions_record(post)
    if post.posted_at > timezone.now():
        return  # scheduled_send sends them when the post goes
    from mathshubs.collaboration.tasks import post_notify

    kind, pk = _kind(post), post.pk
    transaction.on_commit(lambda: post_notify.enqueue(kind=kind, post_id=pk))


def post_edited(post: Thread | Comment) -> None:
    """Called inside an edit's transaction: people newly @mentioned are told (once the
    post has gone out; a scheduled post tells them when it goes)."""
    new = mentions_record(post)
    gone_out = type(post).objects.filter(pk=post.pk, notified_at__isnull=False).exists()
    if not new or not gone_out:
        return
    from mathshubs.collaboration.tasks import post_notify

    kind, pk = _kind(post), post.pk
    transaction.on_commit(lambda: post_notify.enqueue(kind=kind, post_id=pk, only=new))


# -- sending (run by the task worker: tasks.py) ------------------------------------------


def _post(kind: str, post_id: int) -> Thread | Comment | None:
    if kind == "thread":
        return Thread.objects.select_related("space", "author").filter(pk=post_id).first()
    return (
        Comment.objects.select_related("thread__space", "author", "thread")
        .filter(pk=post_id)
        .first()
    )


def post_notify(*, kind: str, post_id: int, only: list[int] | None = None, now: Any = None) -> int:
    """The emails of a post that has gone out: "mentioned you" to the people it
    @mentions (unless they chose None for the space), the post to those who chose "Each
    message" (a comment not to those unsubscribed from its thread), never to its author.
    Once per post: the first run claims `notified_at`. `only`: people newly mentioned
    by an edit, told once the post had already gone."""
    from mathshubs.collaboration.emails import post_messages
    from mathshubs.mail import send_all

    now = now or timezone.now()
    post = _post(kind, post_id)
    if post is None or post.deleted_at is not None or post.posted_at > now:
        return 0
    model = type(post)
    # Once per post; the same task run again after its worker died carries on.
    if only is None and not leases.claim_update(
        model.objects.filter(pk=post.pk, notified_at__isnull=True),
        key=f"post-{kind}:{post.pk}",
        notified_at=now,
    ):
        return 0
    thread = post if isinstance(post, Thread) else post.thread
    space = thread.space
    audience_ids = audience([space])[space.pk] - {post.author_id}
    mentions = Mention.objects.filter(
        thread=thread, comment=post if isinstance(post, Comment) else None
    )
    mentioned = set(mentions.values_list("person_id", flat=True)) & audience_ids
    choices = Frequencies(audience_ids, [space.pk])
    hearing = {pk for pk in audience_ids if choices.of(pk, space.pk) != Frequency.NONE}
    if only is not None:
        told = set(only) & mentioned & hearing
    else:
        each = {pk for pk in hearing if choices.of(pk, space.pk) == Frequency.EACH}
        if kind == "comment":
            each -= set(
                ThreadUnsubscribe.objects.filter(thread=thread).values_list("person_id", flat=True)
            )
        told = (mentioned & hearing) | each
    people = list(
        Person.objects.filter(pk__in=told)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", "email", "first_name")
    )
    return send_all(post_messages(post, people, mention_ids=mentioned))


def scheduled_send(*, now: Any = None) -> int:
    """Every few minutes: the posts whose scheduled time has come go out (their emails
    sent, a comment's thread moved up)."""
    now = now or timezone.now()
    sent = 0
    for model, kind in ((Thread, "thread"), (Comment, "comment")):
        earlier = leases.claimed_earlier(f"post-{kind}:")
        due = model.objects.filter(
            Q(notified_at__isnull=True) | Q(pk__in=earlier),
            deleted_at__isnull=True,
            posted_at__lte=now,
        ).order_by("posted_at")
        for post in due.only("id", "posted_at")[:500]:
            if kind == "comment":
                moved = Thread.objects.filter(comments__pk=post.pk)
                moved.filter(last_activity_at__lt=post.posted_at).update(
                    last_activity_at=post.posted_at
                )
            sent += post_notify(kind=kind, post_id=post.pk, now=now)
    return sent


def digest_stop(person: Person) -> None:
    """The digest's one-click unsubscribe: every space that was on the digest is set to
    None (a space on "Each message" stays so)."""
    with transaction.atomic():
        NotificationSetting.objects.filter(person=person, frequency=Frequency.DIGEST).update(
            frequency=Frequency.NONE
        )
        NotificationSetting.objects.get_or_create(
            person=person, space=None, defaults={"frequency": Frequency.NONE}
        )


def space_stop(person: Person, space: Space) -> None:
    """A mention email's one-click unsubscribe: no more emails from the space."""
    NotificationSetting.objects.update_or_create(
        person=person, space=space, defaults={"frequency": Frequency.NONE}
    )
