"""The spaces' emails (ISSUE 13, part 4): a new thread or comment ("Each message"), an
@mention, and the daily digest (digest.py). Plain text, to each person's main contact
email, like every email the platform sends.

Every one carries a one-click unsubscribe (RFC 8058): a `List-Unsubscribe` header with
an address holding a signed token, and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
so a mail program can unsubscribe with one POST, no sign-in. What it stops is what the
email was about: a new comment's email takes the person off that thread ("Unsubscribe
me"); an @mention's email stops emails from that space; the digest's stops the digest.
The same address opened in a browser asks before it acts (a link checker that follows
links must not unsubscribe anyone).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from mathshubs.collaboration.models import Comment, Thread
from mathshubs.collaboration.sanitise import plain
from mathshubs.mail import site_url

SALT = "mathshubs.collaboration.unsubscribe"
THREAD, SPACE, DIGEST = "thread", "space", "digest"
WHATS = (THREAD, SPACE, DIGEST)
EXCERPT = 1500  # characters of a post an email quotes; the rest is a click away


def unsubscribe_token(person_id: int, what: str, target: int = 0) -> str:
    """A signed, unguessable token for one person's one unsubscribe."""
    return signing.dumps([person_id, what, target], salt=SALT)


def unsubscribe_read(token: str) -> tuple[int, str, int] | None:
    """(person id, what, target id) from a token this site made; None if forged."""
    try:
        person_id, what, target = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(person_id, int) and isinstance(target, int) and what in WHATS):
        return None
    return person_id, what, target


def unsubscribe_url(person_id: int, what: str, target: int = 0) -> str:
    token = unsubscribe_token(person_id, what, target)
    return site_url(reverse("collaboration:unsubscribe", args=[token]))


def _headers(unsubscribe: str, list_id: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<{list_id}>",
    }


def _list_id(name: str) -> str:
    """A List-Id (RFC 2919) on this site's host: mail programs group and filter by it."""
    return f"{name}.{urlsplit(settings.SITE_URL).hostname or 'mathshubs'}"


def post_url(post: Thread | Comment) -> str:
    thread = post if isinstance(post, Thread) else post.thread
    path = reverse("collaboration:thread", args=[thread.space_id, thread.pk])
    return site_url(path + (f"#comment-{post.pk}" if isinstance(post, Comment) else ""))


def settings_url() -> str:
    return site_url(reverse("collaboration:notifications"))


def excerpt(html: str) -> str:
    words = plain(html)
    return words if len(words) <= EXCERPT else words[:EXCERPT].rsplit(" ", 1)[0] + " …"


def post_messages(
    post: Thread | Comment, people: list[tuple[int, str, str]], *, mention_ids: set[int]
) -> Iterator[EmailMessage]:
    """One email per person (id, email, first name): "mentioned you" to those in
    `mention_ids`, the new thread or comment to the others."""
    thread = post if isinstance(post, Thread) else post.thread
    space = thread.space
    author = post.author.full_name
    context: dict[str, Any] = {
        "space": space,
        "thread": thread,
        "is_comment": isinstance(post, Comment),
        "author": author,
        "words": excerpt(post.body),
        "link": post_url(post),
        "settings_link": settings_url(),
    }
    if isinstance(post, Comment):
        subject = f"{author} commented on {thread.title} ({space.name})"
    else:
        subject = f"New thread in {space.name}: {thread.title}"
    for person_id, email, first_name in people:
        mentioned = person_id in mention_ids
        if mentioned:
            what, target = SPACE, space.pk
            subject_for = f"{author} mentioned you in {thread.title} ({space.name})"
        else:
            what, target = THREAD, thread.pk
            subject_for = subject
        unsubscribe = unsubscribe_url(person_id, what, target)
        body = render_to_string(
            "collaboration/emails/post.txt",
            {**context, "first_name": first_name, "mentioned": mentioned, "stop": unsubscribe},
        )
        yield EmailMessage(
            subject=subject_for,
            body=body.strip() + "\n",
            to=[email],
            headers=_headers(unsubscribe, _list_id(f"space-{space.pk}")),
        )


def digest_message(
    *, person_id: int, email: str, first_name: str, day_words: str, spaces: list[Any]
) -> EmailMessage:
    """The daily digest: `spaces` in order, each with its new threads, comments and
    documents of the day (digest.py)."""
    unsubscribe = unsubscribe_url(person_id, DIGEST)
    body = render_to_string(
        "collaboration/emails/digest.txt",
        {
            "first_name": first_name,
            "day": day_words,
            "spaces": spaces,
            "settings_link": settings_url(),
            "stop": unsubscribe,
        },
    )
    return EmailMessage(
        subject=f"Your spaces on {day_words}",
        body=body.strip() + "\n",
        to=[email],
        headers=_headers(unsubscribe, _list_id("digest")),
    )
