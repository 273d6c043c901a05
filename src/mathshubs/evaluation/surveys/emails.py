"""The surveys' email: a link to each person's survey when it opens (ISSUE 10, part 2).

Plain text, to each person's main contact email, one message a person listing a link for
each activity the survey covers for them; sent by the task worker (surveys/tasks.py),
every message of a list through one connection. A survey is emailed once: the first run
claims `Survey.invitations_sent_at` with a conditional UPDATE, so a re-run or a second
worker sends nothing. The email says nothing about anyone's answers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.core.mail import EmailMessage
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.directory.models import Person
from mathshubs.evaluation.surveys.models import Survey, SurveyCompletion
from mathshubs.evaluation.surveys.rules import day_text, survey_is_open
from mathshubs.mail import BATCH, send_all, site_url
from mathshubs.ops import leases

SUBJECT = "Please complete the {title} by {day}"


def covered(survey: Survey) -> QuerySet[Activity]:
    """The activities a survey covers: every activity of its year, or those of its NCP."""
    activities = Activity.objects.filter(academic_year=survey.series.academic_year)
    if survey.series.ncp_id is not None:
        activities = activities.filter(ncp_id=survey.series.ncp_id)
    return activities


def _pairs(survey: Survey) -> dict[int, list[tuple[int, str]]]:
    """person id -> [(activity id, title)] of everyone the survey is for, leaving out the
    activities they have already submitted it for."""
    activities = covered(survey)
    if survey.for_leads:
        rows = Activity.leads.through.objects.filter(activity__in=activities).values_list(
            "person_id", "activity_id", "activity__title"
        )
    else:
        rows = (
            Participation.objects.filter(activity__in=activities)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .values_list("person_id", "activity_id", "activity__title")
        )
    done = set(
        SurveyCompletion.objects.filter(survey=survey).values_list("person_id", "activity_id")
    )
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for person_id, activity_id, title in rows.order_by("person_id", "activity__title"):
        if (person_id, activity_id) not in done:
            found[person_id].append((activity_id, title))
    return found


def _messages(survey: Survey, pairs: dict[int, list[tuple[int, str]]]) -> Iterator[EmailMessage]:
    subject = SUBJECT.format(title=survey.title, day=day_text(survey.closes_on))
    ids = sorted(pairs)
    for start in range(0, len(ids), BATCH):
        for person in Person.objects.filter(pk__in=ids[start : start + BATCH]).order_by("pk"):
            links = [
                (title, site_url(reverse("evaluation:survey_start", args=[survey.pk, activity_id])))
                for activity_id, title in pairs[person.pk]
            ]
            context = {
                "person": person,
                "survey": survey,
                "closes": day_text(survey.closes_on),
                "links": links,
                "list_url": site_url(reverse("evaluation:survey_mine")),
            }
            body = render_to_string("evaluation/surveys/emails/invitation.txt", context)
            yield EmailMessage(subject=subject, body=body.strip() + "\n", to=[person.email])


def invitations_send(*, survey_id: int, now: dt.datetime | None = None) -> int:
    """Email everyone a survey is for a link to it, once, while it is open."""
    now = now or timezone.now()
    survey = Survey.objects.select_related("series").filter(pk=survey_id).first()
    if survey is None or not survey_is_open(survey, now):
        return 0
    # Once per survey; the same task run again after its worker died carries on.
    if not leases.claim_update(
        Survey.objects.filter(pk=survey.pk, invitations_sent_at__isnull=True),
        key=f"survey-invitations:{survey.pk}",
        invitations_sent_at=now,
    ):
        return 0
    return send_all(_messages(survey, _pairs(survey)))


def invitations_send_due(*, now: dt.datetime | None = None) -> int:
    """Hourly: the links of every survey that has opened and not been emailed yet."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    earlier = leases.claimed_earlier("survey-invitations:")
    due = Survey.objects.filter(
        Q(invitations_sent_at__isnull=True) | Q(pk__in=earlier),
        opens_on__lte=today,
        closes_on__gte=today,
    ).order_by("pk")
    return sum(invitations_send(survey_id=pk, now=now) for pk in due.values_list("pk", flat=True))
