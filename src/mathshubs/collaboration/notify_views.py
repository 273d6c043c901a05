"""How a person hears of their spaces (ISSUE 13, part 4): their notification settings
(for every space and space by space), "Unsubscribe me" on a thread, and the one-click
unsubscribe address every email carries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mathshubs.collaboration import notify
from mathshubs.collaboration.emails import DIGEST, SPACE, THREAD, unsubscribe_read
from mathshubs.collaboration.membership import spaces_for
from mathshubs.collaboration.models import (
    DEFAULT_FREQUENCY,
    Frequency,
    NotificationSetting,
    Space,
    Thread,
)
from mathshubs.collaboration.views import _space, _thread
from mathshubs.directory.models import Person
from mathshubs.directory.rules import programme_year_for

SAVED = "Your notification settings are saved"
SAME = "same"  # a space that follows the choice for every space
LINK_WRONG = (
    "This unsubscribe link is not one we sent, or it was cut short: copy the whole link "
    "from the email, or change your notification settings after signing in"
)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """Profile > Change your notification settings: a choice for every space, and one for
    each space that should differ."""
    person = request.user.person
    spaces = spaces_for(request.user, programme_year_for(request.user))
    own = dict(
        NotificationSetting.objects.filter(person=person).values_list("space_id", "frequency")
    )
    errors: dict[str, str] = {}
    if request.method == "POST":
        every = request.POST.get("every", "")
        if every not in Frequency.values:
            errors["every"] = notify.FREQUENCY_WRONG
        chosen = {space.pk: request.POST.get(f"space-{space.pk}", SAME) for space in spaces}
        for space_id, value in chosen.items():
            if value != SAME and value not in Frequency.values:
                errors[f"space-{space_id}"] = notify.FREQUENCY_WRONG
        if not errors:
            notify.setting_set(user=request.user, frequency=every)
            by_pk = {space.pk: space for space in spaces}
            for space_id, value in chosen.items():
                if value == SAME:
                    notify.setting_clear(user=request.user, space=by_pk[space_id])
                elif own.get(space_id) != value:
                    notify.setting_set(user=request.user, frequency=value, space=by_pk[space_id])
            messages.success(request, SAVED)
            return redirect("collaboration:notifications")
        own = {None: every, **{k: v for k, v in chosen.items() if v != SAME}}
    rows = [(space, own.get(space.pk, SAME), errors.get(f"space-{space.pk}")) for space in spaces]
    context = {
        "every": own.get(None, DEFAULT_FREQUENCY),
        "rows": rows,
        "choices": Frequency.choices,
        "errors": errors,
        "unsubscribed": Thread.objects.filter(unsubscribed__person=person)
        .select_related("space")
        .order_by("-last_activity_at")[:50],
    }
    status = 400 if errors else 200
    return render(request, "collaboration/notifications.html", context, status=status)


@login_required
@require_POST
def subscription(request: HttpRequest, space_id: int, thread_id: int) -> HttpResponse:
    """Unsubscribe me / Subscribe me again, at the bottom of a thread."""
    space = _space(request, space_id)
    thread = _thread(request, space, thread_id)
    if request.POST.get("action") == "subscribe":
        notify.thread_resubscribe(user=request.user, thread=thread)
        messages.success(request, "You are subscribed to this thread again")
    else:
        notify.thread_unsubscribe(user=request.user, thread=thread)
        messages.success(request, "You are unsubscribed from this thread")
    return redirect(reverse("collaboration:thread", args=[space.pk, thread.pk]) + "#subscription")


def _what_words(what: str, target: Space | Thread | None) -> str:
    if what == THREAD and isinstance(target, Thread):
        return f'emails of new comments on "{target.title}"'
    if what == SPACE and isinstance(target, Space):
        return f"any emails from {target.name}"
    return "the daily digest"


@csrf_exempt  # the signed token is the authority; mail programs POST with no cookie
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe (RFC 8058): a POST (from the mail program, or the button on
    this page) acts at once, no sign-in; a GET only asks, so a link checker that opens
    links unsubscribes no one."""
    found = unsubscribe_read(token)
    person = Person.objects.filter(pk=found[0]).first() if found else None
    if found is None or person is None:
        return render(request, "collaboration/unsubscribe.html", {"error": LINK_WRONG}, status=400)
    _, what, target_id = found
    target: Space | Thread | None = None
    if what == THREAD:
        target = Thread.objects.select_related("space").filter(pk=target_id).first()
    elif what == SPACE:
        target = Space.objects.filter(pk=target_id).first()
    if what != DIGEST and target is None:
        raise Http404("The thread or space of this link no longer exists")
    done = False
    if request.method == "POST":
        if isinstance(target, Thread):
            notify.thread_stop(person, target)
        elif isinstance(target, Space):
            notify.space_stop(person, target)
        else:
            notify.digest_stop(person)
        done = True
    context = {"what": _what_words(what, target), "done": done, "error": ""}
    return render(request, "collaboration/unsubscribe.html", context)


urlpatterns = [
    path("spaces/notifications/", notifications, name="notifications"),
    path(
        "spaces/<id:space_id>/threads/<id:thread_id>/subscription/",
        subscription,
        name="subscription",
    ),
    path("spaces/unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
