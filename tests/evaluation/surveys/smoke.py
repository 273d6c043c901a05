"""Smoke-test samples for the surveys' URLs (merged into tests/access/samples.py).

The answering pages get a survey of Pat's activity open today (whatever the real date);
the builder pages a draft version, so its edit pages render."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mathshubs.evaluation.surveys.models import Survey, TemplateVersion, VersionStatus
from tests.evaluation.surveys import factories as sf


def _open(c) -> Survey:
    today = timezone.localdate()
    q = sf.questionnaire()
    return sf.SurveyFactory(
        version=q.version,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=10),
    )


def _answering(c, *more):
    survey = _open(c)
    section = survey.version.sections.order_by("position").first()
    extra = [section.pk] if more else []
    return [survey.pk, c.activity.pk, *extra]


def _draft() -> TemplateVersion:
    return sf.questionnaire(
        sf.TemplateVersionFactory(status=VersionStatus.DRAFT, published_at=None)
    ).version


def _section():
    return _draft().sections.order_by("position").last().pk


def _question():
    return _draft().sections.order_by("position").last().questions.first().pk


SAMPLES = {
    "evaluation:survey_start": lambda c: (_answering(c), ""),
    "evaluation:survey_section": lambda c: (_answering(c, "section"), ""),
    "evaluation:survey_check": lambda c: (_answering(c), ""),
    "evaluation:survey_version": lambda c: ([_draft().pk], ""),
    "evaluation:survey_version_publish": lambda c: ([_draft().pk], ""),
    "evaluation:survey_version_new": lambda c: ([sf.questionnaire().version.pk], ""),
    "evaluation:survey_section_add": lambda c: ([_draft().pk], ""),
    "evaluation:survey_section_edit": lambda c: ([_section()], ""),
    "evaluation:survey_section_delete": lambda c: ([_section()], ""),
    "evaluation:survey_section_move": lambda c: ([_section()], ""),
    "evaluation:survey_question_add": lambda c: ([_section()], ""),
    "evaluation:survey_question_edit": lambda c: ([_question()], ""),
    "evaluation:survey_question_delete": lambda c: ([_question()], ""),
    "evaluation:survey_question_move": lambda c: ([_question()], ""),
    "api:surveys_detail": lambda c: (_answering(c), ""),
    "api:surveys_section_save": lambda c: (_answering(c, "section"), ""),
    "api:surveys_submit": lambda c: (_answering(c), ""),
}
