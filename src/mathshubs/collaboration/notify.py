"""Who hears of a post, and when (ISSUE 13, part 4). Filled in below."""

from __future__ import annotations

from mathshubs.collaboration.models import Comment, Thread


def post_made(post: Thread | Comment) -> None:
    """Called inside the post's transaction."""
