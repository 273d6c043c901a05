"""Writes to the LLME register: an LLME's elements of expertise and their development
programmes. Each checks that the user may change the LLME (`rules.can_edit_llme`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mathshubs.activities.models import (
    DevelopmentProgramme,
    DevelopmentProgrammeKind,
    Expertise,
    LLMEExpertise,
)
from mathshubs.activities.register.rules import EDIT_FORBIDDEN, can_edit_llme
from mathshubs.catalogue.models import NCPPhase
from mathshubs.dates import academic_year_bounds, academic_year_label
from mathshubs.directory.models import Hub, Person

# The first Mastery Specialists started in 2014/15; a start year before it is a typing error.
FIRST_PROGRAMME_YEAR = 2014
MASTERY_SPECIALIST_PHASES = (NCPPhase.PRIMARY, NCPPhase.SECONDARY, NCPPhase.POST_16)

EXPERTISE_UNKNOWN = "{elements} {verb} not an element of LLME expertise"
PROGRAMME_UNKNOWN = "Choose the development programme"
PHASE_UNKNOWN = "Choose the phase: primary, secondary or post-16"
PHASE_REQUIRED = "Choose the phase of the Mastery Specialist programme"
COHORT_TOO_LONG = "The cohort must be 40 characters or fewer"
STARTED_YEAR_OUT_OF_RANGE = "The year started must be between {first} and {last}"
COMPLETED_BEFORE_START = (
    "The date completed must be on or after the start of the year started, {date}"
)
COMPLETED_IN_FUTURE = "The date completed must be today or in the past"
ACCREDITED_WITHOUT_COMPLETED = (
    "Enter the date completed: a programme is accredited only once it is completed"
)
ACCREDITED_BEFORE_COMPLETED = "The date accredited must be on or after the date completed"
ACCREDITED_IN_FUTURE = "The date accredited must be today or in the past"
ALREADY_RECORDED = (
    "{person} already has the {programme} started in {year} recorded: change that one"
)


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _check_may_edit(by: Any, person: Person) -> None:
    if not can_edit_llme(by, person):
        raise PermissionDenied(EDIT_FORBIDDEN)


def llme_set_expertise(*, person: Person, elements: Collection[str], by: Any) -> list[str]:
    """Record the LLME's elements of expertise (2023/24 handbook, "Three elements of LLME
    expertise"): exactly `elements` afterwards. Returns them in the handbook's order."""
    _check_may_edit(by, person)
    wanted = set(elements)
    known = {e.value for e in Expertise}
    unknown = sorted(wanted - known)
    if unknown:
        verb = "is" if len(unknown) == 1 else "are"
        names = ", ".join(repr(e) for e in unknown)
        raise _invalid("elements", EXPERTISE_UNKNOWN.format(elements=names, verb=verb), "unknown")
    with transaction.atomic():
        # The person's row is the lock: two editors saving at once apply one after the other.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        LLMEExpertise.objects.filter(person=person).exclude(element__in=wanted).delete()
        held = set(LLMEExpertise.objects.filter(person=person).values_list("element", flat=True))
        LLMEExpertise.objects.bulk_create(
            [LLMEExpertise(person=person, element=e) for e in wanted - held]
        )
    return [e.value for e in Expertise if e.value in wanted]


def _today() -> dt.date:
    return timezone.localdate()


def _clean_programme(
    *,
    programme: str,
    phase: str,
    cohort: str,
    started_year: int,
    completed_on: dt.date | None,
    accredited_on: dt.date | None,
) -> None:
    """Every check on a development programme record, each keyed by its field."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if programme not in DevelopmentProgrammeKind.values:
        add("programme", PROGRAMME_UNKNOWN, "unknown")
    if phase and phase not in MASTERY_SPECIALIST_PHASES:
        add("phase", PHASE_UNKNOWN, "unknown")
    elif not phase and programme == DevelopmentProgrammeKind.MASTERY_SPECIALIST:
        add("phase", PHASE_REQUIRED, "required")
    if len(cohort) > 40:
        add("cohort", COHORT_TOO_LONG, "too_long")
    last = _today().year
    if not FIRST_PROGRAMME_YEAR <= started_year <= last:
        add(
            "started_year",
            STARTED_YEAR_OUT_OF_RANGE.format(first=FIRST_PROGRAMME_YEAR, last=last),
            "range",
        )
    start = academic_year_bounds(started_year)[0]
    if completed_on is not None:
        if completed_on < start:
            date = f"{start.day} {start:%B %Y}"
            add("completed_on", COMPLETED_BEFORE_START.format(date=date), "before_start")
        elif completed_on > _today():
            add("completed_on", COMPLETED_IN_FUTURE, "future")
    if accredited_on is not None:
        if completed_on is None:
            add("accredited_on", ACCREDITED_WITHOUT_COMPLETED, "not_completed")
        elif accredited_on < completed_on:
            add("accredited_on", ACCREDITED_BEFORE_COMPLETED, "before_completed")
        elif accredited_on > _today():
            add("accredited_on", ACCREDITED_IN_FUTURE, "future")
    if errors:
        raise ValidationError(errors)


def _already_recorded(person: Person, programme: str, started_year: int) -> ValidationError:
    message = ALREADY_RECORDED.format(
        person=person.full_name,
        programme=DevelopmentProgrammeKind(programme).label,
        year=academic_year_label(started_year),
    )
    return _invalid("programme", message, "duplicate")


def development_programme_record(
    *,
    person: Person,
    programme: str,
    phase: str,
    cohort: str,
    started_year: int,
    completed_on: dt.date | None = None,
    accredited_on: dt.date | None = None,
    hub: Hub | None = None,
    by: Any,
) -> DevelopmentProgramme:
    """Record that an LLME started a development programme (2023/24 handbook, "LLME
    development programmes"): Mastery Specialist (with its phase and cohort), NCETM PD
    Lead or School Development Lead; completed and accredited dates when known. A
    programme is completed no earlier than the start of the year it started, and
    accredited only once completed. `hub` is the hub the start counts for."""
    _check_may_edit(by, person)
    cohort = (cohort or "").strip()
    _clean_programme(
        programme=programme,
        phase=phase,
        cohort=cohort,
        started_year=started_year,
        completed_on=completed_on,
        accredited_on=accredited_on,
    )
    try:
        with transaction.atomic():
            return DevelopmentProgramme.objects.create(
                person=person,
                programme=programme,
                phase=phase,
                cohort=cohort,
                hub=hub,
                started_year=started_year,
                completed_on=completed_on,
                accredited_on=accredited_on,
            )
    except IntegrityError as exc:
        raise _already_recorded(person, programme, started_year) from exc


def development_programme_update(
    *,
    record: DevelopmentProgramme,
    programme: str,
    phase: str,
    cohort: str,
    started_year: int,
    completed_on: dt.date | None = None,
    accredited_on: dt.date | None = None,
    by: Any,
) -> DevelopmentProgramme:
    """Change a development programme record: the same checks as recording one. Its hub
    stays the one it was recorded for."""
    _check_may_edit(by, record.person)
    cohort = (cohort or "").strip()
    _clean_programme(
        programme=programme,
        phase=phase,
        cohort=cohort,
        started_year=started_year,
        completed_on=completed_on,
        accredited_on=accredited_on,
    )
    try:
        with transaction.atomic():
            locked = DevelopmentProgramme.objects.select_for_update().get(pk=record.pk)
            locked.programme, locked.phase, locked.cohort = programme, phase, cohort
            locked.started_year = started_year
            locked.completed_on, locked.accredited_on = completed_on, accredited_on
            locked.save()
    except IntegrityError as exc:
        raise _already_recorded(record.person, programme, started_year) from exc
    return locked
