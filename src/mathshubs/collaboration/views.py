"""The spaces' pages (ISSUE 13): your spaces, a space's threads, a thread with its
comments and boosts; posting, boosting and taking a post down."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mathshubs.collaboration import notify, services
from mathshubs.collaboration.membership import (
    can_manage,
    can_read,
    space_of_activity,
    spaces_for,
)
from mathshubs.collaboration.models import Boost, Comment, Frequency, PostRevision, Space, Thread
from mathshubs.collaboration.selectors import comments_seen, posted, threads_seen
from mathshubs.collaboration.visits import News, news_for, visit_record
from mathshubs.dates import academic_year_label, in_working_hours, next_working_morning
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.views import _paginate

NOT_FOUND = "There is no such space, or you are not one of its members"
THREADS_PER_PAGE = 30


def _space(request: HttpRequest, space_id: int) -> Space:
    space = Space.objects.filter(pk=space_id).first()
    if space is None or not can_read(request.user, space):
        raise Http404(NOT_FOUND)
    return space


def _documents_of(space: Space) -> Any:
    from mathshubs.collaboration.document_views import documents_of

    return documents_of(space)


def _hearing(request: HttpRequest, space: Space) -> dict[str, Any]:
    """How the person hears of the space, and (outside working hours) the next working
    morning a post may wait for."""
    now = timezone.now()
    frequency = notify.frequency_of(request.user.person, space)
    return {
        "frequency_label": Frequency(frequency).label,
        "morning": None if in_working_hours(now) else next_working_morning(now),
    }


def _thread(request: HttpRequest, space: Space, thread_id: int) -> Thread:
    thread = (
        space.threads.select_related("author").filter(posted(request.user), pk=thread_id).first()
    )
    if thread is None:
        raise Http404(NOT_FOUND)
    return thread


@login_required
def space_list(request: HttpRequest) -> HttpResponse:
    year = programme_year_for(request.user)  # the programme's year: the latest held
    spaces = spaces_for(request.user, year)
    counts = dict(
        threads_seen(request.user, Thread.objects.filter(space__in=spaces))
        .values_list("space_id")
        .annotate(n=Count("pk"))
        .values_list("space_id", "n")
    )
    news = news_for(request.user, spaces)
    rows = [(space, counts.get(space.pk, 0), news.get(space.pk, News())) for space in spaces]
    context = {"rows": rows, "year_label": academic_year_label(year)}
    return render(request, "collaboration/space_list.html", context)


@login_required
def space_detail(request: HttpRequest, space_id: int) -> HttpResponse:
    space = _space(request, space_id)
    visit_record(request.user, space)
    threads = (
        threads_seen(request.user, space.threads.all())
        .select_related("author")
        .annotate(
            comment_count=Count(
                "comments",
                filter=Q(
                    comments__deleted_at__isnull=True, comments__posted_at__lte=timezone.now()
                ),
            )
        )
        .order_by("-last_activity_at", "-pk")
    )
    page, pagination = _paginate(request, threads, THREADS_PER_PAGE)
    context = {
        "space": space,
        "page": page,
        "pagination": pagination,
        "errors": {},
        "typed": {},
        "documents": _documents_of(space),
        **_hearing(request, space),
    }
    return render(request, "collaboration/space.html", context)


@login_required
@require_POST
def thread_create(request: HttpRequest, space_id: int) -> HttpResponse:
    space = _space(request, space_id)
    title, text = request.POST.get("title", ""), request.POST.get("body", "")
    when = request.POST.get("when", "now")
    try:
        thread = services.thread_post(
            user=request.user, space=space, title=title, text=text, scheduled=when == "morning"
        )
    except ValidationError as error:
        context = {
            "space": space,
            "page": None,
            "pagination": {},
            "errors": {k: v[0] for k, v in error.message_dict.items()},
            "typed": {"title": title, "body": text, "when": when},
            "documents": _documents_of(space),
            **_hearing(request, space),
        }
        return render(request, "collaboration/space.html", context, status=400)
    return redirect("collaboration:thread", space_id=space.pk, thread_id=thread.pk)


def _thread_context(request: HttpRequest, space: Space, thread: Thread) -> dict[str, Any]:
    boosts = Prefetch(
        "boosts",
        queryset=Boost.objects.select_related("person").order_by("pk"),
        to_attr="boost_list",  # a list: no queryset cloned per comment
    )
    comments = (
        comments_seen(request.user, thread.comments.all())
        .select_related("author")
        .prefetch_related(boosts)
        .order_by("posted_at", "pk")
    )
    thread_boosts = list(thread.boosts.select_related("person").order_by("pk"))
    manager = can_manage(request.user, space)
    return {
        "space": space,
        "thread": thread,
        "thread_boosts": thread_boosts,
        "comments": comments,
        "manager": manager,
        "me": request.user.person,
        "history": (
            PostRevision.objects.filter(Q(thread=thread) | Q(comment__thread=thread))
            .select_related("by")
            .order_by("-at")
            if manager
            else []
        ),
        "errors": {},
        "typed": "",
        "when": "now",
        "unsubscribed": notify.is_unsubscribed(request.user.person, thread),
        **_hearing(request, space),
    }


@login_required
def thread_detail(request: HttpRequest, space_id: int, thread_id: int) -> HttpResponse:
    space = _space(request, space_id)
    thread = _thread(request, space, thread_id)
    visit_record(request.user, space)
    return render(request, "collaboration/thread.html", _thread_context(request, space, thread))


@login_required
@require_POST
def comment_create(request: HttpRequest, space_id: int, thread_id: int) -> HttpResponse:
    space = _space(request, space_id)
    thread = _thread(request, space, thread_id)
    text, when = request.POST.get("body", ""), request.POST.get("when", "now")
    try:
        comment = services.comment_post(
            user=request.user, thread=thread, text=text, scheduled=when == "morning"
        )
    except ValidationError as error:
        context = _thread_context(request, space, thread)
        context.update(errors={"body": error.messages[0]}, typed=text, when=when)
        return render(request, "collaboration/thread.html", context, status=400)
    url = reverse("collaboration:thread", args=[space.pk, thread.pk])
    return redirect(f"{url}#comment-{comment.pk}")


def _post(request: HttpRequest, thread: Thread) -> Thread | Comment:
    """The thread itself, or one of its comments (`comment` in the form)."""
    return _post_of(request.user, thread, request.POST.get("comment", ""))


def _post_of(user: Any, thread: Thread, comment_id: str) -> Thread | Comment:
    if not comment_id:
        return thread
    comment = (
        comments_seen(
            user, thread.comments.filter(pk=int(comment_id), deleted_at__isnull=True)
        ).first()
        if comment_id.isdigit() and len(comment_id) < 19
        else None
    )
    if comment is None:
        raise Http404(NOT_FOUND)
    return comment


@login_required
@require_POST
def boost(request: HttpRequest, space_id: int, thread_id: int) -> HttpResponse:
    space = _space(request, space_id)
    thread = _thread(request, space, thread_id)
    post = _post(request, thread)
    try:
        services.boost_add(user=request.user, post=post, text=request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    anchor = f"#comment-{post.pk}" if isinstance(post, Comment) else ""
    return redirect(reverse("collaboration:thread", args=[space.pk, thread.pk]) + anchor)


@login_required
def post_edit(request: HttpRequest, space_id: int, thread_id: int) -> HttpResponse:
    """Change a thread (its title and message) or one of its comments (`?comment=`): its
    author or a manager; what it said before is kept for the managers."""
    space = _space(request, space_id)
    thread = _thread(request, space, thread_id)
    source = request.POST if request.method == "POST" else request.GET
    post = _post_of(request.user, thread, source.get("comment", ""))
    if post.deleted_at is not None:
        raise Http404(NOT_FOUND)
    typed = {"title": getattr(post, "title", ""), "body": post.body}
    errors: dict[str, str] = {}
    if request.method == "POST":
        typed = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        try:
            services.post_edit(
                user=request.user, post=post, text=typed["body"], title=typed["title"]
            )
        except ValidationError as error:
            errors = {key: value[0] for key, value in error.message_dict.items()}
        else:
            url = reverse("collaboration:thread", args=[space.pk, thread.pk])
            anchor = f"#comment-{post.pk}" if isinstance(post, Comment) else ""
            return redirect(url + anchor)
    elif not services.may_change(request.user, post):
        raise PermissionDenied(services.NOT_YOURS)
    context = {
        "space": space,
        "thread": thread,
        "post": post,
        "is_comment": isinstance(post, Comment),
        "typed": typed,
        "errors": errors,
    }
    return render(request, "collaboration/post_edit.html", context, status=400 if errors else 200)


@login_required
@require_POST
def post_delete(request: HttpRequest, space_id: int, thread_id: int) -> HttpResponse:
    space = _space(request, space_id)
    thread = _thread(request, space, thread_id)
    post = _post(request, thread)
    services.post_delete(user=request.user, post=post)
    if isinstance(post, Thread):
        return redirect("collaboration:space", space_id=space.pk)
    return redirect("collaboration:thread", space_id=space.pk, thread_id=thread.pk)


@login_required
def activity_space(request: HttpRequest, activity_id: int) -> HttpResponse:
    """From an activity's page to its space (made the first time it is opened)."""
    from mathshubs.activities.models import Activity

    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        raise Http404(NOT_FOUND)
    space = space_of_activity(activity)
    if not can_read(request.user, space):
        raise Http404(NOT_FOUND)
    return redirect("collaboration:space", space_id=space.pk)


urlpatterns = [
    path("spaces/", space_list, name="spaces"),
    path("spaces/activity/<id:activity_id>/", activity_space, name="activity_space"),
    path("spaces/<id:space_id>/", space_detail, name="space"),
    path("spaces/<id:space_id>/threads/", thread_create, name="thread_create"),
    path("spaces/<id:space_id>/threads/<id:thread_id>/", thread_detail, name="thread"),
    path(
        "spaces/<id:space_id>/threads/<id:thread_id>/comments/",
        comment_create,
        name="comment_create",
    ),
    path("spaces/<id:space_id>/threads/<id:thread_id>/boost/", boost, name="boost"),
    path("spaces/<id:space_id>/threads/<id:thread_id>/delete/", post_delete, name="delete"),
    path("spaces/<id:space_id>/threads/<id:thread_id>/edit/", post_edit, name="edit"),
]
