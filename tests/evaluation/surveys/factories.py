"""Factories for surveys, and `questionnaire()`: a small published version with every kind
of question, a repeated item and a conditional question, used across these tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory

from mathshubs.dates import LONDON
from mathshubs.evaluation.surveys.models import (
    Audience,
    ConditionOperator,
    QuestionKind,
    SeriesGroup,
    Survey,
    SurveyQuestion,
    SurveySection,
    SurveySeries,
    SurveyTemplate,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.pseudonyms import series_secret_new

# The autumn survey of 2023/24 runs from Monday 2 to Friday 20 October 2023.
OPENS, CLOSES = dt.date(2023, 10, 2), dt.date(2023, 10, 20)
DURING = dt.datetime(2023, 10, 9, 10, 0, tzinfo=LONDON)
BEFORE = dt.datetime(2023, 10, 1, 23, 30, tzinfo=LONDON)
AFTER = dt.datetime(2023, 10, 21, 0, 0, 30, tzinfo=LONDON)


def options(*labels: str) -> list[dict]:
    return [{"value": label.lower().replace(" ", "-"), "label": label} for label in labels]


AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


class SurveyTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyTemplate

    title = factory.Sequence(lambda n: f"Participant survey {n}")


class TemplateVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateVersion

    template = factory.SubFactory(SurveyTemplateFactory)
    number = 1
    status = VersionStatus.PUBLISHED
    published_at = dt.datetime(2023, 9, 1, 9, 0, tzinfo=LONDON)


class SurveySectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveySection

    version = factory.SubFactory(TemplateVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Section {n}")


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    section = factory.SubFactory(SurveySectionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.SINGLE
    options = factory.LazyFunction(lambda: options("Yes", "No"))


class SurveySeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveySeries

    academic_year = 2023
    ncp = None
    group = SeriesGroup.PARTICIPANTS
    secret = factory.LazyFunction(series_secret_new)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    version = factory.SubFactory(TemplateVersionFactory)
    series = factory.SubFactory(SurveySeriesFactory)
    audience = Audience.AUTUMN
    title = "Autumn participant survey"
    opens_on = OPENS
    closes_on = CLOSES
    pseudonymous = True


@dataclass
class Questionnaire:
    version: TemplateVersion
    about: SurveySection
    confidence: SurveySection
    more: SurveySection
    role: SurveyQuestion  # single choice, required
    years: SurveyQuestion  # number 0 to 50, required
    confident: SurveyQuestion  # Likert, repeated, required
    tried: SurveyQuestion  # multiple choice, optional
    other_role: SurveyQuestion  # text, required, shown only when role is "other"
    comments: SurveyQuestion  # text, optional


def questionnaire(version: TemplateVersion | None = None) -> Questionnaire:
    """Three sections: About you (role, years teaching), Your confidence (a repeated Likert
    item, what you have tried), More (your other role, shown when role is Other; comments)."""
    version = version or TemplateVersionFactory()
    about = SurveySectionFactory(version=version, position=1, title="About you")
    confidence = SurveySectionFactory(version=version, position=2, title="Your confidence")
    more = SurveySectionFactory(version=version, position=3, title="More about you")
    role = SurveyQuestionFactory(
        section=about,
        position=1,
        text="What is your role?",
        options=options("Class teacher", "Maths lead", "Other"),
    )
    years = SurveyQuestionFactory(
        section=about,
        position=2,
        text="How many years have you taught?",
        kind=QuestionKind.NUMBER,
        options=[],
        min_value=0,
        max_value=50,
    )
    confident = SurveyQuestionFactory(
        section=confidence,
        position=1,
        text="I feel confident teaching fractions",
        kind=QuestionKind.LIKERT,
        options=[{"value": i, "label": label} for i, label in enumerate(AGREE, 1)],
        repeated=True,
        item_key="confidence-fractions",
    )
    tried = SurveyQuestionFactory(
        section=confidence,
        position=2,
        text="Which have you tried?",
        kind=QuestionKind.MULTIPLE,
        options=options("Bar models", "Number lines", "Manipulatives"),
        required=False,
    )
    other_role = SurveyQuestionFactory(
        section=more,
        position=1,
        text="What is your other role?",
        kind=QuestionKind.TEXT,
        options=[],
        condition_question=role,
        condition_operator=ConditionOperator.EQUALS,
        condition_value="other",
    )
    comments = SurveyQuestionFactory(
        section=more,
        position=2,
        text="Anything else?",
        kind=QuestionKind.TEXT,
        options=[],
        required=False,
    )
    return Questionnaire(
        version, about, confidence, more, role, years, confident, tried, other_role, comments
    )


def full_answers(q: Questionnaire) -> dict[SurveySection, dict[str, object]]:
    """Answers to every section, valid, with the role "Class teacher"."""
    return {
        q.about: {q.role.key: "class-teacher", q.years.key: "12"},
        q.confidence: {q.confident.key: "4", q.tried.key: ["bar-models"]},
        q.more: {q.comments.key: "Thank you"},
    }
