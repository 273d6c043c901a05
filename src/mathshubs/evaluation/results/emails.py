"""The reminder an activity's lead sends to participants who have not completed a survey
(ISSUE 10, part 3). Plain text, to each person's main contact email, a link to their
survey for that activity; sent by the task worker, every message through one connection.
It goes to those who still have not submitted when the task runs, and says nothing about
anyone's answers or who else has responded."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from mathshubs.evaluation.results.completion import non_respondents
from mathshubs.evaluation.results.models import SurveyReminder
from mathshubs.evaluation.surveys.rules import day_text
from mathshubs.mail import send_all, site_url

SUBJECT = "Reminder: please complete the {title} by {day}"


def reminder_emails_send(*, reminder_id: int) -> int:
    reminder = (
        SurveyReminder.objects.select_related("survey__series", "activity", "sent_by")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None:
        return 0
    survey, activity = reminder.survey, reminder.activity
    people = non_respondents(survey=survey, activity=activity)
    subject = SUBJECT.format(title=survey.title, day=day_text(survey.closes_on))
    link = site_url(reverse("evaluation:survey_start", args=[survey.pk, activity.pk]))
    messages = (
        EmailMessage(
            subject=subject,
            body=render_to_string(
                "evaluation/results/emails/reminder.txt",
                {
                    "person": person,
                    "survey": survey,
                    "activity": activity,
                    "closes": day_text(survey.closes_on),
                    "link": link,
                    "lead": reminder.sent_by,
                },
            ).strip()
            + "\n",
            to=[person.email],
        )
        for person in people
        if person.email
    )
    return send_all(messages)
