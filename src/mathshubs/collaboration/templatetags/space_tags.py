"""The spaces' hot loops, in Python: a thread's comments (hundreds of them, each with its
boosts and forms) and their dates ("6 Dec 2026 10:53" in London time). The template
engine resolving a dozen variables per comment made a thread of 200 comments cost ~45 ms;
this costs a few."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from mathshubs.dates import LONDON

register = template.Library()


@register.filter
def posted(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%b %Y %H:%M}"


def _boosts(comment: Any) -> str:
    boosts = getattr(comment, "boost_list", None) or []
    if not boosts:
        return ""
    tags = "".join(
        '<span class="govuk-tag govuk-tag--grey govuk-!-margin-right-1" '
        f'title="{escape(b.person.full_name)}">{escape(b.text)} '
        '<span class="govuk-visually-hidden">from</span> '
        f"{escape(b.person.first_name)}</span>"
        for b in boosts
    )
    return f'<p class="govuk-body-s" id="boosts-{comment.pk}">{tags}</p>'


@register.simple_tag(takes_context=True)
def comment_list(context: Any, comments: Any) -> SafeString:
    """Every comment of a thread: who and when, the words (sanitised on the way in), its
    boosts and the form to boost it, and Edit / Take down for its author or a manager.
    The same markup as the thread's own post (thread.html, _boosts.html)."""
    token = str(context.get("csrf_token", ""))
    csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
    manager, me = context.get("manager"), context.get("me")
    me_pk = getattr(me, "pk", None)
    boost_url, edit_url, delete_url = (
        escape(context.get(name, "")) for name in ("boost_url", "edit_url", "delete_url")
    )
    parts = []
    for comment in comments:
        pk, name = comment.pk, escape(comment.author.full_name)
        edited = " (edited)" if comment.edited_at else ""
        head = (
            f'<div class="govuk-!-margin-bottom-6" id="comment-{pk}">'
            f'<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>{name}</strong>, '
            f"{posted(comment.posted_at)}{edited}</p>"
        )
        if comment.deleted_at:
            parts.append(
                head + '<p class="govuk-body govuk-hint">This comment was taken down.</p></div>'
            )
            continue
        scheduled = (
            '<div class="govuk-inset-text govuk-!-margin-top-1 govuk-!-margin-bottom-2">'
            f"Scheduled: it goes at {scheduled_words(comment.posted_at)}. "
            "Until then only you see it.</div>"
            if comment.scheduled
            else ""
        )
        boost_form = (
            '<details class="mh-boost"><summary>Add a boost'
            '<span class="govuk-visually-hidden"> to this comment</span></summary>'
            f'<form method="post" action="{boost_url}">{csrf}'
            f'<input type="hidden" name="comment" value="{pk}">'
            '<label class="govuk-label govuk-body-s govuk-!-display-inline" '
            f'for="boost-{pk}">Boost this comment</label> '
            '<input class="govuk-input govuk-input--width-10 govuk-!-margin-left-1" '
            f'id="boost-{pk}" name="text" type="text" maxlength="16" autocomplete="off"> '
            '<button type="submit" class="govuk-button govuk-button--secondary '
            'govuk-!-margin-bottom-0" data-module="govuk-button">Boost'
            '<span class="govuk-visually-hidden"> this comment</span></button></form></details>'
        )
        change = ""
        if manager or comment.author_id == me_pk:
            change = (
                f'<a class="govuk-link govuk-body-s" href="{edit_url}?comment={pk}">Edit'
                f'<span class="govuk-visually-hidden"> the comment of {name}</span></a>'
                f'<form method="post" action="{delete_url}">{csrf}'
                f'<input type="hidden" name="comment" value="{pk}">'
                '<button type="submit" class="mh-link-button govuk-body-s">Take down'
                f'<span class="govuk-visually-hidden"> the comment of {name}</span>'
                "</button></form>"
            )
        parts.append(
            head
            + scheduled
            + f'<div class="govuk-body mh-post">{comment.body}</div>'  # sanitised HTML
            + _boosts(comment)
            + boost_form
            + change
            + "</div>"
        )
    return mark_safe("\n".join(parts))  # noqa: S308 (every value above is escaped or sanitised)


@register.filter
def scheduled_words(moment: dt.datetime) -> str:
    """When a scheduled post goes: "08:00 on Monday 7 December"."""
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B}"
