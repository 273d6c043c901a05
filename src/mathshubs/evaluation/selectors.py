"""Reads of HAPPI forms that depend on who asks. Every page, export and API endpoint goes
through these: a form someone may not read answers exactly like a missing activity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from mathshubs.activities.models import Activity
from mathshubs.activities.rules import long_date
from mathshubs.activities.selectors import ACTIVITY_NOT_FOUND
from mathshubs.dates import LONDON, academic_year_bounds
from mathshubs.directory.rules import is_national, person_of, staff_hub_ids
from mathshubs.evaluation import content as shapes
from mathshubs.evaluation.models import (
    SECTION_ORDER,
    HappiAttachment,
    HappiForm,
    HappiSection,
    HappiVersion,
    ProjectLead,
    SectionKind,
    SectionStatus,
)
from mathshubs.evaluation.rules import can_read_happi, can_review_happi, can_write_happi
from mathshubs.events.models import Event

# The 2023/24 handbook's "Indicative evaluation timeline for LLME".
WHEN: dict[str, str] = {
    SectionKind.PLAN: "Complete and submit at the start of the activity",
    SectionKind.PROGRESS: "Update as your activity develops",
    SectionKind.IMPACT: "Complete and submit at the end of the activity",
}


def _day(moment: Any) -> str:
    return long_date(moment.astimezone(LONDON).date())


SECTION_NOT_FOUND = "There is no section like that: choose Plan, Progress or Impact"
VERSION_NOT_FOUND = "There is no submitted version with that number"
ATTACHMENT_NOT_FOUND = "There is no evidence file like that for this form"


def access_happi_activity(*, user: Any, activity_id: int) -> Activity:
    """The activity, if this user may read its HAPPI form (its leads, its hub's staff, the
    national team, the NCP's Project Leads); 404 for anyone else."""
    activity = Activity.objects.select_related("hub", "ncp__year").filter(pk=activity_id).first()
    if activity is None or not can_read_happi(user, activity):
        raise Http404(ACTIVITY_NOT_FOUND)
    return activity


@dataclass
class SectionView:
    section: HappiSection
    label: str
    versions: list[HappiVersion] = field(default_factory=list)

    @property
    def latest(self) -> HappiVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def hint(self) -> str:
        """What the task list says under the section's name: when it is due, or where its
        review stands."""
        status = self.section.status
        latest = self.latest
        if status == SectionStatus.SUBMITTED and latest is not None:
            return f"Submitted on {_day(latest.submitted_at)}: waiting for the hub's review"
        if status == SectionStatus.RETURNED:
            return f"Returned by the hub: {self.section.review_comment}"
        if status == SectionStatus.ACCEPTED and self.section.reviewed_at is not None:
            return f"Accepted on {_day(self.section.reviewed_at)}"
        return WHEN[self.section.kind]


@dataclass
class HappiPage:
    """The task list: the form (None until created) and its sections, with what this user
    may do."""

    activity: Activity
    form: HappiForm | None
    sections: list[SectionView]
    may_write: bool
    may_review: bool
    plan: dict[str, Any]

    def section(self, kind: str) -> SectionView:
        return next(s for s in self.sections if s.section.kind == kind)

    @property
    def outcomes(self) -> list[dict[str, Any]]:
        return shapes.outcomes_of(self.plan)

    @property
    def next_kind(self) -> str:
        """Where "Edit the form" goes: the first section the leads can work on that is not
        submitted or accepted, else Progress (updated all year)."""
        for view in self.sections:
            if view.section.status in (
                SectionStatus.NOT_STARTED,
                SectionStatus.IN_PROGRESS,
                SectionStatus.RETURNED,
            ):
                return view.section.kind
        return SectionKind.PROGRESS


def happi_page(*, user: Any, activity: Activity) -> HappiPage:
    """The form of an activity (read by `access_happi_activity`) with every section and
    version, in three queries."""
    form = HappiForm.objects.filter(activity=activity).first()
    views: list[SectionView] = []
    if form is not None:
        sections = {s.kind: s for s in form.sections.select_related("reviewed_by", "updated_by")}
        versions: dict[int, list[HappiVersion]] = {}
        for version in HappiVersion.objects.filter(section__form=form).select_related(
            "submitted_by", "reviewed_by"
        ):
            versions.setdefault(version.section_id, []).append(version)
        for kind in SECTION_ORDER:
            section = sections[kind]
            views.append(SectionView(section, kind.label, versions.get(section.pk, [])))
    plan: dict[str, Any] = next(
        (v.section.draft for v in views if v.section.kind == SectionKind.PLAN), {}
    )
    return HappiPage(
        activity=activity,
        form=form,
        sections=views,
        may_write=bool(can_write_happi(user, activity)),
        may_review=bool(can_review_happi(user, activity)),
        plan=plan,
    )


def planned_sessions(activity: Activity) -> QuerySet[Event]:
    """The activity's sessions in its academic year, not cancelled: the plan's sessions
    (a follow-up of a later year is not part of this year's plan)."""
    first_day, last_day = academic_year_bounds(activity.academic_year)
    return activity.events.filter(
        cancelled_at__isnull=True,
        starts_at__date__gte=first_day,
        starts_at__date__lte=last_day,
    ).order_by("starts_at", "pk")


def section_of(*, form: HappiForm, kind: str) -> HappiSection:
    if kind not in SectionKind.values:
        raise Http404(SECTION_NOT_FOUND)
    return form.sections.select_related("form__activity").get(kind=kind)


def form_of(activity: Activity) -> HappiForm:
    form = HappiForm.objects.filter(activity=activity).first()
    if form is None:
        raise Http404("This activity has no Plan, Progress, and Impact form yet")
    return form


def version_of(*, section: HappiSection, number: int) -> HappiVersion:
    version = section.versions.select_related("submitted_by", "reviewed_by").filter(number=number)
    found = version.first()
    if found is None:
        raise Http404(VERSION_NOT_FOUND)
    return found


def access_attachment(*, user: Any, activity_id: int, attachment_id: int) -> HappiAttachment:
    """An evidence file, for the people who may read the form; 404 for anyone else, a
    forged id, or another form's file."""
    activity = access_happi_activity(user=user, activity_id=activity_id)
    attachment = (
        HappiAttachment.objects.select_related("section__form")
        .filter(pk=attachment_id, section__form__activity=activity)
        .first()
    )
    if attachment is None:
        raise Http404(ATTACHMENT_NOT_FOUND)
    return attachment


# --- The lists of forms: a hub's, and every hub's for the national team ------------------


def happi_forms_visible_to(user: Any) -> Q:
    """The activities whose forms this user may list: every one for the national team;
    their hub's for hub staff; those of their NCPs for Project Leads; their own for leads."""
    if is_national(user):
        return Q()
    me = person_of(user)
    condition = Q(pk__in=[])
    if hubs := staff_hub_ids(user):
        condition |= Q(hub__in=hubs)
    if me is not None:
        # As subqueries, not joins: each activity comes once without DISTINCT.
        condition |= Q(
            pk__in=Activity.leads.through.objects.filter(person=me).values("activity_id")
        )
        condition |= Q(ncp__in=ProjectLead.objects.filter(person=me).values("ncp_id"))
    return condition


def happi_list(
    *,
    user: Any,
    year: int,
    hub_id: int | None = None,
    ncp_code: str = "",
    status: str = "",
) -> QuerySet[Activity]:
    """The activities of a year this user may list, each annotated with its form's
    section statuses (`plan_status`, `progress_status`, `impact_status`; None until the
    form is created), in one query. `status` keeps those with any section in it
    ("not_started" also keeps activities with no form)."""
    rows = Activity.objects.filter(happi_forms_visible_to(user), academic_year=year)
    if hub_id is not None:
        rows = rows.filter(hub_id=hub_id)
    if ncp_code:
        rows = rows.filter(ncp_code__iexact=ncp_code)
    for kind in SECTION_ORDER:
        of_kind = HappiSection.objects.filter(form__activity=OuterRef("pk"), kind=kind)
        rows = rows.annotate(**{f"{kind}_status": Subquery(of_kind.values("status")[:1])})
    if status:
        any_in = Q()
        for kind in SECTION_ORDER:
            any_in |= Q(**{f"{kind}_status": status})
            if status == SectionStatus.NOT_STARTED:
                any_in |= Q(**{f"{kind}_status__isnull": True})
        rows = rows.filter(any_in)
    return rows.select_related("hub").order_by("hub__name", "title", "pk")
