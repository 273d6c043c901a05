"""Running a survey: a published version for an academic year, an audience, one NCP or
every activity of the year, between an open and a close date (the national team's).

The autumn and summer participant surveys of one year and NCP (or of every activity)
share a series, so their answers can be matched; the LLME survey has its own. Both
surveys of a series are pseudonymous, or both identified: matching needs the same link.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mathshubs.catalogue.models import NCP
from mathshubs.dates import academic_year_label
from mathshubs.directory.rules import person_of
from mathshubs.evaluation.surveys.models import (
    Audience,
    SeriesGroup,
    Survey,
    SurveySeries,
    TemplateVersion,
    VersionStatus,
)
from mathshubs.evaluation.surveys.pseudonyms import series_secret_new
from mathshubs.evaluation.surveys.rules import survey_is_open
from mathshubs.evaluation.surveys.selectors import must_build

VERSION_NOT_PUBLISHED = "Choose a published version: a draft can still change"
AUDIENCE_REQUIRED = "Choose who the survey is for"
NCP_OTHER_YEAR = "{code} is a project of {label}: choose a project of {year}, or every activity"
CLOSES_BEFORE_OPENS = "The close date must be the same as or after the open date"
DATES_OUTSIDE_YEAR = (
    "The survey must open and close between 1 August {start} and 31 August {end}, around "
    "its academic year"
)
SURVEY_EXISTS = "There is already an {audience} for {scope} in {year}: “{title}”"
SERIES_MIXED = (
    "The {other} of this series is {kind}: make this survey {kind} too, so the answers can "
    "be matched"
)
TITLE_TOO_LONG = "The title must be 255 characters or fewer"


def _series(year: int, ncp: NCP | None, group: str) -> SurveySeries:
    found = SurveySeries.objects.filter(academic_year=year, ncp=ncp, group=group).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return SurveySeries.objects.create(
                academic_year=year, ncp=ncp, group=group, secret=series_secret_new()
            )
    except IntegrityError:  # made by a simultaneous request
        return SurveySeries.objects.get(academic_year=year, ncp=ncp, group=group)


def survey_create(
    *,
    by: Any,
    version: TemplateVersion,
    audience: str,
    academic_year: int,
    ncp: NCP | None,
    opens_on: dt.date,
    closes_on: dt.date,
    pseudonymous: bool,
    title: str = "",
    now: dt.datetime | None = None,
) -> Survey:
    """Run `version` (published) for an audience in an academic year, for one NCP of that
    year or (None) every activity of it. The people in it get an emailed link when it
    opens (tasks.invitations_send_due; at once if it is open already)."""
    must_build(by)
    errors: dict[str, str] = {}
    if version.status != VersionStatus.PUBLISHED:
        errors["version"] = VERSION_NOT_PUBLISHED
    if audience not in Audience.values:
        errors["audience"] = AUDIENCE_REQUIRED
    if ncp is not None and ncp.year.start_year != academic_year:
        errors["ncp"] = NCP_OTHER_YEAR.format(
            code=ncp.code,
            label=academic_year_label(ncp.year.start_year),
            year=academic_year_label(academic_year),
        )
    if closes_on < opens_on:
        errors["closes_on"] = CLOSES_BEFORE_OPENS
    first, last = dt.date(academic_year, 8, 1), dt.date(academic_year + 1, 8, 31)
    if not (first <= opens_on and closes_on <= last) and "closes_on" not in errors:
        errors["opens_on"] = DATES_OUTSIDE_YEAR.format(start=first.year, end=last.year)
    title = (title or "").strip() or version.template.title
    if len(title) > 255:
        errors["title"] = TITLE_TOO_LONG
    if errors:
        raise ValidationError(errors)
    group = SeriesGroup.LLMES if audience == Audience.LLME else SeriesGroup.PARTICIPANTS
    with transaction.atomic():
        series = SurveySeries.objects.select_for_update().get(
            pk=_series(academic_year, ncp, group).pk
        )
        _fits_series(series, audience, pseudonymous, ncp, academic_year)
        survey = Survey.objects.create(
            version=version,
            series=series,
            audience=audience,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            pseudonymous=pseudonymous,
            created_by=person_of(by),
        )
        if survey_is_open(survey, now or timezone.now()):
            _notify_open(survey)
    return survey


def _fits_series(
    series: SurveySeries, audience: str, pseudonymous: bool, ncp: NCP | None, year: int
) -> None:
    labels = dict(Audience.choices)
    for other in series.surveys.all():
        if other.audience == audience:
            scope = ncp.code if ncp is not None else "every activity"
            raise ValidationError(
                {
                    "audience": SURVEY_EXISTS.format(
                        audience=labels[audience].lower().replace("llme", "LLME"),
                        scope=scope,
                        year=academic_year_label(year),
                        title=other.title,
                    )
                }
            )
        if other.pseudonymous != pseudonymous:
            kind = "pseudonymous" if other.pseudonymous else "identified"
            raise ValidationError(
                {"pseudonymous": SERIES_MIXED.format(other=labels[other.audience], kind=kind)}
            )


def _notify_open(survey: Survey) -> None:
    from mathshubs.evaluation.surveys.tasks import invitations_send

    survey_id = survey.pk
    transaction.on_commit(lambda: invitations_send.enqueue(survey_id=survey_id))
