"""The national team names each project's national Project Leads (the handbook: LLMEs
lead "as directed by their Project Lead"), who read the HAPPI forms of the project's
activities in every hub."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from mathshubs.activities.selectors import person_by_email
from mathshubs.catalogue.selectors import access_ncp
from mathshubs.directory.rules import is_national
from mathshubs.evaluation import services
from mathshubs.evaluation.models import ProjectLead

ADDED = "{name} is now a Project Lead of {code}"
REMOVED = "{name} is no longer a Project Lead of {code}"


def _ncp(request: HttpRequest, code: str):
    if not is_national(request.user):
        raise PermissionDenied(services.ONLY_NATIONAL_NAMES_LEADS)
    return access_ncp(user=request.user, code_text=code)


@login_required
def project_leads(request: HttpRequest, code: str) -> HttpResponse:
    ncp = _ncp(request, code)
    errors: list[tuple[str, str]] = []
    email = ""
    if request.method == "POST":
        email = request.POST.get("email", "")
        try:
            person = person_by_email(email)
            services.project_lead_add(ncp=ncp, person=person, by=request.user)
        except ValidationError as exc:
            errors = [("#email", message) for message in exc.messages]
        else:
            messages.success(request, ADDED.format(name=person.full_name, code=ncp.code))
            return redirect("evaluation:project_leads", code=ncp.reference)
    leads = (
        ProjectLead.objects.filter(ncp=ncp)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    context = {"ncp": ncp, "leads": leads, "errors": errors, "email": email}
    return render(request, "evaluation/project_leads.html", context)


@login_required
@require_POST
def project_lead_remove(request: HttpRequest, code: str, person_id: int) -> HttpResponse:
    ncp = _ncp(request, code)
    row = ProjectLead.objects.filter(ncp=ncp, person_id=person_id).select_related("person").first()
    if row is not None:
        services.project_lead_remove(ncp=ncp, person_id=person_id, by=request.user)
        messages.success(request, REMOVED.format(name=row.person.full_name, code=ncp.code))
    return redirect("evaluation:project_leads", code=ncp.reference)


urlpatterns = [
    path("catalogue/ncp/<str:code>/project-leads/", project_leads, name="project_leads"),
    path(
        "catalogue/ncp/<str:code>/project-leads/<id:person_id>/remove/",
        project_lead_remove,
        name="project_lead_remove",
    ),
]
