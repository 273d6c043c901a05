"""The lists of HAPPI forms with their state (ISSUE 10, part 1): hub staff see every form
of their hub; the national team every hub's, filterable by hub, project and status, with
a CSV and an XLSX export of the same rows."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from mathshubs.activities.forms import year_choices
from mathshubs.dates import academic_year_label, current_academic_year
from mathshubs.directory.models import Hub, Person
from mathshubs.directory.rules import is_national, programme_year_for
from mathshubs.directory.views import _paginate
from mathshubs.evaluation import selectors
from mathshubs.evaluation.models import SECTION_ORDER, HappiVersion, SectionStatus
from mathshubs.evaluation.rules import can_list_happi
from mathshubs.exports import Table, csv_response, xlsx_response

FORMS_PER_PAGE = 50
LIST_FORBIDDEN = "Only the national team, hub staff and LLMEs can see lists of HAPPI forms"
STATUS_LABELS = dict(SectionStatus.choices)


class HappiFilterForm(django_forms.Form):
    year = django_forms.TypedChoiceField(label="Academic year", coerce=int, required=False)
    hub = django_forms.ModelChoiceField(
        label="Maths Hub",
        queryset=Hub.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All hubs",
    )
    ncp = django_forms.CharField(label="Project code", required=False, max_length=16)
    status = django_forms.ChoiceField(
        label="A section that is",
        required=False,
        choices=[("", "Any status"), *SectionStatus.choices],
    )

    def __init__(self, *args: Any, years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years


def _rows(request: HttpRequest) -> tuple[HappiFilterForm, int, QuerySet]:
    if not can_list_happi(request.user):
        raise PermissionDenied(LIST_FORBIDDEN)
    default = programme_year_for(request.user)
    form = HappiFilterForm(
        request.GET or None,
        years=year_choices(default, current_academic_year()),
        initial={"year": default},
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    year = data.get("year") or default
    hub = data.get("hub")
    rows = selectors.happi_list(
        user=request.user,
        year=year,
        hub_id=hub.pk if hub else None,
        ncp_code=(data.get("ncp") or "").strip().replace(" ", ""),
        status=data.get("status") or "",
    ).annotate(
        last_submitted=Subquery(
            HappiVersion.objects.filter(section__form__activity=OuterRef("pk"))
            .order_by("-submitted_at")
            .values("submitted_at")[:1]
        )
    )
    rows = rows.prefetch_related(
        Prefetch("leads", queryset=Person.objects.order_by("last_name", "first_name"))
    )
    return form, year, rows


def _statuses(activity: Any) -> list[tuple[str, str]]:
    found = []
    for kind in SECTION_ORDER:
        value = getattr(activity, f"{kind}_status") or SectionStatus.NOT_STARTED
        found.append((value, STATUS_LABELS[value]))
    return found


@login_required
def happi_list(request: HttpRequest) -> HttpResponse:
    form, year, rows = _rows(request)
    page, pagination = _paginate(request, rows, FORMS_PER_PAGE)
    for activity in page.object_list:
        activity.statuses = _statuses(activity)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "evaluation/happi_list.html",
        {
            "form": form,
            "page": page,
            "pagination": pagination,
            "year_label": academic_year_label(year),
            "show_hub_filter": is_national(request.user),
            "query": query.urlencode(),
        },
    )


def _table(rows: QuerySet, year: int) -> Table:
    header = [
        "Maths Hub",
        "Activity",
        "Activity id",
        "Project",
        "Academic year",
        "Leads",
        *(f"{kind.label} status" for kind in SECTION_ORDER),
        "Last submitted",
    ]

    def lines():
        for activity in rows:
            yield [
                activity.hub.name,
                activity.title,
                activity.pk,
                activity.ncp_code,
                academic_year_label(year),
                "; ".join(lead.full_name for lead in activity.leads.all()),
                *(label for _value, label in _statuses(activity)),
                activity.last_submitted,
            ]

    return Table("HAPPI forms", header, lines())


@login_required
def happi_export(request: HttpRequest, extension: str) -> HttpResponse:
    _form, year, rows = _rows(request)
    filename = f"happi-forms-{academic_year_label(year).replace('/', '-')}.{extension}"
    table = _table(rows, year)
    if extension == "xlsx":
        return xlsx_response(filename, [table])
    return csv_response(filename, table)


urlpatterns = [
    path("happi/", happi_list, name="happi_list"),
    path("happi/forms.csv", happi_export, {"extension": "csv"}, name="happi_csv"),
    path("happi/forms.xlsx", happi_export, {"extension": "xlsx"}, name="happi_xlsx"),
]
