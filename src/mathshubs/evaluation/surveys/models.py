"""Surveys built in the platform (ISSUE 10, part 2; DOMAIN.md, "Evaluation"; 2023/24
handbook, "Impact evaluation and quality assurance": "Most project surveys have an 'early'
and 'summer' survey to help measure impact over a year").

- A **template** (the national team's) has numbered **versions**. A version is a draft
  until published; a published version never changes, because answers are given to it.
  A change is made in a new draft version, a copy of a published one.
- A version has **sections** (one page each when answering), and a section **questions**:
  single choice, multiple choice, Likert scale, number (with bounds) or free text;
  required or optional; shown only when an answer in an earlier section matches (its
  condition); **repeated** items carry an `item_key` so the autumn and summer versions
  of one item can be matched.
- A **survey** runs a published version for an academic year and an audience (autumn or
  summer participants, or the LLME survey for activity leads), for one NCP or for every
  activity of the year, between an open and a close date. The autumn and summer surveys
  of one year and NCP share a **series** (matching).
- A person answers once per activity the survey covers. Their answers are kept in an
  `IdentifiedResponse` (identified surveys) or a `PseudonymousResponse` (pseudonymous
  surveys), and their submission in a `SurveyCompletion`.

Pseudonymous surveys (see `PseudonymousResponse`): the response holds no person, no
account, no time and no sequential id; the one link between a person and their answers is
a keyed pseudonym that only the server can recompute (surveys/pseudonyms.py). Completion
is tracked per person in `SurveyCompletion`, which shares nothing with the response but
the survey and the activity. Neither table is kept in django-simple-history: a history
row would record who made the change.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from mathshubs.activities.models import Activity
from mathshubs.catalogue.models import NCP
from mathshubs.directory.models import Person

__all__ = [
    "Audience",
    "ConditionOperator",
    "IdentifiedResponse",
    "PseudonymousResponse",
    "QuestionKind",
    "SeriesGroup",
    "Survey",
    "SurveyCompletion",
    "SurveyQuestion",
    "SurveySection",
    "SurveySeries",
    "SurveyTemplate",
    "TemplateVersion",
    "VersionStatus",
]


class SurveyTemplate(models.Model):
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class TemplateVersion(models.Model):
    """One version of a template: changed while a draft, fixed once published."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="one_version_number_each"),
            # One draft at a time: a second "make a new version" finds the first.
            models.UniqueConstraint(
                fields=["template"], condition=Q(status="draft"), name="one_draft_per_template"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.title}, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class SurveySection(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    LIKERT = "likert", "Likert scale"
    NUMBER = "number", "Number"
    TEXT = "text", "Free text"


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.LIKERT)


class ConditionOperator(models.TextChoices):
    EQUALS = "equals", "is"
    CONTAINS = "contains", "includes"


class SurveyQuestion(models.Model):
    """One question. `options` (choice kinds): a list of {"value": str, "label": str} in
    the order shown; a Likert scale's values are its points "1".."n", lowest first.
    Answers are stored as the option's value (a Likert point as a whole number)."""

    section = models.ForeignKey(SurveySection, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    hint = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(default=True)
    options = models.JSONField(default=list, blank=True)
    min_value = models.IntegerField(null=True, blank=True)
    max_value = models.IntegerField(null=True, blank=True)
    repeated = models.BooleanField(default=False)
    item_key = models.SlugField(max_length=60, blank=True)
    # RESTRICT, not PROTECT: a whole version (or template) deletes with its conditions;
    # a question others depend on cannot be deleted alone (services.builder says why).
    condition_question = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="dependants"
    )
    condition_operator = models.CharField(
        max_length=10, choices=ConditionOperator.choices, blank=True
    )
    condition_value = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["section", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(repeated=False) | ~Q(item_key=""), name="a_repeated_item_has_a_key"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        """The question's key in a response's `answers` and in the answering form."""
        return f"q{self.pk}"

    def option_label(self, value: object) -> str:
        for option in self.options:
            if str(option["value"]) == str(value):
                return str(option["label"])
        return str(value)


class Audience(models.TextChoices):
    AUTUMN = "autumn", "Autumn participant survey"
    SUMMER = "summer", "Summer participant survey"
    LLME = "llme", "LLME survey"


PARTICIPANT_AUDIENCES = (Audience.AUTUMN, Audience.SUMMER)


class SeriesGroup(models.TextChoices):
    PARTICIPANTS = "participants", "Participants"
    LLMES = "llmes", "Activity leads"


class SurveySeries(models.Model):
    """The surveys of one academic year and NCP (or every activity, `ncp` empty) whose
    answers are matched: the autumn and summer participant surveys; the LLME survey has a
    series of its own. `secret` keys the series' pseudonyms, so a pseudonym in one series
    says nothing about the same person's pseudonym in another."""

    academic_year = models.PositiveSmallIntegerField()
    ncp = models.ForeignKey(NCP, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=12, choices=SeriesGroup.choices)
    secret = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name_plural = "survey series"
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "ncp", "group"],
                condition=Q(ncp__isnull=False),
                name="one_series_per_year_ncp_group",
            ),
            models.UniqueConstraint(
                fields=["academic_year", "group"],
                condition=Q(ncp__isnull=True),
                name="one_series_per_year_group",
            ),
        ]


class Survey(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="surveys")
    series = models.ForeignKey(SurveySeries, on_delete=models.PROTECT, related_name="surveys")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    title = models.CharField(max_length=255)
    opens_on = models.DateField()
    closes_on = models.DateField()
    pseudonymous = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The emailed link goes once, when the survey opens (tasks.invitations_send_due).
    invitations_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "audience"], name="one_survey_per_audience"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="closes_after_it_opens"
            ),
        ]
        indexes = [models.Index(fields=["opens_on", "closes_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def academic_year(self) -> int:
        return self.series.academic_year

    @property
    def ncp_id(self) -> int | None:
        return self.series.ncp_id

    @property
    def for_leads(self) -> bool:
        return self.audience == Audience.LLME


class ResponseBase(models.Model):
    """What both kinds of response hold: the survey, the activity answered about, the
    answers so far ({question key: value}, see SurveyQuestion) and whether submitted."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict, blank=True)
    submitted = models.BooleanField(default=False)

    class Meta:
        abstract = True


class IdentifiedResponse(ResponseBase):
    """An answer to an identified survey: the person is named on it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_responses")
    updated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Person first: a person's own responses are what is looked up.
            models.UniqueConstraint(
                fields=["person", "survey", "activity"], name="one_identified_response"
            )
        ]


class PseudonymousResponse(ResponseBase):
    """An answer to a pseudonymous survey. Nothing here names the person or lets their
    completion be joined to it: a random id (UUID4, so no order of insertion), no person or
    account, no created, updated or submitted time (the date of submission is on the
    person's `SurveyCompletion` only), and `pseudonym`, the series' keyed hash of the
    person's id (surveys/pseudonyms.py), which only the server can recompute and no page,
    export or API answer shows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pseudonym = models.CharField(max_length=64)

    class Meta:
        constraints = [
            # Survey and pseudonym first: a person's own draft is found by them.
            models.UniqueConstraint(
                fields=["survey", "pseudonym", "activity"], name="one_pseudonymous_response"
            )
        ]


class SurveyCompletion(models.Model):
    """That a person submitted a survey for an activity, and on which day (a date only:
    a time could be matched with the moment a pseudonymous response changed). It has no
    link to the response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="completions")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_completions")
    submitted_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "activity", "person"], name="one_completion_each"
            )
        ]
        indexes = [models.Index(fields=["person", "survey"])]
