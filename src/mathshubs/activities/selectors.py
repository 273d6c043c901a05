"""Reads of hub activities that depend on who asks. Every view and API endpoint goes
through these: a forbidden activity answers exactly like a missing one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404

from mathshubs.activities import rules as programme
from mathshubs.activities.models import (
    Activity,
    ActivitySchool,
    EnrolmentStatus,
    Participation,
)
from mathshubs.activities.rules import (
    activities_visible_to,
    can_manage_activity,
    can_view_activity,
    can_view_activity_people,
)
from mathshubs.catalogue.models import TYPE_ORDER
from mathshubs.directory.models import Hub, Institution, Person
from mathshubs.directory.names import is_number, normalise_email
from mathshubs.directory.rules import is_hub_staff, is_llme, is_national, person_of

ACTIVITY_NOT_FOUND = "There is no activity with that id, or you do not have access to it."
MANAGE_FORBIDDEN = (
    "Only staff of the activity's Maths Hub or the national team can change its leads, "
    "schools and participants"
)
NO_PERSON_WITH_EMAIL = (
    "No one with that email is in the directory. Check it is the person's main contact "
    "email, or ask the national team to add them to the directory"
)
EMAIL_REQUIRED = "Enter the email address of the person"
SCHOOL_REQUIRED = "Enter the school's URN or its name"
NO_SCHOOL_WITH_URN = "There is no school or college with URN {urn}. Check the URN"
NO_SCHOOL_WITH_NAME = "There is no school or college called {name!r}. Enter its URN instead"
SEVERAL_SCHOOLS_WITH_NAME = (
    "{count} schools or colleges are called {name!r}. Enter the URN of the one you mean"
)
NOT_IN_ACTIVITY = "That school or college is not in this activity"
NOT_A_PARTICIPANT = "That person does not take part in this activity"
NOT_A_LEAD = "That person does not lead this activity"


# --- Access -----------------------------------------------------------------------------------


def _activity_queryset() -> QuerySet[Activity]:
    return Activity.objects.select_related("hub", "ncp__year")


def access_activity(*, user: Any, activity_id: int, manage: bool = False) -> Activity:
    """The activity, if this user may see it (404 otherwise, as if it did not exist); with
    `manage`, also PermissionDenied unless they may change it (hub staff, national team)."""
    activity = _activity_queryset().filter(pk=activity_id).first()
    if activity is None or not can_view_activity(user, activity):
        raise Http404(ACTIVITY_NOT_FOUND)
    if manage and not can_manage_activity(user, activity):
        raise PermissionDenied(MANAGE_FORBIDDEN)
    return activity


def enrolment_in(*, activity: Activity, urn: int) -> ActivitySchool:
    row = (
        ActivitySchool.objects.select_related("institution")
        .filter(activity=activity, institution__urn=urn)
        .first()
    )
    if row is None:
        raise Http404(NOT_IN_ACTIVITY)
    return row


def participation_in(*, activity: Activity, person_id: int) -> Participation:
    row = (
        Participation.objects.select_related("person", "institution")
        .filter(activity=activity, person_id=person_id)
        .first()
    )
    if row is None:
        raise Http404(NOT_A_PARTICIPANT)
    return row


def lead_of(*, activity: Activity, person_id: int) -> Person:
    person = activity.leads.filter(pk=person_id).first()
    if person is None:
        raise Http404(NOT_A_LEAD)
    return person


# --- Looking people and schools up ------------------------------------------------------------


def person_by_email(email: str) -> Person:
    """The directory's person with this main contact email; ValidationError keyed "email"."""
    address = normalise_email(email or "")
    if not address:
        raise ValidationError({"email": [ValidationError(EMAIL_REQUIRED, code="required")]})
    person = Person.objects.filter(email__iexact=address).first()
    if person is None:
        raise ValidationError({"email": [ValidationError(NO_PERSON_WITH_EMAIL, code="unknown")]})
    return person


def institution_by_ref(ref: str, *, hub: Hub | None = None) -> Institution:
    """A school by its URN, or by its exact name (any case). When several share the name
    and exactly one is in `hub`, that one; otherwise the URN is needed."""
    text = " ".join((ref or "").split())

    def fail(message: str, code: str) -> ValidationError:
        return ValidationError({"institution": [ValidationError(message, code=code)]})

    if not text:
        raise fail(SCHOOL_REQUIRED, "required")
    qs = Institution.objects.select_related("hub")
    if is_number(text) and len(text) < 10:
        found = qs.filter(urn=int(text)).first()
        if found is None:
            raise fail(NO_SCHOOL_WITH_URN.format(urn=text), "unknown")
        return found
    matches = list(qs.filter(name__iexact=text)[:20])
    if len(matches) > 1 and hub is not None:
        in_hub = [m for m in matches if m.hub_id == hub.pk]
        matches = in_hub if len(in_hub) == 1 else matches
    if not matches:
        raise fail(NO_SCHOOL_WITH_NAME.format(name=text), "unknown")
    if len(matches) > 1:
        raise fail(SEVERAL_SCHOOLS_WITH_NAME.format(count=len(matches), name=text), "ambiguous")
    return matches[0]


# --- Lists ------------------------------------------------------------------------------------


def _type_order() -> Case:
    order = [When(activity_type=value, then=Value(i)) for i, value in enumerate(TYPE_ORDER)]
    return Case(*order, default=Value(len(TYPE_ORDER)), output_field=IntegerField())


def current_count_of(model: type[ActivitySchool] | type[Participation]) -> Coalesce:
    """For an Activity queryset: its schools or participants that are not withdrawn, counted
    in a subquery (no join fan-out when both are counted)."""
    rows = (
        model.objects.filter(activity=OuterRef("pk"))
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def activities_for(
    *, user: Any, year: int | None = None, hub: Hub | None = None
) -> QuerySet[Activity]:
    """The activities this user may see, narrowed by year and hub, each with
    `school_count` and `participant_count` (withdrawn ones not counted), in one query."""
    qs = activities_visible_to(user).select_related("hub", "ncp")
    if year is not None:
        qs = qs.filter(academic_year=year)
    if hub is not None:
        qs = qs.filter(hub=hub)
    return qs.annotate(
        school_count=current_count_of(ActivitySchool),
        participant_count=current_count_of(Participation),
        type_order=_type_order(),
    ).order_by("-academic_year", "hub__name", "type_order", "title", "pk")


TYPE_PLURALS = {
    "work_group": "Work Groups",
    "programme": "Programmes",
    "community": "Communities",
    "intensive_support": "Intensive Support",
    "programme_cohort": "Programme cohorts",
    "llme_community": "LLME Communities",
}


@dataclass
class TypeGroup:
    label: str
    activities: list[Activity]


def hub_year_plan(*, user: Any, hub: Hub, year: int) -> list[TypeGroup]:
    """A hub's activities of one year that this user may see, grouped by type in the
    handbook's order (Work Groups, Programmes, Communities, Intensive Support)."""
    groups: dict[str, list[Activity]] = {}
    for activity in activities_for(user=user, year=year, hub=hub):
        groups.setdefault(activity.activity_type, []).append(activity)
    return [
        TypeGroup(label=TYPE_PLURALS.get(key, key), activities=groups[key])
        for key in sorted(groups, key=lambda k: TYPE_ORDER.index(k) if k in TYPE_ORDER else 99)
    ]


# --- One activity, as its page and the API show it --------------------------------------------


@dataclass
class SchoolRow:
    """A school of an activity as one reader may see it. Why it qualified (`criteria_met`)
    and why it withdrew (`withdrawal_reason`) are for the activity's organisers
    (`rules.can_view_activity_people`): empty for anyone else, so no page or answer built
    from a row can show them."""

    enrolment: ActivitySchool
    criteria_met: list[str]
    criteria_labels: list[str]
    withdrawal_reason: str
    lead_participants: int
    lead_participant_warning: str
    served_by_other_hub: Hub | None


@dataclass
class ActivityDetail:
    activity: Activity
    leads: list[Person]
    schools: list[SchoolRow]
    # Everyone's rows for those who may see the activity's people; else only their own.
    participants: list[Participation]
    sees_all_people: bool
    may_manage: bool
    model_size_warning: str
    school_count: int
    closes_on: Any = None
    criteria: list[dict] = field(default_factory=list)


def activity_detail(*, user: Any, activity: Activity) -> ActivityDetail:
    """Everything the activity page and the API show, for this user, in a fixed number of
    queries: leads, schools (with criteria met and lead participants), participants (all
    of them for hub staff, the national team and the activity's leads; only their own
    row for a participant)."""
    sees_all = bool(can_view_activity_people(user, activity))
    enrolments = list(
        activity.schools.select_related("institution__hub").order_by("institution__name")
    )
    lead_counts = dict(
        activity.participations.filter(is_lead_participant=True, status=EnrolmentStatus.ENROLLED)
        .order_by()
        .values("institution_id")
        .annotate(n=Count("pk"))
        .values_list("institution_id", "n")
    )
    ncp = activity.ncp if activity.ncp_id is not None else None
    # Why a school qualified (an Ofsted judgement, poor results, staff turnover) and why it
    # withdrew are for the activity's organisers, not for the other schools' teachers.
    criteria = ncp.participant_criteria if ncp is not None and sees_all else []
    labels = {c["key"]: c["label"] for c in criteria}
    rows = []
    for enrolment in enrolments:
        institution = enrolment.institution
        count = lead_counts.get(institution.pk, 0)
        rows.append(
            SchoolRow(
                enrolment=enrolment,
                criteria_met=list(enrolment.criteria_met) if sees_all else [],
                criteria_labels=[labels.get(key, key) for key in enrolment.criteria_met]
                if sees_all
                else [],
                withdrawal_reason=enrolment.withdrawal_reason if sees_all else "",
                lead_participants=count,
                lead_participant_warning=(
                    programme.lead_participant_warning(institution.name, count)
                    if enrolment.status == EnrolmentStatus.ENROLLED
                    else ""
                ),
                served_by_other_hub=(
                    institution.hub
                    if institution.hub_id and institution.hub_id != activity.hub_id
                    else None
                ),
            )
        )
    people = activity.participations.select_related("person", "institution").order_by(
        "institution__name", "person__last_name", "person__first_name"
    )
    if not sees_all:
        me = person_of(user)
        people = people.filter(person=me) if me is not None else people.none()
    school_count = sum(1 for e in enrolments if e.status != EnrolmentStatus.WITHDRAWN)
    return ActivityDetail(
        activity=activity,
        leads=list(activity.leads.order_by("last_name", "first_name")),
        schools=rows,
        participants=list(people),
        sees_all_people=sees_all,
        may_manage=bool(can_manage_activity(user, activity)),
        model_size_warning=(
            programme.model_size_warning(activity, school_count) if sees_all else ""
        ),
        school_count=school_count,
        closes_on=programme.enrolment_closes_on(activity),
        criteria=list(criteria),
    )


def enrolled_institutions(*, activity: Activity) -> QuerySet[Institution]:
    """The schools currently enrolled: the ones people can be added for."""
    return Institution.objects.filter(
        activity_enrolments__activity=activity,
        activity_enrolments__status=EnrolmentStatus.ENROLLED,
    ).order_by("name")


def activity_is_open_to(user: Any) -> bool:
    """Whether the "Activities" menu item is for this user: the national team, hub staff
    and LLMEs (from their roles, no query), or anyone leading or taking part in one."""
    me = person_of(user)
    if me is None:
        return False
    if is_national(user) or is_hub_staff(user) or is_llme(user):
        return True
    return activities_visible_to(user).exists()


# --- The front page ---------------------------------------------------------------------------


@dataclass
class PersonActivities:
    leading: list[Activity]
    taking_part: list[Activity]


def activities_of(*, person: Person, year: int) -> PersonActivities:
    """The activities a person leads and takes part in, in one academic year (two queries)."""
    base = (
        Activity.objects.filter(academic_year=year)
        .select_related("hub")
        .annotate(participant_count=Count("participations", distinct=True))
        .order_by("title")
    )
    return PersonActivities(
        leading=list(base.filter(leads=person)),
        taking_part=list(base.filter(participations__person=person)),
    )
