"""Pages: Your data (a signed-in person), and a person's data for a request (hub staff,
the national team), with erasure (the national team)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of
from mathshubs.privacy import selectors, services
from mathshubs.privacy.export import export_filename, export_zip
from mathshubs.privacy.forms import ErasureForm
from mathshubs.privacy.rules import can_erase_person
from mathshubs.uploads import content_download

NO_PERSON = "Your account is not linked to a person in the directory, so no data is held."

# What the platform holds about a person, as "Your data" tells them.
HELD = [
    ("Your directory record", "Your name, main contact email and school or college."),
    ("Your account", "Your sign-in email and when you last signed in (never your password)."),
    ("Roles", "The roles you hold, in which Maths Hub and year."),
    ("Activities", "The activities you take part in or lead, and development programmes."),
    (
        "Events",
        "Your invitations, confirmations, attendance, when you used your join link, and "
        "your dietary and access requirements until shortly after the event.",
    ),
    (
        "Surveys",
        "The surveys you submitted and your answers. Answers to anonymous surveys are "
        "in a download you make yourself, never in one made by staff.",
    ),
    ("HAPPI forms", "The sections you wrote and submitted, and the evidence you uploaded."),
    ("Spaces", "Your threads, comments, documents, boosts and notification choices."),
    ("API tokens", "Their names and when they were made and used (never the token)."),
]


def zip_response(person: Person, *, for_self: bool) -> HttpResponse:
    """The download as an attachment, never sniffed or cached (pages and API alike)."""
    return content_download(
        export_zip(person=person, for_self=for_self),
        filename=export_filename(person),
        content_type="application/zip",
    )


def period(days: int) -> str:
    """A retention period as people say it: "2 years", "14 days"."""
    if days % 365 == 0:
        years = days // 365
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    kept = {kind: period(days) for kind, days in settings.RETENTION.items()}
    context = {"person": person_of(request.user), "held": HELD, "kept": kept}
    return render(request, "privacy/mine.html", context)


@never_cache
@login_required
@require_GET
def mine_download(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        raise Http404(NO_PERSON)
    return zip_response(person, for_self=True)


@login_required
@require_GET
def person_data(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.access_person_for_export(user=request.user, person_id=person_id)
    context = {
        "person": person,
        "held": HELD,
        "may_erase": can_erase_person(request.user, person),
        "erased": getattr(person, "erasure", None),
    }
    return render(request, "privacy/person.html", context)


@never_cache
@login_required
@require_GET
def person_download(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.access_person_for_export(user=request.user, person_id=person_id)
    me = person_of(request.user)
    return zip_response(person, for_self=me is not None and me.pk == person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.access_person_for_erasure(user=request.user, person_id=person_id)
    if getattr(person, "erasure", None) is not None:
        messages.info(request, "This person's data has already been erased.")
        return redirect("privacy:person_data", person_id=person.pk)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.erasure_confirm(person=person, typed=form.cleaned_data["full_name"])
        except ValidationError as error:
            form.add_error("full_name", error.message_dict["full_name"][0])
        else:
            services.person_erase(person=person, by=person_of(request.user))
            messages.success(request, "The person's data has been erased")
            return redirect("privacy:person_data", person_id=person.pk)
    status = 400 if form.is_bound else 200
    return render(request, "privacy/erase.html", {"person": person, "form": form}, status=status)
